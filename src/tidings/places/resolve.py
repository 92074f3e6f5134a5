"""Choose one gazetteer entry for each toponym, using what the whole article says.

Scores, in order of strength: a qualifier written next to the name ("Paris, Texas";
"SAN DIEGO, Calif."), the kind of place (a country name means the country), the countries
the article mentions and its dateline, then population. A name is resolved once per article,
so every mention of it gets the same entry.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .gazetteer import Candidate, Entry, Gazetteer
from .lexicon import lexicon
from .names import is_code, normalize
from .recognize import Toponym

# What a name most likely means before context: a country name means the country, a
# continent or sea its own entry; a state outranks all but large cities.
_FEATURE_BASE = {
    "country": 100.0,
    "continent": 90.0,
    "region": 75.0,
    "water": 75.0,
    "landmark": 75.0,
    "admin1": 55.0,
}
_CAPITAL_BONUS = 10.0  # a capital of the same size as another town is the likelier referent
_ALTERNATE_PENALTY = 15.0  # an alternate name (an old or foreign name) is weaker evidence
_CONTEXT_BONUS = 5.0  # the candidate lies in a country the article mentions
_STATE_CONTEXT_BONUS = 15.0  # a US state, or a town in one, that the article mentions
_ADMIN_CONTEXT_BONUS = 50.0  # a state or province of a country the article is about
_DATELINE_BONUS = 3.0  # the candidate lies in the dateline's country
_QUALIFIER_BONUS = 200.0  # "Springfield, Ill.": the written qualifier decides


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen entry (None: unresolved) and why."""

    entry: Entry | None
    reason: str


@dataclass(frozen=True)
class Context:
    """What the article says about where it is: countries and US states it names."""

    countries: Counter[str]  # ISO3 -> how many distinct names point there
    states: Counter[str]  # US state code -> how many distinct names point there
    dateline_country: str | None

    @classmethod
    def empty(cls) -> Context:
        return cls(Counter(), Counter(), None)


def _city_score(entry: Entry) -> float:
    return 10.0 * math.log10(max(entry.population, 1000))


def _base_score(candidate: Candidate) -> float:
    entry = candidate.entry
    score = _FEATURE_BASE.get(entry.feature)
    if score is None:
        score = _city_score(entry) + (_CAPITAL_BONUS if entry.feature == "capital" else 0.0)
    return score - (_ALTERNATE_PENALTY if candidate.alternate else 0.0)


def _unambiguous(candidates: tuple[Candidate, ...]) -> Entry | None:
    """The entry a name surely means, as evidence of where the article is: a country's own
    name, else a state's ("Florida", whatever towns share it), else the one town bearing it."""
    primary = [c.entry for c in candidates if not c.alternate and not c.entry.is_village]
    for feature in ("country", "admin1"):
        found = [e for e in primary if e.feature == feature]
        if len(found) == 1:
            return found[0]
    if len(primary) == 1 and len(candidates) == 1:
        return primary[0]
    return None


def build_context(
    toponyms: Iterable[Toponym], gazetteer: Gazetteer, dateline: Entry | None
) -> Context:
    countries: Counter[str] = Counter()
    states: Counter[str] = Counter()
    for name in {normalize(toponym.text) for toponym in toponyms}:
        entry = _unambiguous(gazetteer.lookup(name))
        if entry is None or entry.country is None:
            continue
        countries[entry.country] += 1
        if entry.country == "USA" and entry.admin1:
            states[entry.admin1] += 1  # a state, or a town that only one state has
    dateline_country = dateline.country if dateline is not None else None
    if dateline_country:
        countries[dateline_country] += 1
    return Context(countries, states, dateline_country)


def _score(
    candidate: Candidate, context: Context, evidence: Entry | None, qualifier: frozenset[str]
) -> float:
    """``evidence``: what this very name counts for in the context, which is no evidence for
    itself. A state whose name is also a foreign country's ("Georgia") wins with its own
    country in the context."""
    entry = candidate.entry
    score = _base_score(candidate)
    country = entry.country
    own_country = evidence.country if evidence is not None else None
    if country is not None and context.countries[country] > int(country == own_country):
        rival = entry.feature == "admin1" and evidence is not None and own_country != country
        score += _ADMIN_CONTEXT_BONUS if rival else _CONTEXT_BONUS
    if country is not None and country == context.dateline_country:
        score += _DATELINE_BONUS
    own_state = evidence.admin1 if evidence is not None else ""
    if entry.admin1 and context.states[entry.admin1] > int(entry.admin1 == own_state):
        score += _STATE_CONTEXT_BONUS
    state = f"USA-{entry.admin1}" if entry.admin1 else None
    if qualifier and (country in qualifier or state in qualifier):
        score += _QUALIFIER_BONUS
    return score


_CODE_FEATURES = frozenset({"country", "admin1", "region", "landmark"})


def qualifier_keys(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Countries ("ISO3") and US states ("USA-CA") a written qualifier can stand for."""
    keys: set[str] = set()
    for candidate in gazetteer.lookup(text):
        entry = candidate.entry
        if candidate.alternate or entry.country is None:
            continue
        if entry.feature == "country":
            keys.add(entry.country)
        elif entry.feature == "admin1" and entry.country == "USA":
            keys.add(f"USA-{entry.admin1}")
    return frozenset(keys)


def resolve_name(
    text: str, gazetteer: Gazetteer, context: Context, qualifier: frozenset[str] = frozenset()
) -> Resolution:
    """The best entry for one name in this article's context."""
    candidates = gazetteer.lookup(text)
    if not candidates:
        return _within(text, gazetteer, context, qualifier)
    major = tuple(c for c in candidates if not c.entry.is_village)
    candidates = major or candidates  # a village only counts when no larger place bears it
    primary = tuple(c for c in candidates if not c.alternate)
    candidates = primary or candidates  # an alternate name only counts when no place bears it
    if is_code(text):  # "EU", "WA": a code names a country or state, not a town ("Eu")
        candidates = tuple(c for c in candidates if c.entry.feature in _CODE_FEATURES)
        if not candidates:
            return Resolution(None, "unknown")
    evidence = _unambiguous(candidates)
    scored = sorted(
        ((_score(c, context, evidence, qualifier), -i, c) for i, c in enumerate(candidates)),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    best = scored[0][2]
    if len(candidates) == 1:
        reason = "unique"
    elif qualifier and scored[0][0] >= _QUALIFIER_BONUS:
        reason = "qualifier"
    else:
        reason = "context" if scored[0][0] > _base_score(best) else "prominence"
    return Resolution(best.entry, reason)


def _within(
    text: str, gazetteer: Gazetteer, context: Context, qualifier: frozenset[str]
) -> Resolution:
    """A name the gazetteer lacks, made of a known place and words that locate something
    inside it; else unresolved."""
    words = text.replace("-", " ").split()
    rest = list(words)
    while len(rest) > 1 and rest[0].lower() in lexicon().area_words:
        rest.pop(0)
    if rest != words:
        return _container(" ".join(rest), gazetteer, context, qualifier, "area")
    if len(words) > 1 and words[-1].lower() in lexicon().facility_words:  # "Cavan Town Hall"
        for end in range(len(words) - 1, 0, -1):
            found = _container(" ".join(words[:end]), gazetteer, context, qualifier, "landmark")
            if found.entry is not None:
                return found
    for i, word in enumerate(words[:-1]):
        if word.lower() in lexicon().facility_words:  # "the British Embassy Tokyo"
            return _container(" ".join(words[i + 1 :]), gazetteer, context, qualifier, "landmark")
    return Resolution(None, "unknown")


def _container(
    text: str, gazetteer: Gazetteer, context: Context, qualifier: frozenset[str], kind: str
) -> Resolution:
    candidates = tuple(
        c for c in gazetteer.lookup(text) if not c.alternate and not c.entry.is_village
    )
    if not candidates:
        return Resolution(None, "unknown")
    best = max(candidates, key=lambda c: _score(c, context, None, qualifier))
    return Resolution(replace(best.entry, feature=kind), "within")


__all__ = ["Context", "Resolution", "build_context", "qualifier_keys", "resolve_name"]
