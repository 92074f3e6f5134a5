"""Who did it and to whom: grammatical roles of a trigger mapped to resolved actors.

Roles are read from the dependency parse (spaCy's English labels). An argument is a
noun phrase; its actors are the resolved ``Actor`` records overlapping the phrase's core
(head, compounds, modifiers, possessors, appositions, "of"/"from" complements), tried
nearest to the head first. Coordinated phrases ("Xi and Kim") give one actor each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..types import Actor, Place, Quote

NOMINAL = {"NOUN", "PROPN", "PRON"}
VERBAL = {"VERB", "AUX"}
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
RELATIVE_WORDS = {"who", "which", "that", "whom"}
# Dependents that stay inside the core of a noun phrase.
CORE_DEPS = {"compound", "amod", "poss", "appos", "nmod", "flat", "nummod", "npadvmod", "det"}
CORE_PREPS = {"of", "from", "for", "including"}
OBJECT_PRONOUNS = {"him", "her"}
QUOTE_CARRY_CHARS = 200  # an unattributed quote this close to the last one goes on with it
MODIFIER_DEPS = {"compound", "amod", "nmod"}
# Verbs that report another's clause: a pronoun subject there refers to their subject.
REPORTING_VERBS = {
    "say",
    "tell",
    "announce",
    "declare",
    "state",
    "add",
    "claim",
    "insist",
    "confirm",
    "indicate",
    "signal",
    "warn",
    "stress",
    "reiterate",
    "believe",
    "think",
    "promise",
    "report",
    "write",
    "note",
    "suggest",
    "explain",
    "argue",
    "vow",
    "pledge",
}
EVENTIVE_NOUNS = {
    "release",
    "withdrawal",
    "arrest",
    "detention",
    "attack",
    "execution",
    "expulsion",
    "deportation",
    "invasion",
    "occupation",
    "liberation",
    "removal",
    "resignation",
    "election",
    "murder",
    "massacre",
    "torture",
    "abduction",
    "capture",
    "seizure",
    "destruction",
    "treatment",
    "persecution",
    "repression",
    "harassment",
    "imprisonment",
    "involvement",
    "participation",
    "support",
    "criticism",
    "condemnation",
    "protest",
    "demonstration",
    "visit",
    "meeting",
    "return",
    "extradition",
    "assassination",
    "death",
    "surrender",
}
QUANTITY_NOUNS = {
    "return",
    "entry",
    "deployment",
    "arrival",
    "presence",
    "amount",
    "number",
    "quantity",
    "lot",
    "dozen",
    "hundred",
    "thousand",
    "ton",
    "tonne",
    "cache",
    "stock",
    "batch",
    "shipment",
}


@dataclass(frozen=True, slots=True)
class Argument:
    """One side of an event: actor codes (a list for compound actors) and the text."""

    codes: tuple[str, ...]
    actors: tuple[Actor, ...]
    tokens: tuple[int, ...]  # token indices of the heads the codes came from

    @property
    def text(self) -> str:
        return " / ".join(a.text for a in self.actors)


EMPTY = Argument((), (), ())


class ActorIndex:
    """Resolved actors by token index, built once per Doc."""

    def __init__(
        self,
        doc: Doc,
        actors: Iterable[Actor],
        quotes: Iterable[Quote] = (),
        places: Iterable[Place] = (),
    ) -> None:
        self.by_token: dict[int, list[Actor]] = {}
        self.places: dict[int, Actor] = {}
        self.dateline: Actor | None = None
        for place in places:  # a destination stands for its country: "a trip to Pyongyang"
            if place.rule == "dateline" and place.country and self.dateline is None:
                self.dateline = _country_of(place, "dateline country")
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or not place.country:
                continue
            stand_in = _country_of(place, "place country")
            for i in range(span.start, span.end):
                self.places[i] = stand_in
        self.actors = tuple(sorted((a for a in actors if a.code), key=lambda a: a.start))
        for actor in self.actors:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, []).append(actor)
        for found in self.by_token.values():
            found.sort(key=lambda a: a.start - a.end)  # longest first
        quotes = tuple(quotes)
        self.quotes = tuple(q for q in quotes if q.speaker_code)
        self.direct_quotes = _carried_speakers([q for q in quotes if q.kind == "direct"])

    def at(self, token: Token) -> Actor | None:
        found = self.by_token.get(token.i)
        return found[0] if found else None

    def speaker_for(self, pronoun: Token) -> Actor | None:
        """A pronoun the quotes stage resolved as a speaker ("he warned"): its actor."""
        for quote in self.quotes:
            if quote.speaker_start is not None and (
                quote.speaker_start <= pronoun.idx < (quote.speaker_end or 0)
            ):
                return Actor(
                    article_id=quote.article_id,
                    start=pronoun.idx,
                    end=pronoun.idx + len(pronoun),
                    text=pronoun.text,
                    code=quote.speaker_code,
                    name=quote.speaker,
                    rule="quote speaker",
                )
        return None


    def antecedent(self, pronoun: Token, other_than: Sequence[str]) -> Argument:
        """ "X questioned Y's word. He called him a liar": an object pronoun stands for the
        last actor of the sentence before that is not the doer."""
        sent = pronoun.sent
        if sent.start == 0:
            return EMPTY
        before = pronoun.doc[sent.start - 1].sent
        for actor in reversed(self.actors):
            if before.start_char <= actor.start < sent.start_char and actor.code not in other_than:
                return Argument((actor.code,), (actor,), (-1,))
        return EMPTY

    def quoted_by(self, token: Token) -> Actor | None:
        """The speaker of the direct quote ``token`` stands in: "'She is a liar,' X said"."""
        for quote in self.direct_quotes:
            if quote.speaker_code and quote.start <= token.idx < quote.end:
                return Actor(
                    article_id=quote.article_id,
                    start=quote.speaker_start if quote.speaker_start is not None else -1,
                    end=quote.speaker_end if quote.speaker_end is not None else -1,
                    text=quote.speaker or "",
                    code=quote.speaker_code,
                    name=quote.speaker,
                    rule="quote speaker",
                )
        return None


def _carried_speakers(quotes: list[Quote]) -> list[Quote]:
    """Direct quotes in text order; one with no speaker that follows an attributed quote
    closely is the same speaker going on ("'It's nonsense,' X said. 'She lies ...'")."""
    out: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        last = out[-1] if out else None
        if (
            not quote.speaker_code
            and last is not None
            and last.speaker_code
            and quote.start - last.end <= QUOTE_CARRY_CHARS
        ):
            quote = replace(
                quote,
                speaker=last.speaker,
                speaker_code=last.speaker_code,
                speaker_start=last.speaker_start,
                speaker_end=last.speaker_end,
            )
        out.append(quote)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def children(token: Token, deps: set[str] | str) -> list[Token]:
    wanted = {deps} if isinstance(deps, str) else deps
    return [c for c in token.children if c.dep_ in wanted]


def prep_objects(token: Token, prep: str) -> list[Token]:
    """Objects of a preposition attached to ``token``: prep("with") of "talks with Kim" -> Kim."""
    out = []
    for c in token.children:
        if c.lower_ == prep and c.dep_ in {"prep", "agent", "dative", "prt"}:
            out.extend(g for g in c.children if g.dep_ in {"pobj", "pcomp"})
    return out


def subject(verb: Token) -> list[Token]:
    """The doer of a verb: climbs through coordination, control and relative clauses."""
    v = verb
    for _ in range(6):
        if is_passive(v):
            return [p for a in children(v, "agent") for p in children(a, "pobj")]
        subs = sorted(children(v, SUBJECT_DEPS), key=lambda t: abs(t.i - v.i))  # nearest first
        if subs:
            if subs[0].lower_ in RELATIVE_WORDS and v.dep_ == "relcl":
                return [v.head]
            if subs[0].pos_ in VERBAL:  # misparse "the Red Cross operating in Iraq said"
                return children(subs[0], SUBJECT_DEPS)[:1] or subs[:1]
            return subs[:1]
        if v.dep_ in {"relcl", "acl"} and v.head.pos_ in NOMINAL:
            return [v.head]
        if v.dep_ == "xcomp":
            head = v.head
            if is_passive(head):  # "X is expected to visit": raising
                return children(head, PASSIVE_SUBJECT_DEPS)[:1]
            objs = children(head, {"dobj"})
            if objs:  # object control: "urged X to leave"
                return objs[:1]
            v = head
            continue
        if v.dep_ == "pcomp" and v.head.lower_ in {"for", "of"}:
            objs = children(v.head.head, {"dobj"})
            if objs:  # "criticised X for threatening": X threatened
                return objs[:1]
        if v.dep_ in {"conj", "advcl", "acomp", "ccomp", "xcomp", "pcomp"} and v.head != v:
            if v.dep_ == "ccomp" and v.head.pos_ in VERBAL:
                break  # a complement clause without subject is not the governor's act
            v = v.head
            if v.pos_ == "ADP":  # "by meeting X": pcomp -> prep -> verb
                v = v.head
            continue
        break
    return []


def reporting_subjects(verb: Token) -> list[list[Token]]:
    """Subjects of the clauses that govern ``verb`` ("Syria says it will..."), nearest first.

    A pronoun subject of a complement clause most often refers to the subject of the
    clause that reports it; callers try these in order when the pronoun is unresolved.
    """
    out = []
    v = verb
    for _ in range(4):
        if v.dep_ not in {"ccomp", "xcomp", "acomp", "conj"} or v.head == v:
            break
        v = v.head
        if v.lemma_.lower() in REPORTING_VERBS:
            found = subject(v)
            if found:
                out.append(found)
    return out


def direct_objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        return children(verb, PASSIVE_SUBJECT_DEPS)
    return children(verb, {"dobj", "obj", "attr"})


def complement_words(verb: Token) -> set[str]:
    """Words of what a verb calls its object: "called him a liar", "cast X as divisive and
    wrong", "described X as its oldest ally", "said X was a liar" (heads, their conjuncts
    and modifiers)."""
    heads = children(verb, {"oprd", "acomp"})
    if verb.lemma_.lower() == "be":  # "she is a liar": the speaker's own judgement
        heads += children(verb, {"attr"})
    for clause in children(verb, "ccomp"):  # "said X is a liar": the predicate of a copula
        if clause.lemma_.lower() == "be":
            heads += children(clause, {"attr", "acomp"})
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        heads += [g for g in prep.children if g.dep_ in {"pobj", "amod", "acomp", "pcomp"}]
    for obj in direct_objects(verb):  # "called him a liar" parsed as two objects
        heads += children(obj, {"oprd", "appos"})
    out: set[str] = set()
    for head in heads:
        for word in (head, *head.conjuncts):
            out |= {word.lemma_.lower(), word.lower_}
            out |= {c.lemma_.lower() for c in word.children if c.dep_ in {"amod", "compound"}}
    return out


def object_strings(obj: Token) -> set[str]:
    """Ways a pattern may name an object: "sanctions", "martial law", "state of emergency"."""
    head = obj.lemma_.lower()
    out = {head, obj.lower_}
    if head in QUANTITY_NOUNS:  # "amounts of weaponry", "the return of inspectors"
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            for g in children(prep, "pobj"):
                out |= object_strings(g)
    for c in obj.children:
        if c.dep_ == "compound" and obj.pos_ == "PROPN":  # a title: "Ambassador Ali Baqeri"
            out |= {c.lemma_.lower(), c.lower_}
        if c.dep_ in {"compound", "amod"}:
            out.add(f"{c.lemma_.lower()} {head}")
            out.add(f"{c.lower_} {obj.lower_}")
        elif c.dep_ == "prep" and c.lower_ == "of":
            for g in children(c, "pobj"):
                out.add(f"{head} of {g.lemma_.lower()}")
    return out


def core_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase core, nearest first (no clauses, no coordination)."""
    out = [head]
    queue = [head]
    while queue:
        token = queue.pop(0)
        for c in token.children:
            take = (
                c.dep_ in CORE_DEPS
                or (
                    c.dep_ == "prep"
                    and c.lower_ in CORE_PREPS
                    and token.pos_ in NOMINAL
                    and not _eventive(token)
                )
                or (c.dep_ == "pobj" and token.dep_ == "prep")
            )
            if take and c not in out:
                out.append(c)
                queue.append(c)
    # A possessor is often someone else ("Trump's campaign chairman, Paul Manafort"):
    # it is tried after the phrase's own words.
    return [t for t in out if t.dep_ != "poss"] + [t for t in out if t.dep_ == "poss"]


def _eventive(noun: Token) -> bool:
    """Nouns naming acts ("killings of X", "release of Y"): their "of" is not an identity."""
    lemma = noun.lemma_.lower()
    return noun.tag_ == "VBG" or lemma.endswith("ing") or lemma in EVENTIVE_NOUNS


def members(heads: Sequence[Token]) -> list[Token]:
    """Coordinated heads: "Xi and Kim" -> [Xi, Kim]."""
    out: list[Token] = []
    for h in heads:
        if h.pos_ == "ADP" and h.dep_ == "pobj":  # "swipes at Trump over": "Trump" a compound
            h = next((c for c in h.children if c.dep_ == "compound" and c.pos_ in NOMINAL), h)
        for t in (h, *h.conjuncts):
            if t not in out and t.pos_ in NOMINAL | {"ADJ", "NUM"}:
                out.append(t)
    return out


def resolve_places(heads: Sequence[Token], index: ActorIndex) -> Argument:
    """Places as their countries, for destinations ("flew to Pyongyang" -> PRK)."""
    found = resolve(heads, index)
    if found.codes:
        return found
    codes: list[str] = []
    actors: list[Actor] = []
    used: list[int] = []
    for member in members(heads):
        around = core_tokens(member)  # "the city of Kirkuk", "a jail in northern Israel"
        around += [p for t in list(around) for p in prep_objects(t, "in") if t.pos_ == "NOUN"]
        stand_in = next((index.places[t.i] for t in around if t.i in index.places), None)
        if stand_in is not None and stand_in.code and stand_in.code not in codes:
            codes.append(stand_in.code)
            actors.append(stand_in)
            used.append(member.i)
    return Argument(tuple(codes), tuple(actors), tuple(used)) if codes else EMPTY


def resolve(heads: Sequence[Token], index: ActorIndex) -> Argument:
    """Actor codes of argument heads; an empty Argument when none resolves."""
    codes: list[str] = []
    actors: list[Actor] = []
    used: list[int] = []
    for member in members(heads):
        found: list[Actor] = []
        for token in core_tokens(member):
            actor = index.at(token)
            if actor is not None:
                found.append(actor)
                if token != member:  # "U.S. and Russian negotiators": coordinated modifiers
                    found.extend(a for c in token.conjuncts if (a := index.at(c)) is not None)
                else:  # "Hungarian and Romanian officials" when the actor spans the head
                    found.extend(
                        a
                        for m in member.children
                        if m.dep_ in MODIFIER_DEPS and m.conjuncts
                        for c in (m, *m.conjuncts)
                        if (a := index.at(c)) is not None
                    )
                break
        if not found and member.pos_ == "PRON":
            actor = index.speaker_for(member)
            found = [actor] if actor is not None else []
        for actor in found:
            if actor.code and actor.code not in codes:
                actors.append(actor)
                used.append(member.i)
                codes.append(actor.code)
    if not codes:
        return EMPTY
    return Argument(tuple(codes), tuple(actors), tuple(used))


def modifier_tokens(noun: Token) -> list[Token]:
    """Nationality-like modifiers of a noun: "Iranian" in "an Iranian attack"."""
    return [c for c in noun.children if c.dep_ in MODIFIER_DEPS]


def _country_of(place: Place, rule: str) -> Actor:
    """The state a resolved place stands for, as an actor spanning the place name."""
    return Actor(
        article_id=place.article_id, start=place.start, end=place.end, text=place.text,
        code=place.country, name=place.name, country=place.country, kind="state", rule=rule,
    )
