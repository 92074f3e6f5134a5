"""Role words in a stretch of tokens, and the sector they give.

"A Chinese foreign ministry spokesman": "foreign ministry" (strong, GOV) outranks the weak
head "spokesman"; "military spokesman" is MIL; "Defence Minister" is GOV because a strong
head outranks a strong modifier; "former" turns any sector into ELI and "opposition" any
other into OPP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from .kb import KnowledgeBase, Role

MAX_ROLE_TOKENS = 4


@dataclass(frozen=True, slots=True)
class RoleHit:
    start: int  # token range [start, end)
    end: int
    role: Role


@dataclass(frozen=True, slots=True)
class TokenForms:
    """Per-token strings of one Doc, computed once (Token objects are costly to build)."""

    lower: list[str]
    lemma: list[str]
    space: list[str]

    @classmethod
    def of(cls, doc: Doc) -> TokenForms:
        lower, lemma, space = [], [], []
        for t in doc:
            lower.append(t.lower_)
            lemma.append(t.lemma_.lower())
            space.append(t.whitespace_)
        return cls(lower, lemma, space)


def find_roles(forms: TokenForms, tokens: Sequence[int], kb: KnowledgeBase) -> list[RoleHit]:
    """Role words and phrases among ``tokens`` (token indices), longest first, no overlaps."""
    found: list[RoleHit] = []
    wanted = set(tokens)
    ordered = sorted(wanted)
    size = len(forms.lower)
    pos = 0
    while pos < len(ordered):
        i = ordered[pos]
        match = None
        for n in range(MAX_ROLE_TOKENS, 0, -1):
            j = i + n
            if j > size or (n > 1 and not all(k in wanted for k in range(i, j))):
                continue
            surface = "".join(forms.lower[k] + (forms.space[k] if k < j - 1 else "") for k in range(i, j))
            lemmas = " ".join(forms.lemma[i:j])
            role = kb.roles.get(surface) or kb.roles.get(lemmas)
            if role is None and n == 1:
                role = kb.roles.get(surface.strip("."))
            if role is not None:
                match = RoleHit(i, j, role)
                break
        if match is None:
            pos += 1
            continue
        found.append(match)
        pos += match.end - match.start
    return found


def choose_sector(roles: Sequence[RoleHit], head: int) -> str | None:
    """The sector a set of role words gives, with ``head`` the phrase's head token."""
    if not roles:
        return None
    plain = [r for r in roles if r.role.strength != "modifier"]
    if not plain:
        return None
    if len(plain) < len(roles):
        return "ELI"
    roles = plain
    at_head = next((r for r in roles if r.start <= head < r.end), None)
    others = [r for r in roles if r is not at_head]
    if any(r.role.sector == "OPP" for r in others):
        return "OPP"  # political alignment outranks the institution: "opposition lawmakers"
    if at_head is not None and at_head.role.strength == "strong":
        return at_head.role.sector
    strong = [r for r in others if r.role.strength == "strong"]
    if strong:
        return strong[-1].role.sector
    if at_head is not None and others and at_head.role.sector == "GOV":
        # "war spokesman", "security chief": a generic government head takes its modifier's sector
        return others[-1].role.sector
    if at_head is not None:
        return at_head.role.sector
    return others[-1].role.sector


def has_title(roles: Sequence[RoleHit]) -> bool:
    """A current title stands in the phrase ("President", "General")."""
    return any(r.role.title and r.role.strength != "modifier" for r in roles)


def is_former(roles: Sequence[RoleHit]) -> bool:
    return any(r.role.strength == "modifier" for r in roles)
