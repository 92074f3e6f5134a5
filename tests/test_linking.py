"""Events across articles: one visit reported several ways becomes one linked event, near
misses stay apart, linking is idempotent and incremental, and version-1 stores upgrade."""

from __future__ import annotations

import pytest

from tidings.store import SCHEMA_VERSION, open_store
from tidings.store.linking import cluster, link_events, link_key, unlinked_count


def _linked(store) -> dict[str, dict]:
    return {row["key"] + "@" + str(row["date"]): row for row in store.query("SELECT * FROM linked_events")}


def _visit(store) -> dict:
    rows = store.query("SELECT * FROM linked_events WHERE key = ? AND place = ?",
                       [link_key("04", ["CHNGOV"], ["PRKGOV"], "asserted", "realized"), "Pyongyang"])
    assert len(rows) == 1
    return rows[0]


def test_one_visit_reported_four_ways_is_one_event(store_url: str, reports: list) -> None:
    with open_store(store_url) as store:
        store.write(reports, [], "r")
        summary = link_events(store)
        assert summary.mentions == 9
        visit = _visit(store)
        assert (visit["mentions"], visit["articles"], visit["sources"]) == (4, 3, 3)
        assert visit["cameo"] == "042" and visit["quad_class"] == 1 and visit["goldstein"] == 1.9
        assert (visit["date"], visit["last_date"]) == ("2019-06-20", "2019-06-21")
        assert visit["place_geo_id"] == "geonames:1871859"  # the city, more precise than the country
        assert visit["url"].endswith("b" * 16)  # the first article to report it
        assert visit["is_root"] is True and list(visit["source"]) == ["CHNGOV"]
        mentions = store.query("SELECT * FROM event_mentions WHERE linked_event_id = ? ORDER BY article_id, start",
                               [visit["id"]])
        assert [m["article_id"][0] for m in mentions] == ["a", "a", "b", "c"]
        assert all(m["end"] > m["start"] and m["confidence"] == 0.8 for m in mentions)
        assert unlinked_count(store) == 0


def test_near_misses_stay_apart(store_url: str, reports: list) -> None:
    with open_store(store_url) as store:
        store.write(reports, [], "r")
        link_events(store)
        rows = store.query("SELECT key, date, place, mentions, status, polarity FROM linked_events ORDER BY key, date")
    # the visit, the same day in Beijing, a week later, a future visit, a negated meeting, another dyad
    assert len(rows) == 6
    assert sum(r["mentions"] for r in rows) == 9
    singles = {(r["date"], r["place"], r["status"], r["polarity"]) for r in rows if r["mentions"] == 1}
    assert ("2019-06-20", "Beijing", "realized", "asserted") in singles
    assert ("2019-06-27", None, "realized", "asserted") in singles
    assert ("2019-06-28", "Beijing", "future", "asserted") in singles  # month date: publication day
    assert ("2019-06-28", None, "realized", "negated") in singles


def test_linking_is_idempotent_and_incremental_equals_full(store_url: str, reports: list) -> None:
    with open_store(store_url) as store:
        store.write(reports[:2], [], "r1")
        link_events(store)
        store.write(reports[2:], [], "r2")
        link_events(store)
        incremental = _linked(store)
        again = link_events(store)
        assert again.mentions == 0 and _linked(store) == incremental
        link_events(store, full=True)
        assert _linked(store) == incremental
        assert store.counts()["event_mentions"] == 9


def test_forgotten_articles_leave_their_events(store_url: str, reports: list) -> None:
    with open_store(store_url) as store:
        store.write(reports, [], "r")
        link_events(store)
        store.forget(["c" * 16])
        link_events(store)
        visit = _visit(store)
        assert (visit["mentions"], visit["articles"], visit["last_date"]) == (3, 2, "2019-06-20")
        assert store.counts()["event_mentions"] == 8


def _row(day: str | None, geo: str | None = None, country: str | None = None, feature: str | None = None,
         article: str = "x", start: int = 0) -> dict:
    return {"id": f"{article}{start}{day}{geo}", "article_id": article, "start": start, "date": day,
            "published": None, "source": ["A"], "target": ["B"], "geo_id": geo, "place_name": geo,
            "place_country": country, "place_feature": feature, "lat": None, "lon": None}


@pytest.mark.parametrize(("rows", "sizes"), [
    ([_row("2020-01-01"), _row("2020-01-02", article="y"), _row("2020-01-03", article="z")], [2, 1]),  # anchored, no chaining
    ([_row("2020-01-01"), _row("2020-01-01", article="y")], [2]),
    ([_row("2020-01-01", "g:1", "FRA", "city"), _row("2020-01-01", "g:2", "FRA", "city", article="y")], [1, 1]),
    ([_row("2020-01-01", "g:1", "FRA", "city"), _row("2020-01-01", "country:FRA", "FRA", "country", article="y")], [2]),
    ([_row("2020-01-01", "g:1", "FRA", "city"), _row("2020-01-01", "country:DEU", "DEU", "country", article="y")], [1, 1]),
    ([_row("2020-01-01", "g:1", "FRA", "city"), _row("2020-01-01", article="y")], [2]),
    ([_row(None), _row(None, article="y")], [1, 1]),  # no day: never linked
    ([_row("2020-01"), _row("2020-01-01", article="y")], [1, 1]),  # a month is no day
])
def test_cluster_rule(rows: list[dict], sizes: list[int]) -> None:
    assert [len(c.rows) for c in cluster(rows)] == sizes


def test_compound_actors_compare_as_sets() -> None:
    assert link_key("04", ["RUSGOV", "CHNGOV"], ["USA"], "asserted", "reported") == \
        link_key("04", ["CHNGOV", "RUSGOV"], ["USA"], None, "realized")
    assert link_key("04", ["CHN"], ["USA"], "asserted", "future") != link_key("04", ["CHN"], ["USA"], "asserted", "realized")


def test_version_1_store_is_upgraded_in_place(store_url: str, reports: list) -> None:
    with open_store(store_url) as store:
        store.write(reports, [], "r")
        for table in ("linked_events", "event_mentions"):
            store.query(f"DROP TABLE {table}")
        store.query("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(Exception, match="schema version 1"):
        open_store(store_url, read_only=True)
    with open_store(store_url) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == str(SCHEMA_VERSION)
        assert store.counts()["events"] == 9 and unlinked_count(store) == 9
        link_events(store)
        assert _visit(store)["mentions"] == 4


@pytest.mark.postgres
def test_concurrent_postgres_linkers_agree_with_one_full_link(pg_url: str, reports: list) -> None:
    import multiprocessing

    open_store(pg_url).close()
    ctx = multiprocessing.get_context("spawn")
    # three writers, overlapping slices of the reports, each linking after every article
    slices = [(0, 4), (2, 6), (1, 5)]
    writers = [ctx.Process(target=_write_and_link, args=(pg_url, reports[lo:hi])) for lo, hi in slices]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0, 0]
    with open_store(pg_url) as store:
        concurrent = _linked(store)
        link_events(store, full=True)
        assert _linked(store) == concurrent
        assert store.counts()["event_mentions"] == 9 and _visit(store)["mentions"] == 4


def _write_and_link(url: str, results: list) -> None:
    with open_store(url) as store:
        for result in results:
            store.write([result], [], "r")
            link_events(store)
