"""The words dates are written in (data/words.yaml), as lookups and regex alternations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DataError

_KEYS = ("months", "weekdays", "seasons", "numbers", "vague_numbers", "units", "ordinals",
         "parts_of_day", "references", "holidays")


@dataclass(frozen=True)
class Vocabulary:
    """Lower-cased word -> meaning maps read from words.yaml."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    units: dict[str, str]
    ordinals: dict[str, int]
    parts_of_day: dict[str, str]
    references: dict[str, str]
    holidays: dict[str, str]
    month_spellings: tuple[str, ...]  # as written in the file (capitalized)
    full_months: frozenset[str]  # the first spelling of each month: its full name


def plural(unit: str) -> str:
    """"day" -> "days", "century" -> "centuries"."""
    return unit[:-1] + "ies" if unit.endswith("ry") else unit + "s"


def alternation(words, *, plural: bool = False) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        part = r"\s+".join(re.escape(w) for w in word.split())
        parts.append(part + ("s?" if plural else ""))
    return "(?:" + "|".join(parts) + ")"


def month_alternation(vocab: Vocabulary, *, full_only: bool = False) -> str:
    """Month names, case-sensitive: Capitalized or ALL CAPS, abbreviations with an optional dot.

    Case matters because "May", "March" and "Sun" are also ordinary words; ``full_only``
    leaves out abbreviations ("Jan" is also a name) for months that stand alone.
    """
    parts = []
    for word in vocab.month_spellings:
        is_full = word in vocab.full_months
        if full_only and not is_full:
            continue
        for form in (word, word.upper()):
            parts.append(re.escape(form) + ("" if is_full else r"\.?"))
    return "(?-i:" + "|".join(sorted(set(parts), key=len, reverse=True)) + ")"


def weekday_alternation(vocab: Vocabulary) -> str:
    """Weekday names; abbreviations only with their dot or capitalized, to spare "sat"/"wed"."""
    full = [w for w in vocab.weekdays if w.endswith("day")]
    short = [w for w in vocab.weekdays if not w.endswith("day")]
    ordered = sorted(short, key=len, reverse=True)
    shorts = "|".join(re.escape(w.capitalize()) + r"\." for w in ordered)
    return "(?:" + alternation(full)[3:-1] + "|(?-i:" + shorts + "))"


def number_of(text: str, vocab: Vocabulary) -> float | None:
    """A count written in digits or words ("24", "twenty four", "2 1/2", "a couple of")."""
    text = re.sub(r"\s+", " ", text.strip().lower().replace(",", ""))
    half = 0.0
    for suffix in (" and a half", " 1/2", "½"):
        if text.endswith(suffix):
            text, half = text[: -len(suffix)].strip(), 0.5
    if not text and half:
        return half
    try:
        return float(text) + half
    except ValueError:
        pass
    if text in vocab.numbers:
        return vocab.numbers[text] + half
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        value = vocab.numbers.get(word)
        if value is None:
            return None
        total = total * value if value == 100 and total else total + value
    return total + half


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Read words.yaml once (immutable packaged data, so caching it is safe)."""
    try:
        path = resources.files(__package__).joinpath("data/words.yaml")
        raw = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DataError(f"cannot read tidings/times/data/words.yaml: {e}") from e
    missing = [key for key in _KEYS if key not in (raw or {})]
    if missing:
        raise DataError(f"tidings/times/data/words.yaml lacks {missing}")

    def inverse(section: dict) -> dict:
        return {str(w).lower(): key for key, words in section.items() for w in words}

    def lowered(section: dict) -> dict:
        return {str(k).lower(): v for k, v in section.items()}

    return Vocabulary(
        months=inverse(raw["months"]),
        weekdays=inverse(raw["weekdays"]),
        seasons=inverse(raw["seasons"]),
        numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
        vague_numbers=tuple(str(w).lower() for w in raw["vague_numbers"]),
        units={str(k).lower(): str(v) for k, v in raw["units"].items()},
        ordinals=lowered(raw["ordinals"]),
        parts_of_day=lowered(raw["parts_of_day"]),
        references=lowered(raw["references"]),
        holidays={str(k).lower(): str(v) for k, v in raw["holidays"].items()},
        month_spellings=tuple(str(w) for words in raw["months"].values() for w in words),
        full_months=frozenset(str(words[0]) for words in raw["months"].values()),
    )
