"""Exports: GDELT 2.0 rows read back with the published column list, POLECAT-style JSON,
Parquet of every table, CSV and JSONL with modality filters, and clear refusals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tidings.analytics import Scope
from tidings.cli import app
from tidings.errors import ConfigError, StoreError
from tidings.exports import GDELT2_EVENT_COLUMNS, export
from tidings.exports.gdelt import split_actor
from tidings.store import open_store
from tidings.store.linking import link_events

VISIT_URL_END = "b" * 16


@pytest.fixture
def linked_store(store_url: str, reports: list):
    with open_store(store_url) as store:
        run_id = store.begin_run({}, ["hand-coded"], "test")
        store.write(reports, [], run_id)
        link_events(store)
        yield store


def _read_gdelt(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(line) == len(GDELT2_EVENT_COLUMNS) for line in lines)
    return [dict(zip(GDELT2_EVENT_COLUMNS, line, strict=True)) for line in lines]


def test_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(GDELT2_EVENT_COLUMNS) == 61 == len(set(GDELT2_EVENT_COLUMNS))
    assert GDELT2_EVENT_COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT2_EVENT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT2_EVENT_COLUMNS[-3:] == ("ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


@pytest.mark.shared
def test_gdelt_columns_match_the_published_list(shared_dir: Path) -> None:
    published = shared_dir / "reference" / "cameo" / "gdeltPyR" / "gdelt_schemas" / "events2.csv"
    if not published.is_file():
        pytest.skip(f"{published} is absent")
    with published.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    names = [row[0].strip() for row in rows[1:] if row and row[0].strip()]  # below its header row
    assert [n.lower() for n in names] == [c.lower() for c in GDELT2_EVENT_COLUMNS]


def test_gdelt_export_reads_back_with_its_values(linked_store, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    summary = export(linked_store, "gdelt", path)
    rows = _read_gdelt(path)
    assert summary.rows == {"linked_events": 6} and len(rows) == 6
    assert len({r["GLOBALEVENTID"] for r in rows}) == 6 and all(r["GLOBALEVENTID"].isdigit() for r in rows)
    visit = next(r for r in rows if r["SOURCEURL"].endswith(VISIT_URL_END))
    expected = {
        "SQLDATE": "20190620", "MonthYear": "201906", "Year": "2019", "FractionDate": "2019.4658",
        "Actor1Code": "CHNGOV", "Actor1Name": "XI JINPING", "Actor1CountryCode": "CHN", "Actor1Type1Code": "GOV",
        "Actor2Code": "PRKGOV", "Actor2Name": "KIM JONG UN", "Actor2CountryCode": "PRK", "Actor2Type1Code": "GOV",
        "Actor1EthnicCode": "", "IsRootEvent": "1", "EventCode": "042", "EventBaseCode": "042",
        "EventRootCode": "04", "QuadClass": "1", "GoldsteinScale": "1.9", "NumMentions": "4", "NumSources": "3",
        "NumArticles": "3", "AvgTone": "", "Actor1Geo_Type": "0", "ActionGeo_Type": "4",
        "ActionGeo_FullName": "Pyongyang, North Korea", "ActionGeo_CountryCode": "KN", "ActionGeo_Lat": "39.03",
        "ActionGeo_Long": "125.75", "ActionGeo_FeatureID": "1871859",
    }
    assert {k: visit[k] for k in expected} == expected
    assert len(visit["DATEADDED"]) == 14 and visit["DATEADDED"].isdigit()
    accusation = next(r for r in rows if r["EventCode"] == "112")
    assert (accusation["Actor1Code"], accusation["Actor1Type1Code"], accusation["QuadClass"]) == ("PRK", "", "3")
    assert accusation["ActionGeo_Type"] == "0" and accusation["ActionGeo_FullName"] == ""


@pytest.mark.parametrize(("code", "country", "group", "types"), [
    ("CHNGOV", "CHN", "", ("GOV", "", "")),
    ("USAGOVMIL", "USA", "", ("GOV", "MIL", "")),
    ("IGOUNO", "", "UNO", ("IGO", "", "")),
    ("PRK", "PRK", "", ("", "", "")),
    (None, "", "", ("", "", "")),
])
def test_actor_codes_split_as_gdelt_does(code, country, group, types) -> None:
    parts = split_actor(code)
    assert (parts["CountryCode"], parts["KnownGroupCode"]) == (country, group)
    assert (parts["Type1Code"], parts["Type2Code"], parts["Type3Code"]) == types


def test_polecat_records(linked_store, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export(linked_store, "polecat", path, Scope(status=("realized", "reported")))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5  # the future visit is filtered out
    visit = next(r for r in records if r["mentions"] == 4)
    assert (visit["event_type"], visit["mode"], visit["event_date"]) == ("CONSULT", "visit", "2019-06-20")
    assert visit["actor"] == [{"code": "CHNGOV", "country": "CHN", "sector": "GOV", "name": "Xi Jinping"}]
    assert [e["code"] for e in visit["recipient"]] == ["PRKGOV"]
    assert visit["location"]["geonames_id"] == "1871859" and visit["location"]["country"] == "PRK"


def test_parquet_of_every_table(linked_store, tmp_path: Path) -> None:
    summary = export(linked_store, "parquet", tmp_path / "pq")
    counts = linked_store.counts()
    for table, n in counts.items():
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == n == summary.rows[table]
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert {tuple(e["source"]) for e in events} >= {("CHNGOV",), ("PRK",)}


@pytest.mark.parametrize(("scope", "expected"), [
    (Scope(), 9),
    (Scope(polarity="negated"), 1),
    (Scope(status=("future",)), 1),
    (Scope(status=("realized", "reported"), polarity="asserted"), 7),
    (Scope(actor="PRK", code="11"), 1),
    (Scope(since="2019-06-21", until="2019-06-27"), 2),
])
def test_csv_and_jsonl_filter_on_modality(linked_store, tmp_path: Path, scope: Scope, expected: int) -> None:
    export(linked_store, "csv", tmp_path / "e.csv", scope)
    export(linked_store, "jsonl", tmp_path / "e.jsonl", scope)
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(lines) == expected
    assert all(json.loads(line)["id"] == row["id"] for line, row in zip(lines, rows, strict=True))


def test_unlinked_events_and_misplaced_filters_are_refused(tmp_path: Path, reports: list) -> None:
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write(reports, [], "r")
        with pytest.raises(StoreError, match="tidings link"):
            export(store, "gdelt", tmp_path / "x.tsv")
        with pytest.raises(ConfigError, match="--table"):
            export(store, "parquet", tmp_path / "pq", Scope(actor="CHN"))
        with pytest.raises(ConfigError, match="not to quotes"):
            export(store, "csv", tmp_path / "q.csv", Scope(actor="CHN"), table="quotes")
        with pytest.raises(ConfigError, match="unknown export format"):
            export(store, "xml", tmp_path / "x.xml")


def test_export_command(tmp_path: Path, reports: list) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        store.write(reports, [], "r")
        link_events(store)
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(app, ["export", "--format", "gdelt", "--out", str(out), "--db", db,
                                      "--status", "realized,reported", "--polarity", "asserted", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == {"linked_events": 4}
    assert len(_read_gdelt(out)) == 4
