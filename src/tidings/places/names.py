"""Name normalization shared by the gazetteer index and lookups."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2013": "-"})
_SPACES = re.compile(r"[\s\-]+")
# Abbreviated first words, spelled out so "St. Petersburg" finds "Saint Petersburg".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def is_code(text: str) -> bool:
    """An abbreviation in capitals ("EU", "U.N.", "WA"): it may name a country or a state,
    never a town that happens to be spelt so ("Eu", "Un")."""
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


def normalize(text: str) -> str:
    """Key for name lookup: no accents, case, full stops or hyphens; "St." spelled out."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    words = _SPACES.sub(" ", text.casefold().replace(".", "")).strip().split(" ")
    if len(words) > 1 and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    return " ".join(words)
