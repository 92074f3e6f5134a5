"""Local engine: same records with one or several workers; a killed run resumes exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.engines import run_into_store
from tidings.store import RECORD_TABLES, open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _snapshot(db: str) -> dict[str, list]:
    with open_store(db, read_only=True) as store:
        return {
            table: store.query(f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY id")
            if table == "articles"
            else store.query(f"SELECT * FROM {table} ORDER BY id")
            for table in ("articles", *RECORD_TABLES)
        }


def test_two_workers_write_what_one_writes(tmp_path: Path, pipeline_for) -> None:
    one, two = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    settings = Settings(write_batch=4)
    with open_store(one) as store:
        first = run_into_store([EXAMPLES], settings, store, pipeline_for(settings.stages))
    with open_store(two) as store:
        second = run_into_store([EXAMPLES], settings.with_(workers=2), store)
    assert first.new == second.new > 0 and second.workers == 2
    assert _snapshot(one) == _snapshot(two)


def _corpus(folder: Path, n: int) -> Path:
    path = folder / "many.jsonl"
    texts = sorted(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt"))
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = texts[i % len(texts)].split("\n\n", 1)[-1]
            out.write(json.dumps({"text": f"Report {i}. {body}", "published": "2020-01-0%d" % (1 + i % 9)}) + "\n")
    return path


def test_killed_run_resumes_and_processes_each_article_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 60)
    db = str(tmp_path / "resume.duckdb")
    cmd = [sys.executable, "-m", "tidings.cli", "-v", "run", str(corpus), "--db", db, "--json", "--workers", "1"]
    env = {**os.environ, "TIDINGS_WRITE_BATCH": "8"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    batches = 0
    for line in proc.stderr:  # the writer logs each stored batch; kill it after the second
        batches += "stored 8 articles" in line
        if batches == 2:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert batches == 2, "the run should have been killed part way"
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=True)
    summary = json.loads(done.stdout)
    assert 16 <= summary["unchanged"] < 60 and summary["unchanged"] + summary["new"] == 60
    clean = str(tmp_path / "clean.duckdb")
    subprocess.run([*cmd[:7], clean, "--json"], env=env, capture_output=True, timeout=300, check=True)
    assert _snapshot(db) == _snapshot(clean)


@pytest.mark.ray
def test_ray_engine_writes_what_the_local_engine_writes(tmp_path: Path, pipeline_for) -> None:
    pytest.importorskip("ray")
    import tempfile

    local, on_ray = str(tmp_path / "local.duckdb"), str(tmp_path / "ray.duckdb")
    settings = Settings(write_batch=4)
    with open_store(local) as store:
        run_into_store([EXAMPLES], settings, store, pipeline_for(settings.stages))
    # Ray's socket paths must stay short: a fresh folder directly under /tmp
    ray_tmp = tempfile.mkdtemp(prefix="ray", dir="/tmp")
    with open_store(on_ray) as store:
        summary = run_into_store([EXAMPLES], settings.with_(workers=2), store, engine="ray", temp_dir=ray_tmp)
    assert summary.new > 0
    assert _snapshot(local) == _snapshot(on_ray)
