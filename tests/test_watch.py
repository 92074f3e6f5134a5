"""tidings watch against a local HTTP server serving feeds and pages we wrote."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tidings.engines.watch import parse_interval, poll_once
from tidings.errors import ConfigError
from tidings.store import open_store

PAGE = """<html><head><title>{title}</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Officials said further meetings were planned for next month, and both sides described the
discussions as constructive.</p>
</article><footer>Copyright Example Wire</footer></body></html>"""

STORIES = {
    "ankara": ("Turkish and Greek ministers meet in Ankara",
               "Turkish Foreign Minister Hakan Fidan met his Greek counterpart Giorgos Gerapetritis in Ankara on Monday to discuss maritime boundaries in the Aegean."),
    "nairobi": ("Kenya hosts regional security talks",
                "Kenyan President William Ruto hosted leaders from neighbouring states in Nairobi on Tuesday for talks on border security and refugee flows."),
    "lima": ("Peru and Chile sign trade accord",
             "Peru and Chile signed an accord in Lima on Wednesday to cut tariffs on agricultural goods, their trade ministers said."),
}


def rss(base: str, keys: list[str]) -> str:
    items = "".join(
        f"<item><title>{STORIES[k][0]}</title><link>{base}/{k}.html</link>"
        f"<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
        for k in keys
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def atom(base: str, keys: list[str]) -> str:
    entries = "".join(
        f'<entry><title>{STORIES[k][0]}</title><link href="{base}/{k}.html"/><id>{k}</id>'
        f"<updated>2024-03-05T09:00:00Z</updated></entry>"
        for k in keys
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{entries}</feed>'


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the slow feed's client has hung up by the time it answers


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow.rss":
            time.sleep(3)
        super().do_GET()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    server = _Server(("127.0.0.1", 0), lambda *a: _Handler(*a, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for key, (title, body) in STORIES.items():
        (root / f"{key}.html").write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    (root / "broken.rss").write_text("this is not a feed at all")
    (root / "slow.rss").write_text(rss(base, ["lima"]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root
    server.shutdown()


@pytest.mark.model
def test_poll_fetches_new_pages_only_and_survives_bad_feeds(site, tmp_path: Path, pipeline_for, settings) -> None:
    base, root = site
    (root / "world.rss").write_text(rss(base, ["ankara", "nairobi"]))
    (root / "world.atom").write_text(atom(base, ["nairobi"]))
    feeds = [f"{base}/world.rss", f"{base}/world.atom", f"{base}/gone.rss", f"{base}/broken.rss", f"{base}/slow.rss"]
    pipeline = pipeline_for(settings.stages)
    with open_store(str(tmp_path / "w.duckdb")) as store:
        first = poll_once(feeds, settings, store, pipeline, "run", timeout=1.0)
        assert first.new == 2 and first.seen == 3
        reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in first.skipped}
        assert "404" in reasons["gone.rss"] and "not a readable" in reasons["broken.rss"]
        assert "timed out" in reasons["slow.rss"].lower()
        titles = {r["title"] for r in store.query("SELECT title FROM articles")}
        assert titles == {STORIES["ankara"][0], STORIES["nairobi"][0]}
        again = poll_once(feeds[:2], settings, store, pipeline, "run", timeout=1.0)
        assert again.new == 0 and again.seen == 3
        (root / "world.rss").write_text(rss(base, ["lima", "ankara", "nairobi"]))
        third = poll_once(feeds[:2], settings, store, pipeline, "run", timeout=1.0)
        assert third.new == 1
        assert store.counts()["articles"] == 3
        text = store.query("SELECT text FROM articles WHERE title LIKE 'Peru%'")[0]["text"]
        assert "Copyright" not in text and "Home | World" not in text


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("2", 2), ("1.5m", 90)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-5m", "0", "10y"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_interval(text)
