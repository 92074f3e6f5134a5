"""The grammar of temporal expressions: one regex per rule, each with its resolver.

The same rules serve recognition (``Grammar.find`` scans a text) and normalization
(``Grammar.normalize`` reads one expression), so what is found can always be read.
Spans follow TimeBank: leading prepositions stay out; "the", modifiers such as "early",
"last", "nearly" and a part of the day ("Friday morning") are in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import resolvers as r
from .resolvers import Context, Groups, Resolved
from .vocabulary import (
    Vocabulary,
    alternation,
    load_vocabulary,
    month_alternation,
    plural,
    weekday_alternation,
)

Resolver = Callable[[Groups, Context, Vocabulary], Resolved]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


@dataclass(frozen=True)
class Normalized:
    """A resolved expression: TIMEX3 value (None if it needs the unknown anchor)."""

    value: str | None
    granularity: str
    rule: str


@dataclass(frozen=True)
class Found:
    """An expression found in a text: a half-open character span and the rule that read it."""

    start: int
    end: int
    rule: Rule
    groups: Groups


def _fragments(v: Vocabulary) -> dict[str, str]:
    plurals = [plural(u) for u in v.units]
    unit_words = list(v.units) + plurals
    number_words = [w for w in v.numbers if len(w.split()) == 1 and w not in {"a", "an", "dozen"}]
    word_number = alternation(number_words)
    return {
        "MONTH": month_alternation(v),
        "MONTHFULL": month_alternation(v, full_only=True),
        "WEEKDAY": weekday_alternation(v),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
        "NUM": (r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2|½)?|"
                r"(?:a\s+couple\s+of|a\s+couple|a\s+dozen|an?|"
                rf"{word_number}(?:(?:\s+|-)(?:and\s+)?{word_number})*))"),
        "VAGUE": alternation(v.vague_numbers),
        "UNIT": alternation(unit_words),
        "PLURAL": alternation(plurals),
        "ORD": alternation(v.ordinals),
        "SEASON": alternation(v.seasons),
        "POD": alternation(v.parts_of_day),
        "REF": alternation(v.references),
        "HOLIDAY": "(?-i:" + alternation(_title_case(h) for h in v.holidays)[3:],
        "APPROX": (r"(?:(?:nearly|almost|about|around|roughly|some|approximately|more\s+than|"
                   r"less\s+than|fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|just|only|"
                   r"barely|close\s+to|the\s+past|the\s+last|the\s+next|the\s+first|the\s+coming|"
                   r"the\s+previous|the\s+following|the\s+final|another|the)\s+)*"),
        "EDGE": (r"(?:(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|"
                 r"the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|"
                 r"the\s+second\s+half\s+of)(?:\s+|-))"),
    }


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


# (name, pattern, resolver). Placeholders in braces are filled from the vocabulary.
_RULES: tuple[tuple[str, str, Resolver], ...] = (
    ("iso_date", r"(?P<year>{YEAR})-(?P<a>[01]\d)-(?P<b>[0-3]\d)(?P<iso>)", r.numeric_date),
    ("numeric_date", r"(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<year>{YEAR}|\d\d)", r.numeric_date),
    ("month_day_year",
     r"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAY})|(?P<day2>{DAY})(?:\s+of)?\s+(?P<month2>{MONTH}))"
     r"(?:,?\s+(?P<year>{YEAR})|\s+(?P<yrel>this|last|next)\s+year)", r.day),
    ("month_day",
     r"(?:{WEEKDAY},?\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAY})|(?:the\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<month2>{MONTH}))", r.day),
    ("month_year",
     r"{EDGE}?(?P<month>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year)", r.month),
    ("month", r"(?:(?P<mod>last|next|this|early|earlier|late|later|mid)(?:\s+|-)|{EDGE})?(?P<month>{MONTHFULL})", r.month),
    ("holiday", r"(?P<holiday>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?", r.holiday),
    ("clock_time",
     r"(?:(?P<named>noon|midnight|midday)|(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\b\.?)"
     r"|(?P<hhmm>[01]\d[0-5]\d|2[0-3][0-5]\d)(?=\s+(?:GMT|UTC)))(?:\s+(?P<zone>GMT|UTC|EST|EDT|CST|PST|local\s+time))?"
     r"(?:,?\s+(?:on\s+)?(?:(?P<weekday>{WEEKDAY})|(?P<rday>today|tonight|yesterday|tomorrow)))?", r.clock_time),
    ("weekday",
     r"(?:(?P<mod>last|next|this|early|earlier|late|later)\s+)?(?P<weekday>{WEEKDAY})(?:(?:\s+|-)(?P<pod>{POD}))?", r.weekday),
    ("relative_day",
     r"(?:(?:early|earlier|late|later)\s+)?(?P<rday>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
     r"|yesterday|tomorrow|last\s+night|this\s+morning|this\s+afternoon|this\s+evening)(?:\s+(?P<pod>morning|afternoon|evening|night))?",
     r.relative_day),
    ("anaphoric_day",
     r"(?P<aday>(?:(?:a|the|one)\s+day\s+(?:after|before|earlier|later)|the\s+(?:next|following|previous|same)\s+(?:day|morning|evening|night)"
     r"|the\s+day\s+before|that\s+(?:same\s+)?day|the\s+(?:night|day)\s+before|earlier\s+(?:that|in\s+the)\s+day"
     r"|later\s+(?:that|in\s+the)\s+day))(?!\s+(?:of|that|when)\b)(?P<tail>(?=\s+[\w\"“]))?", r.anaphoric_day),
    ("anaphoric_unit",
     r"(?:(?:earlier|later)\s+(?:that|in\s+the)|that\s+same|the\s+same|that)\s+(?P<unit>week|month|quarter|year)"
     r"(?!\s+(?:of|to|when|in|for|that|as)\b)", r.anaphoric_unit),
    ("year_ago",
     r"(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier|prior-year|year\s+earlier)(?:\s+(?:quarter|period))?", r.year_ago),
    ("latest_period", r"the\s+(?P<which>latest|most\s+recent)\s+period", r.quarter),
    ("year_ended", r"the\s+(?:(?:fiscal|financial)\s+)?year(?=\s+end(?:ed|ing)\b)", r.year_ended),
    ("fiscal_year",
     r"the\s+(?:(?P<rel>current|latest|previous|last|next)\s+)?(?:fiscal|calendar|full)\s+year", r.fiscal_year),
    ("edge_of_unit", r"the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|year)", r.relative_unit),
    ("spoken_year", r"(?P<spoken>(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
     r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
     r"|seventeen|eighteen|nineteen)|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)",
     r.spoken_year),
    ("relative_unit",
     r"{EDGE}?(?:the\s+)?(?P<rel>this|last|next|past|previous|following|coming|current)\s+(?P<unit>week|weekend|month|year|decade|century)",
     r.relative_unit),
    ("relative_unit_edge", r"(?:early|earlier|late|later)\s+(?:in\s+)?(?P<rel>this)\s+(?P<unit>week|month|year)", r.relative_unit),
    ("weekend", r"(?:the\s+)?weekend", r.weekend),
    ("offset",
     r"{APPROX}(?:(?P<num>{NUM})|(?P<vague>{VAGUE}))\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)(?=\s*[^\w\s]|\s*$))", r.offset_from),
    ("quarter",
     r"(?:the\s+)?(?P<ago>(?:year-ago|year-earlier|prior-year|comparable\s+year-ago)\s+)?"
     r"(?:(?P<year>{YEAR})(?:'s)?\s+|(?P<yrel>this|last|next)\s+year's\s+)?(?:(?:fiscal|calendar|latest|current|same|final)[\s-]+)*"
     r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(?:fiscal|calendar)\s+)?(?:quarter|(?P<half>half))"
     r"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<year2>{YEAR})|(?P<yrel2>this|last|next)\s+year))?", r.quarter),
    ("this_quarter", r"the\s+(?:(?P<which>latest|current|most\s+recent|just-ended|just\s+ended)\s+)?(?:fiscal\s+)?quarter", r.quarter),
    ("season",
     r"(?:(?P<mod>this|last|next|early|late|the)\s+(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?"
     r"|(?P<season2>{SEASON})\s+(?:of\s+)?(?P<year2>{YEAR})|(?<=\bin\s)(?P<season3>{SEASON}))", r.season),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[5-9]|20)\d0|['’]\d0)'?s", r.decade),
    ("century", r"(?:the\s+)?(?:(?P<ord>{ORD})|(?P<rel>this|last|next))[\s-]+century", r.century),
    ("year", r"(?:{EDGE}|(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+)?(?P<year>{YEAR})", r.year),
    ("duration",
     r"{APPROX}(?P<num>{NUM})(?:\s+more)?(?:\s+|-)(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:-long)?"
     r"(?![\w-]*-old|\s+old\b)(?<!-quarters(?=\s+of\b))", r.duration),
    ("half_duration", r"(?:a\s+half[\s-]+|half\s+an?\s+)(?P<unit>hour|day|year|minute)(?P<num>)", r.duration),
    ("vague_duration", r"(?P<lead>{APPROX})(?P<vague>{VAGUE})\s+(?P<unit>{PLURAL})", r.duration),
    ("bare_duration", r"(?<=\bfor\s)(?P<vague>)(?P<unit>{PLURAL})(?:-long)?|(?P<unit2>decades|centuries)-long", r.duration),
    ("recurring",
     r"(?P<every>daily|weekly|monthly|yearly|hourly|nightly)|(?P<every2>every|each)\s+(?:(?P<weekday>{WEEKDAY})|(?P<month>{MONTHFULL})|(?P<unit>{UNIT}))",
     r.recurring),
    ("reference", r"(?P<ref>{REF})", r.reference_word),
)

# Words at least one of which a text must contain for a rule to be tried (a cheap filter
# before the regexes): "#" stands for any digit, "@name" for a vocabulary list.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso_date": ("#",), "numeric_date": ("#",), "decade": ("#",), "year": ("#",),
    "month_day_year": ("@months",), "month_day": ("@months",), "month_year": ("@months",),
    "month": ("@months",), "holiday": ("@holidays",), "weekday": ("@weekdays",),
    "season": ("@seasons",), "reference": ("@references",),
    "duration": ("@units",), "vague_duration": ("@units",), "bare_duration": ("@units",),
    "clock_time": ("#", "noon", "midnight", "midday"),
    "relative_day": ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon",
                     "evening"),
    "anaphoric_day": ("day", "morning", "evening", "night"),
    "anaphoric_unit": ("week", "month", "quarter", "year"),
    "year_ago": ("ago", "earlier", "prior"),
    "latest_period": ("period",),
    "year_ended": ("year",), "fiscal_year": ("year",),
    "edge_of_unit": ("week", "month", "year"),
    "spoken_year": ("nineteen", "eighteen", "thousand"),
    "relative_unit": ("week", "weekend", "month", "year", "decade", "century"),
    "relative_unit_edge": ("week", "month", "year"),
    "weekend": ("weekend",),
    "offset": ("ago", "earlier", "later", "now", "hence", "before", "after"),
    "quarter": ("quarter", "half"), "this_quarter": ("quarter",),
    "century": ("century",),
    "half_duration": ("half",),
    "recurring": ("daily", "weekly", "monthly", "yearly", "hourly", "nightly", "every", "each"),
}
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _trigger_words(v: Vocabulary) -> dict[str, frozenset[str]]:
    lists = {
        "@months": v.months, "@weekdays": v.weekdays, "@seasons": v.seasons,
        "@references": v.references, "@holidays": v.holidays,
        "@units": list(v.units) + [plural(u) for u in v.units],
    }
    out = {}
    for rule, triggers in _TRIGGERS.items():
        words: set[str] = set()
        for trigger in triggers:
            for phrase in lists.get(trigger, (trigger,)):
                words.update(_WORD.findall(phrase.lower()) if phrase != "#" else ["#"])
        out[rule] = frozenset(words)
    return out


# Rules whose match alone is weak evidence; the recognizer checks them against the parse.
WEAK_RULES = frozenset({"year", "month", "duration", "season", "reference", "weekend"})


# Matches start and end at word edges; a hyphen counts as inside a word ("mid-1996").
_BEFORE = r"(?<![\w'’-])"
_AFTER = r"(?![\w’-])"


class Grammar:
    """The compiled rules; build once (``grammar()``) and share."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        fragments = _fragments(vocab)
        self.rules = tuple(
            Rule(name, re.compile(_BEFORE + _fill(pattern, fragments) + _AFTER, re.IGNORECASE), resolve)
            for name, pattern, resolve in _RULES
        )
        triggers = _trigger_words(vocab)
        self.triggers = tuple(triggers[rule.name] for rule in self.rules)

    def find(self, text: str) -> list[Found]:
        """Every rule's matches; overlapping ones are chosen between by the recognizer."""
        words = set(_WORD.findall(text.lower()))
        if _DIGIT.search(text):
            words.add("#")
        found = []
        for rule, triggers in zip(self.rules, self.triggers):
            if triggers.isdisjoint(words):
                continue
            for match in rule.pattern.finditer(text):
                if match.end() > match.start():
                    found.append(Found(match.start(), match.end(), rule, _groups(match)))
        return found

    def resolve(self, found: Found, ctx: Context) -> Normalized | None:
        """The value of a found expression; None if it names no possible date.

        Counts past the calendar ("292,000 weeks ago") raise in date arithmetic: such a
        match is a number that is not a time, so it is dropped rather than guessed.
        """
        try:
            value, granularity = found.rule.resolve(found.groups, ctx, self.vocab)
        except (OverflowError, ValueError):
            return None
        return Normalized(value, granularity, found.rule.name)

    def normalize(self, text: str, ctx: Context) -> Normalized | None:
        """Read one whole expression; None if no rule reads all of it."""
        text = text.strip()
        for rule in self.rules:
            if match := rule.pattern.fullmatch(text):
                return self.resolve(Found(0, len(text), rule, _groups(match)), ctx)
        return None


def _fill(pattern: str, fragments: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: fragments[m.group(1)], pattern)


def _groups(match: re.Match[str]) -> Groups:
    """Named groups with the numbered alternatives ("month2", "year2") folded in."""
    groups: Groups = {}
    for key, value in match.groupdict().items():
        base = key.rstrip("0123456789")
        if value is not None or base not in groups:
            groups[base] = value if value is not None or key == base else groups.get(base)
    return groups


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar over the packaged vocabulary (immutable, so one is shared)."""
    return Grammar(load_vocabulary())
