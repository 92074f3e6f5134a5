"""Analytics over a store of hand-coded reports: dyad series, network, top lists, event
types over time, quotes by speaker, charts and graph files, and their commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from tidings.analytics import (Scope, actor_network, dyad_series, event_types_over_time, quotes_by_speaker,
                               top_actors, top_codes, top_events)
from tidings.analytics.chart import dyad_svg, write_dyad_chart
from tidings.analytics.network import write_network
from tidings.cli import app
from tidings.errors import ConfigError
from tidings.store import open_store
from tidings.store.linking import link_events
from tidings.types import Article, Quote, Records, Result

ASSERTED = Scope(polarity="asserted")
LINKED = Scope(polarity="asserted", linked=True)


@pytest.fixture
def store(store_url: str, reports: list):
    with open_store(store_url) as opened:
        opened.write(reports, [], "r")
        link_events(opened)
        yield opened


def _series(rows: list[dict]) -> list[tuple]:
    return [(r["period"], r["events"], r["a_to_b"], r["b_to_a"]) for r in rows]


@pytest.mark.parametrize(("by", "scope", "direction", "expected"), [
    # mentions: the visit's four reports, the Beijing report, a later meeting; the future visit is dated 2019-07
    ("day", ASSERTED, "both", [("2019-06-20", 4, 4, 0), ("2019-06-21", 1, 1, 0), ("2019-06-27", 1, 1, 0)]),
    ("month", ASSERTED, "both", [("2019-06", 6, 6, 0), ("2019-07", 1, 0, 1)]),
    ("month", Scope(), "both", [("2019-06", 7, 7, 0), ("2019-07", 1, 0, 1)]),  # with the negated meeting
    # linked: the visit once; the future visit is dated by its article
    ("day", LINKED, "both", [("2019-06-20", 2, 2, 0), ("2019-06-27", 1, 1, 0), ("2019-06-28", 1, 0, 1)]),
    ("week", LINKED, "both", [("2019-06-17", 2, 2, 0), ("2019-06-24", 2, 1, 1)]),
    ("week", LINKED, "ab", [("2019-06-17", 2, 2, 0), ("2019-06-24", 1, 1, 0)]),
    ("week", LINKED, "ba", [("2019-06-24", 1, 0, 1)]),
    ("month", Scope(linked=True, status=("future",)), "both", [("2019-06", 1, 0, 1)]),
])
def test_dyad_series(store, by: str, scope: Scope, direction: str, expected: list[tuple]) -> None:
    assert _series(dyad_series(store, "CHN", "PRK", by=by, direction=direction, scope=scope)) == expected


def test_dyad_values_and_quad_shares(store) -> None:
    (row,) = dyad_series(store, "chngov", "PRK", by="day", scope=Scope(linked=True, since="2019-06-20", until="2019-06-20"))
    assert row["goldstein_sum"] == pytest.approx(1.9 + 1.0)  # the visit (042) and the Beijing meeting (040)
    assert row["goldstein_mean"] == pytest.approx(1.45)
    assert (row["verbal_cooperation"], row["material_conflict"]) == (1.0, 0.0)
    (accusation,) = dyad_series(store, "PRK", "USA", by="month", scope=LINKED)
    assert (accusation["verbal_conflict"], accusation["goldstein_mean"]) == (1.0, -2.0)


def test_bad_arguments_are_clear_errors(store) -> None:
    with pytest.raises(ConfigError, match="period"):
        dyad_series(store, "CHN", "PRK", by="year")
    with pytest.raises(ConfigError, match="direction"):
        dyad_series(store, "CHN", "PRK", direction="sideways")
    with pytest.raises(ConfigError, match="actor code"):
        dyad_series(store, "CHN'; DROP TABLE events; --", "PRK")


def test_network(store) -> None:
    graph = actor_network(store, LINKED, level="country")
    edges = {(e["source"], e["target"]): e for e in graph.edges}
    assert {k: e["events"] for k, e in edges.items()} == {("CHN", "PRK"): 3, ("PRK", "CHN"): 1, ("PRK", "USA"): 1}
    assert edges[("PRK", "USA")]["goldstein_mean"] == -2.0
    nodes = {n["code"]: n for n in graph.nodes}
    assert (nodes["PRK"]["as_source"], nodes["PRK"]["as_target"]) == (2, 3)
    assert [e["events"] for e in actor_network(store, LINKED, min_events=2).edges] == [3]
    assert actor_network(store, Scope(linked=True, since="2019-07-01")).edges == []


def test_network_files(store, tmp_path: Path) -> None:
    graph = actor_network(store, LINKED)
    assert write_network(graph, tmp_path / "g.graphml") == "graphml"
    root = ET.parse(tmp_path / "g.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == {"CHNGOV", "PRKGOV", "PRK", "USA"}
    assert len(root.findall(".//g:edge", ns)) == len(graph.edges) == 3
    assert write_network(graph, tmp_path / "g.json") == "json"
    assert json.loads((tmp_path / "g.json").read_text())["edges"] == graph.edges


def test_top_lists(store) -> None:
    actors = top_actors(store, LINKED, limit=2)
    assert [(a["code"], a["events"]) for a in actors] == [("CHNGOV", 4), ("PRKGOV", 4)]
    events = top_events(store, Scope(), limit=1)
    assert (events[0]["mentions"], events[0]["articles"], events[0]["place"]) == (4, 3, "Pyongyang")
    codes = top_codes(store, ASSERTED)
    assert [(c["cameo"], c["events"]) for c in codes] == [("042", 4), ("040", 3), ("112", 1)]


def test_event_types_over_time(store) -> None:
    rows = event_types_over_time(store, by="month", kind="plover", scope=LINKED)
    assert [(r["period"], r["type"], r["events"]) for r in rows] == [("2019-06", "ACCUSE", 1), ("2019-06", "CONSULT", 4)]
    quads = event_types_over_time(store, by="week", kind="quad", scope=ASSERTED)
    assert [(r["period"], r["type"], r["events"]) for r in quads] == [("2019-06-17", "1", 5), ("2019-06-17", "3", 1),
                                                                        ("2019-06-24", "1", 1)]


def test_quotes_by_speaker(store_url: str) -> None:
    text = "The talks were useful, Lu Kang said. Lu Kang said the visit was historic. Nobody else spoke."
    article = Article(id="q" * 16, text=text, url="https://x.example/q", source="Wire", published=date(2019, 6, 21))
    quotes = (
        Quote(article.id, 0, 21, "The talks were useful", "direct", speaker="Lu Kang", speaker_code="CHNGOV"),
        Quote(article.id, 46, 71, "the visit was historic", "indirect", speaker="Lu Kang", speaker_code="CHNGOV"),
        Quote(article.id, 73, 92, "Nobody else spoke", "indirect", speaker="a diplomat"),
    )
    with open_store(store_url) as opened:
        opened.write([Result(article, Records(quotes=quotes))], [], "r")
        rows = quotes_by_speaker(opened)
        assert [(r["code"], r["speaker"], r["quotes"], r["direct"], r["indirect"]) for r in rows] == [
            ("CHNGOV", "Lu Kang", 2, 1, 1), (None, "a diplomat", 1, 0, 1)]
        assert rows[0]["first"] == "2019-06-21"
        assert [r["quotes"] for r in quotes_by_speaker(opened, actor="CHN")] == [2]
        assert quotes_by_speaker(opened, since="2019-07-01") == []


def test_chart_is_self_contained(tmp_path: Path) -> None:
    rows = [{"period": "2019-06", "events": 3, "a_to_b": 2, "b_to_a": 1, "goldstein_mean": 1.5},
            {"period": "2019-07", "events": 1, "a_to_b": 0, "b_to_a": 1, "goldstein_mean": -4.0}]
    write_dyad_chart(rows, "CHN", "PRK", tmp_path / "c.html")
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "<script" not in page and "src=" not in page and "href=" not in page
    svg = ET.fromstring(dyad_svg(rows, "CHN", "PRK"))
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.find("{http://www.w3.org/2000/svg}title") is not None]
    assert len(bars) == 4  # two periods, two directions
    write_dyad_chart(rows, "CHN", "PRK", tmp_path / "c.svg")
    ET.parse(tmp_path / "c.svg")
    with pytest.raises(ConfigError, match=".png"):
        write_dyad_chart(rows, "CHN", "PRK", tmp_path / "c.png")


def test_dyad_and_network_commands(tmp_path: Path, reports: list) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as opened:
        opened.write(reports, [], "r")
        link_events(opened)
    runner = CliRunner()
    shown = runner.invoke(app, ["dyad", "CHN", "PRK", "--by", "month", "--db", db, "--chart", str(tmp_path / "d.html")])
    assert shown.exit_code == 0, shown.output
    assert "2019-06" in shown.stdout and (tmp_path / "d.html").is_file()
    as_json = runner.invoke(app, ["dyad", "CHN", "PRK", "--by", "day", "--db", db, "--mentions", "--json"])
    assert [r["events"] for r in json.loads(as_json.stdout)] == [4, 1, 1]
    graph = runner.invoke(app, ["network", "--since", "2019-06-01", "--db", db, "--out", str(tmp_path / "n.graphml")])
    assert graph.exit_code == 0, graph.output
    ET.parse(tmp_path / "n.graphml")
    for args in (["top", "actors"], ["top", "events"], ["top", "codes"], ["timeline", "--by", "week"], ["speakers"]):
        result = runner.invoke(app, [*args, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)
    assert runner.invoke(app, ["top", "places", "--db", db]).exit_code == 2
