"""The JSON API: filters, pages, sorting, one error shape, read-only by default, escaping,
CORS off, and every route documented (in OpenAPI and in the README)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.api import create_app
from tidings.config import Settings
from tidings.errors import ConfigError, StoreError
from tidings.store import open_store
from tidings.store.linking import link_events
from tidings.types import Actor, Article, Event, Place, Quote, Records, Result, TimeRef

UNTRUSTED_ID = "9" * 16
UNTRUSTED_TEXT = (
    'The Ruritanian minister said "<script>alert(1)</script> we reject the plan" on Monday. '
    "Ruritania condemned Freedonia & its allies in Genova."
)


def _untrusted() -> Result:
    """An article whose text carries markup: the API must return it as data, escaped."""
    text, aid = UNTRUSTED_TEXT, UNTRUSTED_ID
    s1_end = text.index(" Ruritania condemned")
    s2 = text.index("Ruritania condemned")
    q_start = text.index("<script>")
    q_end = text.index('"', q_start)
    minister = text.index("Ruritanian minister")
    place_at = text.index("Genova")
    place = Place(aid, place_at, place_at + 6, "Genova", geo_id="test:genova", name="Genova", country="RUR",
                  lat=44.4, lon=8.9, feature="city")
    return Result(
        Article(id=aid, text=text, title="<b>Ruritania</b> & Freedonia", url="https://example.org/r",
                source="Test Wire", published=None),
        Records(
            actors=(Actor(aid, minister, minister + 19, "Ruritanian minister", "RURGOV", name="<i>Minister</i>",
                          country="RUR", kind="person"),),
            quotes=(Quote(aid, q_start, q_end, text[q_start:q_end], "direct", speaker="Ruritanian minister",
                          speaker_start=minister, speaker_end=minister + 19, speaker_code="RURGOV", cue="said"),),
            times=(TimeRef(aid, text.index("Monday"), text.index("Monday") + 6, "Monday", None, "day"),),
            places=(place,),
            events=(Event(aid, s2, len(text), "111", "11", 3, -2.0, "ACCUSE", None, source=("RURGOV",),
                          target=("FRDMIL",), date="2021-03-01", place="Genova", place_id=place.id,
                          trigger_start=s2 + 10, trigger_end=s2 + 19, trigger="condemned", confidence=0.7),
                    Event(aid, 0, s1_end, "012", "01", 1, -0.1, "DISAPPROVE", None, source=("RURGOV",),
                          target=(), date=None, trigger_start=0, trigger_end=3, trigger="The",
                          confidence=0.55)),
        ),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, reports: list) -> str:
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    with open_store(path) as store:
        store.write([*reports, _untrusted()], [], "run")
        link_events(store)
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=db))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _ids(client: TestClient, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return {item["article_id"] for item in response.json()["items"]}


@pytest.mark.parametrize("query, articles", [
    ("", {"a" * 16, "b" * 16, "c" * 16, "d" * 16, "e" * 16, "f" * 16, UNTRUSTED_ID}),
    ("actor=PRK", {"a" * 16, "b" * 16, "c" * 16, "d" * 16, "e" * 16, "f" * 16}),
    ("actor=USA", {"f" * 16}),
    ("country=rur", {UNTRUSTED_ID}),
    ("sector=MIL", {UNTRUSTED_ID}),
    ("sector=GOV&actor=PRK", {"a" * 16, "b" * 16, "c" * 16, "d" * 16, "e" * 16}),
    ("code=11", {"f" * 16, UNTRUSTED_ID}),
    ("code=112", {"f" * 16}),
    ("root=11", {"f" * 16, UNTRUSTED_ID}),
    ("quad_class=3", {"f" * 16, UNTRUSTED_ID}),
    ("plover=accuse", {"f" * 16, UNTRUSTED_ID}),
    ("status=future", {"d" * 16}),
    ("status=future&status=reported", {"d" * 16}),
    ("polarity=negated", {"d" * 16}),
    ("since=2019-06-27", {"d" * 16, UNTRUSTED_ID}),
    ("since=2019-06-21&until=2019-06-27", {"c" * 16, "d" * 16}),
    ("q=PYONGYANG", {"a" * 16, "c" * 16}),
    ("q=100%25", set()),  # % is a character to find, not a wildcard
    ("q=<script>", {UNTRUSTED_ID}),
    ("actor=PRK&code=042&since=2019-06-21", {"c" * 16, "d" * 16}),
])
def test_event_filters(client: TestClient, query: str, articles: set[str]) -> None:
    assert _ids(client, f"/api/events?{query}&limit=500") == articles


def test_events_carry_their_sentence_and_article(client: TestClient, reports: list) -> None:
    body = client.get("/api/events?polarity=negated").json()
    assert body["total"] == 1
    event = body["items"][0]
    assert event["sentence"] == "Xi Jinping did not meet Kim Jong Un's sister."
    assert event["source"] == ["CHNGOV"] and event["target"] == ["PRKGOV"]
    text = next(r.article.text for r in reports if r.article.id == event["article_id"])
    assert text[event["start"]:event["end"]] == event["sentence"]
    one = client.get(f"/api/events/{event['id']}").json()
    assert one["id"] == event["id"] and one["trigger"] == "meet"
    assert text[one["trigger_start"]:one["trigger_end"]] == "meet"


def test_pages_are_disjoint_and_total_is_stable(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    seen = []
    for offset in range(0, total, 3):
        body = client.get(f"/api/events?limit=3&offset={offset}&sort=date").json()
        assert body["total"] == total and body["limit"] == 3 and body["offset"] == offset
        seen += [e["id"] for e in body["items"]]
    assert len(seen) == len(set(seen)) == total
    assert client.get(f"/api/events?offset={total + 5}").json()["items"] == []


@pytest.mark.parametrize("url", [
    "/api/events?limit=0", "/api/events?limit=501", "/api/events?offset=-1", "/api/events?offset=100001",
    "/api/articles?limit=10000", "/api/quotes?limit=0", "/api/events?sort=id", "/api/events?status=maybe",
    "/api/events?since=yesterday", "/api/events?actor=CHN;DROP", "/api/events?quad_class=5",
    "/api/dyads?a=USA", "/api/network?limit=0", "/api/places?limit=100000", "/api/export?format=xml",
])
def test_out_of_bounds_requests_are_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["error"]["details"]


@pytest.mark.parametrize("sort, key, descending", [
    ("goldstein", "goldstein", False), ("-goldstein", "goldstein", True),
    ("confidence", "confidence", False), ("-cameo", "cameo", True),
])
def test_event_sorting(client: TestClient, sort: str, key: str, descending: bool) -> None:
    values = [e[key] for e in client.get(f"/api/events?sort={sort}&limit=500").json()["items"]]
    assert len(values) > 3
    assert values == sorted(values, reverse=descending)


def test_events_newest_first_by_default(client: TestClient) -> None:
    dates = [e["date"] for e in client.get("/api/events").json()["items"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[-1] is None  # undated last


def test_article_detail_has_every_record_with_spans(client: TestClient) -> None:
    body = client.get(f"/api/articles/{UNTRUSTED_ID[:6]}").json()
    text = body["article"]["text"]
    assert body["article"]["id"] == UNTRUSTED_ID and text == UNTRUSTED_TEXT
    records = body["records"]
    assert {k: len(v) for k, v in records.items()} == {"events": 2, "actors": 1, "quotes": 1, "times": 1, "places": 1}
    for kind in ("actors", "quotes", "times", "places"):
        for record in records[kind]:
            assert text[record["start"]:record["end"]] == record["text"]
    quote = records["quotes"][0]
    assert text[quote["speaker_start"]:quote["speaker_end"]] == "Ruritanian minister"
    assert {e["cameo"] for e in records["events"]} == {"111", "012"}


def test_article_list_search_and_sort(client: TestClient) -> None:
    body = client.get("/api/articles?q=pyongyang").json()
    assert {a["id"] for a in body["items"]} == {"a" * 16, "c" * 16}
    newest = client.get("/api/articles").json()["items"]
    assert newest[0]["published"] == "2019-06-28" and newest[-1]["published"] is None
    by_events = client.get("/api/articles?sort=-events").json()["items"]
    assert by_events[0]["id"] == "d" * 16 and by_events[0]["events"] == 3
    assert {a["id"] for a in client.get("/api/articles?source=wire%20one").json()["items"]} == {"a" * 16, "d" * 16}


def test_ambiguous_article_prefix_is_400_and_unknown_is_404(client: TestClient, tmp_path: Path) -> None:
    assert client.get("/api/articles/" + "a" * 16).status_code == 200
    assert client.get("/api/articles/abcd").status_code == 404
    assert client.get("/api/articles/" + "a" * 17).status_code == 404
    with open_store(":memory:") as store:
        store.write([Result(Article(id=f"abcd{n}", text="Some text."), Records()) for n in (1, 2)], [], "run")
        two = TestClient(create_app(Settings(), store=store), raise_server_exceptions=False)
        _assert_error_shape(two.get("/api/articles/abcd"), 400)
        assert two.get("/api/articles/abcd2").json()["article"]["id"] == "abcd2"


def test_actors_and_actor_detail(client: TestClient) -> None:
    listed = client.get("/api/actors").json()
    assert listed["items"] == [{"code": "RURGOV", "name": "<i>Minister</i>", "country": "RUR", "kind": "person",
                                "mentions": 1, "articles": 1}]
    detail = client.get("/api/actors/chngov?by=month").json()
    assert detail["actor"]["code"] == "CHNGOV" and detail["actor"]["mentions"] == 0
    series = {row["period"]: row for row in detail["series"]}
    assert (series["2019-06"]["events"], series["2019-06"]["as_source"], series["2019-06"]["as_target"]) == (7, 7, 0)
    assert series["2019-07"]["as_target"] == 1
    assert detail["partners"][0]["code"] == "PRKGOV"
    assert len(detail["events"]) == 8
    assert client.get("/api/actors/ZZZ").status_code == 404


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyads?a=CHN&b=PRK&by=month").json()
    months = {row["period"]: row for row in body["series"]}
    assert months["2019-06"]["a_to_b"] == 7 and months["2019-06"]["b_to_a"] == 0
    assert months["2019-07"]["b_to_a"] == 1
    one_way = client.get("/api/dyads?a=CHN&b=PRK&direction=ba").json()["series"]
    assert [row["period"] for row in one_way] == ["2019-07"]


def test_network(client: TestClient) -> None:
    body = client.get("/api/network?level=country").json()
    edges = {(e["source"], e["target"]): e["events"] for e in body["edges"]}
    assert edges[("CHN", "PRK")] == 7 and edges[("PRK", "USA")] == 1 and edges[("RUR", "FRD")] == 1
    assert {n["code"] for n in body["nodes"]} == {"CHN", "PRK", "USA", "RUR", "FRD"}
    assert len(client.get("/api/network?limit=1").json()["edges"]) == 1


def test_quotes(client: TestClient) -> None:
    body = client.get("/api/quotes?actor=RUR&q=reject").json()
    assert body["total"] == 1 and body["items"][0]["speaker"] == "Ruritanian minister"
    assert client.get("/api/quotes?speaker=nobody").json()["total"] == 0
    speakers = client.get("/api/quotes/speakers").json()["items"]
    assert speakers[0]["code"] == "RURGOV" and speakers[0]["direct"] == 1


def test_places_geojson(client: TestClient) -> None:
    response = client.get("/api/places")
    assert response.headers["content-type"].startswith("application/geo+json")
    features = {f["properties"]["geo_id"]: f for f in response.json()["features"]}
    pyongyang = features["geonames:1871859"]
    assert pyongyang["geometry"] == {"type": "Point", "coordinates": [125.75, 39.03]}
    assert pyongyang["properties"]["mentions"] == 2 and pyongyang["properties"]["events"] == 2
    assert set(f["properties"]["country"] for f in client.get("/api/places?country=RUR").json()["features"]) == {"RUR"}


@pytest.mark.parametrize("query, lines, starts", [
    ("format=jsonl&actor=USA", 1, '{"article_id": "ffff'),
    ("format=csv&table=places", 7, "article_id,start,end,text,geo_id"),
    ("format=gdelt&actor=CHN", None, ""),
    ("format=polecat", None, "{"),
])
def test_export_streams(client: TestClient, query: str, lines: int | None, starts: str) -> None:
    response = client.get(f"/api/export?{query}")
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    body = response.text.splitlines()
    assert body and body[0].startswith(starts)
    if lines is not None:
        assert len(body) == lines
    if "gdelt" in query:
        assert all(len(line.split("\t")) == 61 for line in body)


def test_export_refuses_event_filters_on_other_tables(client: TestClient) -> None:
    response = client.get("/api/export?format=csv&table=places&actor=CHN")
    assert response.status_code == 400 and "event filters" in response.json()["error"]["message"]


def _assert_error_shape(response, status: int) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "title", "message", "details"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/api/no-such-route", 404),
    ("GET", "/api/articles/ffffffffffff0000", 404),
    ("GET", "/api/events/nope", 404),
    ("GET", "/api/actors/XXXGOV", 404),
    ("DELETE", "/api/events", 405),
    ("POST", "/api/articles", 405),  # read-only: ingest is not there at all
    ("PUT", "/api/articles", 405),
    ("GET", "/api/events?limit=abc", 422),
    ("GET", "/api/dyads?a=USA&b=CHN&by=year", 422),
    ("GET", "/api/articles/" + "a" * 3, 422),
])
def test_every_error_has_one_shape(client: TestClient, method: str, url: str, status: int) -> None:
    _assert_error_shape(client.request(method, url), status)


def test_a_server_error_has_the_same_shape(db: str) -> None:
    class Broken:
        url = "broken"

        def query(self, sql, params=()):
            raise RuntimeError("boom: /secret/path")

    class BrokenStore(Broken):
        def query(self, sql, params=()):
            raise StoreError("query failed on /secret/path: syntax error")

    for store in (Broken(), BrokenStore()):
        with TestClient(create_app(Settings(db=db), store=store), raise_server_exceptions=False) as broken:
            response = broken.get("/api/events")
        _assert_error_shape(response, 500)
        assert "secret" not in response.text  # internals go to the log, not to the client


def test_big_bodies_are_refused(client: TestClient) -> None:
    _assert_error_shape(client.post("/api/articles", content=b"x" * (3 * 1024 * 1024)), 413)


def test_untrusted_text_is_escaped_in_json(client: TestClient) -> None:
    response = client.get(f"/api/articles/{UNTRUSTED_ID}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    raw = response.content
    assert b"<" not in raw and b">" not in raw and b"&" not in raw
    body = response.json()
    assert "<script>alert(1)</script>" in body["article"]["text"]
    assert body["article"]["title"] == "<b>Ruritania</b> & Freedonia"


def test_cors_is_off_by_default(client: TestClient, db: str) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/api/events", headers=origin)
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/events", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    allowed = TestClient(create_app(Settings(db=db), cors_origins=["https://elsewhere.example"]))
    assert allowed.get("/api/stats", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]


def test_docs_page_is_self_contained(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200 and "/api/events" in response.text
    assert "<script" not in response.text and "cdn" not in response.text.lower()
    assert re.search(r"(src|href)=['\"]https?://", response.text) is None


def test_every_route_is_documented_in_openapi_and_readme(client: TestClient, db: str) -> None:
    app = create_app(Settings(db=db), allow_ingest=True, token="t", store=client.app.state.store)
    spec = app.openapi()
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## API", 1)[1].split("\n## ", 1)[0]
    operations = [(method.upper(), path, op) for path, ops in spec["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 14
    for method, path, op in operations:
        assert op.get("summary"), f"{method} {path} has no summary"
        assert op.get("description"), f"{method} {path} has no description"
        assert f"`{method} {path}" in section, f"{method} {path} is missing from the README's API section"
        for param in op.get("parameters", []):
            assert param.get("description"), f"{method} {path}: parameter {param['name']} is undocumented"


def test_ingest_needs_a_token_to_be_enabled(db: str) -> None:
    with pytest.raises(ConfigError):
        create_app(Settings(db=db), allow_ingest=True, token=None)


def test_store_answers_queries_from_many_threads(db: str) -> None:
    with open_store(db, read_only=True) as store:
        expected = store.query("SELECT count(*) AS n FROM events")[0]["n"]
        failures: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(30):
                    assert store.query("SELECT count(*) AS n FROM events WHERE root <> ?", ["99"])[0]["n"] == expected
            except BaseException as e:  # noqa: BLE001 - reported by the main thread
                failures.append(e)

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not failures


@pytest.mark.model
def test_ingest_with_token_stores_and_serves(tmp_path: Path, pipeline_for) -> None:
    path = str(tmp_path / "ingest.duckdb")
    open_store(path).close()
    app = create_app(Settings(db=path), allow_ingest=True, token="s3cret", pipeline=pipeline_for())
    article = {"text": "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Pyongyang on Thursday.",
               "title": "Talks", "published": "2019-06-21"}
    with TestClient(app, raise_server_exceptions=False) as c:
        _assert_error_shape(c.post("/api/articles", json={"articles": [article]}), 401)
        _assert_error_shape(c.post("/api/articles", json={"articles": [article]},
                                   headers={"Authorization": "Bearer wrong"}), 401)
        auth = {"Authorization": "Bearer s3cret"}
        _assert_error_shape(c.post("/api/articles", json={"articles": []}, headers=auth), 422)
        response = c.post("/api/articles", json={"articles": [article, {"text": "   "}]}, headers=auth)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["stored"]) == 1 and body["skipped"][0]["reason"] == "empty text"
        article_id = body["stored"][0]["id"]
        detail = c.get(f"/api/articles/{article_id}").json()
        assert detail["article"]["title"] == "Talks"
        assert len(detail["records"]["events"]) == body["stored"][0]["counts"]["events"]


def _rounded(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


@pytest.mark.postgres
@pytest.mark.parametrize("url", [
    "/api/stats", "/api/events?limit=500", "/api/events?actor=PRK&code=04&sort=date",
    "/api/events?sector=GOV&status=future&status=realized&sort=-goldstein", "/api/events?q=pyongyang",
    "/api/events?quad_class=3&plover=ACCUSE&since=2019-06-20&until=2021-12-31", "/api/articles?sort=-events",
    "/api/articles?q=kim", f"/api/articles/{UNTRUSTED_ID}", "/api/articles/aaaa", "/api/actors?q=rur",
    "/api/actors/CHN", "/api/actors/CHNGOV?by=day", "/api/dyads?a=CHN&b=PRK&by=week",
    "/api/network?level=country", "/api/quotes?q=REJECT", "/api/quotes/speakers", "/api/places",
    "/api/export?format=jsonl", "/api/export?format=csv&table=quotes", "/api/export?format=gdelt",
])
def test_postgres_answers_as_duckdb_does(pg_url: str, reports: list, client: TestClient, url: str) -> None:
    with open_store(pg_url) as store:
        store.write([*reports, _untrusted()], [], "run")
        link_events(store)
        with TestClient(create_app(Settings(db=pg_url), store=store), raise_server_exceptions=False) as pg:
            response = pg.get(url)
    expected = client.get(url)
    assert response.status_code == expected.status_code == 200, response.text
    if url.startswith("/api/export"):
        assert response.text.splitlines() == expected.text.splitlines()
    else:
        assert _rounded(response.json()) == _rounded(expected.json())


@pytest.mark.parametrize("args, env, message", [
    (["--allow-ingest"], {}, "needs a token"),
    (["--allow-ingest", "--token-env", "TIDINGS_TEST_NO_SUCH_TOKEN"], {}, "TIDINGS_TEST_NO_SUCH_TOKEN"),
])
def test_serve_refuses_ingest_without_a_token(db: str, args: list[str], env: dict, message: str) -> None:
    from typer.testing import CliRunner

    from tidings.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", db, *args], env=env)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
