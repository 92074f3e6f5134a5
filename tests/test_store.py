"""The DuckDB store: schema, upserts, round trips, locking, schema versions."""

from __future__ import annotations

import string
from datetime import date, datetime

import duckdb
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from tidings.errors import SchemaVersionError, StoreError, StoreLockedError
from tidings.store import SCHEMA_VERSION, open_store
from tidings.store.filters import Scope
from tidings.store.queries import EventFilter, QuoteFilter, list_events, list_quotes, load_article
from tidings.types import Actor, Article, Event, Place, Quote, Records, Result, Skip, TimeRef

ARTICLE_ID = "a" * 16
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
codes = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=9)
offsets = st.integers(min_value=0, max_value=10_000)
maybe = lambda s: st.none() | s  # noqa: E731


def _article(**fields) -> Article:
    return Article(id=fields.pop("id", ARTICLE_ID), text=fields.pop("text", "Xi met Kim."), **fields)


actors = st.builds(Actor, article_id=st.just(ARTICLE_ID), start=offsets, end=offsets, text=texts,
                   code=maybe(codes), name=maybe(texts), country=maybe(codes), kind=maybe(texts),
                   entry=maybe(texts), rule=texts)
events = st.builds(
    Event, article_id=st.just(ARTICLE_ID), start=offsets, end=offsets, cameo=st.sampled_from(["042", "0311", "19"]),
    root=st.sampled_from(["04", "03", "19"]), quad_class=st.integers(1, 4),
    goldstein=st.floats(-10, 10, allow_nan=False), plover_type=maybe(codes), plover_mode=maybe(texts),
    source=st.lists(codes, max_size=3).map(tuple), target=st.lists(codes, max_size=3).map(tuple),
    source_text=maybe(texts), target_text=maybe(texts),
    polarity=st.sampled_from(["asserted", "negated"]),
    status=st.sampled_from(["realized", "future", "hypothetical", "reported"]),
    date=maybe(st.sampled_from(["2019-06-20", "2019-06", "2019"])), date_is_publication=st.booleans(),
    place=maybe(texts), place_id=maybe(texts), trigger_start=offsets, trigger_end=offsets, trigger=texts,
    confidence=st.floats(0, 1), rule=texts,
)
quotes = st.builds(Quote, article_id=st.just(ARTICLE_ID), start=offsets, end=offsets, text=texts,
                   kind=st.sampled_from(["direct", "partial", "indirect"]), speaker=maybe(texts),
                   speaker_start=maybe(offsets), speaker_end=maybe(offsets), speaker_code=maybe(codes),
                   cue=maybe(texts))
times = st.builds(TimeRef, article_id=st.just(ARTICLE_ID), start=offsets, end=offsets, text=texts,
                  value=maybe(texts), granularity=texts, rule=texts)
places = st.builds(Place, article_id=st.just(ARTICLE_ID), start=offsets, end=offsets, text=texts,
                   geo_id=maybe(texts), name=maybe(texts), country=maybe(codes),
                   lat=maybe(st.floats(-90, 90)), lon=maybe(st.floats(-180, 180)), feature=maybe(texts))
published = st.none() | st.dates() | st.datetimes()


def _unique(items: list) -> tuple:
    return tuple({item.id: item for item in items}.values())


@hsettings(max_examples=40, deadline=None)
@given(
    text=texts.filter(str.strip), title=maybe(texts), url=maybe(texts), when=published,
    a=st.lists(actors, max_size=4), e=st.lists(events, max_size=4), q=st.lists(quotes, max_size=3),
    t=st.lists(times, max_size=3), p=st.lists(places, max_size=3),
)
def test_records_round_trip_exactly(text, title, url, when, a, e, q, t, p) -> None:
    article = _article(text=text, title=title, url=url, published=when, source="Wire")
    records = Records(actors=_unique(a), events=_unique(e), quotes=_unique(q), times=_unique(t), places=_unique(p))
    with open_store(":memory:") as store:
        store.write([Result(article, records)], [], "run")
        back = load_article(store, ARTICLE_ID)
    assert back.article == article
    for kind in records.counts():
        assert sorted(getattr(back.records, kind), key=lambda r: r.id) == sorted(getattr(records, kind), key=lambda r: r.id)


def _result(article_id: str = ARTICLE_ID) -> Result:
    event = Event(article_id=article_id, start=0, end=11, cameo="042", root="04", quad_class=1, goldstein=1.9,
                  plover_type="CONSULT", plover_mode="visit", source=("CHNGOV",), target=("PRKGOV",),
                  date="2019-06-20", trigger="met", trigger_start=3, trigger_end=6, confidence=0.9, rule="test")
    quote = Quote(article_id=article_id, start=0, end=5, text="Xi met", kind="indirect", speaker="Lu Kang",
                  speaker_code="CHNGOV", cue="said")
    return Result(_article(id=article_id, published=date(2019, 6, 20)), Records(events=(event,), quotes=(quote,)))


def test_rewriting_the_same_records_changes_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write([_result()], [Skip("bad.bin", "binary file")], "r1")
        first = store.counts()
        store.write([_result()], [Skip("bad.bin", "binary file")], "r2")
        assert store.counts() == first
        assert first["events"] == 1 and first["articles"] == 1 and first["skipped"] == 1


def test_known_articles_and_forget(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write([_result("b" * 16)], [], "r")
        assert store.known_articles(["b" * 16, "c" * 16]) == {"b" * 16}
        store.forget(["b" * 16])
        assert store.known_articles(["b" * 16]) == set()
        assert store.counts()["events"] == 0


def test_filters_find_events_and_quotes(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write([_result()], [], "r")
        assert len(list_events(store, EventFilter(Scope(actor="CHN")))) == 1
        assert list_events(store, EventFilter(Scope(actor="USA"))) == []
        assert len(list_events(store, EventFilter(Scope(code="04", since="2019-06-01", until="2019-06-30")))) == 1
        assert list_events(store, EventFilter(Scope(status=("future",)))) == []
        assert len(list_events(store, EventFilter(text="met kim"))) == 1
        rows = list_events(store, EventFilter(Scope(country="prk")))
        assert rows[0]["sentence"] == "Xi met Kim."
        assert len(list_quotes(store, QuoteFilter(actor="CHN", speaker="kang"))) == 1
        assert list_quotes(store, QuoteFilter(text="sanction")) == []


def test_prefix_lookup_and_missing_article(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write([_result()], [], "r")
        assert load_article(store, "aaaa").article.id == ARTICLE_ID
        with pytest.raises(StoreError, match="no article"):
            load_article(store, "zzzz")


def test_second_writer_gets_a_clear_error(tmp_path) -> None:
    import multiprocessing

    path = str(tmp_path / "locked.duckdb")
    open_store(path).close()
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_store, args=(path, ready, done))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreLockedError, match="one writer"):
            open_store(path)
    finally:
        done.set()
        holder.join(30)


def _hold_store(path: str, ready, done) -> None:
    store = open_store(path)
    ready.set()
    done.wait(30)
    store.close()


def test_newer_schema_is_refused_and_foreign_files_untouched(tmp_path) -> None:
    path = str(tmp_path / "new.duckdb")
    open_store(path).close()
    con = duckdb.connect(path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(SchemaVersionError, match="newer tidings"):
        open_store(path)
    other = str(tmp_path / "other.duckdb")
    con = duckdb.connect(other)
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(SchemaVersionError, match="refusing"):
        open_store(other)


def test_read_only_store_must_exist(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(str(tmp_path / "missing.duckdb"), read_only=True)


def test_published_datetime_kept_apart_from_date(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write([Result(_article(published=datetime(2019, 6, 20, 8, 30)), Records())], [], "r")
        assert load_article(store, ARTICLE_ID).article.published == datetime(2019, 6, 20, 8, 30)


@pytest.mark.postgres
def test_records_round_trip_on_postgres(pg_url: str) -> None:
    article = _article(published=date(2019, 6, 20), title="T")
    records = _result().records
    with open_store(pg_url) as store:
        store.write([Result(article, records)], [], "r")
        back = load_article(store, ARTICLE_ID)
    assert back.article == article and back.records == records


@pytest.mark.postgres
def test_concurrent_postgres_writers_lose_nothing(pg_url: str) -> None:
    import multiprocessing

    open_store(pg_url).close()
    ctx = multiprocessing.get_context("spawn")
    # four writers, overlapping halves of the same 40 articles
    ranges = [(0, 20), (10, 30), (20, 40), (0, 40)]
    writers = [ctx.Process(target=_write_range, args=(pg_url, lo, hi)) for lo, hi in ranges]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert [w.exitcode for w in writers] == [0, 0, 0, 0]
    with open_store(pg_url) as store:
        counts = store.counts()
    assert counts["articles"] == 40 and counts["events"] == 40 and counts["quotes"] == 40


def _write_range(url: str, lo: int, hi: int) -> None:
    with open_store(url) as store:
        for i in range(lo, hi):
            store.write([_result(f"{i:016x}")], [], f"run{lo}")
