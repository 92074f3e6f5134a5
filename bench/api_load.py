"""API latency under load: requests per second and p50/p99 for the events list and an article view.

Builds a synthetic store (hand-made Results written through the store, no model) of
ARTICLES x EVENTS_PER_ARTICLE events, starts `tidings serve` on it in a second process on
loopback, then drives it from this process with an async httpx client (CONCURRENCY requests
in flight, for SECONDS per endpoint). With `--wrk` it also runs wrk (Debian package `wrk`)
for the same time and reports its numbers.

    .venv/bin/python bench/api_load.py --articles 10000 --events 10 --seconds 10 --concurrency 16

Numbers on a shared machine are noisy: compare endpoints within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from tidings.store import open_store
from tidings.types import Actor, Article, Event, Place, Quote, Records, Result, record_id

COUNTRIES = ["USA", "CHN", "RUS", "PRK", "KOR", "JPN", "IND", "PAK", "IRN", "ISR", "PSE", "UKR", "GBR", "FRA",
             "DEU", "TUR", "SYR", "IRQ", "EGY", "SAU", "BRA", "MEX", "ZAF", "NGA", "ETH", "AFG", "VEN", "CUB"]
ROLES = ["GOV", "MIL", "OPP", "REB", "BUS", "MED", "CVL", ""]
CODES = [("042", "04", 1, 1.9, "CONSULT"), ("036", "03", 1, 4.0, "AGREE"), ("057", "05", 1, 8.0, "AGREE"),
         ("112", "11", 3, -2.0, "ACCUSE"), ("130", "13", 3, -4.4, "THREATEN"), ("190", "19", 4, -10.0, "ASSAULT"),
         ("0231", "02", 1, 3.4, "REQUEST"), ("173", "17", 4, -5.0, "COERCE")]
CITIES = [("Geneva", 46.2, 6.15), ("Vienna", 48.2, 16.37), ("Doha", 25.29, 51.53), ("Seoul", 37.57, 126.98),
          ("Cairo", 30.04, 31.24), ("Kyiv", 50.45, 30.52), ("Delhi", 28.61, 77.21), ("Havana", 23.13, -82.38)]
VERBS = {"04": "met", "03": "agreed with", "05": "praised", "11": "accused", "13": "threatened",
         "19": "attacked", "02": "appealed to", "17": "sanctioned"}


def synthetic_result(n: int, events: int, rng: random.Random) -> Result:
    """One article of ``events`` sentences, each an event with actors, a place and a quote."""
    article_id = record_id("bench-article", n)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    sentences, coded, actors, places, quotes = [], [], [], [], []
    offset = 0
    for i in range(events):
        src = rng.choice(COUNTRIES) + rng.choice(ROLES)
        tgt = rng.choice([c for c in COUNTRIES if not src.startswith(c)]) + rng.choice(ROLES)
        cameo, root, quad, goldstein, plover = rng.choice(CODES)
        city, lat, lon = rng.choice(CITIES)
        when = day - timedelta(days=rng.randrange(3))
        sentence = (f"Officials of {src} {VERBS[root]} envoys of {tgt} in {city} on {when:%B %d}, "
                    f"\"we will not <b>yield</b> & stand firm\" said a spokesperson.")
        start, end = offset, offset + len(sentence)
        verb_at = start + sentence.index(VERBS[root])
        city_at = start + sentence.index(city)
        quote_at = start + sentence.index("we will")
        place = Place(article_id, city_at, city_at + len(city), city, geo_id=f"bench:{city}", name=city,
                      country=None, lat=lat, lon=lon, feature="city")
        places.append(place)
        actors += [Actor(article_id, start + 13, start + 13 + len(src), src, src, name=f"{src} officials",
                         country=src[:3], kind="group"),
                   Actor(article_id, start + sentence.index(tgt), start + sentence.index(tgt) + len(tgt), tgt, tgt,
                         name=f"{tgt} envoys", country=tgt[:3], kind="group")]
        quotes.append(Quote(article_id, quote_at, quote_at + 35, sentence[quote_at - start:quote_at - start + 35],
                            "direct", speaker="a spokesperson", speaker_code=src, cue="said"))
        coded.append(Event(article_id, start, end, cameo, root, quad, goldstein, plover, None, source=(src,),
                           target=(tgt,), source_text=f"Officials of {src}", target_text=f"envoys of {tgt}",
                           date=when.isoformat(), place=city, place_id=place.id, trigger_start=verb_at,
                           trigger_end=verb_at + len(VERBS[root]), trigger=VERBS[root],
                           confidence=round(rng.uniform(0.5, 1.0), 2), rule="bench", id=f"{article_id}{i:04d}"))
        sentences.append(sentence)
        offset = end + 1
    text = " ".join(sentences)
    article = Article(id=article_id, text=text, title=f"Synthetic report {n}", url=f"https://example.org/{n}",
                      source=f"Outlet {n % 40}", published=day)
    return Result(article, Records(actors=tuple(actors), events=tuple(coded), quotes=tuple(quotes),
                                   places=tuple(places)))


def build_store(path: Path, articles: int, events: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    with open_store(str(path)) as store:
        batch: list[Result] = []
        for n in range(articles):
            batch.append(synthetic_result(n, events, rng))
            if len(batch) == 1000:
                store.write(batch, [], "bench")
                batch = []
        if batch:
            store.write(batch, [], "bench")
        return store.counts()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    tidings = Path(sys.executable).with_name("tidings")
    server = subprocess.Popen([str(tidings), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
    server.terminate()
    raise SystemExit("server did not start within 60 s")


async def drive(base: str, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    """Keep ``concurrency`` requests in flight for ``seconds``, cycling through ``paths``."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < stop:
                started = time.perf_counter()
                response = await client.get(paths[i % len(paths)])
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200
                i += concurrency

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * statistics.median(latencies), 1),
            "p99_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux): the server's cost per request,
    which the load of other processes on a shared machine does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, seconds: int, concurrency: int) -> dict[str, float] | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    out = subprocess.run([wrk, "-t2", f"-c{concurrency}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return {"rps": rps, "p99_ms": round(float(p99.group(1)) * scale, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10, help="events per article")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--db", type=Path, help="reuse (or build) the store here instead of a temp dir")
    parser.add_argument("--wrk", action="store_true", help="also measure with wrk when it is installed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            started = time.perf_counter()
            counts = build_store(db, args.articles, args.events)
            print(f"built {db}: {counts} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            ids = [record_id("bench-article", n) for n in random.Random(1).sample(range(args.articles), 200)]
            cases = {
                "events list": ["/api/events?limit=50"],
                "events list, filtered": [f"/api/events?actor={c}&quad_class=4&limit=50" for c in COUNTRIES],
                "events list, page 100": ["/api/events?limit=50&offset=5000&sort=-goldstein"],
                "article view": [f"/api/articles/{i}" for i in ids],
            }
            report: dict[str, dict] = {}
            for name, paths in cases.items():
                asyncio.run(drive(base, paths[:4], 1.0, 4))  # warm up
                cpu = cpu_seconds(server.pid)
                measured = asyncio.run(drive(base, paths, args.seconds, args.concurrency))
                measured["server_cpu_ms_per_request"] = round(
                    1000 * (cpu_seconds(server.pid) - cpu) / max(measured["requests"], 1), 2)
                report[name] = {"httpx": measured}
                if args.wrk:
                    report[name]["wrk"] = run_wrk(base + paths[0], int(args.seconds), args.concurrency)
                print(name, json.dumps(report[name]), file=sys.stderr)
            print(json.dumps({"load_average": os.getloadavg(), "articles": args.articles, "events": args.articles * args.events,
                              "concurrency": args.concurrency, "seconds": args.seconds, "results": report},
                             indent=1))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
