"""Calendar arithmetic and TIMEX3 value formatting: pure functions over dates.

Tense picks the direction of an underspecified expression: in a past-tense clause
"Thursday" is the most recent one, in a future clause the next one, and in a
present-tense clause the nearest one. Months and dates ("in February", "Dec. 15") take
the nearest year, the tense weighing against the other direction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "present", "future"]

SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
# Seasons in calendar order within a season year; winter runs December to February and
# takes the year of its December.
SEASON_ORDER = ("SP", "SU", "FA", "WI")


def day_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_value(year: int) -> str:
    return f"{year:04d}"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def week_of(d: date) -> tuple[int, int]:
    """ISO (year, week) of a date; a Sunday counts with the week it starts, as in US news."""
    if d.isoweekday() == 7:
        d = d + timedelta(days=1)
    iso = d.isocalendar()
    return iso[0], iso[1]


def week_value(d: date) -> str:
    year, week = week_of(d)
    return f"{year:04d}-W{week:02d}"


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, days_in_month(year, month + 1)))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_near(anchor: date, weekday: int, tense: Tense) -> date:
    """The day with ISO ``weekday`` nearest the anchor in the tense's direction.

    Past: the most recent one, the anchor itself included (wire stories say "said
    Sunday" on that Sunday). Future: the next one, the anchor included. Present: the
    nearest one, ties going forward.
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back) if back < ahead else anchor + timedelta(days=ahead)


def weekday_last(anchor: date, weekday: int) -> date:
    """"last Friday": the most recent one strictly before the anchor."""
    back = (anchor.isoweekday() - weekday) % 7 or 7
    return anchor - timedelta(days=back)


def weekday_next(anchor: date, weekday: int) -> date:
    """"next Tuesday": the first one strictly after the anchor."""
    ahead = (weekday - anchor.isoweekday()) % 7 or 7
    return anchor + timedelta(days=ahead)


# A date on the side the tense points away from counts this many times farther: a
# past-tense clause still means the coming "Dec. 15" when last year's is much farther.
_AGAINST_TENSE = 2.5


def year_for_month(anchor: date, month: int, tense: Tense) -> int:
    """Year of a month named without one ("in February"): nearest, weighed by tense."""
    return _nearest_year(anchor, lambda year: date(year, month, 15), tense)


def year_for_day(anchor: date, month: int, day: int, tense: Tense) -> int | None:
    """Year of a month and day named without one ("Sept. 30"); None if no near year has it.

    Only years that have the day compete, so "Feb. 29" goes to the nearest leap year.
    """
    near = (anchor.year - 1, anchor.year, anchor.year + 1)
    years = [y for y in near if day <= days_in_month(y, month)]
    if not years:
        return None
    return _nearest_year(anchor, lambda year: date(year, month, day), tense, years)


def _nearest_year(anchor: date, at, tense: Tense, years: list[int] | None = None) -> int:
    def cost(year: int) -> float:
        days = (at(year) - anchor).days
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        return abs(days) * (_AGAINST_TENSE if against else 1.0)

    years = years or [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(years, key=lambda y: (cost(y), y != anchor.year))


def year_for_quarter(anchor: date, quarter: int, tense: Tense) -> int:
    """Year of "the third quarter": this year's once begun; a later one is last year's
    in a past-tense clause."""
    if quarter <= quarter_of(anchor) or tense != "past":
        return anchor.year
    return anchor.year - 1


def season_of(d: date) -> tuple[int, str]:
    """(year, season) a date falls in; January and February belong to the winter begun before."""
    year = d.year - 1 if d.month in (1, 2) else d.year
    return year, SEASON_OF_MONTH[d.month]


def season_year(anchor: date, season: str, tense: Tense, modifier: str = "") -> int:
    """Year of "this summer", "last fall", or a bare season word under a tense."""
    year, current = season_of(anchor)
    now = year * 4 + SEASON_ORDER.index(current)
    index = SEASON_ORDER.index(season)
    candidates = [(y * 4 + index, y) for y in (year - 1, year, year + 1)]
    if modifier == "last":
        return max(y for o, y in candidates if o < now)
    if modifier == "next":
        return min(y for o, y in candidates if o > now)
    if not modifier and tense == "past":
        return max(y for o, y in candidates if o <= now)
    if not modifier and tense == "future":
        return min(y for o, y in candidates if o >= now)
    return min(candidates, key=lambda c: (abs(c[0] - now), c[0] < now))[1]


def nth_weekday(year: int, month: int, n: int, weekday: int) -> date:
    """The ``n``-th ISO ``weekday`` of a month (Thanksgiving: n=4, weekday=4, month=11)."""
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))
