"""The event coder: one walk over each sentence's parse, patterns looked up by lemma.

For each token whose lemma has patterns, the first pattern whose constraints hold fires
(more specific patterns are tried first). Frames ("threatened to impose sanctions")
take their code from the event they wrap; future cooperation becomes an intention
(CAMEO 03) and future or conditional force a threat (CAMEO 13), as in the CAMEO manual.
An event needs a resolved source actor, and a target unless its pattern allows none:
otherwise nothing is coded (no default codes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..types import Event
from . import arguments as args
from .arguments import EMPTY, ActorIndex, Argument
from .codebook import Codebook
from .context import ContextIndex
from .modality import clause_head, conditional, past_clauses, polarity, status
from .patterns import Pattern, PatternSet
from .purposes import merge_purposes, purpose_governor
from .roles import RoleReader

KIND_BY_POS = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj", "AUX": "verb"}
# Head nouns that let a noun modifier be the event: "mediation effort", "peace mission".
LIGHT_HEADS = {
    "effort",
    "process",
    "mission",
    "bid",
    "attempt",
    "initiative",
    "campaign",
    "operation",
}
# "in protest", "in retaliation": adjuncts of manner, not acts of their own.
MANNER_NOUNS = {
    "protest",
    "retaliation",
    "response",
    "solidarity",
    "support",
    "defiance",
    "reprisal",
}
# Nouns through which a frame reaches the event: "threatened a resumption of air raids".
TRANSPARENT_NOUNS = {
    "resumption",
    "renewal",
    "escalation",
    "continuation",
    "expansion",
    "start",
    "end",
    "halt",
    "series",
    "wave",
}
# Frames whose target is whoever should carry out the wrapped act.
ADDRESSEE_FRAMES = {"demand", "appeal"}
CLAUSE_DEPS = {"xcomp", "ccomp", "acl"}  # complements a frame may wrap (not adverbial clauses)
FALLBACK_TARGET_ROLES = ("dative", "to", "against", "on", "with", "from", "obj_poss", "obj")
COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08", "09"}
FORCE_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# Sectors of actors whose "attacks" on each other are words, not force.
POLITICAL_SECTORS = {"GOV", "ELI", "LEG", "PTY", "OPP", "JUD", "MED", "NGO"}
# Roots where source and target with the same code signal a misread argument.
SELF_TARGET_UNLIKELY = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "12", "14"}
# Acts on one's own country when nothing else is named: protests, curfews, emergency rule
# and their lifting are aimed at the home government or population; resignations and
# political reform (and the intent of them) answer to it.
DOMESTIC_CODES = ("081", "083", "034", "14", "1723", "1724", "1323", "1324")
MAX_FRAME_DEPTH = 2  # "refused to commit to assistance": reject(intend(aid))
HYPOTHETICAL_FACTOR = 0.5
NEGATED_FACTOR = 0.5
NO_TARGET_PENALTY = 0.2  # most acts have a target; one without is less certain
HEADLINE_FACTOR = 0.9  # headline arguments come from word order, not from the parse
DERIVED_MARK = "+"


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    token: Token
    inner: Match | None = None


@dataclass(frozen=True)
class CoderContext:
    article_id: str
    published: date | None
    actors: ActorIndex
    context: ContextIndex


def _lemmas(token: Token) -> list[str]:
    """The lemma, then naive stems of the word (headline case and rare forms defeat the
    lemmatizer: "WARNS", "staged" -> "stag")."""
    out = [token.lemma_.lower()]
    low = token.lower_
    if low not in out:
        out.append(low)
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)] + repl
            if stem not in out:
                out.append(stem)
    return out


def _objects(token: Token) -> list[Token]:
    return args.direct_objects(token)


def _fits(pattern: Pattern, token: Token) -> bool:
    if pattern.particle:
        found = any(
            c.dep_ in {"prt", "prep", "advmod"} and c.lower_ == pattern.particle
            for c in token.children
        )
        if not found:
            return False
    if pattern.prep:
        holders = [token]
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "dobj":
            holders.append(token.head)  # "drew criticism from X": the prep hangs on the verb
        if not any(
            c.dep_ in {"prep", "agent", "dative"} and c.lower_ == pattern.prep
            for h in holders
            for c in h.children
        ):
            return False
    if pattern.not_prep and any(
        c.dep_ == "prep" and c.lower_ == pattern.not_prep for c in token.children
    ):
        return False
    if pattern.objects or pattern.not_objects:
        names: set[str] = set()
        for obj in _objects(token):
            names |= args.object_strings(obj)
        if pattern.objects and not names & pattern.objects:
            return False
        if names & pattern.not_objects:
            return False
    if pattern.child_dep and not any(c.dep_ == pattern.child_dep for c in token.children):
        return False
    if pattern.complements and not args.complement_words(token) & pattern.complements:
        return False
    if pattern.comp_aux and not any(
        a.lower_ in pattern.comp_aux
        for c in token.children
        if c.dep_ in {"ccomp", "xcomp"}
        for a in c.children
        if a.dep_ in {"aux", "auxpass"}
    ):
        return False
    if pattern.modifiers and not any(
        c.lemma_.lower() in pattern.modifiers or c.lower_ in pattern.modifiers
        for c in token.children
        if c.dep_ in {"compound", "amod", "nmod"}
    ):
        return False
    return True


class Coder:
    """Sentence -> events, with the patterns and codebook compiled once."""

    def __init__(self, patterns: PatternSet, book: Codebook, min_confidence: float) -> None:
        self.patterns = patterns
        self.roles = RoleReader(patterns)
        self.book = book
        self.min_confidence = min_confidence

    # ---- matching ----
    def match(self, token: Token, depth: int = 0) -> Match | None:
        """The first pattern that fits ``token``; ``depth``: how many frames wrap it."""
        return next(self.candidates(token, depth), None)

    def candidates(self, token: Token, depth: int = 0) -> Iterator[Match]:
        """Every pattern that fits ``token``, most specific first."""
        kind = KIND_BY_POS.get(token.pos_)
        if kind is None:
            return
        if token.dep_ == "compound" and token.head.lemma_.lower() not in LIGHT_HEADS:
            return
        for lemma in _lemmas(token):
            for pattern in self.patterns.lookup(kind, lemma):
                if (pattern.frame and depth >= MAX_FRAME_DEPTH) or (
                    pattern.inner_only and not depth
                ):
                    continue
                if not _fits(pattern, token):
                    continue
                if pattern.comp_events and self._reported_act(token, pattern) is None:
                    continue
                if pattern.frame:
                    wrapped = self._inner(token, depth + 1)
                    if wrapped is None and pattern.code is None:
                        continue
                    yield Match(pattern, token, wrapped)
                else:
                    yield Match(pattern, token)

    def _inner(self, token: Token, depth: int) -> Match | None:
        """The event a frame word wraps: its complement clause or its object noun."""
        candidates = [c for c in token.children if c.dep_ in CLAUSE_DEPS and c.i > token.i]
        if token.pos_ == "NOUN" and token.dep_ == "dobj":  # "repeated its demand that X go",
            candidates += _that_clauses(token.head, token.i)  # the clause hung on the verb
        candidates += _objects(token)
        for prep in ("to", "for", "on"):
            candidates += args.prep_objects(token, prep)
        for c in candidates:
            found = self.match(c, depth)
            if found is not None:
                return found
            nested = list(c.children)
            if c.lemma_.lower() in TRANSPARENT_NOUNS:
                nested = [p for prep in c.children if prep.lower_ == "of" for p in prep.children]
            for grandchild in nested:  # "ready to continue talks", "a resumption of raids"
                if grandchild.dep_ in {"xcomp", "conj", "dobj", "pobj"}:
                    found = self.match(grandchild, depth)
                    if found is not None:
                        return found
        return None

    def _reported_act(self, verb: Token, pattern: Pattern) -> Token | None:
        """The past clause of ``verb`` telling an act of ``pattern.comp_events``."""
        for clause in past_clauses(verb):
            for t in (clause, *_objects(clause)):
                found = self.match(t, MAX_FRAME_DEPTH)
                if found is not None and (self._code_of(found) or "")[:2] in pattern.comp_events:
                    return clause
        return None

    def _code_of(self, found: Match) -> str | None:
        """A pattern's own code, or its frame's code for the (recursively coded) inner event."""
        if found.inner is None or not found.pattern.frame:
            return found.pattern.code
        inner_code = self._code_of(found.inner)
        frame = self.patterns.frames[found.pattern.frame]
        if frame.name == "intend" and (inner_code or "")[:2] in FORCE_ROOTS:
            frame = self.patterns.frames.get("threaten", frame)  # "vowed to fight"
        return frame.code_for(inner_code)

    # ---- arguments ----
    def _blocked(self, match: Match) -> bool:
        """Nominal events under a verb that cancels or questions them."""
        token = match.token
        if match.pattern.kind != "noun":
            return False
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "in"
            and token.lemma_.lower() in MANNER_NOUNS
        ):
            return True  # "in protest", "in retaliation": a manner, not an act
        t = token
        for _ in range(3):
            if t.dep_ in {"dobj", "nsubjpass", "pobj", "xcomp", "conj"}:
                t = t.head
                if t.pos_ in {"VERB", "AUX"}:
                    return t.lemma_.lower() in self.patterns.noun_blockers
            else:
                return False
        return False

    def code_sentence(self, sent: Span, ctx: CoderContext) -> list[Event]:
        found_at: dict[int, tuple[Match, Event]] = {}
        consumed: set[int] = set()  # objects and wrapped events belong to their governor
        for token in sent:  # the first fitting pattern that yields an event
            for n, found in enumerate(self.candidates(token)):
                if self._blocked(found):
                    break
                inner = found.inner if n == 0 else None
                while inner is not None:  # "refused to commit to aid": no aid, coded or not
                    consumed.add(inner.token.i)
                    inner = inner.inner
                event = self._event(found, sent, ctx)
                if event is not None:
                    found_at[token.i] = (found, event)
                    break
        for i, (found, _) in list(found_at.items()):  # a report of a coded act is that act
            if found.pattern.comp_events:
                clause = self._reported_act(found.token, found.pattern)
                if clause is not None and any(j in found_at for j in _span_of(clause)):
                    del found_at[i]
        for found, _ in found_at.values():
            if found.pattern.objects:
                consumed.update(o.i for o in _objects(found.token))
            inner = found.inner
            while inner is not None:
                consumed.add(inner.token.i)
                if inner.pattern.objects:
                    consumed.update(o.i for o in _objects(inner.token))
                inner = inner.inner
        events = merge_purposes(
            [(f.token, e) for i, (f, e) in sorted(found_at.items()) if i not in consumed],
            NO_TARGET_PENALTY,
        )
        if not events:
            events = self._headline_events(sent, ctx)
        return _dedupe([e for e in events if e.confidence >= self.min_confidence])

    def _headline_events(self, sent: Span, ctx: CoderContext) -> list[Event]:
        """Title-case headlines parse badly ("Merkel Criticizes Putin Over Ukraine"): a verb
        of the vocabulary with the nearest actor before it as source and after it as target."""
        if not _is_headline(sent):
            return []
        actors = [t for t in sent if ctx.actors.at(t) is not None]
        out = []
        for token in sent:
            if ctx.actors.at(token) is not None:
                continue
            pattern = next(
                (
                    p
                    for lemma in _lemmas(token)
                    for p in self.patterns.lookup("verb", lemma)
                    if not (
                        p.inner_only
                        or p.objects
                        or p.particle
                        or p.comp_aux
                        or p.prep
                        or p.complements
                        or p.child_dep
                        or p.comp_events
                    )
                ),
                None,
            )
            before = [t for t in actors if t.i < token.i]
            after = [t for t in actors if t.i > token.i]
            if pattern is None or not before or not (after or not pattern.needs_target):
                continue
            code = pattern.code or self.patterns.frames[pattern.frame or ""].default
            sides = (
                args.resolve([before[-1]], ctx.actors),
                args.resolve(after[:1], ctx.actors) if after else EMPTY,
            )
            event = self._event(Match(pattern, token), sent, ctx, sides=sides, code=code)
            if event is not None:
                out.append(
                    replace(
                        event,
                        rule=f"{event.rule}{DERIVED_MARK}headline",
                        id="",
                        confidence=round(event.confidence * HEADLINE_FACTOR, 3),
                    )
                )
        return out

    def _event(
        self,
        found: Match,
        sent: Span,
        ctx: CoderContext,
        sides: tuple[Argument, Argument] | None = None,
        code: str | None = None,
    ) -> Event | None:
        pattern, token = found.pattern, found.token
        index = ctx.actors
        if sides is None:
            source = self.roles.side(pattern.source, token, index, EMPTY)
            if not source.codes and pattern.symmetric:  # "clashes between police and rebels"
                source = self.roles.role("between", token, index)
            if not source.codes:
                return None
            target = self.roles.side(pattern.target, token, index, source)
        else:
            source, target = sides
        code, rule = code or pattern.code, pattern.id
        trigger_tokens = [token]
        if found.inner is not None:
            inner = found.inner
            code = self._code_of(found)
            rule = f"{pattern.id}>{inner.pattern.id}"
            trigger_tokens.append(inner.token)
            if not target.codes:
                roles = inner.pattern.target
                if pattern.frame in ADDRESSEE_FRAMES and inner.pattern.kind == "verb":
                    roles = ("subj", *roles)  # the addressee of a demand is who must act
                if inner.pattern.kind == "noun":
                    if (
                        pattern.frame in ADDRESSEE_FRAMES
                    ):  # "called for Israel's withdrawal": Israel
                        roles = (*inner.pattern.source, *roles)
                    else:
                        roles = (*roles, "poss", "mod")
                target = self.roles.side(roles, inner.token, index, source)
            needs_target = pattern.needs_target and inner.pattern.needs_target
        else:
            needs_target = pattern.needs_target
        if not target.codes and pattern.frame:
            roles = FALLBACK_TARGET_ROLES
            if found.inner is not None and found.inner.pattern.objects:
                roles = roles[:-2]  # "ready to contribute troops": what is given, not to whom
            for clause in (c for c in token.children if c.dep_ == "xcomp"):
                target = self.roles.side(roles, clause, index, source)
        if code is None:
            return None
        if pattern.foreign and {c[:3] for c in source.codes} & {c[:3] for c in target.codes}:
            return None  # "summoned its own ambassador": no protest
        if (
            pattern.political_code
            and target.codes
            and all(c[3:6] in POLITICAL_SECTORS for c in (*source.codes, *target.codes))
        ):
            if pattern.political_code == "none":
                return None  # "Clinton beat Sanders in Nevada": an election, not an assault
            code, rule = pattern.political_code, f"{rule}{DERIVED_MARK}political"
        place_target = bool(target.actors) and all(a.rule == "place country" for a in target.actors)
        if place_target and code[:2] == "04" and target.codes[0][:3] == source.codes[0][:3]:
            target = EMPTY  # travel within one's own country is no international visit
        if not target.codes and pattern.symmetric and len(source.codes) > 1:
            source, target = _split(source)
        if (
            target.codes == source.codes
            and code[:2] in SELF_TARGET_UNLIKELY
            and not (place_target and code[:2] not in {"04"})
        ):
            target = EMPTY  # a state meeting or urging itself is a misread argument
        if needs_target and not target.codes:
            return None
        if not target.codes and code.startswith(DOMESTIC_CODES):
            target = _own_country(source)
        head = clause_head(token)
        pol = polarity(token, head)
        stat = status(token, head)
        confidence = pattern.confidence
        if found.inner is None and purpose_governor(token) is None and not conditional(head):
            code, rule = self._modal_reframe(code, rule, stat)
        if stat == "hypothetical" and not code.startswith("13"):
            confidence *= HYPOTHETICAL_FACTOR
        if pol == "negated":
            confidence *= NEGATED_FACTOR
        if not target.codes:
            confidence -= NO_TARGET_PENALTY
        entry = self.book.get(code)
        anchors = {token.i, head.i}
        date_value, is_publication = ctx.context.date(sent.doc, sent, anchors, ctx.published)
        place = ctx.context.place(sent.doc, sent, anchors)
        first, last = min(trigger_tokens, key=lambda t: t.i), max(trigger_tokens, key=lambda t: t.i)
        doc: Doc = sent.doc
        start, end = _trimmed(sent)
        return Event(
            article_id=ctx.article_id,
            start=start,
            end=end,
            cameo=entry.code,
            root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode,
            source=source.codes,
            target=target.codes,
            source_text=source.text or None,
            target_text=target.text or None,
            polarity=pol,
            status=stat,
            date=date_value,
            date_is_publication=is_publication,
            place=place.text if place else None,
            place_id=place.id if place else None,
            trigger_start=first.idx,
            trigger_end=last.idx + len(last),
            trigger=doc.text[first.idx : last.idx + len(last)],
            confidence=round(max(0.0, min(1.0, confidence)), 3),
            rule=rule,
        )

    def _modal_reframe(self, code: str, rule: str, stat: str) -> tuple[str, str]:
        """Future cooperation is an intention (03); future or possible force is a threat (13)."""
        root = code[:2]
        if stat == "future" and root in COOPERATIVE_ROOTS:
            frame = self.patterns.frames.get("intend")
        elif stat in {"future", "hypothetical"} and root in FORCE_ROOTS:
            frame = self.patterns.frames.get("threaten")
        else:
            return code, rule
        if frame is None:
            return code, rule
        return frame.code_for(code), f"{rule}{DERIVED_MARK}{frame.name}"


def _is_headline(sent: Span) -> bool:
    """A title-case or upper-case line without final punctuation."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 2 or len(sent) > 25 or sent[-1].text in {".", "!", "?", '"', "'"}:
        return False
    capitalized = sum(1 for t in words if t.text[0].isupper())
    return capitalized >= 0.7 * len(words)


def _own_country(source: Argument) -> Argument:
    """The country of the source's first actor, standing for its home population."""
    actor = source.actors[0]
    country = actor.code[:3] if actor.code else ""
    if len(country) != 3 or not country.isalpha() or country in {"IGO", "NGO", "MNC"}:
        return EMPTY
    return Argument((country,), (replace(actor, code=country, rule="home country"),), (-1,))


def _that_clauses(verb: Token, after: int) -> list[Token]:
    """ "that" clauses of ``verb`` after position ``after``."""
    return [
        c
        for c in verb.children
        if c.dep_ == "ccomp"
        and c.i > after
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def _split(source: Argument) -> tuple[Argument, Argument]:
    """A symmetric act by a compound actor ("Xi and Kim met"): first member -> the rest."""
    first = Argument(source.codes[:1], source.actors[:1], source.tokens[:1])
    rest = Argument(source.codes[1:], source.actors[1:], source.tokens[1:])
    return first, rest


def _span_of(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (code, source, target) in a sentence: the most confident."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (event.cameo, event.source, event.target)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return sorted(best.values(), key=lambda e: e.trigger_start)


def _trimmed(sent: Span) -> tuple[int, int]:
    """The sentence's character span without the whitespace tokens at its edges."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.end_char
    return words[0].idx, words[-1].idx + len(words[-1])
