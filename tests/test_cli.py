"""The CLI end to end: run, re-run, skips, show, events, quotes, eval, and documented help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()

STORY = """Title: Ministers meet in Geneva
Date: 2021-03-04
Source: Test Wire

GENEVA (Test Wire) - Russian Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken in Geneva on Thursday.
"The talks were useful," Lavrov told reporters after the meeting.
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-story.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-copy.txt").write_text(STORY, encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (folder / "empty.txt").write_text("")
    (folder / "broken.json").write_text('{"text": "unterminated')
    return folder


def _run(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.model
def test_run_skips_bad_inputs_and_rerun_changes_nothing(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    first = _run("run", str(inputs), "--db", db)
    assert set(first) >= {"articles", "skipped", "records", "seconds"}
    assert first["articles"] == 1 and first["new"] == 1
    reasons = {Path(s["source"]).name: s["reason"] for s in first["skipped"]}
    assert set(reasons) == {"b-copy.txt", "blob.txt", "empty.txt", "broken.json"}
    assert "duplicate" in reasons["b-copy.txt"] and all(reasons.values())
    assert sum(first["records"].values()) > 0
    second = _run("run", str(inputs), "--db", db)
    assert second["new"] == 0 and second["unchanged"] == 1
    assert second["store"] == first["store"]

    shown = runner.invoke(app, ["show", first_id(db)[:8], "--db", db])
    assert shown.exit_code == 0 and "Lavrov" in shown.stdout
    quotes = _run("quotes", "--db", db, "--text", "useful")
    assert any("useful" in q["text"] for q in quotes)


def first_id(db: str) -> str:
    from tidings.store import open_store

    with open_store(db, read_only=True) as store:
        return store.query("SELECT id FROM articles LIMIT 1")[0]["id"]


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store" in result.output


def _commands(group=None, prefix=()):
    import typer.main

    click_group = typer.main.get_command(app) if group is None else group
    for name, command in click_group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("command", list(_commands()))
def test_every_command_help_shows_an_example(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_every_command_is_in_the_readme(request: pytest.FixtureRequest) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [" ".join(c) for c in _commands() if f"tidings {' '.join(c)}" not in readme]
    assert not missing, f"commands missing from README: {missing}"
