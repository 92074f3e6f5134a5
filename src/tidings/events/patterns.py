"""The action vocabulary: verb, noun and adjective patterns read from YAML, compiled by lemma.

The format is documented in ``data/README.md``. Patterns are compiled once into a dict
keyed by ``(part of speech, lemma)``, so coding a sentence is one dict lookup per token.
User pattern files (Settings.pattern_files) are read after the packaged file and their
patterns are tried first for the same lemma.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError
from .codebook import Codebook

KINDS = ("verb", "noun", "adj")
DEFAULT_CONFIDENCE = 0.8
VERB_SOURCE = ("subj",)
NOUN_SOURCE = ("poss", "by", "acl_agent", "from", "gov_subj", "mod")
PATTERN_KEYS = {
    "verb",
    "noun",
    "adj",
    "code",
    "frame",
    "target",
    "source",
    "particle",
    "object",
    "prep",
    "modifier",
    "needs_target",
    "symmetric",
    "confidence",
    "note",
    "not_object",
    "not_prep",
    "inner_only",
    "comp_aux",
    "political_code",
    "child_dep",
    "complement",
    "comp_event",
    "foreign",
}


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb that wraps another event: "threatened to impose sanctions" -> 1312."""

    name: str
    default: str
    inner: Mapping[str, str]

    def code_for(self, inner_code: str | None) -> str:
        """The outer code for an inner event code, by the longest matching prefix."""
        if inner_code:
            for size in (4, 3, 2):
                found = self.inner.get(inner_code[:size])
                if found:
                    return found
        return self.default


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str  # "verb:meet@12": kind, lemma and the line order in its file, for explanations
    kind: str
    lemma: str
    code: str | None
    frame: str | None
    target: tuple[str, ...]
    source: tuple[str, ...]
    particle: str | None
    objects: frozenset[str]
    not_objects: frozenset[str]
    prep: str | None
    not_prep: str | None
    modifiers: frozenset[str]
    needs_target: bool
    symmetric: bool
    confidence: float
    inner_only: bool  # fires only inside a frame: "promised military aid"
    comp_aux: frozenset[str]  # a complement clause must carry one of these: "said X must..."
    political_code: str | None  # the code when both sides are politicians: "Trump attacked Cruz"
    child_dep: str | None  # a dependent the trigger must have: "branded him a liar" (oprd)
    complements: frozenset[str] = frozenset()  # "called him a liar", "described X as an ally"
    comp_events: frozenset[str] = frozenset()  # roots of an uncoded past act the clause reports
    foreign: bool = False  # source and target must be of different countries

    @property
    def specificity(self) -> int:
        return sum(
            bool(x)
            for x in (
                self.particle,
                self.objects,
                self.prep,
                self.modifiers,
                self.not_objects,
                self.comp_aux,
                self.child_dep,
                self.complements,
                self.comp_events,
            )
        )


@dataclass(frozen=True)
class PatternSet:
    by_lemma: dict[tuple[str, str], tuple[Pattern, ...]]
    frames: dict[str, Frame]
    noun_blockers: frozenset[str]  # governing verbs that cancel a nominal event ("cancel a visit")

    def lookup(self, kind: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((kind, lemma), ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())


def _word(value: Any) -> str:
    """YAML 1.1 reads bare on/off/yes/no as booleans; the prepositions are meant."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, (str, bool)):
        return frozenset([_word(value).lower()])
    return frozenset(_word(v).lower() for v in value)


def _as_tuple(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    if isinstance(value, (str, bool)):
        return (_word(value),)
    return tuple(_word(v) for v in value)


def _optional_word(value: Any) -> str | None:
    return None if value is None else _word(value)


def _compile_pattern(
    entry: Mapping[str, Any], index: int, origin: str, book: Codebook, frames: Mapping[str, Frame]
) -> list[Pattern]:
    unknown = set(entry) - PATTERN_KEYS
    if unknown:
        raise DataError(f"{origin}: pattern {index} has unknown keys {sorted(unknown)}")
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise DataError(f"{origin}: pattern {index} needs exactly one of verb/noun/adj")
    kind = kinds[0]
    code = entry.get("code")
    code = None if code is None else str(code)
    frame = entry.get("frame")
    if code is None and frame is None:
        raise DataError(f"{origin}: pattern {index} ({entry[kind]}) has neither code nor frame")
    if code is not None and code not in book:
        raise DataError(f"{origin}: pattern {index} uses unknown CAMEO code {code!r}")
    if frame is not None and frame not in frames:
        raise DataError(f"{origin}: pattern {index} uses unknown frame {frame!r}")
    political = entry.get("political_code")
    political = None if political is None else str(political)  # "none": no event at all
    if political not in (None, "none") and political not in book:
        raise DataError(f"{origin}: pattern {index} uses unknown CAMEO code {political!r}")
    default_source = VERB_SOURCE if kind != "noun" else NOUN_SOURCE
    default_target = ("obj",) if kind == "verb" else ()
    out = []
    for lemma in sorted(_as_set(entry[kind])):
        out.append(
            Pattern(
                id=f"{kind}:{lemma}@{origin}#{index}",
                kind=kind,
                lemma=lemma,
                code=code,
                frame=frame,
                target=_as_tuple(entry.get("target"), default_target),
                source=_as_tuple(entry.get("source"), default_source),
                particle=_optional_word(entry.get("particle")),
                objects=_as_set(entry.get("object")),
                not_objects=_as_set(entry.get("not_object")),
                prep=_optional_word(entry.get("prep")),
                not_prep=_optional_word(entry.get("not_prep")),
                modifiers=_as_set(entry.get("modifier")),
                needs_target=bool(entry.get("needs_target", True)),
                symmetric=bool(entry.get("symmetric", False)),
                confidence=float(entry.get("confidence", DEFAULT_CONFIDENCE)),
                inner_only=bool(entry.get("inner_only", False)),
                comp_aux=_as_set(entry.get("comp_aux")),
                political_code=political,
                child_dep=_optional_word(entry.get("child_dep")),
                complements=_as_set(entry.get("complement")),
                comp_events=frozenset(f"{int(r):02d}" for r in entry.get("comp_event") or ()),
                foreign=bool(entry.get("foreign", False)),
            )
        )
    return out


def _read_yaml(text: str, origin: str) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise DataError(f"{origin}: not valid YAML: {e}") from e
    if not isinstance(data, Mapping):
        raise DataError(f"{origin}: expected a mapping with 'frames' and 'patterns'")
    return data


def compile_patterns(sources: Iterable[tuple[str, str]], book: Codebook) -> PatternSet:
    """Compile (origin, yaml text) pairs; later sources take priority for the same lemma."""
    frames: dict[str, Frame] = {}
    blockers: set[str] = set()
    layers: list[list[Pattern]] = []
    docs = [(origin, _read_yaml(text, origin)) for origin, text in sources]
    for origin, data in docs:
        for name, spec in (data.get("frames") or {}).items():
            inner = {str(k): str(v) for k, v in (spec.get("inner") or {}).items()}
            default = str(spec.get("default", ""))
            for code in [default, *inner.values()]:
                if code not in book:
                    raise DataError(f"{origin}: frame {name} uses unknown CAMEO code {code!r}")
            frames[name] = Frame(name=name, default=default, inner=inner)
        blockers |= _as_set(data.get("noun_blockers"))
    for origin, data in docs:
        layer: list[Pattern] = []
        for index, entry in enumerate(data.get("patterns") or []):
            if not isinstance(entry, Mapping):
                raise DataError(f"{origin}: pattern {index} is not a mapping")
            layer.extend(_compile_pattern(entry, index, origin, book, frames))
        layers.append(layer)
    by_lemma: dict[tuple[str, str], list[Pattern]] = {}
    for layer in reversed(layers):  # user files first
        for pattern in sorted(layer, key=lambda p: -p.specificity):  # stable: file order kept
            by_lemma.setdefault((pattern.kind, pattern.lemma), []).append(pattern)
    return PatternSet(
        by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        frames=frames,
        noun_blockers=frozenset(blockers),
    )


def load_patterns(book: Codebook, extra_files: Iterable[Path] = ()) -> PatternSet:
    """The packaged patterns plus any user files (Settings.pattern_files)."""
    packaged = resources.files("tidings.events").joinpath("data", "patterns.yaml")
    sources = [("patterns.yaml", packaged.read_text(encoding="utf-8"))]
    for path in extra_files:
        try:
            sources.append((str(path), Path(path).read_text(encoding="utf-8")))
        except OSError as e:
            raise DataError(f"cannot read pattern file {path}: {e}") from e
    return compile_patterns(sources, book)
