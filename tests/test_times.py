"""Times stage: the resolver as a pure function (table + property tests), then recognition."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from tidings.times import normalize
from tidings.times.calendar import week_of

THU = date(2019, 6, 20)  # a Thursday

VALUE = re.compile(
    r"\d{4}-\d\d-\d\d(T(\d\d:\d\dZ?|MO|AF|EV|NI))?|\d{4}-\d\d|\d{4}-W\d\d(-WE)?|\d{4}|\d{2,3}"
    r"|\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)|PT?(\d+|X)[A-Z]+(\d+[A-Z])?|(PRESENT|PAST|FUTURE)_REF"
    r"|XXXX-(WXX-\d|\d\d)|P\d+D|PT\d+M"
)


@pytest.mark.parametrize(
    ("text", "tense", "value", "granularity"),
    [
        ("Thursday", "past", "2019-06-20", "day"),
        ("Tuesday", "past", "2019-06-18", "day"),
        ("Tuesday", "future", "2019-06-25", "day"),
        ("last Friday", "past", "2019-06-14", "day"),
        ("next Tuesday", "past", "2019-06-25", "day"),
        ("Friday morning", "past", "2019-06-14TMO", "day"),
        ("yesterday", "past", "2019-06-19", "day"),
        ("last night", "past", "2019-06-19TNI", "day"),
        ("tomorrow", "future", "2019-06-21", "day"),
        ("two days ago", "past", "2019-06-18", "day"),
        ("last week", "past", "2019-W24", "week"),
        ("next week", "future", "2019-W26", "week"),
        ("later this week", "future", "2019-W25", "week"),
        ("last month", "past", "2019-05", "month"),
        ("earlier this month", "past", "2019-06", "month"),
        ("next year", "future", "2020", "year"),
        ("early next year", "future", "2020", "year"),
        ("February", "past", "2019-02", "month"),
        ("mid-April", "past", "2019-04", "month"),
        ("September", "future", "2019-09", "month"),
        ("last October", "past", "2018-10", "month"),
        ("July 1986", "past", "1986-07", "month"),
        ("Sept. 30", "future", "2019-09-30", "day"),
        ("Dec. 15", "past", "2018-12-15", "day"),
        ("June 25", "past", "2019-06-25", "day"),
        ("March 5, 1946", "past", "1946-03-05", "day"),
        ("5 March 1946", "past", "1946-03-05", "day"),
        ("January 20 next year", "future", "2020-01-20", "day"),
        ("2019-03-04", "past", "2019-03-04", "day"),
        ("1998", "past", "1998", "year"),
        ("fiscal 1989", "past", "1989", "year"),
        ("nineteen ninety-six", "past", "1996", "year"),
        ("the 1980s", "past", "198", "decade"),
        ("the late '70s", "past", "197", "decade"),
        ("the 20th century", "past", "19", "century"),
        ("the third quarter", "past", "2018-Q3", "quarter"),
        ("the second quarter", "past", "2019-Q2", "quarter"),
        ("the first quarter of 1990", "past", "1990-Q1", "quarter"),
        ("this summer", "future", "2019-SU", "season"),
        ("the summer of 2015", "past", "2015-SU", "season"),
        ("14 years", "past", "P14Y", "duration"),
        ("two days", "past", "P2D", "duration"),
        ("three hours", "past", "PT3H", "duration"),
        ("two-year", "past", "P2Y", "duration"),
        ("2 1/2 years", "past", "P2Y6M", "duration"),
        ("the past three months", "past", "P3M", "duration"),
        ("several weeks", "past", "PXW", "duration"),
        ("now", "present", "PRESENT_REF", "reference"),
        ("recently", "past", "PAST_REF", "reference"),
        ("the future", "future", "FUTURE_REF", "reference"),
        ("10:35 a.m.", "past", "2019-06-20T10:35", "time"),
        ("noon Friday", "future", "2019-06-21T12:00", "time"),
        ("daily", "present", "P1D", "set"),
        ("every Thursday", "present", "XXXX-WXX-4", "set"),
        ("Christmas", "future", "2019-12-25", "day"),
    ],
)
def test_normalize_table(text: str, tense: str, value: str | None, granularity: str | None) -> None:
    result = normalize(text, THU, tense)
    if value is None:
        assert result is None
        return
    assert result is not None, text
    assert (result.value, result.granularity) == (value, granularity)


def test_relative_expressions_count_from_the_reference() -> None:
    assert normalize("a day earlier", THU, "past", reference="2019-06-18").value == "2019-06-17"
    assert normalize("a year earlier", THU, "past", reference="2019-Q1").value == "2018-Q1"
    assert normalize("the year-ago quarter", THU, "past", reference="2019-Q1").value == "2018-Q1"
    assert normalize("the day after", THU, "past", reference="2019-06-10").value == "2019-06-11"


@pytest.mark.parametrize("text", ["Thursday", "last month", "next week", "two days ago", "February",
                                  "Sept. 30", "the third quarter", "this summer", "tomorrow"])
def test_unknown_publication_date_leaves_value_unresolved(text: str) -> None:
    result = normalize(text, None, "past")
    assert result is not None and result.value is None and result.granularity


@pytest.mark.parametrize(("text", "value"), [("March 5, 1946", "1946-03-05"), ("1998", "1998"),
                                             ("14 years", "P14Y"), ("now", "PRESENT_REF")])
def test_unknown_publication_date_keeps_what_needs_no_anchor(text: str, value: str) -> None:
    assert normalize(text, None, "past").value == value


def test_sunday_belongs_to_the_week_it_starts() -> None:
    assert week_of(date(1998, 3, 1)) == (1998, 10)  # a Sunday: US weeks start on it
    assert week_of(date(1998, 2, 28)) == (1998, 9)


SENTENCES = [
    "On Sept. 30, 1998, three days later, the 1980s ended at 10:35 a.m. Friday morning.",
    "Nearly six months ago, for years, in recent weeks, the past three years and 2 1/2 hours.",
    "The year-ago quarter, the fiscal year ended March 31 and nineteen ninety-six, this summer.",
    "Now, recently, in the future, every Thursday, daily, half an hour, the weekend, Christmas.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_trigger_filter_loses_no_match(sentence: str) -> None:
    from tidings.times.grammar import grammar

    rules = grammar()
    filtered = {(f.start, f.end, f.rule.name) for f in rules.find(sentence)}
    every = {(m.start(), m.end(), r.name) for r in rules.rules for m in r.pattern.finditer(sentence)}
    assert filtered == every and len(every) > 5


# ------------------------------------------------------------------ properties

anchors = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))
tenses = st.sampled_from(["past", "present", "future"])
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


@hsettings(max_examples=300, deadline=None)
@given(anchor=anchors, tense=tenses, weekday=st.integers(1, 7))
def test_weekday_follows_the_tense(anchor: date, tense: str, weekday: int) -> None:
    result = normalize(WEEKDAYS[weekday - 1], anchor, tense)
    found = _day(result.value)
    assert found.isoweekday() == weekday
    if tense == "past":
        assert timedelta(0) <= anchor - found < timedelta(days=7)
    elif tense == "future":
        assert timedelta(0) <= found - anchor < timedelta(days=7)
    else:
        assert abs((found - anchor).days) <= 3


@hsettings(max_examples=300, deadline=None)
@given(anchor=anchors, tense=tenses, month=st.integers(1, 12), day=st.integers(1, 31))
def test_month_and_day_lean_with_the_tense(anchor: date, tense: str, month: int, day: int) -> None:
    text = f"{MONTHS[month - 1]} {day}"
    result = normalize(text, anchor, tense)
    if day > 29 and month == 2 or day > 30 and month in (4, 6, 9, 11):
        assert result is None or result.value is None
        return
    if (month, day) == (2, 29) and result.value is None:
        assert not any(calendar.isleap(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1))
        return
    found = _day(result.value)
    assert (found.month, found.day) == (month, day)
    if (month, day) == (2, 29):
        return  # only leap years compete, so the tense may lose
    distance = (found - anchor).days
    assert abs(distance) <= 366
    if tense == "past":
        assert distance <= 110  # a past-tense date lies ahead only when last year's is far off
    if tense == "future":
        assert distance >= -110


@hsettings(max_examples=300, deadline=None)
@given(anchor=anchors, tense=tenses, month=st.integers(1, 12))
def test_month_name_resolves_within_a_year(anchor: date, tense: str, month: int) -> None:
    result = normalize(MONTHS[month - 1], anchor, tense)
    year, number = map(int, result.value.split("-"))
    assert number == month and abs(year - anchor.year) <= 1
    start = date(year, month, 15)
    if tense == "past":
        assert (start - anchor).days <= 110
    if tense == "future":
        assert (start - anchor).days >= -110


@hsettings(max_examples=200, deadline=None)
@given(anchor=anchors, count=st.integers(1, 60), unit=st.sampled_from(["day", "week", "month", "year"]))
def test_ago_moves_back_from_the_anchor(anchor: date, count: int, unit: str) -> None:
    text = f"{count} {unit}{'s' if count > 1 else ''} ago"
    result = normalize(text, anchor, "past")
    assert result.granularity == unit
    if unit == "day":
        assert _day(result.value) == anchor - timedelta(days=count)
    elif unit == "year":
        assert result.value == f"{anchor.year - count:04d}"


EXPRESSIONS = st.sampled_from(
    WEEKDAYS + MONTHS + ["last week", "next month", "this year", "yesterday", "tonight", "last fall",
                         "the third quarter", "two weeks ago", "three days later", "the weekend",
                         "earlier this month", "last Sunday", "next Friday", "Sept. 30", "May 1, 2020",
                         "the 1990s", "six months", "now", "Friday evening", "this spring", "the winter"]
)


@hsettings(max_examples=400, deadline=None)
@given(anchor=anchors, tense=tenses, text=EXPRESSIONS)
def test_every_recognised_expression_gets_a_valid_value(anchor: date, tense: str, text: str) -> None:
    result = normalize(text, anchor, tense)
    assert result is not None, text
    assert result.value is not None and VALUE.fullmatch(result.value), (text, result)
    if result.granularity == "day":
        _day(result.value)  # a real calendar date


# ------------------------------------------------------------------ recognition (needs spaCy)

PUBLISHED = date(2019, 6, 20)


@pytest.fixture(scope="module")
def times_of(nlp):
    from tidings.times import find_times

    def run(text: str, published: date | None = PUBLISHED) -> dict[str, tuple[str | None, str]]:
        return {t.text: (t.value, t.granularity) for t in find_times(text, published, nlp)}

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister resigned on Tuesday after a long dispute.", {"Tuesday": "2019-06-18"}),
        ("The two leaders will meet on Tuesday in the capital.", {"Tuesday": "2019-06-25"}),
        ("The talks are scheduled for Monday, officials said.", {"Monday": "2019-06-24"}),
        ("Protesters gathered in the square in February to demand reforms.", {"February": "2019-02"}),
        ("The council met last month and again last week.", {"last month": "2019-05", "last week": "2019-W24"}),
        ("BERLIN, June 19 - The parliament approved the budget.", {"June 19": "2019-06-19"}),
        ("Rebels have controlled the town for 14 years.", {"14 years": "P14Y"}),
        ("The army sent 2000 troops to the border.", {}),
        ("The agreement was signed in 1998 after long talks.", {"1998": "1998"}),
        ("He said the ministry may review the decision.", {}),
        ("The offer expires at 5 p.m. on Friday.", {"5 p.m. on Friday": "2019-06-21T17:00"}),
        ("A bomb exploded last night, police said today. It went off at 10.30 P.M. near the base.",
         {"last night": "2019-06-19TNI", "today": "2019-06-20", "10.30 P.M.": "2019-06-19T22:30"}),
    ],
)
def test_find_times_spans_and_values(times_of, text: str, expected: dict[str, str]) -> None:
    found = times_of(text)
    assert {k: v for k, (v, _) in found.items()} == expected


@pytest.mark.model
def test_find_times_without_publication_date(times_of) -> None:
    found = times_of("Officials met on Thursday and signed the 1998 accord in March 1999.", published=None)
    assert found["Thursday"] == (None, "day")
    assert found["March 1999"] == ("1999-03", "month")


@pytest.mark.model
def test_stage_returns_timerefs_with_spans(pipeline_for, make_article) -> None:
    article = make_article("Ministers met on Thursday. A day earlier, talks had stalled.")
    records = pipeline_for(("times",)).process(article).records
    values = [(t.text, t.value, t.rule) for t in records.times]
    assert values == [("Thursday", "2019-06-20", "weekday"), ("A day earlier", "2019-06-19", "anaphoric_day")]
    for t in records.times:
        assert article.text[t.start : t.end] == t.text and t.article_id == article.id


@pytest.mark.model
@pytest.mark.shared
def test_dev_gold_floor(shared_dir, pipeline_for) -> None:
    """The dev gold keeps its quality floor (value accuracy and F1 of times)."""
    from tidings.eval import Scores, read_gold, report, score_result

    pipeline = pipeline_for(("times",))
    scores = Scores()
    path = shared_dir / "eval" / "dev" / "articles-annotated.jsonl"
    for article, gold in read_gold([path]):
        score_result(scores, pipeline.process(article), gold)
    times = report(scores, 0.0)["times"]
    assert times["f1"] >= 0.85 and times["value"] >= 0.8
