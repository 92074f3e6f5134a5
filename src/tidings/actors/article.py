"""The actors of one article, a span's actor, and a name's code on a date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from . import linking
from .codes import COUNTRY_KINDS, entry_code
from .descriptions import TokenForms, choose_sector, find_roles
from .kb import KnowledgeBase
from .matcher import build_automaton, find_hits
from .resolver import Draft, UnitResolver, clean_name, fold, name_key
from ..types import Actor, Place


def actor_from_draft(draft: Draft, doc: Doc, article_id: str, text: str | None = None) -> Actor:
    start = doc[draft.start].idx
    end = doc[draft.end - 1].idx + len(doc[draft.end - 1].text)
    text = doc.text if text is None else text  # Doc.text joins every token: pass it in for many
    return Actor(article_id=article_id, start=start, end=end, text=text[start:end], code=draft.code,
                 name=draft.name, country=draft.country, kind=draft.kind, entry=draft.entry, rule=draft.rule)


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a name resolves to on a date, and why (for `tidings actors lookup`)."""

    name: str
    on: date | None
    code: str | None
    canonical: str | None
    entry: str | None
    rule: str
    terms: tuple[str, ...] = ()


class ActorResolver:
    """Built once from the knowledge base; resolves any number of articles."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.automaton = build_automaton(kb)
        self._last: tuple[Doc, date | None, bool, UnitResolver] | None = None
        # loose name -> person key, for guarded fuzzy matching of spelling variants
        self.fuzzy_people = {name_key(n): k for n, k in kb.person_names.items()}
        self.fuzzy_choices = list(self.fuzzy_people)
        # organisation names and long aliases, for spelling variants of ORG entities
        self.fuzzy_orgs = {
            fold(a.text): a.key for lower, aliases in kb.aliases.items() for a in aliases
            if len(lower) >= 8 and " " in lower and kb.entries[a.key].kind not in {"person", "country", "territory", "region", "historical"}
        }
        for name in list(kb.person_names):
            kb.person_names.setdefault(fold(name), kb.person_names[name])

    def _units(self, doc: Doc, on: date | None, places: Sequence[Place]) -> UnitResolver:
        """The Doc's unit resolver; the last one is kept, so resolve_span calls from later
        stages on the same Doc do not scan it again."""
        last = self._last
        if last is not None and last[0] is doc and last[1] == on and (not places or last[2]):
            return last[3]
        units = self._new_units(doc, on, places)
        self._last = (doc, on, bool(places), units)
        return units

    def _new_units(self, doc: Doc, on: date | None, places: Sequence[Place]) -> UnitResolver:
        place_countries: dict[int, str] = {}
        for place in places:
            if place.country:
                span = doc.char_span(place.start, place.end, alignment_mode="expand")
                if span is not None:
                    place_countries.update({i: place.country for i in range(span.start, span.end)})
        text = doc.text  # built once: Doc.text joins every token
        hits = find_hits(doc, self.kb, self.automaton, text)
        return UnitResolver(self.kb, self.fuzzy_people, self.fuzzy_choices, doc, hits, on, place_countries, text,
                            self.fuzzy_orgs)

    def drafts(self, doc: Doc, on: date | None, places: Sequence[Place] = ()) -> tuple[list[Draft], str]:
        """The article's actor drafts, and the Doc's text."""
        units = self._units(doc, on, places)
        drafts = [d for unit in units.units() for d in units.resolve_unit(unit)]
        linking.link_people(drafts, self.kb, on)
        linking.link_descriptions(drafts)
        filed = linking.dateline(doc, units.hits, self.kb, on, units.text)
        if filed is not None:
            drafts = [d for d in drafts if not (d.start < filed[2] and filed[1] < d.end and d.end <= filed[2])]
            for d in drafts:
                if d.start < filed[2] < d.end:
                    d.start = filed[2]
                    while d.start < d.end - 1 and (doc[d.start].is_punct or doc[d.start].like_num
                                                   or doc[d.start].ent_type_ == "DATE"):
                        d.start += 1
        home = filed[0] if filed is not None else None
        countries = [p.country for p in places if p.country]
        # people coded from context first, so "the chancellor" can take a context-coded chancellor
        linking.fill_context(drafts, doc, self.kb, on, countries, home, skip_links=frozenset({"title"}))
        linking.link_titles(drafts, self.kb, on)
        linking.fill_context(drafts, doc, self.kb, on, countries, home)
        linking.link_people(drafts, self.kb, on, unresolved_only=True)
        drafts = [d for d in drafts if d.code is not None]
        drafts += linking.pronouns(doc, drafts)
        return linking.merge_adjacent(drafts, doc), units.text

    def resolve(self, doc: Doc, on: date | None, article_id: str, places: Sequence[Place] = ()) -> tuple[Actor, ...]:
        drafts, text = self.drafts(doc, on, places)
        return tuple(actor_from_draft(d, doc, article_id, text) for d in drafts)

    def resolve_span(self, doc: Doc, start: int, end: int, on: date | None,
                     known: Sequence[Actor] = ()) -> Actor | None:
        """The actor a stretch of text names or describes, or None.

        An actor already found in the article that lies inside the span (or covers it) wins,
        so linked surnames and pronouns keep their article-level resolution.
        """
        inside = [a for a in known if a.code and start <= a.start and a.end <= end]
        covering = [a for a in known if a.code and a.start <= start and end <= a.end]
        if inside or covering:
            return (inside or covering)[0]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        units = self._units(doc, on, ())
        candidates = [span] + [u for u in units.units() if span.start <= u.start and u.end <= span.end]
        drafts = [d for unit in candidates for d in units.resolve_unit(unit)]
        linking.fill_context(drafts, doc, self.kb, on, ())
        best = next((d for d in drafts if d.code is not None), None)
        article_id = doc._.tidings_article_id if doc.has_extension("tidings_article_id") else ""
        return actor_from_draft(best, doc, article_id) if best is not None else None

    def lookup(self, name: str, on: date | None) -> Lookup:
        """A name's code on a date, through the same tables the pipeline uses.

        Tries a person's full name, then any alias (country, capital, seat, demonym,
        organisation), then a surname alone, then a description ("Chinese troops") read with
        the tokenizer only (no parser, so "professor at Kyungnam University"-style phrases are
        left to :meth:`resolve_span`).
        """
        text = clean_name(name)
        if text.lower().startswith("the "):
            text = text[4:]
        lower = text.lower()
        key = self.kb.person_names.get(lower) or self.kb.person_names.get(fold(text))
        aliases = self.kb.aliases.get(lower, [])
        if key is None and aliases:
            alias = min(aliases, key=lambda a: {"name": 0, "seat": 1, "capital": 2}.get(a.how, 3))
            key = alias.key
            entry = self.kb.entries[key]
            code, rule = entry_code(self.kb, entry, on)
            if entry.kind in {"country", "territory", "historical", "region"} and alias.how in {"capital", "seat"}:
                code, rule = (code or "") + "GOV", alias.how
            elif alias.how == "demonym":
                rule = "demonym"
            return Lookup(name, on, code, entry.name, key, rule, _terms(entry))
        if key is None:
            keys = self.kb.surnames.get(fold(text), set())
            live = [k for k in keys if on is not None and any(t.covers(on) for t in self.kb.entries[k].terms)]
            if len(live) == 1 and len(keys) < linking.COMMON_SURNAME_PEOPLE:
                key = live[0]
                entry = self.kb.entries[key]
                code, _ = entry_code(self.kb, entry, on)
                return Lookup(name, on, code, entry.name, key, "surname-in-office", _terms(entry))
            return self._describe(name, text, on)
        entry = self.kb.entries[key]
        code, rule = entry_code(self.kb, entry, on)
        return Lookup(name, on, code, entry.name, key, rule, _terms(entry))


    def _describe(self, name: str, text: str, on: date | None) -> Lookup:
        doc = _tokenizer()(text)
        hits = find_hits(doc, self.kb, self.automaton, text)
        forms = TokenForms.of(doc)
        roles = find_roles(forms, range(len(doc)), self.kb)
        sector = choose_sector(roles, len(doc) - 1)
        states = [h for h in hits if any(self.kb.entries[a.key].kind in COUNTRY_KINDS for a in h.aliases)]
        if not states:
            return Lookup(name, on, None, None, None, "unknown")
        alias = next(a for a in states[0].aliases if self.kb.entries[a.key].kind in COUNTRY_KINDS)
        entry = self.kb.entries[alias.key]
        country = self.kb.country_on(entry.country, on)
        return Lookup(name, on, country + (sector or ""), entry.name, entry.key, "description")


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en")


def _terms(entry) -> tuple[str, ...]:
    return tuple(
        f"{t.code} {t.office or ''} {t.start or '…'} to {t.end or 'now'}".replace("  ", " ") for t in entry.terms
    )
