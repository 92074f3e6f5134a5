"""Who is speaking: the subject of a cue, its mention as written, and pronouns.

A speaker mention is the subject of a reporting verb (``X said``, ``said X``, ``X, a
professor at Y, said``) or the object of a phrasal cue (``according to X``), kept whole
with its descriptions; the appositive is also kept apart as ``description`` so the
actors stage can resolve "Kim, a professor at Korea University" through it. Pronouns
and bare descriptions ("he", "the spokesman", "the agency") are resolved to the most
recent fitting speaker named earlier in the article, and a bare surname to the fullest
earlier mention of that person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
_DATELINE_DASHES = frozenset({"-", "--", "—", "–", "_"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''", "`", "«", "»"})
_EDGE_WORDS = frozenset({"but", "and", "however", "also", "meanwhile", "then"})
_SUBJECT_DEPS = ("nsubj", "csubj")
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
# Heads of descriptions that name one person (so "he"/"she" can refer to them).
_PERSON_NOUNS = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "official", "minister", "president",
        "secretary", "chairman", "chairwoman", "leader", "ambassador", "envoy", "senator",
        "governor", "mayor", "premier", "chancellor", "king", "queen", "prince", "general",
        "commander", "adviser", "advisor", "aide", "diplomat", "analyst", "professor",
        "expert", "lawyer", "director", "chief", "candidate", "lawmaker", "representative",
        "source", "speaker", "negotiator", "economist", "researcher", "author", "judge", "man",
        "woman", "officer", "pollster", "strategist", "manager", "head", "member", "founder",
    }
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker mention: ``name`` as written (or resolved), ``start``/``end`` its span."""

    name: str
    start: int
    end: int
    head: str  # lower-cased head word: "he", "spokesman", "clinton"
    person: bool
    plural: bool
    pronoun: bool
    proper: bool = False  # headed by a name, not a description ("the official")
    description: str | None = None  # the appositive: "a professor at Korea University"
    resolved_from: Speaker | None = None  # the antecedent of a pronoun or description


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The grammatical speaker of a cue verb, looking through coordination and 'saying'."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subjects:
        # The parser may give a verb two subjects when a sentence runs over a break
        # ("6:50 p.m. \n Clinton has told ..."): the one nearest the verb is meant.
        child = subjects[0]
        lo, hi = sorted((child.i, verb.i))
        if len(subjects) > 1 and "\n" in verb.doc[lo:hi].text:
            child = min(subjects, key=lambda c: abs(c.i - verb.i))
        # "voters who say ...": the relative pronoun stands for the noun.
        if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return verb.head
        return child
    if verb.pos_ == "NOUN" and any(c.dep_ == "ccomp" for c in verb.children):
        # A mis-tagged verb ("Trump predicts that") carries its subject as a compound.
        compounds = [c for c in verb.lefts if c.dep_ == "compound"]
        return compounds[-1] if compounds else None
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    head = verb.head
    if depth > 3 or head is verb:
        return None
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote":
        quoted = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        return quoted[0] if quoted else None
    if verb.dep_ in _INHERIT_DEPS and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    # A participle ("..., before insisting", "by saying") reports its clause's subject.
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "dep", "advcl", "xcomp", "conj"):
        if head.pos_ == "ADP":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_of(head, depth + 1)
    return None


def speaker_at(
    head: Token, doc: Doc, cue_words: frozenset[str] = frozenset()
) -> Speaker | None:
    """The speaker mention headed by ``head`` as written, descriptions included.

    "Kim Sung-han, a professor at Korea University," stays whole, so the mention holds
    the name wherever the writer put it ("a top strategist, John Weaver"); the
    appositive alone is also kept as ``description``. A clause on the head whose verb is
    in ``cue_words`` is the report itself ("an article stating that ...") and is cut.
    Times and dates are never speakers (a misparsed "9:18 p.m." before a name).
    """
    if head.ent_type_ in ("TIME", "DATE"):
        return None
    if head.pos_ == "PRON" or head.tag_ in ("PRP", "WP"):
        if head.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return None
        return Speaker(
            name=head.text, start=head.idx, end=head.idx + len(head), head=head.lower_,
            person=head.lower_ in PERSON_PRONOUNS, plural=head.lower_ in ("they", "them"),
            pronoun=True,
        )
    first, last = head.left_edge.i, head.i
    reports = [
        c.left_edge.i for c in head.rights
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in cue_words
    ]
    end = min([head.right_edge.i + 1, *reports])
    for tok in doc[head.i : end]:
        if "\n" in tok.text or tok.text in _QUOTE_MARKS:
            break
        last = tok.i
    for tok in doc[first:last]:
        # A paragraph break or a dateline dash ("LONDON (Reuters) - ") ends what precedes.
        if "\n" in tok.text_with_ws or _is_dateline_dash(tok):
            first = tok.i + 1
    while first < last and (
        doc[first].is_punct or doc[first].is_space or doc[first].lower_ in _EDGE_WORDS
    ):
        first += 1
    while last > first and (doc[last].is_space or doc[last].is_punct):
        if _closes_bracket(doc, first, last):
            break
        last -= 1
    first, last = _after_dateline(doc, first, last)
    first, last = _whole_hyphenated(doc, first, last)
    span = doc[first : last + 1]
    if not first <= head.i <= last:
        head = span.root
    description = _description(head, doc)
    plural = head.tag_ in ("NNS", "NNPS") and head.ent_type_ != "ORG"
    return Speaker(
        name=span.text, start=span.start_char, end=span.end_char, head=head.lower_,
        person=_is_person(span, head), plural=plural, pronoun=False, proper=head.pos_ == "PROPN",
        description=description.text if description is not None else None,
    )


def _closes_bracket(doc: Doc, first: int, last: int) -> bool:
    """Keep the ")" of "Sen. Chuck Schumer (D-N.Y.)"."""
    inside = doc[first:last]
    return doc[last].text == ")" and inside.text.count("(") > inside.text.count(")")


def _whole_hyphenated(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Grow the span over unspaced hyphens the tokenizer split: "Moon Jae-in"."""

    def joined(dash: int) -> bool:
        return doc[dash].text == "-" and not doc[dash - 1].whitespace_ and not doc[dash].whitespace_

    while last + 2 < len(doc) and joined(last + 1):
        last += 2
    while first >= 2 and joined(first - 1):
        first -= 2
    return first, last


def _after_dateline(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """A subject parsed as the dateline itself: take the name after the dash instead."""
    j = last + 1
    while j < len(doc) and doc[j].text == ")":
        j += 1
    if j >= len(doc) - 1 or not _is_dateline_dash(doc[j]):
        return first, last
    first = last = j + 1
    while last + 1 < len(doc) and doc[last + 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART"):
        last += 1
    return first, last


def _is_dateline_dash(tok: Token) -> bool:
    """The dash closing a dateline such as "TOKYO, April 11 -" or "Washington (AFP) -"."""
    if tok.text not in _DATELINE_DASHES or not tok.whitespace_:
        return False
    text = tok.doc.text
    prefix = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx].strip()
    words = prefix.split()
    return 0 < len(prefix) < 60 and (words[0].strip(",").isupper() or "(" in prefix)


def _description(head: Token, doc: Doc) -> Span | None:
    for child in head.children:
        if child.dep_ == "appos":
            return doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _is_person(span: Span, head: Token) -> bool:
    if head.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in span):
        return head.ent_type_ in ("PERSON", "")
    return head.lemma_.lower() in _PERSON_NOUNS and head.tag_ != "NNS"


def resolve(
    speaker: Speaker, earlier: list[Speaker], doc: Doc, utterances: frozenset[str] = frozenset()
) -> Speaker:
    """Replace a pronoun or a bare definite description by its antecedent's name.

    ``utterances`` are nouns such as "statement": "the statement said" is read like
    "it said", as the last organisation that spoke.
    """
    antecedent: Speaker | None = None
    if speaker.pronoun:
        antecedent = _antecedent_for_pronoun(speaker, earlier, doc)
    elif _is_bare_description(speaker, doc):
        antecedent = _antecedent_for_description(speaker, earlier)
        if antecedent is None and speaker.head in utterances:
            as_it = replace(speaker, head="it", person=False, plural=False, pronoun=True)
            antecedent = _antecedent_for_pronoun(as_it, earlier, doc)
    if antecedent is None:
        return speaker
    return replace(
        antecedent, start=speaker.start, end=speaker.end, pronoun=speaker.pronoun,
        resolved_from=antecedent,
    )


_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss"})


def full_name(speaker: Speaker, people: list[Span]) -> Speaker:
    """A bare surname ("Roh", "Mr. Xi") takes the fullest earlier mention of that person
    ("Roh Tae-woo"), so a speaker is findable by full name whatever the word order."""
    if not speaker.proper or speaker.pronoun:
        return speaker
    name, comma, rest = speaker.name.partition(",")
    words = [w for w in name.split() if w.lower() not in _HONORIFICS]
    if len(words) != 1:
        return speaker
    fuller = [
        p for p in people
        if p.end_char <= speaker.start and words[0] in p.text.split() and len(p) > 1
    ]
    if not fuller:
        return speaker
    return replace(speaker, name=fuller[-1].text + comma + rest)


def _antecedent_for_pronoun(
    pronoun: Speaker, earlier: list[Speaker], doc: Doc
) -> Speaker | None:
    """he/she: the last person who spoke (else the last person named); it/they: the last
    organisation or group that spoke."""
    wants_person = pronoun.person
    wants_plural = pronoun.head in ("they", "them")
    for candidate in reversed(earlier):
        unresolved = candidate.pronoun and candidate.resolved_from is None
        if candidate.start >= pronoun.start or unresolved:
            continue
        if wants_person and candidate.person:
            return candidate
        if not wants_person and not candidate.person and (candidate.plural or not wants_plural):
            return candidate
    if wants_person:
        return _nearest_person_entity(pronoun.start, doc)
    return None


def clause_antecedent(pronoun: Token) -> Token | None:
    """"Cruz is touting his win as he urges ...": a pronoun in a dependent clause means
    the named subject of the clause it depends on."""
    if pronoun.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None
    person = pronoun.lower_ in PERSON_PRONOUNS
    for ancestor in list(pronoun.ancestors)[1:]:
        for child in ancestor.children:
            if child.dep_ != "nsubj" or child.i >= pronoun.i or child.pos_ == "PRON":
                continue
            named = child.pos_ == "PROPN" and (child.ent_type_ == "PERSON") == person
            return child if named else None
    return None


def _nearest_person_entity(before: int, doc: Doc) -> Speaker | None:
    for ent in reversed(doc.ents):
        if ent.label_ == "PERSON" and ent.end_char <= before:
            return Speaker(
                name=ent.text, start=ent.start_char, end=ent.end_char, head=ent.root.lower_,
                person=True, plural=False, pronoun=False,
            )
    return None


def _is_bare_description(speaker: Speaker, doc: Doc) -> bool:
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or span[0].lower_ != "the":
        return False
    return not any(t.pos_ == "PROPN" for t in span)


def _antecedent_for_description(speaker: Speaker, earlier: list[Speaker]) -> Speaker | None:
    """"the spokesman" -> the last speaker whose mention or description has "spokesman"."""
    for candidate in reversed(earlier):
        same = candidate.name == speaker.name
        if candidate.start >= speaker.start or candidate.pronoun or same:
            continue
        words = f"{candidate.name} {candidate.description or ''}".lower()
        if speaker.head in words.replace("’", "'").split():
            return candidate
    return None
