"""The quality gate: accuracy on the development gold never drops below the pinned floors.

Floors live in tests/floors.json. They start at what was measured and are only raised;
lowering one needs a stated reason in the commit that does it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.eval import evaluate

FLOORS = Path(__file__).with_name("floors.json")

pytestmark = [pytest.mark.model, pytest.mark.shared, pytest.mark.slow]


def flatten(scores: dict, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, float | int) and key not in ("articles", "seconds"):
            out[name] = float(value)
    return out


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path, pipeline_for) -> dict[str, float]:
    gold = sorted((shared_dir / "eval" / "dev").glob("*.jsonl"))
    if not gold:
        pytest.skip("no development gold files")
    return flatten(evaluate(gold, Settings(), pipeline=pipeline_for(Settings().stages)))


def test_floors_file_is_well_formed() -> None:
    floors = json.loads(FLOORS.read_text())
    assert floors and all(0.0 <= v <= 1.0 for v in floors.values())


def test_no_score_below_its_floor(dev_scores: dict[str, float]) -> None:
    floors = json.loads(FLOORS.read_text())
    below = {
        name: (dev_scores.get(name), floor)
        for name, floor in floors.items()
        if dev_scores.get(name) is None or dev_scores[name] + 1e-9 < floor
    }
    assert not below, f"scores below their floors (score, floor): {below}"
