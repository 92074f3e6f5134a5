"""The word lists of ``data/words.yaml``, read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DataError

_KEYS = (
    "speech_verbs", "stative_verbs", "agent_nouns", "place_nouns", "locative_prepositions",
    "name_connectors", "area_words", "facility_words",
)


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    stative_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    place_nouns: frozenset[str]
    locative_prepositions: frozenset[str]
    name_connectors: frozenset[str]
    area_words: frozenset[str]
    facility_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    try:
        path = resources.files(__package__).joinpath("data", "words.yaml")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise DataError(f"cannot read places/data/words.yaml: {e}") from e
    missing = [k for k in _KEYS if not isinstance(data.get(k), list)]
    if missing:
        raise DataError(f"places/data/words.yaml lacks the lists {missing}")
    return Lexicon(**{k: frozenset(str(w).lower() for w in data[k]) for k in _KEYS})
