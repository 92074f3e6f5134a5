"""Quotes stage: direct, partial and indirect quotes, each attached to its speaker.

``build(settings)`` loads the cue list once; the stage it returns finds reporting frames
in the parse (:mod:`.indirect`), quoted stretches in the text (:mod:`.marks`), links each
quoted stretch to the frame that attributes it (:mod:`.direct`), resolves pronoun and
description speakers (:mod:`.attribution`) and gives each speaker the actor code of the
actors stage's records (or, when that stage runs, of
:func:`tidings.actors.resolve_span` on the speaker mention and its description).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..actors import resolve_span
from ..config import Settings
from ..types import Actor, Article, Quote, QuoteKind, Records
from .attribution import (
    Speaker, clause_antecedent, full_name, resolve, speaker_at, subject_of,
)
from .cues import Cues, load_cues
from .direct import Linked, link_marks, looks_like_title
from .indirect import Frame, find_frames, right_span
from .marks import Marked, find_marked
from .sentences import Sentences

__all__ = ["build", "extract_quotes"]

_FEW_WORDS = 4  # fewer words than this, unattributed, are not taken for a quote

QuoteStage = Callable[[Article, Doc, Records], tuple[Quote, ...]]
CodeOf = Callable[[Speaker], str | None]


def build(settings: Settings) -> QuoteStage:
    """The quotes stage; the cue list is read here, once."""
    cues = load_cues()
    describe = "actors" in settings.stages

    def stage(article: Article, doc: Doc, records: Records) -> tuple[Quote, ...]:
        code_of = _code_lookup(doc, records.actors, article, settings if describe else None)
        return extract_quotes(article.id, doc, cues, code_of)

    return stage


def extract_quotes(
    article_id: str, doc: Doc, cues: Cues, code_of: CodeOf | None = None
) -> tuple[Quote, ...]:
    """All quotes of one parsed article, in text order.

    ``code_of(speaker)`` gives the actor code of a speaker mention (None: unknown).
    """
    sents = Sentences(doc)
    marks = find_marked(sents.text)
    frames = [f for f in find_frames(doc, cues, sents) if not _inside(f.cue_start, marks)]
    frames = _split_coordinated(frames, doc)
    linked = link_marks(marks, frames, doc, cues, sents)
    speakers = _speakers(doc, sents.text, frames, linked, cues)
    make = _QuoteMaker(article_id, doc, sents.text, speakers, code_of or (lambda speaker: None))
    reported = [
        f for f in frames
        if f.content is not None and not _mostly_quoted(f.content, linked)
    ]
    reported = [f for f in reported if not _nested(f, reported)]
    # "called the plan 'a mistake'" reports words; "called the plan Horizon" does not.
    reported = [
        f for f in reported
        if f.complement != "quoted" or any(_within(i.mark, f.content) for i in linked)
    ]
    quotes = []
    absorbed: set[Marked] = set()
    for frame in reported:
        assert frame.content is not None
        inner = [
            i.mark for i in linked if i.kind == "partial" and _within(i.mark, frame.content)
        ]
        # Reported words with quoted words in them are one mixed quote, kind "partial":
        # "hailed the 'irreplaceable' friendship", "said talks were 'going nowhere'".
        if inner:
            absorbed.update(inner)
        quotes.append(make.from_frame(frame, "partial" if inner else "indirect"))
    for item in linked:
        if item.mark in absorbed:
            continue
        quote = make.from_mark(item)
        # Quoted words nobody is said to have spoken are titles, names or scare quotes.
        words = sents.text[item.mark.start : item.mark.end]
        if quote.kind == "partial" and (quote.speaker is None or looks_like_title(words)):
            continue
        # A few words in marks that no one is said to speak are a name, a slogan or a
        # sign ("Stay or pay", "THREE AMIGOS"), not a quote.
        if quote.speaker is None and quote.cue is None and len(words.split()) < _FEW_WORDS:
            continue
        quotes.append(quote)
    # Two quoted phrases in one reported phrase ("called him a 'liar' and a 'fraud'")
    # give that phrase once.
    unique = {(q.start, q.end): q for q in reversed(quotes)}
    return tuple(sorted(unique.values(), key=lambda q: (q.start, q.end)))


def _code_lookup(
    doc: Doc, actors: tuple[Actor, ...], article: Article, settings: Settings | None
) -> CodeOf:
    """Speaker mention -> actor code: an actor of the article overlapping the mention,
    else (when the actors stage runs) the actors package's reading of a description
    ("a professor at Korea University"). Resolving a span costs a pass over the article,
    so names (which the actors stage has seen) skip it and each wording is resolved once."""
    by_text: dict[str, str | None] = {}
    full_text = doc.text

    def code_of(speaker: Speaker) -> str | None:
        code = _overlapping_code(actors, speaker.start, speaker.end)
        if code is not None or settings is None:
            return code
        if speaker.proper and speaker.description is None:
            return None
        text = full_text[speaker.start : speaker.end]
        if text not in by_text:
            on = article.published_date
            actor = resolve_span(doc, speaker.start, speaker.end, on, settings, actors)
            by_text[text] = actor.code if actor is not None else None
        return by_text[text]

    return code_of


def _overlapping_code(actors: tuple[Actor, ...], start: int, end: int) -> str | None:
    hits = [a for a in actors if a.code and a.start < end and start < a.end]
    return hits[0].code if hits else None


_COORDINATORS = frozenset({"and", "but", "while", "whereas", ";"})


def _split_coordinated(frames: list[Frame], doc: Doc) -> list[Frame]:
    """"One says A, while another says B": a report coordinated after another's content
    is a report of its own, so the first content ends before it."""
    out = list(frames)
    for inner in frames:
        if inner.speaker_head is None:
            continue
        first = doc[inner.speaker_head].left_edge.i
        while first < inner.speaker_head and (doc[first].is_punct or doc[first].dep_ == "cc"):
            first += 1
        before = first - 1
        while before >= 0 and doc[before].text == ",":
            before -= 1
        if before < 0 or doc[before].lower_ not in _COORDINATORS:
            continue
        cut = doc[before].idx
        for index, outer in enumerate(out):
            content = outer.content
            if outer is inner or content is None or not content[0] < cut < content[1]:
                continue
            if outer.cue_start >= cut or inner.cue_start >= content[1]:
                continue
            end = cut
            while end > content[0] and doc.text[end - 1] in " ,;\u00a0":
                end -= 1
            out[index] = replace(outer, content=(content[0], end))
    return out


def _nested(frame: Frame, frames: list[Frame]) -> bool:
    """A report inside another's content ("X said Y warned Z") is part of that quote."""
    assert frame.content is not None
    start, end = frame.content
    return any(
        other is not frame and other.content is not None
        and other.content[0] <= frame.cue_start < other.content[1]
        and other.content[0] <= start and end <= other.content[1] + 1
        for other in frames
    )


def _inside(offset: int, marks: list[Marked]) -> bool:
    return any(m.start <= offset < m.end for m in marks)


def _within(mark: Marked, content: tuple[int, int]) -> bool:
    return content[0] <= mark.start and mark.end <= content[1] + 1


def _mostly_quoted(content: tuple[int, int], linked: list[Linked]) -> bool:
    """Content that is the quoted words already (``"...," X said``) is not repeated.

    Half of it inside direct quotes, or nearly all inside one partial quote, counts.
    """
    start, end = content

    def covered(mark: Marked) -> int:
        return max(0, min(end, mark.end) - max(start, mark.start))

    direct = sum(covered(i.mark) for i in linked if i.kind == "direct")
    partial = max((covered(i.mark) for i in linked if i.kind == "partial"), default=0)
    return direct * 2 >= end - start or partial * 10 >= (end - start) * 9


def _fallback_subject(doc: Doc, item: Linked, text: str) -> int | None:
    found = _fallback(doc, item, text)
    return found[0] if found is not None else None


def _fallback(doc: Doc, item: Linked, text: str) -> tuple[int, Token] | None:
    """The speaker of a quote no cue attributes, with the word it is the subject of: for
    a partial quote, the subject of the nearest clause holding it ("the envoy was in a
    'constructive' mood"); for a direct quote after a colon, the subject before it."""
    if item.kind == "direct":
        before = text[: item.mark.open_at].rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None or not len(colon):
            return None
        anchors = [colon[0], *colon[0].ancestors]
    else:
        span = doc.char_span(item.mark.start, item.mark.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        anchors = list(span.root.ancestors)
    for ancestor in anchors:
        if item.mark.open_at <= ancestor.idx < item.mark.end:
            continue
        subject = subject_of(ancestor)
        if subject is not None and not (item.mark.open_at <= subject.idx < item.mark.end):
            return subject.i, ancestor
    return None


def _speakers(
    doc: Doc, text: str, frames: list[Frame], linked: list[Linked], cues: Cues
) -> dict[int, Speaker]:
    """Speaker per head token, pronouns and descriptions resolved in text order."""
    heads = {f.speaker_head for f in frames if f.speaker_head is not None}
    for item in linked:
        if item.frame is None:
            head = _fallback_subject(doc, item, text)
            if head is not None:
                heads.add(head)
    # Speakers reported inside someone else's words are not what a later "he said" means.
    reported = {
        f.speaker_head for f in frames
        if f.speaker_head is not None and any(
            other.content is not None and other.content[0] <= f.cue_start < other.content[1]
            for other in frames
        )
    }
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    cue_words = frozenset(cues.verbs) | cues.phrasal_heads
    raw = {i: speaker_at(doc[i], doc, cue_words) for i in sorted(heads)}
    resolved: dict[int, Speaker] = {}
    earlier: list[Speaker] = []
    for i, speaker in sorted(raw.items(), key=lambda kv: kv[1].start if kv[1] else -1):
        if speaker is None:
            continue
        local = clause_antecedent(doc[i]) if speaker.pronoun else None
        nearby = speaker_at(local, doc, cue_words) if local is not None else None
        if nearby is not None:
            speaker = replace(
                full_name(nearby, people), start=speaker.start, end=speaker.end,
                pronoun=True, resolved_from=nearby,
            )
        else:
            speaker = resolve(full_name(speaker, people), earlier, doc, cues.attribution_nouns)
        resolved[i] = speaker
        if i not in reported:
            earlier.append(speaker)
    return resolved


class _QuoteMaker:
    """Builds Quote records for one article with its resolved speakers."""

    def __init__(
        self, article_id: str, doc: Doc, text: str, speakers: dict[int, Speaker],
        code_of: CodeOf,
    ) -> None:
        self.article_id, self.doc, self.text = article_id, doc, text
        self.speakers, self.code_of = speakers, code_of

    def from_mark(self, item: Linked) -> Quote:
        frame = item.frame
        head = frame.speaker_head if frame is not None else None
        cue = frame.cue if frame is not None else None
        start, end = item.mark.start, item.mark.end
        wanted = frame is None or item.kind == "partial"
        found = _fallback(self.doc, item, self.text) if wanted else None
        if found is not None:
            verb = found[1]
            if frame is None:
                head, cue = found[0], verb.text
            # Quoted words inside what someone did with words ("assailed the judge for
            # his 'Mexican heritage'") are quoted as that whole phrase.
            wider = right_span(verb, self.doc) if item.kind == "partial" else None
            if wider is not None and wider[0] <= start and end <= wider[1] + 1:
                start, end = wider
        speaker = self.speakers.get(head) if head is not None else None
        return self._quote(start, end, item.kind, speaker, cue)

    def from_frame(self, frame: Frame, kind: QuoteKind) -> Quote:
        assert frame.content is not None
        head = frame.speaker_head
        speaker = self.speakers.get(head) if head is not None else None
        return self._quote(frame.content[0], frame.content[1], kind, speaker, frame.cue)

    def _quote(
        self, start: int, end: int, kind: QuoteKind, speaker: Speaker | None, cue: str | None
    ) -> Quote:
        return Quote(
            article_id=self.article_id, start=start, end=end, text=self.text[start:end],
            kind=kind, speaker=speaker.name if speaker is not None else None,
            speaker_start=speaker.start if speaker is not None else None,
            speaker_end=speaker.end if speaker is not None else None,
            speaker_code=self._code(speaker) if speaker is not None else None, cue=cue,
        )

    def _code(self, speaker: Speaker) -> str | None:
        """The speaker's code; a pronoun or description takes its antecedent's."""
        mention: Speaker | None = speaker
        while mention is not None:
            if not (mention.pronoun and mention.resolved_from is not None):
                code = self.code_of(mention)
                if code is not None:
                    return code
            mention = mention.resolved_from
        return None
