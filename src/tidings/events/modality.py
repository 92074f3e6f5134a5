"""Polarity (asserted or negated) and status (realized, future, hypothetical, reported).

Both are read from the trigger's clause: negation words and "without"; modal and future
auxiliaries; governing verbs of intention ("plans to visit"); conditional clauses ("if");
and reporting verbs whose complement the event is ("said X attacked Y").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..types import Polarity, Status

NEGATIVE_SUBJECTS = {"neither", "nobody", "noone"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
# Possibility and obligation: the act is not (yet) a fact.
MODAL_AUX = {"could", "might", "may", "can", "should", "must", "ought"}
# "went to Moscow to sign": the purpose clause of a trip is intended, not yet done.
MOTION_VERBS = {"go", "head", "leave", "fly", "travel", "arrive", "come", "return"}
INTENT_GOVERNORS = {
    "plan",
    "intend",
    "expect",
    "schedule",
    "prepare",
    "aim",
    "want",
    "hope",
    "seek",
    "mean",
    "propose",
    "try",
    "attempt",
    "decide",
    "set",
    "due",
    "likely",
    "wish",
} | MOTION_VERBS
NEGATING_GOVERNORS = {"fail", "refrain", "cease", "stop"}
CONDITION_MARKS = {"if", "unless", "whether"}
FUTURE_NOUN_MODIFIERS = {
    "planned",
    "upcoming",
    "proposed",
    "scheduled",
    "expected",
    "forthcoming",
    "possible",
    "potential",
    "prospective",
    "future",
    "next",
    "impending",
    "mooted",
}
REPORTING_VERBS = {
    "say",
    "tell",
    "report",
    "announce",
    "claim",
    "state",
    "add",
    "declare",
    "confirm",
    "allege",
    "insist",
    "note",
    "disclose",
    "reveal",
    "write",
    "quote",
}


def clause_head(trigger: Token) -> Token:
    """The verb whose clause holds the trigger: itself for verbs, the governor for nouns."""
    t = trigger
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"} or (t.pos_ == "ADJ" and t != trigger):
            return t
        if t.head == t:
            return t
        t = t.head
    return trigger


def _aux_words(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def polarity(trigger: Token, head: Token) -> Polarity:
    for t in {trigger, head}:
        if any(c.dep_ == "neg" for c in t.children):
            return "negated"
    if trigger != head:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return "negated"
        t = trigger
        while t != head and t.head != t:
            if t.dep_ == "pobj" and t.head.lower_ == "without":
                return "negated"
            t = t.head
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in NEGATING_GOVERNORS:
        return "negated"
    if _negative_subject(trigger) or _negative_subject(head):
        return "negated"
    if head.dep_ == "pcomp" and head.head.lower_ == "without":
        return "negated"  # "left without signing an agreement"
    return "asserted"


def _negative_subject(verb: Token) -> bool:
    """ "Neither X nor Y criticized", "nobody attacked": no one did it."""
    chain = [verb]
    while chain[-1].dep_ in {"pcomp", "prep", "xcomp"} and len(chain) < 4:
        chain.append(chain[-1].head)  # "neither X nor Y went as far as Z in chiding W"
    for t in chain:
        for subj in (c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}):
            words = {w.lower_ for w in subj.subtree}
            if words & NEGATIVE_SUBJECTS or subj.lower_ in {"no one", "none"}:
                return True
            if any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
                return True
    return False


def conditional(head: Token) -> bool:
    t = head
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
            return True
        if t.dep_ not in {"conj", "xcomp"} or t.head == t:
            return False
        t = t.head
    return False


def _reported(head: Token) -> bool:
    t = head
    for _ in range(4):
        if t.dep_ in {"ccomp", "parataxis"} and t.head.lemma_.lower() in REPORTING_VERBS:
            return True
        if any(
            c.dep_ in {"parataxis", "ccomp"}
            and c.lemma_.lower() in REPORTING_VERBS
            and c.i > head.i
            for c in t.children
        ):
            return True
        if t.dep_ not in {"conj", "xcomp", "advcl"} or t.head == t:
            return False
        t = t.head
    return False


def _future_noun(trigger: Token) -> bool:
    if any(
        c.lower_ in FUTURE_NOUN_MODIFIERS
        for c in trigger.children
        if c.dep_ in {"amod", "compound"}
    ):
        return True
    t = trigger
    for _ in range(3):  # "ahead of her visit", "before talks"
        if t.dep_ != "pobj":
            return False
        prep = t.head
        if prep.lower_ in {"before", "pending"} or (
            prep.lower_ == "of" and prep.head.lower_ == "ahead"
        ):
            return True
        t = prep.head
    return False


def status(trigger: Token, head: Token) -> Status:
    """The event's status; hypothetical beats future beats reported beats realized."""
    aux = _aux_words(head)
    if (
        head.tag_ == "VB"
        and not aux
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
    ):
        return "hypothetical"  # mandative subjunctive: "demanded that Israel ease ..."
    if conditional(head) or aux & MODAL_AUX:
        return "hypothetical"
    if (
        head.dep_ == "acl"
        and head.head.pos_ == "NOUN"
        and any(c.tag_ == "TO" for c in head.children)
    ):
        return "hypothetical"  # "a plan to bar Muslims", "an offer to mediate": not done
    if "would" in aux:
        return "future" if _reported(head) else "hypothetical"
    if aux & FUTURE_AUX or {"going"} & aux:
        return "future"
    if trigger.pos_ in {"NOUN", "PROPN"} and _future_noun(trigger):
        return "future"
    if head.dep_ in {"xcomp", "advcl", "acomp"} and any(c.tag_ == "TO" for c in head.children):
        governor = head.head.lemma_.lower()
        if governor in INTENT_GOVERNORS or head.dep_ == "advcl":
            return "future"
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in INTENT_GOVERNORS:
        return "future"
    if _reported(head):
        return "reported"
    return "realized"


def past_clauses(verb: Token) -> list[Token]:
    """Complement clauses of ``verb`` that tell a past act ("said Iran had kept up its
    attacks"), not a future or possible one."""
    out = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        aux = _aux_words(clause)
        if aux & (FUTURE_AUX | MODAL_AUX | {"would"}):
            continue
        if clause.tag_ == "VBD" or aux & {"had", "has", "have"}:
            out.append(clause)
    return out
