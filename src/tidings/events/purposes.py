"""Purpose clauses: "marched to demand reforms" is one act, the march, not two."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..types import Event
from .modality import MOTION_VERBS, clause_head
from .roles import ADJUNCT_PREPS

# Governors of purpose clauses parsed as complements: "went to Moscow to sign".
PURPOSE_GOVERNORS = MOTION_VERBS | {"gather", "march"}


def purpose_governor(token: Token) -> Token | None:
    """The verb a purpose clause ("... to demand reforms") depends on, if any."""
    head = clause_head(token)
    if token.dep_ == "pobj" and token.head.lower_ in ADJUNCT_PREPS:
        return None  # "telling reporters during a visit to X": the visit is an act of its own
    if any(c.tag_ == "TO" for c in head.children) and (
        head.dep_ == "advcl" or (head.dep_ == "xcomp" and head.head.lemma_.lower() in PURPOSE_GOVERNORS)
    ):
        return head.head
    if (
        head.dep_ == "advcl"
        and head.tag_ == "VBG"
        and not any(c.dep_ == "mark" for c in head.children)
    ):
        return head.head  # "blocked roads demanding his return"
    return None


def merge_purposes(built: list[tuple[Token, Event]], bonus: float) -> list[Event]:
    """An act in a purpose clause of another coded act ("marched to demand reforms from
    the government") is part of it: one event, the march, whose target the purpose
    clause supplies when the main clause names none (its confidence up by ``bonus``)."""
    events = [event for _, event in built]
    main: dict[int, int] = {}  # trigger or clause-head token -> position
    for n, (token, _) in enumerate(built):
        main.setdefault(token.i, n)
        main.setdefault(clause_head(token).i, n)
    dropped: set[int] = set()
    for n, (token, event) in enumerate(built):
        governor = purpose_governor(token)
        if governor is None or main.get(governor.i, n) == n:
            continue
        m = main[governor.i]
        lead = events[m]
        if not lead.target and event.target:
            events[m] = replace(
                lead,
                target=event.target,
                target_text=event.target_text,
                id="",
                confidence=round(min(1.0, lead.confidence + bonus), 3),
            )
        dropped.add(n)
    return [event for n, event in enumerate(events) if n not in dropped]
