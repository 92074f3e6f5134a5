"""The tense of the clause a temporal expression sits in, read from the spaCy parse.

Past: the clause's verb is VBD, or VBN (perfect, passive, reduced relative), or has a
past auxiliary. Future: "will"/"shall", a modal, "going to", a present progressive
("is meeting Thursday"), or an infinitive under a verb of planning ("expected to
arrive"). Present: a present-tense verb. Without a verb (headlines, fragments) news
reports the past.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .calendar import Tense

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PLANNING = {"plan", "expect", "schedule", "due", "intend", "set", "aim", "hope", "seek",
             "propose", "promise", "vow", "threaten"}
_VERBAL = {"VERB", "AUX"}
# Words between a date and its verb that make the date one still to come, whatever the
# verb's tense: "has scheduled a news conference Thursday", "payable Dec. 7",
# "extended the offer to Nov. 20".
_FUTURE_CUES = {"schedule", "plan", "expect", "postpone", "delay", "extend", "slate", "due",
                "payable", "effective", "deadline", "adjourn", "defer", "reschedule", "upcoming",
                "set", "planned", "scheduled", "expected"}
# A preposition right before the expression: "until Tuesday", "through January".
_FUTURE_PREPOSITIONS = {"until", "till", "through", "pending"}


def clause_verb(token: Token) -> Token | None:
    """The nearest verb governing ``token`` (itself if it is one), within its sentence."""
    seen = 0
    while seen < 50:
        if token.pos_ in _VERBAL and token.dep_ != "aux":
            return token
        if token.head is token:
            return None
        token, seen = token.head, seen + 1
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if words & {"would", "'d"} or verb.lower_ == "would":
        return "future"  # reported future: "said he would meet Tuesday"
    if any(a.tag_ == "MD" for a in auxes) or verb.tag_ == "MD":
        return "present"  # could, may, must: no direction of their own
    has_to = any(c.lower_ == "to" for c in verb.children)
    if verb.tag_ == "VB" and verb.head.lemma_ == "be" and has_to:
        return "future"  # "is to resume trading Tuesday"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if any(a.tag_ in {"VBD"} for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBG" and any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "future"
    complement = verb.dep_ in {"xcomp", "ccomp", "advcl", "conj"}
    if verb.tag_ == "VB" and complement and depth < 4 and verb.head is not verb:
        head = verb.head
        if head.lemma_ in _PLANNING or head.lower_ == "going":
            return "future"
        if head.pos_ in _VERBAL:
            return verb_tense(head, depth + 1)
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return "past"


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the clause containing the character span [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _FUTURE_PREPOSITIONS:
        return "future"
    if [t.lower_ for t in doc[max(0, span.start - 3) : span.start]] == ["as", "soon", "as"]:
        return "future"
    verb = clause_verb(span.root)
    if _future_cue_between(span.root, verb):
        return "future"
    conditional = verb is not None and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children
    )
    if conditional:
        return "present"  # a condition ("if he won on Nov. 8") points nowhere by its tense
    tense = verb_tense(verb) if verb is not None else "past"
    return "present" if tense == "past" and before == "by" else tense


def _future_cue_between(token: Token, verb: Token | None) -> bool:
    """Whether a word of scheduling sits on the path from the expression up to its verb."""
    steps = 0
    while steps < 12:
        if token.lemma_.lower() in _FUTURE_CUES or token.lower_ in _FUTURE_CUES:
            return True
        if token is verb or token.head is token:
            return False
        token, steps = token.head, steps + 1
    return False
