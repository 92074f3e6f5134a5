"""The reporting cues of ``data/cues.yaml``, loaded once into an immutable table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..errors import DataError

COMPLEMENTS = frozenset({"as", "clause", "infinitive", "object", "quoted"})


@dataclass(frozen=True, slots=True)
class Cues:
    """Reporting verbs (lemma -> complements that carry the report) and phrasal cues."""

    verbs: dict[str, frozenset[str]]
    phrases: tuple[str, ...]
    attribution_nouns: frozenset[str]
    phrasal_heads: frozenset[str]  # "call" for the keys "call for", "call on"
    claim_nouns: frozenset[str] = frozenset()  # "claim" in "his claim that ..."
    object_nouns: frozenset[str] = frozenset()  # "mention" in "made no mention of ..."

    def takes(self, key: str, complement: str) -> bool:
        return complement in self.verbs.get(key, ())

    def is_cue_head(self, lemma: str) -> bool:
        """True for a cue verb, alone or as the first word of a phrasal cue."""
        return lemma in self.verbs or lemma in self.phrasal_heads

    def lemma_of(self, word: str, lemma: str) -> str:
        """The tagger's lemma, mended where it cut a silent "e" off a cue verb
        ("hopes" -> "hop" for "hope")."""
        lemma = lemma.lower()
        mended = lemma + "e"
        word = word.lower()
        if lemma not in self.verbs and mended in self.verbs and word.startswith(lemma):
            if word in (mended + "s", mended + "d", lemma + "ing"):
                return mended
        return lemma


@cache
def load_cues() -> Cues:
    """Read the packaged cue list once."""
    source = resources.files("tidings.quotes").joinpath("data/cues.yaml")
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"cannot read quotes cue list {source}: {e}") from e
    return parse_cues(text, str(source))


def parse_cues(text: str, where: str = "cues.yaml") -> Cues:
    """A cue list from YAML text (format in data/cues.yaml); a DataError names the bad entry."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise DataError(f"{where} is not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), dict):
        raise DataError(f"{where}: expected a mapping with a 'verbs' mapping")
    verbs: dict[str, frozenset[str]] = {}
    for lemma, complements in data["verbs"].items():
        kinds = frozenset(complements or ()) if isinstance(complements, list) else frozenset()
        if not kinds or not kinds <= COMPLEMENTS:
            raise DataError(
                f"{where}: verb {lemma!r} needs complements from {sorted(COMPLEMENTS)}, "
                f"got {complements!r}"
            )
        verbs[str(lemma)] = kinds
    phrases = tuple(str(p).lower() for p in data.get("phrases") or ())
    nouns = frozenset(str(n).lower() for n in data.get("attribution_nouns") or ())
    heads = frozenset(key.split()[0] for key in verbs if " " in key)
    claims = frozenset(str(n).lower() for n in data.get("claim_nouns") or ())
    objects = frozenset(str(n).lower() for n in data.get("object_nouns") or ())
    return Cues(
        verbs=verbs, phrases=phrases, attribution_nouns=nouns, phrasal_heads=heads,
        claim_nouns=claims, object_nouns=objects,
    )
