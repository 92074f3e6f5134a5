"""TIMEX3 values read back and shifted: what "a year earlier" needs from the time before it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import add_months, day_value, month_value, quarter_value, week_value, year_value

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class Point:
    """A calendar value as its first day and its granularity."""

    start: date
    granularity: str  # day, week, month, quarter, year

    def value(self) -> str:
        d = self.start
        if self.granularity == "day":
            return day_value(d)
        if self.granularity == "week":
            return week_value(d)
        if self.granularity == "month":
            return month_value(d.year, d.month)
        if self.granularity == "quarter":
            return quarter_value(d.year, (d.month - 1) // 3 + 1)
        return year_value(d.year)


def parse_point(value: str | None) -> Point | None:
    """The Point a day, week, month, quarter or year value names; None for anything else."""
    if not value:
        return None
    try:
        if m := _DAY.fullmatch(value):
            return Point(date(int(m[1]), int(m[2]), int(m[3])), "day")
        if m := _MONTH.fullmatch(value):
            return Point(date(int(m[1]), int(m[2]), 1), "month")
        if m := _QUARTER.fullmatch(value):
            return Point(date(int(m[1]), 3 * int(m[2]) - 2, 1), "quarter")
        if m := _WEEK.fullmatch(value):
            return Point(date.fromisocalendar(int(m[1]), int(m[2]), 1), "week")
        if m := _YEAR.fullmatch(value):
            return Point(date(int(m[1]), 1, 1), "year")
    except ValueError:
        return None
    return None


_ORDER = ("day", "week", "month", "quarter", "year")


def shift(point: Point, count: int, unit: str) -> Point:
    """``point`` moved by ``count`` units (D, W, M, Q, Y), keeping the finer granularity."""
    if unit == "D":
        moved, granularity = point.start + timedelta(days=count), "day"
    elif unit == "W":
        moved, granularity = point.start + timedelta(weeks=count), "week"
    elif unit == "M":
        moved, granularity = add_months(point.start, count), "month"
    elif unit == "Q":
        moved, granularity = add_months(point.start, 3 * count), "quarter"
    else:
        moved, granularity = add_months(point.start, 12 * count), "year"
    finer = min(point.granularity, granularity, key=_ORDER.index)
    return Point(moved, finer)
