"""Mentions in a Doc -> actor drafts with codes as of the article date.

A *unit* is a noun chunk, or a named entity or knowledge-base hit outside any chunk. Each
unit yields at most a few drafts (coordinated demonyms: "Hungarian and Romanian officials"):

* a person (spaCy PERSON or a known full name): officeholder terms on the date, refined by
  the words around the name (title, "former", apposition, "of Morocco");
* a known entry at the unit's head: a country ("China" -> CHN), a capital or seat of power
  ("Beijing said" -> CHNGOV; "a trip to Pyongyang" -> PRK), an organisation;
* a role word at the head ("Chinese troops", "Iraq's war spokesman", "police"): country from
  the modifiers, the prepositional phrase or, failing those, the article's context, and the
  sector from the role words.

Linking across the article (surnames, "the Chinese leader", pronouns) is in ``linking.py``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from .codes import entry_code, is_state, person_code
from .descriptions import RoleHit, TokenForms, choose_sector, find_roles, has_title, is_former
from .kb import Alias, Entry, KnowledgeBase
from .matcher import Hit

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
# Names that may contain a country or capital without being about it ("New Mexico").
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
LEADING_SKIP = frozenset({"det", "predet", "nummod", "quantmod", "punct", "case"})
LOCATIVE = frozenset({"in", "at", "to", "near", "into", "inside", "outside", "across",
                      "around", "toward", "towards", "via", "through", "throughout", "within", "on"})
ATTACHING = frozenset({"of", "for", "in", "from", "at", "throughout", "across", "within"})
# Weak role heads that still make an actor when nothing else in the phrase does.
ACTOR_WEAK_HEADS = frozenset({"official", "officials", "spokesman", "spokeswoman", "spokesperson"})
# Heads of a definite description that point at a person already named ("the Chinese leader").
LEADER_HEADS = frozenset({"leader", "president", "premier", "prime minister", "chancellor",
                          "king", "dictator", "strongman", "ruler", "head of state"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})
HOW_ORDER = {"name": 0, "seat": 1, "capital": 2, "demonym": 3}
FUZZY_CUTOFF = 90
ORG_FUZZY_CUTOFF = 92


@dataclass
class Draft:
    """An actor being resolved; token range [start, end)."""

    start: int
    end: int
    code: str | None
    name: str | None = None
    country: str | None = None
    kind: str = "group"
    entry: str | None = None
    rule: str = ""
    person: str | None = None  # the name as written, for persons
    sector: str | None = None  # sector still waiting for a country from context
    link: str | None = None  # "surname" or "description": the linking pass may refine it
    titles: tuple[str, ...] = ()  # role words the text gives a person ("crown prince", "minister")


def fold(text: str) -> str:
    """Lower case without accents: "Peña Nieto" -> "pena nieto"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "bin", "ibn", "de", "da", "del", "van", "von", "der"})


def name_key(text: str) -> str:
    """A loose form of a name for fuzzy matching: "Omar El Bashir" ~ "Omar al-Bashir"."""
    words = fold(text).replace("-", " ").replace("'", "").replace("’", "").split()
    kept = [w for w in words if w not in NAME_PARTICLES]
    return " ".join(kept or words)


def surname_forms(word: str) -> tuple[str, ...]:
    """A folded surname and, after a particle, its bare form: "al-shaheen" -> also "shaheen"."""
    head, _, rest = word.partition("-")
    return (word, rest) if rest and head in NAME_PARTICLES else (word,)


def clean_name(text: str) -> str:
    """A person's name without possessive, honorifics or middle initials."""
    text = text.strip()
    for tail in ("'s", "’s", "'", "’"):
        if text.endswith(tail):
            text = text[: -len(tail)]
    tokens = [t for t in text.replace(",", " ").split() if t.lower().strip(".") not in HONORIFICS]
    kept = [t for t in tokens if not (len(t.rstrip(".")) == 1 and t[0].isupper())]
    return " ".join(kept or tokens)


class UnitResolver:
    """Resolves units of one Doc; holds the Doc's hits and the article date."""

    def __init__(self, kb: KnowledgeBase, fuzzy_people: dict[str, str], fuzzy_choices: Sequence[str],
                 doc: Doc, hits: Iterable[Hit], on: date | None,
                 place_countries: dict[int, str] | None = None, text: str | None = None,
                 fuzzy_orgs: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.fuzzy_orgs = fuzzy_orgs or {}
        self.fuzzy_org_choices = list(self.fuzzy_orgs)
        self.text = doc.text if text is None else text
        self.doc = doc
        self.on = on
        self.fuzzy_people = fuzzy_people
        self.fuzzy_choices = fuzzy_choices
        self.place_countries = place_countries or {}
        self.ents = list(doc.ents)  # Doc.ents builds new Spans on every access
        self.hits = [h for h in hits if not self._inside_other_name(h)]
        self.hit_at: dict[int, Hit] = {i: h for h in self.hits for i in range(h.start, h.end)}
        self.forms = TokenForms.of(doc)
        self.person_ents = [e for e in self.ents if e.label_ == "PERSON"]
        self.surnames_here = {
            form for e in self.person_ents if len(clean_name(e.text).split()) > 1
            for form in surname_forms(fold(clean_name(e.text).split()[-1]))
        }
        self.person_at: dict[int, Span] = {
            i: ent for ent in self.person_ents for i in range(ent.start, ent.end)
        }

    def _inside_other_name(self, hit: Hit) -> bool:
        """ "Mexico" in "New Mexico", "Paris" in "Paris Hilton", "Congo" in "Congo River"."""
        capital = all(a.how == "capital" for a in hit.aliases)
        for ent in self.ents:
            if not (ent.start <= hit.start and hit.end <= ent.end and ent.end - ent.start > hit.end - hit.start):
                continue
            if ent.label_ == "PERSON" and self.kb.entries[hit.aliases[0].key].kind == "person":
                continue
            before = [t for t in self.doc[ent.start : hit.start] if t.dep_ != "det"]
            after = [t for t in self.doc[hit.end : ent.end] if t.dep_ != "case" and not t.is_punct]
            if ent.label_ in NAME_LABELS and (before or after):
                return True
            # "Paris Hilton", "Washington Irving": a capital followed by more of a name
            if capital and after and after[0].pos_ == "PROPN" and after[0].lower_ not in self.kb.roles:
                return True
        return False

    # -- units -------------------------------------------------------------------------

    def units(self) -> list[Span]:
        doc = self.doc
        spans = [c for c in doc.noun_chunks]
        covered = {i for c in spans for i in range(c.start, c.end)}
        for ent in self.ents:
            if ent.label_ in ENTITY_LABELS and not covered.intersection(range(ent.start, ent.end)):
                spans.append(ent)
                covered.update(range(ent.start, ent.end))
        for hit in self.hits:
            if not covered.intersection(range(hit.start, hit.end)):
                spans.append(doc[hit.start : hit.end])
                covered.update(range(hit.start, hit.end))
        return sorted(spans, key=lambda s: s.start)

    def resolve_unit(self, unit: Span) -> list[Draft]:
        root = unit.root
        start = self._trim(unit)
        if start >= unit.end:
            return []
        if root.dep_ == "appos" and root.head.i in self.person_at and root.i not in self.person_at:
            return []  # "Lim Eul-chul, professor of ...": the description belongs to the person
        hit = self.hit_at.get(root.i)
        people = self._people_in(unit)
        if len(people) > 1 and unit.root.i in range(people[-1].start, people[-1].end):
            return self._several_people(unit, people)
        person = self._person_in(unit)
        if person is not None and not (hit is not None and hit.start <= person.start and person.end <= hit.end):
            return [self._person(unit, person, start)]
        if hit is not None and hit.start >= start:
            alias = self._best_alias(hit)
            entry = self.kb.entries[alias.key]
            if entry.kind == "person":
                return [self._person(unit, self.doc[hit.start : hit.end], start, entry)]
            return [self._entry(unit, start, alias, entry)]
        org = self._fuzzy_org(unit, start)
        if org is not None:
            return [org]
        found = self._description(unit, start)
        if found:
            return found
        surname = self._surname_at(unit, start)
        if surname is not None:
            return [surname]
        return self._modifiers(unit)

    def _surname_at(self, unit: Span, start: int) -> Draft | None:
        """A later mention by surname the parser did not tag as a person: "Shaheen condemned",
        "a reply from Khan" (tagged a place), "Mr Casey", "Colonel Hastar"."""
        root, name = unit.root, start
        while name < unit.end - 1 and (self.forms.lower[name].rstrip(".") in HONORIFICS
                                       or getattr(self.kb.roles.get(self.forms.lower[name]), "title", False)):
            name += 1
        if not (root.i == name == unit.end - 1 and root.pos_ in {"PROPN", "NOUN"} and root.text[:1].isupper()):
            return None
        key = fold(root.text)
        # a surname of a person named in this article, whatever the tagger thought; one from
        # the tables only when the tagger did not call the word a place
        known = key in self.kb.surnames and root.ent_type_ in {"", "PERSON", "ORG", "NORP"}
        if not (key in self.surnames_here or known):
            return None
        if name == start:
            return Draft(start, unit.end, None, kind="person", person=root.text, link="surname")
        return self._person(unit, self.doc[name : unit.end], start)

    def _fuzzy_org(self, unit: Span, start: int) -> Draft | None:
        """An ORG entity spelled a little differently from a known name ("Amnesty Internatonal")."""
        ent = next((e for e in self.ents if e.label_ == "ORG" and e.start >= unit.start and e.end == unit.end
                    and e.start <= unit.root.i), None)
        if ent is None or not self.fuzzy_org_choices:
            return None
        if self.doc[ent.start].dep_ == "det":
            ent = self.doc[ent.start + 1 : ent.end]
        if ent.end - ent.start < 2:
            return None
        query = fold(ent.text)
        best = process.extractOne(query, self.fuzzy_org_choices, scorer=fuzz.ratio, score_cutoff=ORG_FUZZY_CUTOFF)
        if best is None or best[0].split()[0][:1] != query[:1] or len(best[0].split()) != len(query.split()):
            return None
        entry = self.kb.entries[self.fuzzy_orgs[best[0]]]
        code, _ = entry_code(self.kb, entry, self.on)
        return Draft(ent.start, ent.end, code, entry.name, (code or "")[:3] or None, "organisation", entry.key, "fuzzy")

    def _modifiers(self, unit: Span) -> list[Draft]:
        """Actors inside a phrase about something else: "North Korea's demand", "US mediation",
        "in Israeli police custody"."""
        root = unit.root
        out: list[Draft] = []
        taken = -1
        for token in unit:
            if token.i <= taken or token.i == root.i or token.head.i != root.i:
                continue
            if token.dep_ not in {"poss", "compound", "amod", "nmod", "npadvmod"}:
                continue
            left = max(token.left_edge.i, unit.start)
            right = token.i + 1
            if right <= left or (right - left == 1 and token.is_punct):
                continue
            sub = self.doc[left:right]
            if sub.root.i != token.i:
                continue
            drafts = [d for d in self.resolve_unit(sub) if (d.code is not None or d.sector or d.link)
                      and not (d.rule == "demonym" and d.entry and self.kb.entries[d.entry].kind == "region")]
            if not drafts:
                continue
            prev = out[-1] if out else None
            first = drafts[0]
            if (prev is not None and prev.rule == "demonym" and first.sector and first.code is None
                    and prev.end == first.start):
                # "Israeli police custody": the demonym and the role make one actor
                prev.code, prev.end, prev.rule, prev.kind = (prev.code or "") + first.sector, first.end, "description", "group"
                drafts = drafts[1:]
            out += drafts
            taken = token.i
        return out

    # -- persons -----------------------------------------------------------------------

    def _people_in(self, unit: Span) -> list[Span]:
        """PERSON entities and known full names inside a unit, in order, not overlapping."""
        spans = [e for e in self.person_ents if unit.start <= e.start and e.end <= unit.end]
        for hit in {id(h): h for i in range(unit.start, unit.end) if (h := self.hit_at.get(i))}.values():
            if unit.start <= hit.start and hit.end <= unit.end and self.kb.entries[self._best_alias(hit).key].kind == "person":
                if not any(e.start < hit.end and hit.start < e.end for e in spans):
                    spans.append(self.doc[hit.start : hit.end])
        return sorted(spans, key=lambda e: e.start)

    def _several_people(self, unit: Span, people: list[Span]) -> list[Draft]:
        """ "Germany's Angela Merkel nor France's Francois Hollande": one draft per name."""
        drafts = []
        left = unit.start
        for ent in people:
            while left < ent.start and self.doc[left].dep_ in {"cc", "punct", "preconj"}:
                left += 1
            sub = self.doc[left : ent.end]
            hit = self.hit_at.get(ent.root.i)
            known = self.kb.entries[self._best_alias(hit).key] if hit is not None else None
            drafts.append(self._person(sub, ent, left, known if known is not None and known.kind == "person" else None))
            left = ent.end
        return drafts

    def _person_in(self, unit: Span) -> Span | None:
        ents = [e for e in self.person_ents if unit.start <= e.start and e.end <= unit.end]
        if not ents:
            return None
        with_root = [e for e in ents if e.start <= unit.root.i < e.end]
        if with_root:
            return with_root[0]
        return ents[-1] if ents[-1].end == unit.end else None

    def lookup_person(self, name: str) -> Entry | None:
        """Exact (accent-folded, initials dropped) then guarded fuzzy match of a full name."""
        name = clean_name(name)
        if len(name.split()) < 2:
            return None
        for variant in (name.lower(), fold(name)):
            key = self.kb.person_names.get(variant)
            if key:
                return self.kb.entries[key]
        query = name_key(name)
        best = process.extractOne(query, self.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        found = best[0]
        query_tokens, found_tokens = query.split(), found.split()
        # guard against inventing a match: spelling variants keep each name's first letter
        # ("Gbago" ~ "Gbagbo"), different people often do not ("Kim Dong-hyun" / "Kim Yong-hyun")
        if query_tokens[0][0] != found_tokens[0][0] or query_tokens[-1][0] != found_tokens[-1][0]:
            return None
        if len(query_tokens) == len(found_tokens) and any(q[0] != f[0] for q, f in zip(query_tokens, found_tokens)):
            return None
        key = self.fuzzy_people[found]
        return self.kb.entries[key]

    def _context_tokens(self, unit: Span, name: Span) -> list[int]:
        """Words that describe a person: the rest of the chunk, appositions, "of"-phrases."""
        doc = self.doc
        tokens = [i for i in range(unit.start, unit.end) if not name.start <= i < name.end]
        root = name.root
        for child in root.children:
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in {"of", "at", "from"}):
                tokens += [t.i for t in child.subtree if not name.start <= t.i < name.end]
        if root.dep_ == "appos" and root.head.i not in range(name.start, name.end):
            head = root.head
            tokens += [t.i for t in head.subtree if t.i < root.i and t.i not in tokens and not name.start <= t.i < name.end
                       and t.i >= head.left_edge.i]
            tokens += [t.i for t in head.subtree if t.i > name.end and t.head.i == head.i and t.dep_ == "prep"]
        # a title the parser hung on the name outside its chunk: "Deputy Secretary of State John Whitehead"
        for child in root.children:
            if child.dep_ in {"nmod", "compound"} and child.i < name.start and child.i not in self.person_at:
                title = [t for t in child.subtree]
                # only a title right before the name, not a dateline the parser hung on it
                if title[-1].i == name.start - 1 and all(t.text in "()" or not t.is_punct for t in title):
                    tokens += [t.i for t in title if t.i not in self.person_at]
        # a title the parser left in its own chunk: "political adviser Uzi Arad"
        i = name.start - 1
        while i >= 0 and name.start - i <= 4 and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} and doc[i].i not in self.person_at:
            tokens.append(i)
            i -= 1
        return sorted(set(i for i in tokens if 0 <= i < len(doc) and (not doc[i].is_punct or doc[i].text == "-")))

    def _without_title(self, name: Span) -> Span:
        """ "Crown Prince Abdullah bin Abdul Aziz" (one PERSON entity) -> the name alone."""
        start = name.start
        while start < name.end - 1:
            two = self.doc[start : start + 2].text.lower()
            one = self.doc[start].lower_.strip(".")
            if two in self.kb.roles and start + 2 < name.end:
                start += 2
            elif one in self.kb.roles or one in HONORIFICS:
                start += 1
            else:
                break
        return self.doc[start : name.end]

    def _person(self, unit: Span, name: Span, start: int, entry: Entry | None = None) -> Draft:
        name = self._without_title(name)
        text = clean_name(name.text)
        entry = entry or self.lookup_person(text)
        context = self._context_tokens(unit, name)
        roles = find_roles(self.forms, context, self.kb)
        country, org_code = self._country_from(context, roles, name.root.i)
        strong = any(r.role.strength == "strong" for r in roles)
        sector = choose_sector(roles, name.root.i) if roles else None
        if org_code is not None and org_code.endswith("PTY"):
            org_code = None  # a party member is not coded as the party ("GOP front-runner")
        if org_code is not None and (sector is None or not strong):
            # "UNITA leader Jonas Savimbi" is UNITA's; "Kyungnam University professor" EDU anyway
            sector = org_code[3:] or None
        end = name.end
        while end > name.start + 1 and self.doc[end - 1].dep_ == "case":
            end -= 1
        titles = tuple(r.role.word for r in roles if r.role.strength != "modifier")
        draft = Draft(name.start, end, None, kind="person", person=text, titles=titles)
        if entry is not None:
            code, rule = person_code(self.kb, entry, self.on)
            draft.name, draft.entry, draft.country = entry.name, entry.key, (code or entry.country)[:3]
            if code is not None and is_former(roles):
                code, rule = self.kb.country_on(entry.country, self.on) + "ELI", "former-officeholder"
            elif (code is not None and code.endswith("ELI") and sector not in (None, "ELI")
                  and (has_title(roles) or strong or org_code is not None)):
                # the text says what the person is now ("opposition leader", "President")
                code, rule = (country or code[:3]) + sector, "title"
            draft.code, draft.rule = code, rule
            return draft
        draft.name = text
        draft.link = "surname" if len(text.split()) == 1 else "name"
        if org_code is not None and (org_code[:3] in {"IGO", "NGO", "IMG"} or country is None):
            draft.code, draft.country, draft.rule = org_code, org_code[:3], "description"
        elif org_code is not None and country == org_code[:3]:
            draft.code, draft.country, draft.rule = country + (sector or ""), country, "description"
        elif country and sector:
            draft.code, draft.country, draft.rule = country + sector, country, "description"
        elif country:
            draft.code, draft.country, draft.rule = country, country, "description"
        elif sector:
            draft.sector, draft.rule = sector, "description+context"
        return draft

    # -- known entries at the head -----------------------------------------------------

    def _best_alias(self, hit: Hit) -> Alias:
        return min(hit.aliases, key=lambda a: HOW_ORDER.get(a.how, 9))

    def _entry(self, unit: Span, start: int, alias: Alias, entry: Entry) -> Draft:
        code, rule = entry_code(self.kb, entry, self.on)
        draft = Draft(start, unit.end, code, entry.name, (code or entry.country)[:3],
                      "state" if is_state(entry) else "organisation", entry.key, rule)
        if is_state(entry) and alias.how in {"capital", "seat"} and code is not None:
            hit = self.hit_at[unit.root.i]
            prep = self.doc[hit.start].head if self.doc[hit.end - 1].dep_ == "pobj" else None
            if alias.how == "capital" and prep is not None and prep.lower_ in LOCATIVE:
                draft.rule = "capital-place"
            else:
                draft.code, draft.rule = code + "GOV", alias.how
        elif is_state(entry) and alias.how == "demonym":
            draft.rule = "demonym"
        return draft

    # -- role descriptions -------------------------------------------------------------

    def _trim(self, unit: Span) -> int:
        start = unit.start
        while start < unit.end - 1 and (
            self.doc[start].dep_ in LEADING_SKIP or self.doc[start].lower_ in {"some", "several", "many", "senior", "top"}
        ) and start not in self.hit_at:
            start += 1
        return start

    def _country_hits(self, tokens: Sequence[int], role_tokens: set[int], head: int) -> list[tuple[Hit, Entry]]:
        """State hits that modify the head or a role word, not a topic ("North Korean studies")."""
        out: list[tuple[Hit, Entry]] = []
        seen: set[int] = set()
        for i in tokens:
            hit = self.hit_at.get(i)
            if hit is None or id(hit) in seen:
                continue
            seen.add(id(hit))
            entry = self.kb.entries[self._best_alias(hit).key]
            if not is_state(entry):
                continue
            last = self.doc[hit.end - 1]
            anchor = last
            while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
                anchor = anchor.head
            target = anchor.head.i
            if anchor.dep_ in {"poss", "pobj"} or target == head or target in role_tokens \
                    or target in self.person_at or anchor.i == head or anchor.dep_ == "ROOT":
                out.append((hit, entry))
        return out

    def _country_from(self, tokens: Sequence[int], roles: Sequence[RoleHit], head: int) -> tuple[str | None, str | None]:
        """(country, organisation code) from the words describing an actor.

        A state named before an organisation wins ("Israeli U.N. spokesman" is Israeli); an
        organisation's own country fills in when no state modifies the role.
        """
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        org: tuple[int, str] | None = None
        for i in tokens:
            hit = self.hit_at.get(i)
            if hit is not None:
                entry = self.kb.entries[self._best_alias(hit).key]
                if not is_state(entry) and entry.kind != "person":
                    code, _ = entry_code(self.kb, entry, self.on)
                    if code:
                        org = (hit.start, code)
                        break
        states = self._country_hits(tokens, role_tokens, head)
        if states and (org is None or states[0][0].start < org[0]):
            return self.kb.country_on(states[0][1].country, self.on), None
        if org is not None:
            code = org[1]
            return (code[:3] if code[:3] not in {"IGO", "NGO", "IMG"} else None), code
        for i in tokens:
            if i in self.place_countries:
                return self.kb.country_on(self.place_countries[i], self.on), None
        return None, None

    def _description(self, unit: Span, start: int) -> list[Draft]:
        doc, root = self.doc, unit.root
        tokens = list(range(start, unit.end))
        roles = find_roles(self.forms, tokens, self.kb)
        head_role = next((r for r in roles if r.start <= root.i < r.end), None)
        if head_role is None or head_role.role.strength == "modifier" or head_role.role.title_only:
            return []
        sector = choose_sector(roles, root.i)
        if sector is None:
            return []
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        org = next((self.kb.entries[self._best_alias(self.hit_at[i]).key] for i in tokens
                    if i in self.hit_at and not is_state(self.kb.entries[self._best_alias(self.hit_at[i]).key])
                    and self.kb.entries[self._best_alias(self.hit_at[i]).key].kind != "person"), None)
        if org is not None:
            code, _ = entry_code(self.kb, org, self.on)
            if code and code[:3] in {"IGO", "NGO", "IMG"}:
                return [Draft(start, unit.end, code, org.name, code[:3], "organisation", org.key, "description")]
            if code:
                own = sector if head_role.role.strength == "strong" else code[3:] or sector
                return [Draft(start, unit.end, code[:3] + own, org.name, code[:3], "organisation", org.key, "description")]
        states = self._country_hits(tokens, role_tokens, root.i)
        definite = doc[unit.start].lower_ == "the" or any(doc[i].dep_ == "poss" for i in tokens)
        link = "description" if head_role.role.word in LEADER_HEADS and definite else None
        if states:
            drafts = []
            for n, (hit, entry) in enumerate(states):
                country = self.kb.country_on(entry.country, self.on)
                last = n == len(states) - 1
                begin = start if n == 0 else hit.start
                end = unit.end if last else hit.end
                drafts.append(Draft(begin, end, country + sector, entry.name, country, "group", entry.key,
                                    "description", link=link))
            return drafts
        country = self._country_by_prep(root, sector) or self._possessor_country(tokens)
        if country is not None:
            return [Draft(start, unit.end, country + sector, None, country, "group", None, "description")]
        owner = next((self.person_at[i] for i in tokens if i in self.person_at
                      and self.doc[self.person_at[i].end - 1].dep_ in {"poss", "case", "compound", "nmod"}), None)
        if owner is not None:
            # "Cameron's spokesman": the owner's country, once the article has resolved the owner
            return [Draft(start, unit.end, None, None, None, "group", None, "description", person=clean_name(owner.text),
                          sector=sector, link="possessor")]
        if sector == "NGO":
            return [Draft(start, unit.end, "NGO", None, "NGO", "organisation", None, "description")]
        # a weak role word used as an adjective is no actor: "an official visit"
        actor_like = head_role.role.strength == "strong" or (head_role.role.word in ACTOR_WEAK_HEADS
                                                             and root.pos_ != "ADJ")
        if not actor_like:
            return []
        draft = Draft(start, unit.end, None, None, None, "group", None, "description+context", sector=sector)
        if head_role.role.title and doc[unit.start].lower_ == "the" and root.tag_ in {"NN", "NNP"}:
            # "the president", "the Crown Prince": the article's holder of that title, if named
            draft.link, draft.titles = "title", (head_role.role.word,)
        return [draft]

    def _possessor_country(self, tokens: Sequence[int]) -> str | None:
        """ "Cameron's spokesman": the country of a known person who owns the role."""
        for i in tokens:
            ent = self.person_at.get(i)
            if ent is not None and self.doc[ent.end - 1].dep_ == "poss":
                entry = self.lookup_person(ent.text)
                if entry is not None:
                    code, _ = person_code(self.kb, entry, self.on)
                    return code[:3] if code else None
        return None

    def _country_by_prep(self, root, sector: str) -> str | None:
        """ "King Hassan of Morocco", "rebels in Darfur", "police in Jericho"."""
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in ATTACHING:
                continue
            if sector == "MIL" and prep.lower_ not in {"of", "from"}:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                # the object itself names the place ("of Morocco", "in Darfur"), not a topic
                # ("professor of Latin American studies")
                hit = self.hit_at.get(obj.i)
                if hit is not None:
                    entry = self.kb.entries[self._best_alias(hit).key]
                    if is_state(entry) and entry.kind != "region":
                        return self.kb.country_on(entry.country, self.on)
                if obj.i in self.place_countries:
                    return self.kb.country_on(self.place_countries[obj.i], self.on)
        return None
