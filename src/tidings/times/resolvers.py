"""Rule resolvers: a regex match's groups + the context -> (TIMEX3 value, granularity).

Each resolver is a pure function. Values that need the publication date are None
when the anchor is unknown; the granularity is still reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Tense
from .values import Point, parse_point, shift
from .vocabulary import Vocabulary, number_of

Groups = dict[str, str | None]
Resolved = tuple[str | None, str]

# Unit code (words.yaml) -> (duration letter, whether it is a time unit after "T").
_DURATION = {"S": ("S", True), "MIN": ("M", True), "H": ("H", True), "D": ("D", False),
             "W": ("W", False), "2W": ("W", False), "M": ("M", False), "Q": ("M", False),
             "Y": ("Y", False), "DE": ("Y", False), "CE": ("Y", False)}
# How many of the next smaller unit make one, for halves ("2 1/2 years" = P2Y6M).
_HALF = {"Y": (6, "M", False), "M": (15, "D", False), "D": (12, "H", True),
         "H": (30, "M", True), "MIN": (30, "S", True), "W": (84, "H", True)}
_GRANULARITY = {"D": "day", "W": "week", "2W": "week", "M": "month", "Q": "quarter",
                "Y": "year", "DE": "year", "CE": "year"}


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against.

    ``reference`` is the value of the latest dated expression before this one in the
    article ("a year earlier" counts from it); ``days`` the day values mentioned before it,
    oldest first ("the day after" counts from the last; "10.30 P.M." takes the day of an
    earlier "last night"); ``tense`` is that of the clause.
    """

    anchor: date | None
    tense: Tense = "past"
    reference: str | None = None
    days: tuple[str, ...] = ()


def unit_code(word: str, vocab: Vocabulary) -> str:
    word = word.lower().replace("centuries", "century")
    return vocab.units.get(word) or vocab.units[word[:-1] if word.endswith("s") else word]


def _count(g: Groups, vocab: Vocabulary) -> float | None:
    text = g.get("num")
    if text == "":  # "half an hour": the rule matched no count, only the half
        return 0.5
    if not text:
        return None
    value = number_of(text, vocab)
    return value + 0.5 if value is not None and g.get("half") else value


def duration(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"two days" P2D, "10-year" P10Y, "several years" PXY, "2 1/2 hours" PT2H30M."""
    code = unit_code(g["unit"], vocab)
    letter, is_time = _DURATION[code]
    prefix = "PT" if is_time else "P"
    vague = (g.get("vague") or "").lower()
    lead = (g.get("lead") or "").lower().split()[-1:]
    if vague and vague != "recent" and lead in (["past"], ["last"]):  # "the past few months"
        return "PAST_REF", "reference"
    count = None if vague else _count(g, vocab)
    if count is None:
        return f"{prefix}X{code if code in {'DE', 'CE', 'Q'} else letter}", "duration"
    scale = {"DE": 10, "CE": 100, "2W": 2, "Q": 3}.get(code, 1)  # quarters count as months
    whole = int(count) * scale
    if count != int(count) and code in _HALF:
        amount, small, small_is_time = _HALF[code]
        head = f"{prefix}{whole}{letter}" if whole else prefix
        joiner = "T" if small_is_time and not is_time else ""
        return f"{head}{joiner}{amount}{small}", "duration"
    if count != int(count):
        whole = round(count * scale)
    return f"{prefix}{whole}{letter}", "duration"


def reference_word(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    text = " ".join(g["ref"].lower().split())
    return vocab.references.get(text, "PRESENT_REF"), "reference"


def day(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """An explicit month and day, with or without a year."""
    month = vocab.months[g["month"].lower().rstrip(".")]
    number = int("".join(ch for ch in g["day"] if ch.isdigit()))
    year = _explicit_year(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return None, "day"
        year = cal.year_for_day(ctx.anchor, month, number, ctx.tense)
    if year is None or number > cal.days_in_month(year, month):
        return None, "day"
    return cal.day_value(date(year, month, number)), "day"


def _explicit_year(g: Groups, ctx: Context) -> int | None:
    if g.get("year"):
        return _year_number(g["year"], ctx)
    if g.get("yrel") and ctx.anchor:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    return None


def _year_number(text: str, ctx: Context) -> int:
    digits = int(text.strip("'’"))
    if len(text.strip("'’")) > 2:
        return digits
    century = (ctx.anchor.year // 100 * 100) if ctx.anchor else 1900
    latest = (ctx.anchor.year if ctx.anchor else 1999) + 10  # "'25" is 1925 unless within reach
    return century + digits if century + digits <= latest else century - 100 + digits


def numeric_date(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"1998-03-05" and US-style "3/5/1998" (day first when the first number exceeds 12)."""
    a, b = int(g["a"]), int(g["b"])
    year = int(g["year"]) if len(g["year"]) == 4 else _year_number(g["year"], ctx)
    month, number = (a, b) if g.get("iso") is not None or a <= 12 else (b, a)
    try:
        return cal.day_value(date(year, month, number)), "day"
    except ValueError:
        return None, "day"


def month(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """A month with or without a year: "July 1986", "in February", "last October"."""
    number = vocab.months[g["month"].lower().rstrip(".")]
    year = _explicit_year(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return None, "month"
        modifier = (g.get("mod") or "").lower()
        if modifier == "last":
            year = ctx.anchor.year if number < ctx.anchor.month else ctx.anchor.year - 1
        elif modifier == "next":
            year = ctx.anchor.year if number > ctx.anchor.month else ctx.anchor.year + 1
        elif modifier == "this":
            year = ctx.anchor.year
        else:
            year = cal.year_for_month(ctx.anchor, number, ctx.tense)
    return cal.month_value(year, number), "month"


def weekday(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"Thursday", "last Friday", "next Tuesday", "Wednesday night"."""
    if ctx.anchor is None:
        return None, "day"
    number = vocab.weekdays[g["weekday"].lower().rstrip(".")]
    modifier = (g.get("mod") or "").lower()
    if modifier == "last":
        found = cal.weekday_last(ctx.anchor, number)
    elif modifier == "next":
        found = cal.weekday_next(ctx.anchor, number)
    else:
        found = cal.weekday_near(ctx.anchor, number, ctx.tense)
    return cal.day_value(found) + _part_of_day(g, vocab), "day"


def _part_of_day(g: Groups, vocab: Vocabulary) -> str:
    pod = g.get("pod")
    return "T" + vocab.parts_of_day[pod.lower()] if pod else ""


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2,
                "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0}


def relative_day(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"today", "yesterday evening", "last night", "this morning"."""
    if ctx.anchor is None:
        return None, "day"
    word = " ".join(g["rday"].lower().split())
    found = cal.day_value(ctx.anchor + timedelta(days=_DAY_OFFSETS[word]))
    pod = {"tonight": "NI", "last night": "NI"}.get(word)
    pod = pod or vocab.parts_of_day.get(word.split()[-1])
    if g.get("pod"):
        pod = vocab.parts_of_day[g["pod"].lower()]
    return found + (f"T{pod}" if pod else ""), "day"


def clock_time(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"10:35 a.m.", "10.30 P.M.", "2130 GMT", "noon Thursday": a day and an hour."""
    if g.get("named"):
        hour, minute = (0, 0) if g["named"].lower() == "midnight" else (12, 0)
    elif g.get("hhmm"):
        hour, minute = int(g["hhmm"][:2]), int(g["hhmm"][2:])
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        meridiem = (g.get("ampm") or "").lower().replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return None, "time"
    base: str | None
    if g.get("weekday"):
        base, _ = weekday(g, ctx, vocab)
    elif g.get("rday"):
        base, _ = relative_day({"rday": g["rday"]}, ctx, vocab)
    else:
        base = _day_for_hour(hour, ctx)
    if base is None:
        return None, "time"
    zone = "Z" if (g.get("zone") or "").upper() in {"GMT", "UTC"} else ""
    return f"{base[:10]}T{hour:02d}:{minute:02d}{zone}", "time"


# Hours each part of the day covers, for matching a clock time to "last night".
_HOURS = {"MO": range(4, 12), "AF": range(12, 18), "EV": range(17, 23),
          "NI": (19, 20, 21, 22, 23, 0, 1, 2, 3, 4)}


def _day_for_hour(hour: int, ctx: Context) -> str | None:
    """The day of a bare clock time: an earlier day mentioned with a fitting part of the day
    ("last night" ... "at 10.30 P.M."), else the latest day mentioned, within a day of the
    anchor; else the anchor."""
    if ctx.anchor is None:
        return None
    near = [v for v in ctx.days if (p := parse_point(v)) and abs((p.start - ctx.anchor).days) <= 1]
    for value in reversed(near):
        part = value.partition("T")[2]
        if hour in _HOURS.get(part, ()):
            return value[:10]
    return near[-1][:10] if near else cal.day_value(ctx.anchor)


def year(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    return cal.year_value(_year_number(g["year"], ctx)), "year"


def decade(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the 1980s" 198, "the late '70s" 197."""
    digits = g["decade"].strip("'’")
    if len(digits) == 2:
        return str(_year_number(digits, ctx) // 10), "decade"
    return digits[:3], "decade"


def century(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the 20th century" 19; "this century" from the anchor."""
    if g.get("ord"):
        return f"{vocab.ordinals[g['ord'].lower()] - 1:02d}", "century"
    if ctx.anchor is None:
        return None, "century"
    offset = {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    return f"{ctx.anchor.year // 100 + offset:02d}", "century"


def quarter(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the third quarter", "fourth-quarter", "the first quarter of 1990", "the quarter"."""
    year_number = _explicit_year(g, ctx)
    if g.get("ord"):
        number = vocab.ordinals[g["ord"].lower()]
        if g.get("half"):
            number = min(number, 2)
    else:
        which = (g.get("which") or "").lower()
        point = parse_point(ctx.reference)
        if point and point.granularity == "quarter" and not which:
            return point.value(), "quarter"
        if ctx.anchor is None:
            return None, "quarter"
        current = cal.quarter_of(ctx.anchor)
        this_one = "current" in which or (ctx.tense != "past" and not which)
        number = current if this_one else current - 1
        if number == 0:
            number, year_number = 4, ctx.anchor.year - 1
    if g.get("half"):
        half_year = year_number or (ctx.anchor.year if ctx.anchor else None)
        return (f"{half_year:04d}-H{number}" if half_year else None), "quarter"
    if year_number is None:
        if ctx.anchor is None:
            return None, "quarter"
        year_number = cal.year_for_quarter(ctx.anchor, number, ctx.tense)
    if g.get("ago"):
        year_number -= 1
    return cal.quarter_value(year_number, number), "quarter"


def season(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    code = vocab.seasons[g["season"].lower()]
    year_number = _explicit_year(g, ctx)
    if year_number is None:
        if ctx.anchor is None:
            return None, "season"
        modifier = (g.get("mod") or "").lower()
        if modifier not in {"this", "last", "next"}:
            modifier = ""
        year_number = cal.season_year(ctx.anchor, code, ctx.tense, modifier)
    return f"{year_number:04d}-{code}", "season"


_UNIT_OFFSETS = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
                 "coming": 1, "following": 1}


def relative_unit(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"last week" 2019-W25, "this month", "early next year", "later this year"."""
    unit = g["unit"].lower()
    rel = (g.get("rel") or "this").lower().split()[-1]
    granularity = {"week": "week", "weekend": "week", "month": "month", "year": "year",
                   "decade": "decade", "century": "century"}[unit]
    if ctx.anchor is None:
        return None, granularity
    offset = _UNIT_OFFSETS[rel]
    if rel in {"past", "coming"} and unit in {"decade", "century"}:
        return ("P10Y" if unit == "decade" else "P100Y"), "duration"
    if rel in {"previous", "following"} and (point := parse_point(ctx.reference)):
        base = point.start
    else:
        base = ctx.anchor
    if unit in {"week", "weekend"}:
        value = cal.week_value(base + timedelta(weeks=offset))
        return value + ("-WE" if unit == "weekend" else ""), "week"
    if unit == "month":
        moved = cal.add_months(base, offset)
        return cal.month_value(moved.year, moved.month), "month"
    if unit == "year":
        return cal.year_value(base.year + offset), "year"
    if unit == "decade":
        return str(base.year // 10 + offset), "decade"
    return f"{base.year // 100 + offset:02d}", "century"


def weekend(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the weekend": the last one in a past clause, else the coming one."""
    if ctx.anchor is None:
        return None, "week"
    saturday = cal.weekday_near(ctx.anchor, 6, ctx.tense if ctx.tense != "present" else "future")
    return cal.week_value(saturday) + "-WE", "week"


def offset_from(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"two days ago", "a year earlier", "10 days later", "three weeks from now"."""
    code = unit_code(g["unit"], vocab)
    count = _count(g, vocab)
    direction = g["dir"].lower()
    sign = 1 if direction in {"later", "after", "from now", "hence", "on"} else -1
    if count is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "reference"
    letter = {"2W": "W", "DE": "Y", "CE": "Y"}.get(code, code)
    steps = int(count) * {"2W": 2, "DE": 10, "CE": 100}.get(code, 1)
    if letter not in {"D", "W", "M", "Q", "Y"}:
        return (cal.day_value(ctx.anchor) if ctx.anchor else None), "day"
    point = parse_point(ctx.reference)
    relative = direction not in {"ago", "from now", "hence"}
    fine_enough = point and _coarseness(point.granularity) <= _coarseness(_GRANULARITY[letter])
    if point and fine_enough and (relative or point.granularity == "quarter"):
        moved = shift(point, sign * steps, letter)
        return moved.value(), moved.granularity
    if ctx.anchor is None:
        return None, _GRANULARITY[letter]
    granularity = "year" if code in {"DE", "CE"} else _GRANULARITY[letter]
    moved = shift(Point(ctx.anchor, "day"), sign * steps, letter)
    return Point(moved.start, granularity).value(), granularity


def _coarseness(granularity: str) -> int:
    return ("day", "week", "month", "quarter", "year").index(granularity)


def anaphoric_day(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the day after", "the next day", "that day", "the previous day": from the last day
    mentioned before, else from the anchor."""
    point = parse_point(ctx.days[-1]) if ctx.days else None
    words = g["aday"].lower().split()
    if words[0] in {"earlier", "later"}:  # "earlier that day": the same day
        sign = 0
    elif g.get("tail") is not None and words[-1] in {"after", "before"}:
        sign = 0  # "met Thursday, a day after talks stalled": the meeting's day is the reference
    elif {"after", "next", "following", "later"} & set(words):
        sign = 1
    elif {"before", "previous", "prior", "earlier"} & set(words):
        sign = -1
    else:
        sign = 0
    base = point.start if point else ctx.anchor
    if base is None:
        return None, "day"
    return cal.day_value(base + timedelta(days=sign)), "day"


def year_ago(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the year-ago quarter", "year-earlier": the reference (a quarter, say) a year back."""
    point = parse_point(ctx.reference)
    if point is not None and point.granularity in {"quarter", "month", "year"}:
        moved = shift(point, -1, "Y")
        return Point(moved.start, point.granularity).value(), point.granularity
    if ctx.anchor is None:
        return None, "year"
    return cal.year_value(ctx.anchor.year - 1), "year"


def year_ended(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the year ended March 31": a twelve-month period, whose end the date after it gives."""
    return "P1Y", "duration"


def fiscal_year(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"the fiscal year", "the current fiscal year": the anchor's year (or the one before)."""
    if ctx.anchor is None:
        return None, "year"
    rel = (g.get("rel") or "current").lower()
    offset = {"previous": -1, "last": -1, "next": 1}.get(rel, 0)
    return cal.year_value(ctx.anchor.year + offset), "year"


def spoken_year(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"nineteen ninety-six" 1996, "the year two thousand" 2000."""
    words = g["spoken"].lower().replace("the year", "").replace(" and", "").split()
    words = [w for part in words for w in part.split("-")]
    if words[0] == "two":
        rest = number_of(" ".join(words[2:]), vocab) if len(words) > 2 else 0
        return cal.year_value(2000 + int(rest or 0)), "year"
    head = number_of(words[0], vocab) or 0
    rest = number_of(" ".join(words[1:]), vocab) or 0
    return cal.year_value(int(head) * 100 + int(rest)), "year"


def anaphoric_unit(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"later that year", "that same month", "the same year": the reference's unit."""
    unit = g["unit"].lower()
    point = parse_point(ctx.reference)
    base = point.start if point else ctx.anchor
    if base is None:
        return None, unit
    if unit == "month":
        return cal.month_value(base.year, base.month), "month"
    if unit == "week":
        return cal.week_value(base), "week"
    if unit == "quarter":
        return cal.quarter_value(base.year, cal.quarter_of(base)), "quarter"
    return cal.year_value(base.year), "year"


def recurring(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"daily" P1D, "every Thursday" XXXX-WXX-4, "each July" XXXX-07."""
    word = g["every"].lower()
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"}
    if word in simple:
        return simple[word], "set"
    if g.get("weekday"):
        return f"XXXX-WXX-{vocab.weekdays[g['weekday'].lower().rstrip('.')]}", "set"
    if g.get("month"):
        return f"XXXX-{vocab.months[g['month'].lower().rstrip('.')]:02d}", "set"
    code = unit_code(g["unit"], vocab)
    letter, is_time = _DURATION[code]
    return f"{'PT' if is_time else 'P'}1{letter}", "set"


def holiday(g: Groups, ctx: Context, vocab: Vocabulary) -> Resolved:
    """"Christmas", "Thanksgiving Day": a fixed date or the n-th weekday of a month."""
    rule = vocab.holidays[" ".join(g["holiday"].lower().split())]
    year_number = _explicit_year(g, ctx)
    if year_number is None and ctx.anchor is None:
        return None, "day"

    def on(y: int) -> date:
        parts = [int(p) for p in rule.split("-")]
        if len(parts) == 2:
            return date(y, parts[0], parts[1])
        return cal.nth_weekday(y, parts[2], parts[0], parts[1])

    if year_number is None:
        anchor = ctx.anchor
        this_year = on(anchor.year)
        if ctx.tense == "past":
            year_number = anchor.year if this_year <= anchor else anchor.year - 1
        elif ctx.tense == "future":
            year_number = anchor.year if this_year >= anchor else anchor.year + 1
        else:
            year_number = anchor.year
    return cal.day_value(on(year_number)), "day"
