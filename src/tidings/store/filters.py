"""Which events a question is about, as SQL both DuckDB and PostgreSQL accept.

``events`` (one row per mention) and ``linked_events`` (one row per event reported, see
store/linking.py) share the columns used here, so every query reads either table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ConfigError

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")


@dataclass(frozen=True)
class Scope:
    """Filters shared by analytics and exports.

    ``actor`` and ``country`` match a code prefix on either side; ``since``/``until`` compare
    the event date; ``status`` is a tuple of allowed statuses (empty: all); ``polarity`` None
    allows both. ``linked`` reads linked events (each real-world event once) instead of
    event mentions.
    """

    actor: str | None = None
    country: str | None = None
    code: str | None = None
    since: str | None = None
    until: str | None = None
    status: tuple[str, ...] = ()
    polarity: str | None = None
    linked: bool = False

    @property
    def table(self) -> str:
        return "linked_events" if self.linked else "events"


def codes_like(column: str) -> str:
    """SQL true when a code in the list ``column`` starts with the bound parameter (a
    ``'%|PREFIX%'`` pattern from :func:`prefix_pattern`)."""
    return f"('|' || array_to_string({column}, '|') LIKE ?)"


def prefix_pattern(prefix: str) -> str:
    if not prefix.replace("_", "").isalnum():
        raise ConfigError(f"{prefix!r} is not an actor code or code prefix (letters, e.g. CHN or CHNGOV)")
    return "%|" + prefix.upper() + "%"


def scope_where(scope: Scope, alias: str = "e") -> tuple[str, list[Any]]:
    """A WHERE condition (never empty) and its parameters for ``scope``."""
    where, params = ["TRUE"], []
    for prefix in (scope.actor, scope.country[:3] if scope.country else None):
        if prefix:
            where.append(f"({codes_like(f'{alias}.source')} OR {codes_like(f'{alias}.target')})")
            params += [prefix_pattern(prefix)] * 2
    if scope.code:
        where.append(f"{alias}.cameo LIKE ?")
        params.append(scope.code + "%")
    if scope.since:
        where.append(f"{alias}.date >= ?")
        params.append(scope.since)
    if scope.until:
        where.append(f"substr({alias}.date, 1, 10) <= ?")
        params.append(scope.until)
    if scope.status:
        where.append(f"{alias}.status IN ({', '.join('?' * len(scope.status))})")
        params += list(scope.status)
    if scope.polarity:
        where.append(f"{alias}.polarity = ?")
        params.append(scope.polarity)
    return " AND ".join(where), params


def period_of(column: str, by: str) -> tuple[str, str]:
    """(period expression, condition that the date supports it) for a TIMEX-style date.

    Days and weeks need a day date (``2019-06-20``); months a month or day. A week is named
    by its Monday. Dates coarser than the period are left out rather than guessed.
    """
    day_ok = f"(length({column}) >= 10 AND translate(substr({column}, 1, 10), '0123456789', '') = '--')"
    month_ok = f"(length({column}) >= 7 AND translate(substr({column}, 1, 7), '0123456789', '') = '-')"
    if by == "day":
        return f"substr({column}, 1, 10)", day_ok
    if by == "week":
        monday = f"date_trunc('week', CAST(substr({column}, 1, 10) AS DATE))"
        return f"CASE WHEN {day_ok} THEN CAST(CAST({monday} AS DATE) AS TEXT) END", day_ok
    if by == "month":
        return f"substr({column}, 1, 7)", month_ok
    raise ConfigError(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
