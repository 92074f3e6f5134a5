"""Reporting frames from the dependency parse: cue, speaker head and reported content.

A frame is one reporting act: a verb from the cue list with its subject
(``the minister said Japan would...``, ``...talks failed, officials said``) or a phrasal cue
with its object (``..., according to state broadcaster CCTV``). The reported content is
the complement the cue list allows for that verb: a clause (ccomp, or where the parser
hung it instead), a to-infinitive (xcomp), or an object. Frames without content still
attribute direct quotes in their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .attribution import subject_of
from .cues import Cues
from .sentences import Sentences

_STOP_RIGHT = frozenset({"punct", "cc", "conj", "parataxis"})
_EDGE_PUNCT = frozenset(",;:.-—–\"“”‘’'`()")
_EDGE_CHARS = _EDGE_PUNCT | frozenset(" \t\u00a0")
_LEADING_MARKS = frozenset({"that", "whether", "if"})
_TIME_MARKS = frozenset({"after", "before", "when", "while", "since", "until", "once"})
_OBJECT_DEPS = frozenset({"dobj", "prep", "attr", "dative", "oprd"})
_LONGEST_HEADLINE = 160
_LONGEST_HEADLINE_SPEAKER = 40


@dataclass(frozen=True, slots=True)
class Frame:
    """One reporting act. Spans are character offsets; ``content`` may be None."""

    cue: str  # as written: "said", "according to"
    cue_start: int
    cue_end: int
    speaker_head: int | None  # token index of the speaker's head word
    content: tuple[int, int] | None
    complement: str | None = None  # clause, infinitive, object, quoted, phrase or headline


def find_frames(doc: Doc, cues: Cues, sents: Sentences) -> list[Frame]:
    """Every reporting frame of the document, in text order."""
    frames: list[Frame] = []
    phrases = {tuple(p.split()) for p in cues.phrases if len(p.split()) == 2}
    for tok in doc:
        pair = (tok.lower_, doc[tok.i + 1].lower_) if tok.i + 1 < len(doc) else ()
        if pair in phrases:
            frame = _phrase_frame(tok, doc)
        elif _verb_like(tok) and cues.is_cue_head(cues.lemma_of(tok.text, tok.lemma_)):
            frame = _verb_frame(tok, doc, cues, sents)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.claim_nouns:
            frame = _noun_frame(tok, doc, sents)
        else:
            frame = None
        if frame is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.object_nouns:
            frame = _object_noun_frame(tok, doc)
        if frame is not None:
            frames.append(frame)
    headline = headline_frame(doc, cues)
    return ([headline] if headline is not None else []) + frames


def headline_frame(doc: Doc, cues: Cues) -> Frame | None:
    """A headline of the form "Speaker: words" ("Graham: Trump Is Destroying the GOP").

    Only the first line, only a short one, and only when what precedes the colon is a
    named person, organisation or group, or an utterance noun ("Poll", "Report").
    """
    text = doc.text
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    colon = text.find(": ", 0, line_end)
    if colon <= 0 or line_end > _LONGEST_HEADLINE or colon > _LONGEST_HEADLINE_SPEAKER:
        return None
    speaker = doc.char_span(0, colon, alignment_mode="contract")
    content = _clean_chars(doc, colon + 1, line_end)
    if speaker is None or not len(speaker) or content is None:
        return None
    root = speaker.root
    named = root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and not root.is_upper
    if not named and root.lemma_.lower() not in cues.attribution_nouns:
        return None
    return Frame(
        cue=":", cue_start=colon, cue_end=colon + 1, speaker_head=root.i,
        content=content, complement="headline",
    )


def _noun_frame(noun: Token, doc: Doc, sents: Sentences) -> Frame | None:
    """``Trump's claim that he won``: the "that"-clause is the content; the possessor,
    else the subject of the verb the noun is the object of ("X repeated the claim
    that"), speaks."""
    clause = next((c for c in noun.rights if _is_that_clause(c)), None)
    if clause is None:
        return None
    content = _clean(doc, clause.left_edge.i, clause.right_edge.i)
    if content is not None:
        content = _within_paragraph(noun, content, sents.text)
    if content is None or _too_short(doc, content):
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    speaker = owners[0] if owners else None
    # "He repeated his view that": the verb's subject names whom "his" means.
    if (speaker is None or speaker.pos_ == "PRON") and noun.dep_ == "dobj":
        speaker = subject_of(noun.head) or speaker
    return Frame(
        cue=noun.text, cue_start=noun.idx, cue_end=noun.idx + len(noun),
        speaker_head=speaker.i if speaker is not None else None,
        content=content, complement="clause",
    )


_NOUN_PREPS = frozenset({"of", "about", "to", "for", "on", "against"})


def _object_noun_frame(noun: Token, doc: Doc) -> Frame | None:
    """``X made no mention of the deal``: the verb's subject speaks about the
    preposition's object."""
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return None
    subject = subject_of(noun.head)
    preps = [c for c in noun.rights if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS]
    objects = [o for o in preps[0].children if o.dep_ in ("pobj", "pcomp")] if preps else []
    if subject is None or not objects:
        return None
    content = _clean(doc, objects[0].left_edge.i, objects[0].right_edge.i)
    if content is None:
        return None
    return Frame(
        cue=noun.text, cue_start=noun.idx, cue_end=noun.idx + len(noun),
        speaker_head=subject.i, content=content, complement="object",
    )


def _is_that_clause(tok: Token) -> bool:
    """A clause opened by the conjunction "that" (not a relative clause's "that")."""
    return tok.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
        c.lower_ == "that" and (c.dep_ == "mark" or c.tag_ == "IN") and c.i < tok.i
        for c in tok.children
    )


def _clean_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="contract")
    return _clean(doc, span.start, span.end - 1) if span is not None and len(span) else None


def _verb_like(tok: Token) -> bool:
    """A verb, or a verb the tagger took for a plural noun ("Trump predicts that ...")."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    return tok.tag_ == "NNS" and any(c.dep_ == "ccomp" for c in tok.children)


def _verb_frame(verb: Token, doc: Doc, cues: Cues, sents: Sentences) -> Frame | None:
    key = _cue_key(verb, cues)
    if key is None or verb.dep_ in ("amod", "compound"):
        return None
    if _is_passive(verb):
        return _as_reported_frame(verb, doc) if cues.takes(key, "clause") else None
    subject = subject_of(verb)
    if subject is not None and _apart(subject, verb, sents.text):
        subject = None
    content, complement = _content(verb, doc, cues, key, sents.of_token(verb.i))
    if content is not None:
        content = _within_paragraph(verb, content, sents.text)
    if content is not None and _too_short(doc, content):
        content = None
    if subject is None and content is None:
        return None
    return Frame(
        cue=verb.text, cue_start=verb.idx, cue_end=verb.idx + len(verb),
        speaker_head=subject.i if subject is not None else None,
        content=content, complement=complement if content is not None else None,
    )


def _as_reported_frame(verb: Token, doc: Doc) -> Frame | None:
    """``As reported by the Post, talks failed``: the agent speaks; the clause the "as"
    phrase qualifies is the content. Other passives report no speaker."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not agents:
        return None
    edges = range(verb.left_edge.i, verb.right_edge.i + 1)
    tokens = [t.i for t in verb.head.subtree if t.i not in edges]
    content = _content_around(doc, tokens, verb)
    if content is None:
        return None
    return Frame(
        cue=verb.text, cue_start=verb.idx, cue_end=verb.idx + len(verb),
        speaker_head=agents[0].i, content=content, complement="clause",
    )


def _cue_key(verb: Token, cues: Cues) -> str | None:
    """The cue list key: lemma + particle for phrasal cues ("call for"), else the lemma."""
    lemma = cues.lemma_of(verb.text, verb.lemma_)
    following = [c.lower_ for c in verb.rights if c.dep_ in ("prt", "prep")]
    if verb.i + 1 < len(verb.doc):
        following.append(verb.doc[verb.i + 1].lower_)
    for word in following:
        if f"{lemma} {word}" in cues.verbs:
            return f"{lemma} {word}"
    return lemma if lemma in cues.verbs else None


def _is_passive(verb: Token) -> bool:
    """Passive or participial uses report no speaker: "a witness interviewed by staff"."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        # "Asked about the deal, the minister said ...": the asker is not named.
        return not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod")


def _apart(a: Token, b: Token, text: str) -> bool:
    """True when a paragraph break separates two tokens."""
    return "\n" in text[min(a.idx, b.idx) : max(a.idx, b.idx)]


def _within_paragraph(verb: Token, content: tuple[int, int], text: str) -> tuple[int, int] | None:
    """Clip content to the cue's paragraph: the parser runs sentences across breaks."""
    para_start = text.rfind("\n", 0, verb.idx) + 1
    para_end = text.find("\n", verb.idx)
    para_end = len(text) if para_end < 0 else para_end
    start, end = max(content[0], para_start), min(content[1], para_end)
    while start < end and text[start] in _EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in _EDGE_CHARS:
        end -= 1
    return (start, end) if start < end else None


def _too_short(doc: Doc, content: tuple[int, int]) -> bool:
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    return len(words) < 2 and not (words and words[0].pos_ in ("NOUN", "PROPN"))


def _tail_content(verb: Token, doc: Doc, sent: Span) -> tuple[int, int] | None:
    """``..., police said.`` misparsed without a clause: the content is what precedes."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    first = min(subjects[0].left_edge.i, verb.i)
    last = max((t.i for t in doc[verb.i : sent.end] if not t.is_punct), default=verb.i)
    if last - verb.i > 3 or first <= sent.start + 1 or doc[first - 1].text != ",":
        return None
    return _clean(doc, sent.start, first - 2)


Content = tuple[tuple[int, int] | None, str | None]


def _content(verb: Token, doc: Doc, cues: Cues, key: str, sent: Span) -> Content:
    """The reported content's span and which complement it is."""
    if cues.takes(key, "clause"):
        clause = _clause_content(verb, doc, cues, sent)
        if clause is not None:
            return clause, "clause"
    if cues.takes(key, "infinitive") and any(
        c.dep_ == "xcomp" and _has_to(c) for c in verb.children
    ):
        return right_span(verb, doc), "infinitive"
    phrasal = " " in key
    has_object = any(
        (c.dep_ in _OBJECT_DEPS or phrasal and c.dep_ == "advcl") and c.i > verb.i
        for c in verb.children
    )
    for complement in ("object", "quoted"):
        if has_object and cues.takes(key, complement):
            return right_span(verb, doc), complement
    if cues.takes(key, "as") and _object_as(verb):
        return right_span(verb, doc), "as"
    return None, None


def _object_as(verb: Token) -> bool:
    """``sees the plan as a mistake``: an object and an "as" phrase saying what it is.

    The parser hangs the "as" on the verb, inside the object ("the campaign of X as
    unfair") or on the predicate after it ("as" + adjective)."""
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if not objects:
        return False
    near = set(objects[0].subtree) | set(verb.rights)
    return any(
        tok.lower_ == "as" and (tok.head == verb or tok.head in near)
        for tok in verb.subtree if tok.i > objects[0].i
    )


def _clause_content(verb: Token, doc: Doc, cues: Cues, sent: Span) -> tuple[int, int] | None:
    """A reported clause: the verb's ccomp, or where the parser put it instead."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        # Two clauses when the parser joined a quote before the sentence to it: the one
        # after the verb is what it reports.
        clause = next((c for c in clauses if c.i > verb.i), clauses[0])
        last = _clause_end(verb, clause, cues) if clause.i > verb.i else clause.right_edge.i
        return _clean(doc, clause.left_edge.i, last)
    hung = _clause_on_utterance(verb)
    if hung is not None:
        return _clean(doc, hung.left_edge.i, hung.right_edge.i)
    if _is_as_clause(verb):
        # "As the agency reported, talks failed": the main clause is the content.
        edges = range(verb.left_edge.i, verb.right_edge.i + 1)
        tokens = [t.i for t in verb.head.subtree if t.i not in edges]
        return _content_around(doc, tokens, verb)
    if verb.dep_ in ("parataxis", "ccomp") and _after_comma(verb, doc):
        inverted = _inverted_content(verb, doc)
        if inverted is not None:
            return inverted
    return _tail_content(verb, doc, sent)


def _clause_on_utterance(verb: Token) -> Token | None:
    """``said in a statement that ...``, ``told reporters after a cabinet meeting that
    ...``: the parser hangs the clause on the noun of a phrase after the verb. A clause
    opened by the conjunction "that" there is what was said (a relative clause's "that"
    is its subject or object, not a conjunction)."""
    for prep in verb.rights:
        if prep.dep_ != "prep":
            continue
        for tok in prep.subtree:
            if tok.i > prep.i and _is_that_clause(tok) and _through_phrases(tok, prep):
                return tok
    return None


def _through_phrases(clause: Token, prep: Token) -> bool:
    """True when only prepositions and their nouns lie between the clause and ``prep``
    (not another verb, whose own clause it would be)."""
    head = clause.head
    while head != prep:
        if head.pos_ not in ("NOUN", "PROPN", "ADP"):
            return False
        head = head.head
    return True


def _is_as_clause(verb: Token) -> bool:
    """"As the agency reported, ...": an "as" clause whose verb reports nothing itself."""
    deps = {c.dep_ for c in verb.children}
    has_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return verb.dep_ == "advcl" and has_as and not deps & {"dobj", "xcomp", "ccomp", "dative"}


def _has_to(tok: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)


def _clause_end(verb: Token, clause: Token, cues: Cues) -> int:
    """Where a reported clause ends: the parser often hangs its tail on the cue verb.

    Later right children of the verb belong to the clause unless they start a new
    report ("..., adding that", "and said") or a clause with its own subject.
    """
    last = clause.right_edge.i
    for child in verb.rights:
        if child.i <= clause.i or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ not in ("advcl", "conj", "xcomp", "prep", "npadvmod", "dobj"):
            break
        # A subordinate clause with its own subject belongs to the report ("..., just as
        # they did", "provided X"), unless it times the reporting ("after a woman asked").
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and (
            child.dep_ != "advcl" or any(
                c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in child.children
            )
        )
        not_a_verb = child.dep_ == "conj" and child.pos_ != "VERB"
        if cues.is_cue_head(cues.lemma_of(child.text, child.lemma_)) or own_subject or not_a_verb:
            break
        last = child.right_edge.i
    return last


def _after_comma(verb: Token, doc: Doc) -> bool:
    first = min(t.i for t in verb.subtree if not t.is_punct)
    return first > 0 and doc[first - 1].text == ","


def _inverted_content(verb: Token, doc: Doc) -> tuple[int, int] | None:
    """``Talks failed, officials said``: the content is the head clause before the cue;
    for a cue set off mid-sentence (``the two nations, Xi said, now have ...``) it is the
    rest of the sentence after it."""
    head = verb.head
    if head.i > verb.i:
        after = verb.right_edge.i + 1
        if verb.dep_ != "parataxis" or after >= len(doc) or doc[verb.right_edge.i].text != ",":
            return None
        return _clean(doc, after, head.right_edge.i)
    before = [t.i for t in head.subtree if t.i < verb.left_edge.i]
    if not before:
        return None
    return _clean(doc, min(before), max(before))


def right_span(verb: Token, doc: Doc) -> tuple[int, int] | None:
    """The verb's complements to its right, up to a comma, a conjunct or a new clause."""
    start = end = None
    for child in verb.rights:
        if child.dep_ in _STOP_RIGHT or child.dep_ == "advcl" and child.tag_ == "VBG":
            if start is not None:
                break
            continue
        if child.dep_ in ("prt", "npadvmod", "advmod", "agent") and start is None:
            continue
        if start is None:
            start = child.left_edge.i
        end = child.right_edge.i
    if start is None or end is None:
        return None
    return _clean(doc, start, end)


def _clean(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token range -> character span without edge punctuation or a leading 'that'."""
    def leading_junk(tok: Token) -> bool:
        marker = tok.lower_ in _LEADING_MARKS and tok.dep_ == "mark"
        return tok.is_space or tok.text in _EDGE_PUNCT or marker

    while first <= last and leading_junk(doc[first]):
        first += 1
    while last >= first and (
        doc[last].is_space or doc[last].text in _EDGE_PUNCT or doc[last].dep_ == "cc"
    ):
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _phrase_frame(according: Token, doc: Doc) -> Frame | None:
    """``according to X``: X speaks; the clause the phrase qualifies is the content."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    speaker = objects[0]
    head = according.head
    # The cue qualifies a whole clause even when the parser hangs it on a noun or a conjunct.
    while head.dep_ != "ROOT" and (head.pos_ not in ("VERB", "AUX") or head.dep_ == "conj"):
        head = head.head
    skip = {t.i for t in according.subtree} | {according.i, to.i}
    tokens = [t.i for t in head.subtree if t.i not in skip]
    content = _content_around(doc, tokens, according)
    return Frame(
        cue=f"{according.text} {to.text}", cue_start=according.idx, cue_end=to.idx + len(to),
        speaker_head=speaker.i, content=content,
        complement="phrase",
    )


def _content_around(doc: Doc, tokens: list[int], cue: Token) -> tuple[int, int] | None:
    """The larger contiguous side of a clause around an embedded cue phrase."""
    before = [i for i in tokens if i < cue.left_edge.i]
    after = [i for i in tokens if i > cue.right_edge.i]
    side = before if len(before) >= len(after) else after
    if not side:
        return None
    return _clean(doc, min(side), max(side))
