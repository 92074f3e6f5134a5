"""Quotation marks -> the character spans they enclose.

News text mixes every style: straight and curly double quotes (often mismatched, as in
“...." or “...“), TeX-style ``...'', guillemets, and single quotes used as quotes in
headlines. Double marks are paired by position within a paragraph (open, close, open...)
because their shapes are unreliable. A paragraph that ends inside a quote continues
when the next paragraph opens with a mark (the newswire convention for long quotes).
Single marks are quotes only outside double quotes and only where they cannot be an
apostrophe (``don't``, ``Pyongyang's``, ``Sanders' surge``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"``|''|[\"“”„‟«»]")
_SINGLE_OPEN = frozenset("‘'‹`")
_SINGLE_CLOSE = frozenset("’'›")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/\u00a0")
_LONGEST_SINGLE = 200
_TRIM = " \t\n\u00a0,"


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between quotation marks (marks and outer spaces excluded).

    ``open_at`` is the opening mark's offset; ``closed`` is False for a paragraph that
    ends inside the quote; ``continues`` is True when this part carries on a quote left
    open at the end of the previous paragraph.
    """

    start: int
    end: int
    open_at: int
    closed: bool = True
    continues: bool = False
    single: bool = False


def find_marked(text: str) -> list[Marked]:
    """Every quoted stretch of ``text`` in order of position."""
    found: list[Marked] = []
    left_open = False
    for para_start, para_end in _paragraphs(text):
        spans, left_open = _double_spans(text, para_start, para_end, left_open)
        found.extend(spans)
        found.extend(_single_spans(text, para_start, para_end, spans))
    return sorted((m for m in found if m.end > m.start), key=lambda m: m.start)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _double_spans(
    text: str, start: int, end: int, previous_open: bool
) -> tuple[list[Marked], bool]:
    marks = list(_DOUBLE.finditer(text, start, end))
    spans: list[Marked] = []
    opened: int | None = None
    continues = False
    in_attribute = False
    for index, mark in enumerate(marks):
        # Markup attributes (<a href="...">) are not quotations: skip the pair.
        if in_attribute or opened is None and text[mark.start() - 1 : mark.start()] == "=":
            in_attribute = not in_attribute
            continue
        if opened is None:
            opened = mark.end()
            # A carried-over quote resumes only if this paragraph starts with its mark.
            continues = index == 0 and previous_open and not text[start : mark.start()].strip()
            open_at = mark.start()
            continue
        s, e = _trimmed(text, opened, mark.start())
        spans.append(Marked(s, e, open_at, closed=True, continues=continues))
        opened = None
    if opened is None:
        return spans, False
    s, e = _trimmed(text, opened, end)
    spans.append(Marked(s, e, open_at, closed=False, continues=continues))
    return spans, True


def _single_spans(text: str, start: int, end: int, doubles: list[Marked]) -> list[Marked]:
    inside = [(d.open_at, d.end + 1) for d in doubles]
    spans: list[Marked] = []
    opened: int | None = None
    for pos in range(start, end):
        char = text[pos]
        if any(a <= pos < b for a, b in inside):
            opened = None
            continue
        if opened is not None and char in _SINGLE_CLOSE and _can_close(text, pos, end):
            s, e = _trimmed(text, opened + 1, pos)
            if 0 < e - s <= _LONGEST_SINGLE:
                spans.append(Marked(s, e, opened, single=True))
            opened = None
        elif char in _SINGLE_OPEN and _can_open(text, pos, start, end):
            opened = pos
    return spans


def _can_open(text: str, pos: int, start: int, end: int) -> bool:
    before_ok = pos == start or text[pos - 1] in _OPEN_BEFORE
    return before_ok and pos + 1 < end and text[pos + 1].isalnum()


def _can_close(text: str, pos: int, end: int) -> bool:
    after = text[pos + 1] if pos + 1 < end else " "
    return not text[pos - 1].isspace() and not after.isalnum()
