"""CAMEO dyads from PLOVER-style events whose sides are lists of actor codes.

An event keeps compound actors as lists ("Xi and Kim met": source (CHNGOV, PRKGOV)).
Dyadic CAMEO data wants one source and one target per row; :func:`dyads` gives them,
one row per source-target pair, so a list of n sources and m targets gives n*m rows and
never more (no expansion of groups into members, no reciprocal copies).
"""

from __future__ import annotations

from ..types import Event


def dyads(event: Event) -> list[tuple[str, str | None]]:
    """(source, target) code pairs; target None when the event has none."""
    targets: tuple[str | None, ...] = event.target or (None,)
    return [(s, t) for s in event.source for t in targets]
