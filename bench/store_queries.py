"""Analytics on a big store: load synthetic events, time the dyad series and network queries.

Loads ``--events`` synthetic events (default one million, five per article) into a fresh
DuckDB file and, with ``--postgres URL``, into a fresh schema of that server; links them
(timed once); then runs each query ``--repeat`` times and reports the median seconds, over
event mentions and over linked events.

    python bench/store_queries.py
    python bench/store_queries.py --events 200000 --repeat 3 --json
    python bench/store_queries.py --postgres postgresql://postgres@127.0.0.1:54329/tidings_test

The PostgreSQL schema is dropped afterwards. The synthetic data: 60 countries with four
sectors each, dyads skewed towards a few busy pairs (CHN-PRK among them), CAMEO codes with
their roots, QuadClasses and Goldstein values, days spread over ten years.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from tidings.analytics import Scope, actor_network, dyad_series, top_actors
from tidings.store import open_store
from tidings.store.linking import link_events
from tidings.store.schema import arrow_schema

COUNTRIES = ["CHN", "PRK", "USA", "RUS", "KOR", "JPN", "IRN", "ISR", "PSE", "UKR", "GBR", "FRA", "DEU",
             "IND", "PAK", "AFG", "IRQ", "SYR", "TUR", "EGY", "SAU", "YEM", "LBN", "JOR", "NGA", "ETH",
             "SDN", "SSD", "SOM", "KEN", "COD", "ZAF", "BRA", "VEN", "COL", "MEX", "CUB", "CAN", "AUS",
             "IDN", "PHL", "MMR", "THA", "VNM", "TWN", "MNG", "KAZ", "BLR", "POL", "ITA", "ESP", "GRC",
             "SRB", "LBY", "TUN", "DZA", "MAR", "MLI", "NER", "TCD"]
SECTORS = ["", "GOV", "MIL", "OPP"]
# code: (root, quad_class, goldstein)
CAMEO = {"010": ("01", 1, 0.0), "036": ("03", 1, 4.0), "040": ("04", 1, 1.0), "042": ("04", 1, 1.9),
         "043": ("04", 1, 2.8), "051": ("05", 1, 3.4), "057": ("05", 1, 8.0), "070": ("07", 2, 7.0),
         "111": ("11", 3, -2.0), "112": ("11", 3, -2.0), "130": ("13", 3, -4.4), "138": ("13", 3, -7.0),
         "163": ("16", 4, -8.0), "173": ("17", 4, -5.0), "190": ("19", 4, -10.0), "193": ("19", 4, -10.0)}
EVENTS_PER_ARTICLE = 5


def synthetic(n_events: int, seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    codes = [c + s for c in COUNTRIES for s in SECTORS]
    # a Zipf-like skew: a few busy dyads, a long tail; CHN and PRK are the busiest pair
    weights = 1.0 / np.arange(1, len(codes) + 1) ** 0.8
    order = [codes.index(c) for c in ("CHNGOV", "PRKGOV", "CHN", "PRK")]
    ranked = order + [i for i in range(len(codes)) if i not in order]
    p = np.empty(len(codes))
    p[ranked] = weights / weights.sum()
    src = rng.choice(len(codes), n_events, p=p)
    tgt = rng.choice(len(codes), n_events, p=p)
    clash = src == tgt
    tgt[clash] = (tgt[clash] + 4) % len(codes)
    cameo_codes = list(CAMEO)
    cameo = rng.integers(0, len(cameo_codes), n_events)
    start_day = date(2015, 1, 1).toordinal()
    article_day = start_day + rng.integers(0, 3650, n_articles)
    article_of = np.arange(n_events) // EVENTS_PER_ARTICLE
    lag = rng.integers(0, 3, n_events)  # events a day or two before their article
    days = [date.fromordinal(int(d)).isoformat() for d in article_day]
    article_ids = [f"{i:016x}" for i in range(n_articles)]
    articles = pa.Table.from_pydict({
        "id": article_ids, "text": ["Synthetic article text."] * n_articles,
        "title": [None] * n_articles, "url": [f"https://example.org/{i}" for i in range(n_articles)],
        "source": [f"Outlet {i % 40}" for i in range(n_articles)], "published": days,
        "language": ["en"] * n_articles, "origin": [None] * n_articles, "run_id": ["bench"] * n_articles,
    }, schema=arrow_schema("articles"))
    info = [CAMEO[cameo_codes[c]] for c in cameo]
    event_days = [date.fromordinal(int(article_day[a] - l)).isoformat() for a, l in zip(article_of, lag, strict=True)]
    columns: dict[str, Any] = {
        "article_id": [article_ids[a] for a in article_of], "start": np.zeros(n_events, dtype=np.int64),
        "end": np.full(n_events, 20, dtype=np.int64), "cameo": [cameo_codes[c] for c in cameo],
        "root": [i[0] for i in info], "quad_class": [i[1] for i in info], "goldstein": [i[2] for i in info],
        "plover_type": ["CONSULT"] * n_events, "plover_mode": [None] * n_events,
        "source": [[codes[s]] for s in src], "target": [[codes[t]] for t in tgt],
        "source_text": [None] * n_events, "target_text": [None] * n_events,
        "polarity": ["asserted"] * n_events, "status": ["realized"] * n_events, "date": event_days,
        "date_is_publication": [False] * n_events, "place": [None] * n_events, "place_id": [None] * n_events,
        "trigger_start": np.zeros(n_events, dtype=np.int64), "trigger_end": np.zeros(n_events, dtype=np.int64),
        "trigger": ["x"] * n_events, "confidence": np.full(n_events, 0.5), "rule": ["bench"] * n_events,
        "id": [f"e{i:015x}" for i in range(n_events)],
    }
    return {"articles": articles, "events": pa.Table.from_pydict(columns, schema=arrow_schema("events"))}


def _median_seconds(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return round(statistics.median(times), 4)


def measure(url: str, tables: dict[str, pa.Table], repeat: int) -> dict[str, Any]:
    report: dict[str, Any] = {}
    with open_store(url) as store:
        began = time.perf_counter()
        store.apply([], tables)
        report["load_seconds"] = round(time.perf_counter() - began, 2)
        began = time.perf_counter()
        linked = link_events(store)
        report["link_seconds"] = round(time.perf_counter() - began, 2)
        report["linked_events"] = linked.events
        for unit, scope in (("mentions", Scope()), ("linked", Scope(linked=True))):
            queries = {
                "dyad_month_CHN_PRK": lambda s=scope: dyad_series(store, "CHN", "PRK", by="month", scope=s),
                "dyad_day_CHN_PRK": lambda s=scope: dyad_series(store, "CHN", "PRK", by="day", scope=s),
                "dyad_week_USA_RUS": lambda s=scope: dyad_series(store, "USA", "RUS", by="week", scope=s),
                "network_codes": lambda s=scope: actor_network(store, s),
                "network_countries_since_2020": lambda s=scope: actor_network(
                    store, Scope(since="2020-01-01", linked=s.linked), level="country"),
                "top_actors": lambda s=scope: top_actors(store, s),
            }
            report[unit] = {name: _median_seconds(run, repeat) for name, run in queries.items()}
        report["dyad_month_rows"] = len(dyad_series(store, "CHN", "PRK", by="month"))
        report["counts"] = store.counts()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL server (a fresh schema)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tables = synthetic(args.events)
    results: dict[str, Any] = {"events": args.events, "repeat": args.repeat,
                               "generate_seconds": round(time.perf_counter() - began, 2)}
    with tempfile.TemporaryDirectory() as folder:
        results["duckdb"] = measure(str(Path(folder) / "bench.duckdb"), tables, args.repeat)
    if args.postgres:
        results["postgres"] = _measure_postgres(args.postgres, tables, args.repeat)
    if args.json:
        sys.stdout.write(json.dumps(results) + "\n")
    else:
        sys.stdout.write(json.dumps(results, indent=1) + "\n")
    return 0


def _measure_postgres(base: str, tables: dict[str, pa.Table], repeat: int) -> dict[str, Any]:
    from urllib.parse import quote

    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        return measure(f"{base}{sep}options={quote(f'-csearch_path={schema}')}", tables, repeat)
    finally:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    raise SystemExit(main())

