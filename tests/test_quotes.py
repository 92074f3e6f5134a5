"""Quotes stage: quotation marks, direct/partial/indirect quotes and their speakers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tidings.errors import DataError
from tidings.quotes import extract_quotes
from tidings.quotes.cues import load_cues, parse_cues
from tidings.quotes.direct import looks_like_title
from tidings.quotes.marks import find_marked
from tidings.types import Quote


def marked_texts(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_marked(text)]


# ---------------------------------------------------------------- quotation marks (no model)

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We are ready," he said.', ["We are ready"]),
        ("“We are ready,” he said.", ["We are ready"]),
        ("``We are ready,'' he said.", ["We are ready"]),
        ("He said: «We are ready.»", ["We are ready."]),
        ("Mixed “curly open, straight close.\" Then more.", ["curly open, straight close."]),
        ("Kim: Seoul's ‘Reckless Drills’ Threaten Talks", ["Reckless Drills"]),
        ("Pyongyang's envoy said he didn't expect progress.", []),
        ("The Sanders' campaign and the Joneses' lawyer met.", []),
        ("She cited the 'first strike' doctrine in the '90s.", ["first strike"]),
        ('<a href="http://example.com">link</a> and "a quote".', ["a quote"]),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert marked_texts(text) == expected


def test_quote_continuing_into_next_paragraph() -> None:
    text = "“The first part runs on.\n\n“And the second part ends it,” she said."
    marks = find_marked(text)
    assert [text[m.start : m.end] for m in marks] == [
        "The first part runs on.",
        "And the second part ends it",
    ]
    assert not marks[0].closed and marks[1].continues


def test_unclosed_quote_without_continuation_is_not_carried() -> None:
    text = "He said “never again.\n\nThen “a new quote” appeared."
    marks = find_marked(text)
    assert [text[m.start : m.end] for m in marks][-1] == "a new quote"
    assert not marks[-1].continues


@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’`«»=-")), max_size=80))
def test_marks_are_well_formed_on_any_text(text: str) -> None:
    previous = -1
    for mark in find_marked(text):
        assert 0 <= mark.open_at < mark.start < mark.end <= len(text)
        assert mark.start >= previous
        assert text[mark.start] not in " \n" and text[mark.end - 1] not in " \n,"
        previous = mark.start


@pytest.mark.parametrize(
    ("content", "expected"),
    [("Meet the Press", True), ("Hacked World Order", True), ("serious mistake", False),
     ("irreplaceable", False), ("We will win", False), ("Good Morning America", True)],
)
def test_titles(content: str, expected: bool) -> None:
    assert looks_like_title(content) is expected


# ---------------------------------------------------------------- cue list

def test_packaged_cues_cover_the_reporting_verbs() -> None:
    cues = load_cues()
    for lemma in ("say", "tell", "add", "warn", "vow", "dismiss", "deny"):
        assert lemma in cues.verbs
    assert cues.takes("vow", "infinitive") and cues.takes("deny", "object")
    assert not cues.takes("say", "object")
    assert "according to" in cues.phrases
    assert "call" in cues.phrasal_heads and cues.takes("call for", "object")
    assert cues.takes("call", "quoted") and not cues.takes("call", "object")


@pytest.mark.parametrize(
    "text",
    ["verbs: [say]", "verbs:\n  say: [speech]", "verbs:\n  say: clause", ": : :", "phrases: []"],
)
def test_bad_cue_lists_are_rejected(text: str) -> None:
    with pytest.raises(DataError):
        parse_cues(text, "test.yaml")


# ---------------------------------------------------------------- quotes (model)

@pytest.fixture(scope="module")
def quotes_of(nlp):
    cues = load_cues()

    def run(text: str) -> list[Quote]:
        return list(extract_quotes("test", nlp(text), cues))

    return run


def find(quotes: list[Quote], text: str) -> Quote:
    """The quote whose text holds ``text`` (the test fails if there is none)."""
    hits = [q for q in quotes if text in q.text]
    assert hits, f"no quote holds {text!r}: {[q.text for q in quotes]}"
    return min(hits, key=lambda q: len(q.text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted", "kind", "speaker", "cue"),
    [
        # "...," said X / X said / X said, "..."
        ('"We will not back down," said Kim Yo-jong.', "We will not back down", "direct",
         "Kim Yo-jong", "said"),
        ("“Talks are over,” Foreign Minister Choe Son-hui said on Tuesday.", "Talks are over",
         "direct", "Choe Son-hui", "said"),
        ('President Moon Jae-in said, "Peace is still possible."', "Peace is still possible",
         "direct", "Moon Jae-in", "said"),
        ("The envoy added: «We remain ready to talk.»", "We remain ready to talk", "direct",
         "The envoy", "added"),
        # several sentences in one quote
        ('"We are ready. We have always been ready," Lee Jae-myung told reporters.',
         "We are ready. We have always been ready", "direct", "Lee Jae-myung", "told"),
        # said X, the ... / X, a professor of ... at ..., said
        ('"No deal is better than a bad deal," said Kang Kyung-wha, the foreign minister.',
         "No deal is better", "direct", "Kang Kyung-wha", "said"),
        ("Kim Sung-han, a professor of international relations at Korea University, said the "
         "summit was largely symbolic.", "the summit was largely symbolic", "indirect",
         "Kim Sung-han", "said"),
        # indirect speech with reporting verbs
        ("South Korea's foreign ministry said the talks would resume next week.",
         "the talks would resume next week", "indirect", "South Korea's foreign ministry", "said"),
        ("A spokesman told reporters that the sanctions would stay in place.",
         "the sanctions would stay in place", "indirect", "A spokesman", "told"),
        ("North Korea warned that it would respond to the drills.",
         "it would respond to the drills", "indirect", "North Korea", "warned"),
        ("The defence minister vowed to retaliate against any attack.",
         "retaliate against any attack", "indirect", "The defence minister", "vowed"),
        ("The ministry denied the report.", "the report", "indirect", "The ministry", "denied"),
        ("The ministry said in a statement that it would lodge a protest.",
         "it would lodge a protest", "indirect", "The ministry", "said"),
        # according to X
        ("The two leaders met for three hours, according to state broadcaster CCTV.",
         "The two leaders met for three hours", "indirect", "CCTV", "according to"),
        # partial quotes go to the sentence's speaker or subject, not the nearest name
        ('Xi hailed the "irreplaceable" friendship between the two countries.', "irreplaceable",
         "partial", "Xi", "hailed"),
        ("Seoul's envoy described the plan as “a historic opportunity” for Pyongyang.",
         "a historic opportunity", "partial", "Seoul's envoy", "described"),
        ('The envoy was in a "constructive" mood after the talks.', "constructive", "partial",
         "The envoy", "was"),
        # dateline before the speaker
        ("SEOUL (Reuters) - President Moon Jae-in said on Friday the summit would go ahead.",
         "the summit would go ahead", "indirect", "Moon Jae-in", "said"),
        # phrasal cues
        ("Seoul called for an immediate halt to the launches.", "an immediate halt", "indirect",
         "Seoul", "called"),
        ("The ministry responded to the report within hours.", "the report", "indirect",
         "The ministry", "responded"),
        # a mid-sentence cue: the rest of the sentence is what was said
        ("The two sides, Ban said, are closer than ever to a deal.", "are closer than ever",
         "indirect", "Ban", "said"),
        # TeX-style marks
        ("``The door stays open,'' said Foreign Minister Yun Byung-se.", "The door stays open",
         "direct", "Yun Byung-se", "said"),
    ],
)
def test_quote_and_speaker(quotes_of, text, quoted, kind, speaker, cue) -> None:
    quote = find(quotes_of(text), quoted)
    assert quote.kind == kind
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.cue == cue
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert speaker in text[quote.speaker_start : quote.speaker_end]


@pytest.mark.model
def test_headline_speaker_before_a_colon(quotes_of) -> None:
    text = "Moon Jae-in: Talks With Pyongyang Will Resume\n\nThe president spoke on Monday."
    quote = find(quotes_of(text), "Talks With Pyongyang Will Resume")
    assert quote.speaker is not None and "Moon Jae-in" in quote.speaker
    assert quote.cue == ":"


@pytest.mark.model
def test_label_before_a_colon_is_not_a_speaker(quotes_of) -> None:
    assert quotes_of("UPDATE: Talks Will Resume\n\nThe president spoke on Monday.") == []


@pytest.mark.model
def test_naming_is_not_reporting_unless_words_are_quoted(quotes_of) -> None:
    assert quotes_of("They launched a programme called Sunshine in 1998.") == []
    quote = find(quotes_of('Kim called the drills "a rehearsal for invasion".'), "rehearsal")
    assert quote.speaker == "Kim" and quote.kind == "partial"


@pytest.mark.model
def test_partial_quote_in_reported_clause_goes_to_the_reporter(quotes_of) -> None:
    text = 'Kim warned that Washington could be making a "serious mistake" by holding the drills.'
    quote = find(quotes_of(text), "serious mistake")
    assert quote.speaker == "Kim"
    assert quote.kind == "partial"


@pytest.mark.model
def test_pronoun_speaker_is_resolved_to_the_previous_person(quotes_of) -> None:
    text = ('Foreign Minister Wang Yi arrived in Seoul on Monday. "We came to listen," he said. '
            "He added that China wanted calm on the peninsula.")
    quotes = quotes_of(text)
    direct = find(quotes, "We came to listen")
    assert direct.speaker is not None and "Wang Yi" in direct.speaker
    assert text[direct.speaker_start : direct.speaker_end] == "he"
    indirect = find(quotes, "China wanted calm")
    assert indirect.speaker is not None and "Wang Yi" in indirect.speaker
    assert indirect.cue == "added"


@pytest.mark.model
def test_pronoun_in_a_dependent_clause_means_the_clause_subject(quotes_of) -> None:
    text = ("Kim Jong-un said the talks were over. Foreign Minister Wang Yi left Seoul on Friday "
            "as he urged both sides to keep talking.")
    quote = find(quotes_of(text), "both sides to keep talking")
    assert quote.speaker is not None and "Wang Yi" in quote.speaker


@pytest.mark.model
def test_surname_takes_the_full_name_mentioned_before(quotes_of) -> None:
    text = ("Roh Tae-woo arrived in Seoul on Monday.\n\n"
            "Roh said the reforms would be carried out in full.")
    quote = find(quotes_of(text), "the reforms would be carried out")
    assert quote.speaker == "Roh Tae-woo"
    assert text[quote.speaker_start : quote.speaker_end] == "Roh"


@pytest.mark.model
def test_organisation_pronoun_goes_to_the_previous_organisation(quotes_of) -> None:
    text = ("The Korean Central News Agency said the launch was a success. "
            "It said the new missile could reach any target.")
    quote = find(quotes_of(text), "the new missile could reach")
    assert quote.speaker is not None and "Korean Central News Agency" in quote.speaker


@pytest.mark.model
def test_unattributed_quote_takes_the_speaker_of_its_neighbour(quotes_of) -> None:
    text = ('"We want peace," Moon Jae-in said. "But we are ready for anything."\n\n'
            '"Our alliance is strong."\n\nThe talks begin on Monday.')
    quotes = quotes_of(text)
    for words in ("But we are ready", "Our alliance is strong"):
        quote = find(quotes, words)
        assert quote.kind == "direct"
        assert quote.speaker is not None and "Moon Jae-in" in quote.speaker


@pytest.mark.model
def test_quote_across_paragraphs_keeps_its_speaker(quotes_of) -> None:
    text = ("“The first part of a long statement runs to the end of this paragraph.\n\n"
            "“And the second part closes it,” said Defence Minister Suh Wook.")
    quotes = quotes_of(text)
    for words in ("The first part", "the second part closes it"):
        quote = find(quotes, words)
        assert quote.speaker is not None and "Suh Wook" in quote.speaker


@pytest.mark.model
def test_apostrophes_and_scare_quotes_are_not_quotes(quotes_of) -> None:
    text = ("Pyongyang's envoy didn't attend the so-called \"Peace Forum\" in Geneva, "
            "and the Sanders' team stayed home.")
    assert [q for q in quotes_of(text) if q.kind != "indirect"] == []


@pytest.mark.model
def test_direct_quote_is_not_repeated_as_indirect(quotes_of) -> None:
    quotes = quotes_of('"The sanctions will stay until the talks resume," the official said.')
    assert len(quotes) == 1 and quotes[0].kind == "direct"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["", "  \n ", '"', "“”", '""""', "He said", ": x", "said:", "according to", "- said -"],
)
def test_degenerate_texts(quotes_of, text: str) -> None:
    for quote in quotes_of(text):
        assert 0 <= quote.start < quote.end <= len(text)


@pytest.mark.model
def test_nothing_reported_means_no_quotes(quotes_of) -> None:
    assert quotes_of("The two leaders met in Hanoi on Wednesday and ate lunch together.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "cue"),
    [
        # a cue verb whose lemma the tagger clips ("hopes" -> "hop")
        ("The governor hopes to win a second term in November.", "win a second term",
         "The governor", "hopes"),
        # stance and desire verbs with an infinitive
        ("The mayor wants to rebuild the harbour before winter.", "rebuild the harbour",
         "The mayor", "wants"),
        # cognition verbs with a clause
        ("Most analysts expect the central bank will cut rates in March.",
         "the central bank will cut rates", "Most analysts", "expect"),
        # communication verbs with an object
        ("The minister acknowledged difficulties in securing the northern border.",
         "difficulties in securing the northern border", "The minister", "acknowledged"),
        ("The senator predicted a narrow win for the incumbent.",
         "a narrow win for the incumbent", "The senator", "predicted"),
        # an object with an "as" phrase: what the speaker takes it for
        ("Most farmers see the new water tax as unfair to small growers.",
         "the new water tax as unfair", "Most farmers", "see"),
        # "that"-clauses of claim nouns
        ("Despite the mayor's claim that the budget was balanced, the deficit grew.",
         "the budget was balanced", "mayor", "claim"),
        # the clause hung on a noun phrase after the cue
        ("The president said in a short televised appearance at the palace that he was "
         "recalling the negotiators.", "he was recalling the negotiators", "The president",
         "said"),
        ("Nakamura told reporters after a cabinet meeting that the embassy would reopen.",
         "the embassy would reopen", "Nakamura", "told"),
        # "as reported by X": the agent speaks about the main clause
        ("As reported by the Daily Courier, there are 150 seats at stake in the vote.",
         "there are 150 seats at stake", "the Daily Courier", "reported"),
        # a noun whose prepositional object is what was said
        ("The senator made no mention of the trade agreement in her speech.",
         "the trade agreement", "The senator", "mention"),
    ],
)
def test_stance_and_noun_cues(quotes_of, text, quoted, speaker, cue) -> None:
    quote = find(quotes_of(text), quoted)
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.cue == cue


@pytest.mark.model
def test_coordinated_reports_are_two_quotes(quotes_of) -> None:
    text = ("One survey says Lagos has the most millionaires, while another survey says "
            "Cairo has twice as many.")
    quotes = quotes_of(text)
    first = find(quotes, "Lagos has the most millionaires")
    assert "Cairo" not in first.text
    assert find(quotes, "Cairo has twice as many") is not first


@pytest.mark.model
def test_report_content_keeps_its_conditions(quotes_of) -> None:
    text = ("The premier told his cabinet on Sunday that troops would leave the valley "
            "provided the border could be secured.")
    assert "provided the border" in find(quotes_of(text), "troops would leave").text


@pytest.mark.model
def test_the_subject_in_the_cue_paragraph_speaks(quotes_of) -> None:
    text = "9:15 p.m.\n\nThe governor has told her supporters that the fight goes on."
    quote = find(quotes_of(text), "the fight goes on")
    assert quote.speaker is not None and "governor" in quote.speaker


@pytest.mark.model
def test_asked_participle_does_not_make_the_answerer_ask(quotes_of) -> None:
    text = "Asked about the new levy, the minister said it was fair to everyone."
    assert [q.cue for q in quotes_of(text)] == ["said"]


@pytest.mark.model
def test_a_few_unattributed_quoted_words_are_not_a_quote(quotes_of) -> None:
    text = 'The march ended at noon.\n\n"Stay or pay"\n\nThe crowd then went home.'
    assert quotes_of(text) == []


@pytest.mark.model
def test_speaker_codes_come_from_the_actors_stage(pipeline_for, make_article) -> None:
    article = make_article(
        '"Our friendship is irreplaceable," Chinese President Xi Jinping said on Thursday.',
        published=date(2019, 6, 20),
    )
    result = pipeline_for(("actors", "quotes")).process(article)
    quote = find(list(result.records.quotes), "Our friendship is irreplaceable")
    assert quote.speaker is not None and "Xi Jinping" in quote.speaker
    assert quote.speaker_code == "CHNGOV"


@pytest.mark.model
def test_description_speaker_is_coded_through_the_actors_stage(pipeline_for, make_article) -> None:
    article = make_article(
        "Lim Eul-chul, a professor of North Korean studies at Kyungnam University, said the "
        "talks were unlikely to resume soon.",
        published=date(2019, 6, 20),
    )
    result = pipeline_for(("actors", "quotes")).process(article)
    quote = find(list(result.records.quotes), "the talks were unlikely")
    assert quote.speaker is not None and "Lim Eul-chul" in quote.speaker
    assert quote.speaker_code == "KOREDU"


@pytest.mark.model
def test_without_actors_the_code_stays_unknown(pipeline_for, make_article) -> None:
    article = make_article('"We are ready," Chinese President Xi Jinping said.')
    result = pipeline_for(("quotes",)).process(article)
    assert [q.speaker_code for q in result.records.quotes] == [None]
