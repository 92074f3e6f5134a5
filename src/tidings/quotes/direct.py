"""Quoted text -> direct or partial quote, and the reporting frame it belongs to.

A quote is *direct* when it stands as the speaker's own sentence(s): it opens its
sentence, follows ``said,`` / ``said:`` / a cue verb, or holds several sentences. It is
*partial* when a fragment sits inside the writer's sentence (Xi hailed the
"irreplaceable" friendship). Attribution looks first in the quote's own sentence(s);
a direct quote with no cue there borrows the speaker of a neighbouring quote in the same
paragraph, of the sentence before it ending in a colon, of the quote it continues, or,
standing alone as a paragraph, of the last speaker of the paragraph before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import Cues
from .indirect import Frame
from .marks import Marked
from .sentences import Sentences

_LEAD_PUNCT = (",", ":", "—", "–", "-")
_SENTENCE_END = re.compile(r"[.!?][\"”’'»]*\s+")


@dataclass(frozen=True, slots=True)
class Linked:
    """A quoted stretch, its kind and the frame that attributes it (if any)."""

    mark: Marked
    kind: str  # "direct" or "partial"
    frame: Frame | None


def kind_of(mark: Marked, doc: Doc, cues: Cues, text: str) -> str:
    """'direct' for quotes that stand as sentences, 'partial' for embedded fragments.

    What precedes the mark in its sentence decides: nothing, "said," / "said:" or a cue
    verb make it direct. The sentence is found from the text itself, since the parser
    often splits a sentence at a quotation mark.
    """
    if mark.continues:
        return "direct"
    content = text[mark.start : mark.end]
    before = text[text.rfind("\n", 0, mark.open_at) + 1 : mark.open_at]
    ends = list(_SENTENCE_END.finditer(before))
    before = (before[ends[-1].end() :] if ends else before).strip()
    opens_upper = content[:1].isupper() or content[:1].isdigit()
    if not before:
        return "direct" if opens_upper or _has_sentences(content) else "partial"
    if opens_upper and (_has_sentences(content) or before.endswith(_LEAD_PUNCT)):
        return "direct"
    preceding = doc.char_span(mark.open_at - len(before), mark.open_at, alignment_mode="contract")
    if opens_upper and preceding is not None and len(preceding):
        return "direct" if _is_cue_verb(preceding[-1], cues) else "partial"
    return "partial"


def _is_cue_verb(tok: Token, cues: Cues) -> bool:
    """A reporting verb in its own right (not "so-called")."""
    hyphenated = tok.i > 0 and tok.doc[tok.i - 1].text == "-"
    return tok.pos_ == "VERB" and not hyphenated and cues.lemma_of(tok.text, tok.lemma_) in cues.verbs


_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
)


def looks_like_title(content: str) -> bool:
    """Short Title-Cased words ("Meet the Press", "Hacked World Order") name a work."""
    words = [w for w in content.replace("-", " ").split() if any(c.isalpha() for c in w)]
    if len(words) > 8:
        return False
    capitalised = [w for w in words if w.lower().strip(".,!?:;") not in _TITLE_SMALL_WORDS]
    if len(words) < 2 or not capitalised:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in capitalised)


def _has_sentences(content: str) -> bool:
    return any(content.find(p) > 0 for p in (". ", "? ", "! "))


def link_marks(
    marks: list[Marked], frames: list[Frame], doc: Doc, cues: Cues, sents: Sentences
) -> list[Linked]:
    """Each quoted stretch with its kind and attributing frame, in text order."""
    outside = [f for f in frames if not _inside_any(f.cue_start, marks)]
    linked: list[Linked] = []
    for mark in marks:
        kind = kind_of(mark, doc, cues, sents.text)
        frame = _frame_in_sentences(mark, kind, outside, doc, sents)
        linked.append(Linked(mark, kind, frame))
    return _borrow_from_neighbours(linked, outside, sents.text)


def _inside_any(offset: int, marks: list[Marked]) -> bool:
    return any(m.start <= offset < m.end for m in marks)


def _sentences_of(mark: Marked, sents: Sentences) -> tuple[int, int]:
    first, last = sents.at_char(mark.open_at), sents.at_char(max(mark.open_at, mark.end - 1))
    if first is None or last is None:
        return mark.open_at, mark.end
    return first.start_char, last.end_char


def _frame_in_sentences(
    mark: Marked, kind: str, frames: list[Frame], doc: Doc, sents: Sentences
) -> Frame | None:
    lo, hi = _sentences_of(mark, sents)
    text = sents.text
    para_lo = text.rfind("\n", 0, mark.open_at) + 1
    para_hi = text.find("\n", mark.end)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo, hi = max(lo, para_lo), min(hi, para_hi)
    candidates = [f for f in frames if lo <= f.cue_start < hi]
    if not candidates:
        return None
    holding = [
        f for f in candidates
        if f.content is not None and f.content[0] <= mark.start and mark.end <= f.content[1] + 1
    ]
    if holding:
        return min(holding, key=lambda f: f.content[1] - f.content[0])
    if kind == "partial":
        return _nearest(candidates, mark, before_only=True)
    overlapping = [
        f for f in candidates
        if f.content is not None and f.content[0] < mark.end and mark.start < f.content[1]
    ]
    if overlapping:
        return _nearest(overlapping, mark)
    return _nearest(candidates, mark)


def _nearest(frames: list[Frame], mark: Marked, before_only: bool = False) -> Frame | None:
    def distance(f: Frame) -> int:
        return mark.open_at - f.cue_end if f.cue_start < mark.open_at else f.cue_start - mark.end

    pool = [f for f in frames if f.cue_start < mark.open_at] if before_only else frames
    return min(pool, key=distance) if pool else None


def _borrow_from_neighbours(linked: list[Linked], frames: list[Frame], text: str) -> list[Linked]:
    """Direct quotes without a cue take the speaker of the quote they run on from
    (earlier in the paragraph, or continued from the paragraph before), else of the
    quote they run into ("'A.' 'B,' he said." and a quote left open at a paragraph end),
    else, standing alone as a paragraph, of the last speaker of the paragraph before."""
    out = list(linked)
    for index in range(len(out)):
        if out[index].frame is None and out[index].kind == "direct" and index > 0:
            out[index] = _with_frame(out[index], _from_previous(out, index, text))
    for index in reversed(range(len(out) - 1)):
        if out[index].frame is None and out[index].kind == "direct":
            out[index] = _with_frame(out[index], _from_next(out, index, text))
    for index, item in enumerate(out):
        if item.frame is None and item.kind == "direct" and _alone(item.mark, text):
            out[index] = _with_frame(item, _last_speaker_before(item.mark, frames, text))
    return out


def _last_speaker_before(mark: Marked, frames: list[Frame], text: str) -> Frame | None:
    """The last frame with a speaker in the paragraph just before the quote's."""
    para_start = text.rfind("\n", 0, mark.open_at)
    if para_start < 0:
        return None
    before = text[:para_start].rstrip()
    previous_start = before.rfind("\n") + 1
    candidates = [
        f for f in frames
        if previous_start <= f.cue_start < len(before) and f.speaker_head is not None
    ]
    return candidates[-1] if candidates else None


def _with_frame(item: Linked, frame: Frame | None) -> Linked:
    return Linked(item.mark, item.kind, frame) if frame is not None else item


def _from_previous(items: list[Linked], index: int, text: str) -> Frame | None:
    mark, prev = items[index].mark, items[index - 1]
    if prev.frame is None or prev.kind != "direct":
        return None
    gap = text[prev.mark.end : mark.open_at]
    if "\n" not in gap or mark.continues or gap.strip().endswith(":"):
        return prev.frame
    between = [line for line in gap.split("\n")[1:-1] if line.strip()]
    return prev.frame if not between and _alone(mark, text) else None


def _from_next(items: list[Linked], index: int, text: str) -> Frame | None:
    mark, nxt = items[index].mark, items[index + 1]
    if nxt.frame is None or nxt.kind != "direct":
        return None
    if not mark.closed and nxt.mark.continues:
        return nxt.frame
    gap = text[mark.end : nxt.mark.open_at]
    return nxt.frame if "\n" not in gap and len(gap) < 10 else None


def _alone(mark: Marked, text: str) -> bool:
    """True when the paragraph holding this quote is the quote and nothing else."""
    para_lo = text.rfind("\n", 0, mark.open_at) + 1
    para_hi = text.find("\n", mark.end)
    para_hi = len(text) if para_hi < 0 else para_hi
    outside = text[para_lo : mark.open_at] + text[mark.end : para_hi]
    return len(outside.strip(" \u00a0\"“”‘’'`.,")) == 0
