"""The actor knowledge base: data files in, fast lookups out.

Four kinds of file share one loader (the header row says which kind a file is):
countries (``code name aliases ...``), organisations (``name aliases code kind start end``),
officeholders (``person aliases country office code start end``) and role words
(``word sector strength title``). Packaged files load first; user files
(``Settings.actor_files``) load after them and replace entries with the same name or code.
The formats are documented in ``data/README.md``.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from ..errors import DataError

log = logging.getLogger(__name__)

COUNTRY_COLUMNS = ("code", "name", "aliases", "demonyms", "capitals", "seats", "kind")
ORG_COLUMNS = ("name", "aliases", "code", "kind", "start", "end")
PERSON_COLUMNS = ("person", "aliases", "country", "office", "code", "start", "end")
ROLE_COLUMNS = ("word", "sector", "strength", "title")
STATE_COLUMNS = ("old", "new", "date", "backward")

# Family name first in English-language news for these countries ("Xi" of Xi Jinping).
FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC"})


@dataclass(frozen=True, slots=True)
class Term:
    """One stretch of time in which an entry carries ``code`` (``end`` is exclusive)."""

    code: str
    start: date | None = None
    end: date | None = None
    office: str = ""

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A country, organisation or person. ``key`` is unique: ``country:CHN``, ``org:Reuters``."""

    key: str
    name: str
    kind: str
    country: str
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of an entry. ``how``: name, alias, demonym, capital or seat."""

    text: str
    key: str
    how: str


@dataclass(frozen=True, slots=True)
class Role:
    word: str
    sector: str
    strength: str  # strong, weak or modifier
    title: bool
    title_only: bool = False  # a sector only as a title before a name ("General Aoun", not "in general")


@dataclass(frozen=True, slots=True)
class StateChange:
    old: str
    new: str
    on: date
    backward: bool


@dataclass
class KnowledgeBase:
    """Everything the resolver looks up; built once, then read only."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)  # lower-case text -> aliases
    roles: dict[str, Role] = field(default_factory=dict)  # lower-case word or phrase
    states: list[StateChange] = field(default_factory=list)
    surnames: dict[str, set[str]] = field(default_factory=dict)  # lower-case -> person keys
    person_names: dict[str, str] = field(default_factory=dict)  # lower-case full name -> key

    def add_alias(self, text: str, key: str, how: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        bucket = self.aliases.setdefault(text.lower(), [])
        bucket[:] = [a for a in bucket if a.key != key]
        bucket.append(Alias(text, key, how))

    def remove_entry(self, key: str) -> None:
        """Drop an entry and its aliases (a user file redefines it)."""
        if self.entries.pop(key, None) is None:
            return
        for lower in list(self.aliases):
            kept = [a for a in self.aliases[lower] if a.key != key]
            if kept:
                self.aliases[lower] = kept
            else:
                del self.aliases[lower]
        for keys in self.surnames.values():
            keys.discard(key)
        for name, k in list(self.person_names.items()):
            if k == key:
                del self.person_names[name]

    def country_on(self, code: str, on: date | None) -> str:
        """A three-letter code as of a date: RUS in 1987 is SUN, SUN in 1999 is RUS."""
        if on is None:
            return code
        for change in self.states:
            if code == change.old and on >= change.on:
                return change.new
            if change.backward and code == change.new and on < change.on:
                return change.old
        return code


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _date(cell: str | None, where: str) -> date | None:
    cell = (cell or "").strip()
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError as e:
        raise DataError(f"{where}: {cell!r} is not an ISO date (YYYY-MM-DD)") from e


def _rows(text: str, where: str) -> tuple[tuple[str, ...], Iterator[tuple[int, dict[str, str]]]]:
    """Header and rows of a TSV with '#' comment lines."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return (), iter(())
    header = tuple(h.strip() for h in lines[0][1].split("\t"))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for n, line in lines[1:]:
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if len(cells) > len(header):
                raise DataError(f"{where}:{n}: {len(cells)} cells but the header has {len(header)}")
            yield n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))

    return header, rows()


def _plurals(word: str) -> list[str]:
    """Regular plurals of demonym nouns: Afghans, Iraqis, Turks; none for Chinese, Swiss, Irish."""
    if word.endswith(("ese", "s", "sh", "ch", ".")) or word.isupper():
        return ["Czechs"] if word == "Czech" else []
    return [word + "s"]


def _load_countries(kb: KnowledgeBase, rows: Iterable[tuple[int, dict[str, str]]], where: str) -> None:
    for n, row in rows:
        code = row["code"].strip()
        if len(code) != 3 or not code.isalpha():
            raise DataError(f"{where}:{n}: country code {code!r} must be three letters")
        key = f"country:{code}"
        kb.remove_entry(key)
        kind = row.get("kind", "").strip() or "country"
        kb.entries[key] = Entry(key, row["name"].strip(), kind, code)
        for name in [row["name"], *_split(row["aliases"])]:
            # "the Gambia" is found as "Gambia"; only a region keeps its article ("the West")
            if name.lower().startswith("the ") and kind != "region":
                name = name[4:]
            kb.add_alias(name, key, "name")
        for word in _split(row["demonyms"]):
            kb.add_alias(word, key, "demonym")
            for plural in _plurals(word):
                kb.add_alias(plural, key, "demonym")
        for city in _split(row["capitals"]):
            kb.add_alias(city, key, "capital")
        for seat in _split(row["seats"]):
            kb.add_alias(seat, key, "seat")


def _load_orgs(kb: KnowledgeBase, rows: Iterable[tuple[int, dict[str, str]]], where: str) -> None:
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for n, row in rows:
        grouped.setdefault(row["name"].strip(), []).append((n, row))
    for name, group in grouped.items():
        key = f"org:{name}"
        kb.remove_entry(key)
        terms = []
        aliases: list[str] = []
        for n, row in group:
            code = row["code"].strip()
            if not code.isalnum() or len(code) < 3:
                raise DataError(f"{where}:{n}: code {code!r} is not an actor code")
            terms.append(Term(code, _date(row["start"], f"{where}:{n}"), _date(row["end"], f"{where}:{n}")))
            aliases += _split(row["aliases"])
        first = group[0][1]
        kb.entries[key] = Entry(key, name, first["kind"].strip() or "organisation", terms[0].code[:3], tuple(terms))
        for alias in [name, *aliases]:
            kb.add_alias(alias[4:] if alias.lower().startswith("the ") else alias, key, "name")


def _load_people(kb: KnowledgeBase, rows: Iterable[tuple[int, dict[str, str]]], where: str,
                 merge: bool = False) -> None:
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for n, row in rows:
        grouped.setdefault(row["person"].strip(), []).append((n, row))
    for name, group in grouped.items():
        key = f"person:{name}"
        earlier = kb.entries.get(key)
        terms = list(earlier.terms) if merge and earlier is not None else []
        kb.remove_entry(key)
        aliases: list[str] = []
        for n, row in group:
            code = row["code"].strip()
            if not code.isalnum() or len(code) < 3:
                raise DataError(f"{where}:{n}: code {code!r} is not an actor code")
            start = _date(row["start"], f"{where}:{n}")
            terms.append(Term(code, start, _date(row["end"], f"{where}:{n}"), row["office"].strip()))
            aliases += _split(row["aliases"])
        terms.sort(key=lambda t: t.start or date.min)
        country = group[0][1]["country"].strip() or terms[0].code[:3]
        kb.entries[key] = Entry(key, name, "person", country, tuple(terms))
        for full in dict.fromkeys([name, *aliases]):
            tokens = full.split()
            if len(tokens) > 1:
                kb.add_alias(full, key, "name")
                kb.person_names[full.lower()] = key
            else:
                kb.surnames.setdefault(full.lower(), set()).add(key)
        tokens = name.split()
        if len(tokens) > 1:
            family = tokens[0] if country in FAMILY_NAME_FIRST else tokens[-1]
            kb.surnames.setdefault(family.lower(), set()).add(key)


def _load_roles(kb: KnowledgeBase, rows: Iterable[tuple[int, dict[str, str]]], where: str) -> None:
    for n, row in rows:
        word = " ".join(row["word"].lower().split())
        strength = row["strength"].strip() or "strong"
        if strength not in {"strong", "weak", "modifier"}:
            raise DataError(f"{where}:{n}: strength {strength!r} must be strong, weak or modifier")
        title = row["title"].strip()
        if title not in {"", "title", "title-only"}:
            raise DataError(f"{where}:{n}: title {title!r} must be empty, title or title-only")
        kb.roles[word] = Role(word, row["sector"].strip(), strength, title != "", title == "title-only")


def _load_states(kb: KnowledgeBase, rows: Iterable[tuple[int, dict[str, str]]], where: str) -> None:
    for n, row in rows:
        on = _date(row["date"], f"{where}:{n}")
        if on is None:
            raise DataError(f"{where}:{n}: a state change needs a date")
        kb.states.append(StateChange(row["old"].strip(), row["new"].strip(), on, row["backward"].strip() == "yes"))


LOADERS = {
    COUNTRY_COLUMNS: _load_countries,
    ORG_COLUMNS: _load_orgs,
    PERSON_COLUMNS: _load_people,
    ROLE_COLUMNS: _load_roles,
    STATE_COLUMNS: _load_states,
}


def load_text(kb: KnowledgeBase, text: str, where: str, merge: bool = False) -> None:
    """Add one file's rows to the knowledge base; its header row says which kind it is.

    A person already known gets the file's terms instead of the old ones, unless ``merge``
    (packaged files: one person's offices may be spread over several files).
    """
    header, rows = _rows(text, where)
    if not header:
        return
    loader = LOADERS.get(header)
    if loader is None:
        known = "; ".join(" ".join(cols) for cols in LOADERS)
        raise DataError(f"{where}: unknown header {' '.join(header)!r}; expected one of: {known}")
    try:
        if loader is _load_people:
            _load_people(kb, rows, where, merge)
        else:
            loader(kb, rows, where)
    except KeyError as e:
        raise DataError(f"{where}: missing column {e}") from e


def _packaged_files() -> Iterator[tuple[str, str]]:
    data = resources.files("tidings.actors") / "data"
    for name in ("countries.tsv", "states.tsv", "orgs.tsv", "roles.tsv", "people.tsv"):
        yield f"actors/data/{name}", (data / name).read_text(encoding="utf-8")
    folder = data / "officeholders"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            yield f"actors/data/officeholders/{item.name}", item.read_text(encoding="utf-8")


def load_kb(extra_files: Iterable[Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base, then each user file in order (later wins)."""
    kb = KnowledgeBase()
    for where, text in _packaged_files():
        load_text(kb, text, where, merge=True)
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise DataError(f"cannot read actor file {path}: {e}") from e
        load_text(kb, text, str(path))
    log.debug("actor knowledge base: %d entries, %d aliases", len(kb.entries), len(kb.aliases))
    return kb
