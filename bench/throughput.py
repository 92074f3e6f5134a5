"""Throughput of tidings next to raw spaCy on the Reuters-21578 benchmark corpus.

Each measurement runs in a fresh process so its peak memory is its own:

* ``spacy``: ``nlp.pipe`` with the same model over the same texts (the ceiling);
* ``tidings`` with 1 worker and with every core: the full run (read, analyse, write into a
  temporary DuckDB store).

    python bench/throughput.py --articles 2000
    python bench/throughput.py --articles 20000 --workers 1 2 --json

Needs ../shared/corpus/bench/reuters21578.jsonl.gz (or --corpus); exits 0 with a note when
it is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench" / "reuters21578.jsonl.gz"


def write_sample(corpus: Path, n: int, folder: Path) -> tuple[Path, int, int]:
    """The first n articles with text, as a JSONL file; returns (path, articles, words)."""
    out = folder / "sample.jsonl"
    count = words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if count >= n:
                break
            obj = json.loads(line)
            if not (obj.get("text") or "").strip():
                continue
            dst.write(line if line.endswith("\n") else line + "\n")
            count += 1
            words += len(obj["text"].split())
    return out, count, words


def _peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (self_kb + children_kb) / 1024


def _measure_spacy(sample: Path, model: str, batch_size: int, queue: Any) -> None:
    import spacy

    nlp = spacy.load(model)
    with sample.open(encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    queue.put({"seconds": time.perf_counter() - started, "peak_rss_mb": _peak_mb()})


def _measure_tidings(sample: Path, workers: int, engine: str, queue: Any) -> None:
    from tidings.config import Settings
    from tidings.engines import run_into_store
    from tidings.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load().with_(db=str(Path(tmp) / "bench.duckdb"), workers=workers)
        started = time.perf_counter()
        with open_store(settings.db) as store:
            # Ray's socket paths must stay short: its temp folder goes directly under /tmp
            ray_tmp = tempfile.mkdtemp(prefix="ray", dir="/tmp") if engine == "ray" else None
            summary = run_into_store([sample], settings, store, engine=engine, temp_dir=ray_tmp)
        seconds = time.perf_counter() - started
    queue.put({"seconds": seconds, "peak_rss_mb": _peak_mb(), "records": dict(summary.records),
               "articles": summary.new})


def in_child(target: Any, *args: Any) -> dict[str, Any]:
    """Run a measurement in a fresh process; a child that dies is an error, not a hang."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not process.is_alive():
                raise SystemExit(f"the measurement process failed (exit code {process.exitcode})") from None
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--skip-spacy", action="store_true", help="Do not measure raw spaCy.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"benchmark corpus {args.corpus} is absent; nothing to measure", file=sys.stderr)
        return 0
    from tidings.config import Settings

    settings = Settings.load()
    with tempfile.TemporaryDirectory() as tmp:
        sample, articles, words = write_sample(args.corpus, args.articles, Path(tmp))
        result: dict[str, Any] = {"articles": articles, "words": words, "model": settings.spacy_model,
                                  "engine": args.engine}
        if not args.skip_spacy:
            raw = in_child(_measure_spacy, sample, settings.spacy_model, settings.batch_size)
            result.update(spacy_wps=round(words / raw["seconds"]), spacy_aps=round(articles / raw["seconds"], 1),
                          spacy_peak_rss_mb=round(raw["peak_rss_mb"]))
        runs = []
        for workers in args.workers:
            run = in_child(_measure_tidings, sample, workers, args.engine)
            runs.append({"workers": workers, "tidings_wps": round(words / run["seconds"]),
                         "tidings_aps": round(articles / run["seconds"], 1),
                         "peak_rss_mb": round(run["peak_rss_mb"]), "records": run["records"]})
        result["runs"] = runs
        first = runs[0]
        result.update(workers=first["workers"], tidings_wps=first["tidings_wps"], peak_rss_mb=first["peak_rss_mb"])
        if "spacy_wps" in result:
            result["ratio"] = round(first["tidings_wps"] / result["spacy_wps"], 3)
            for run in runs:
                run["ratio"] = round(run["tidings_wps"] / result["spacy_wps"], 3)
        if len(runs) > 1:
            result["speedup"] = round(runs[-1]["tidings_wps"] / first["tidings_wps"], 3)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{articles} articles, {words} words, model {result['model']}")
        if "spacy_wps" in result:
            print(f"  raw spaCy nlp.pipe   {result['spacy_wps']:>8} words/s  {result['spacy_aps']:>7} articles/s")
        for run in runs:
            print(f"  tidings, {run['workers']} worker(s) {run['tidings_wps']:>8} words/s  {run['tidings_aps']:>7} "
                  f"articles/s  ratio {run.get('ratio', '-')}  peak {run['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
