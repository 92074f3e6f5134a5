"""Scoring rules of FORMAT.md, on hand-built records (no model needed)."""

from __future__ import annotations

import json

import pytest

from tidings.errors import EvalError
from tidings.eval import Scores, km_between, read_gold, report, score_result
from tidings.types import Actor, Article, Event, Place, Quote, Records, Result, TimeRef

TEXT = "Xi visited Pyongyang on Thursday. Kim said the talks were \"very fruitful\" for both."


def _event(start: int, end: int, cameo: str, source=("CHNGOV",), target=("PRKGOV",), plover="CONSULT") -> Event:
    return Event(article_id="x", start=start, end=end, cameo=cameo, root=cameo[:2], quad_class=1, goldstein=1.9,
                 plover_type=plover, plover_mode=None, source=source, target=target)


def _score(records: Records, gold: dict) -> dict:
    scores = Scores()
    score_result(scores, Result(Article(id="x", text=TEXT), records), {"text": TEXT, **gold})
    return report(scores, 0.0)


GOLD_EVENT = {"source": "CHNGOV", "target": "PRK", "cameo": "042", "cameo_alt": ["043"],
              "evidence": "Xi visited Pyongyang", "plover": "CONSULT"}


@pytest.mark.parametrize(
    ("event", "root", "full", "plover"),
    [
        (_event(0, 33, "042", target=("PRK",)), 1.0, 1.0, 1.0),
        (_event(0, 33, "043", target=("PRK",)), 1.0, 1.0, 1.0),  # an alternative code
        (_event(0, 33, "040", target=("PRK",)), 1.0, 0.0, 1.0),  # right root, wrong code
        (_event(0, 33, "042"), 1.0, 0.0, 1.0),  # PRKGOV vs PRK: country agrees, full code not
        (_event(0, 33, "042", source=("USAGOV",)), 0.0, 0.0, 0.0),  # wrong source
        (_event(34, 60, "042", target=("PRK",)), 0.0, 0.0, 0.0),  # wrong sentence
        (_event(0, 33, "042", source=("USA", "CHNGOV"), target=("PRK",)), 1.0, 1.0, 1.0),  # any member
        (_event(0, 33, "190", target=("PRK",), plover="ASSAULT"), 0.0, 0.0, 0.0),
    ],
)
def test_event_levels(event: Event, root: float, full: float, plover: float) -> None:
    out = _score(Records(events=(event,)), {"events": [GOLD_EVENT]})["events"]
    assert (out["root"]["f1"], out["full"]["f1"], out["plover"]["f1"]) == (root, full, plover)


def test_one_to_one_and_optional_gold() -> None:
    twice = (_event(0, 33, "042", target=("PRK",)), _event(0, 33, "042", target=("PRK",)))
    out = _score(Records(events=twice), {"events": [GOLD_EVENT]})["events"]["root"]
    assert out == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    optional = {**GOLD_EVENT, "optional": True}
    assert _score(Records(), {"events": [optional]})["events"]["root"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    found = _score(Records(events=twice[:1]), {"events": [optional]})["events"]["root"]
    assert found["f1"] == 1.0


def test_null_source_matches_anything_and_missing_lists_are_not_scored() -> None:
    gold = {**GOLD_EVENT, "source": None, "plover": None}
    out = _score(Records(events=(_event(0, 33, "042", source=(), target=("PRK",)),)), {"events": [gold]})
    assert out["events"]["root"]["f1"] == 1.0
    assert out["events"]["plover"] is None
    assert out["quotes"] is None and out["times"] is None and out["actors"] is None


def test_actor_precision_counts_only_predictions_touching_gold() -> None:
    actors = (Actor("x", 0, 2, "Xi", "CHNGOV"), Actor("x", 34, 37, "Kim", "PRKGOV"), Actor("x", 11, 20, "Pyongyang", None))
    out = _score(Records(actors=actors), {"actors": [{"text": "Xi", "code": "CHNGOV"}]})["actors"]
    assert out["full"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    wrong = (Actor("x", 0, 2, "Xi", "CHNMIL"),)
    out = _score(Records(actors=wrong), {"actors": [{"text": "Xi", "code": "CHNGOV"}]})["actors"]
    assert out["full"]["f1"] == 0.0 and out["country"]["f1"] == 1.0


def test_quotes_need_half_the_gold_and_attribution_uses_last_word() -> None:
    start = TEXT.index("very fruitful")
    half = Quote("x", start, start + 7, "very fr", "partial", speaker="Kim Jong Un")
    out = _score(Records(quotes=(half,)), {"quotes": [{"speaker": "Kim", "text": "very fruitful"}]})["quotes"]
    assert out["f1"] == 1.0 and out["attribution"] == 1.0
    short = Quote("x", start, start + 4, "very", "partial", speaker="Xi")
    out = _score(Records(quotes=(short,)), {"quotes": [{"speaker": "Kim", "text": "very fruitful"}]})["quotes"]
    assert out["f1"] == 0.0 and out["attribution"] is None
    unnamed = {"speaker": None, "text": "very fruitful"}
    assert _score(Records(quotes=(half,)), {"quotes": [unnamed]})["quotes"]["attribution"] is None


def test_times_value_share_and_places_resolution() -> None:
    at = TEXT.index("Thursday")
    times = (TimeRef("x", at, at + 8, "Thursday", "2019-06-20", "day"),)
    out = _score(Records(times=times), {"times": [{"text": "on Thursday", "value": "2019-06-21"}]})["times"]
    assert out["f1"] == 1.0 and out["value"] == 0.0
    at = TEXT.index("Pyongyang")
    near = Place("x", at, at + 9, "Pyongyang", lat=39.03, lon=125.75, country="PRK")
    far = Place("x", at, at + 9, "Pyongyang", lat=37.56, lon=126.97, country="KOR")
    gold = {"places": [{"text": "Pyongyang", "lat": 39.0392, "lon": 125.7625}]}
    assert _score(Records(places=(near,)), gold)["places"]["resolved"] == 1.0
    assert _score(Records(places=(far,)), gold)["places"]["resolved"] == 0.0
    by_country = {"places": [{"text": "Pyongyang", "lat": None, "lon": None, "country": "PRK"}]}
    assert _score(Records(places=(near,)), by_country)["places"]["resolved"] == 1.0


def test_haversine_distance() -> None:
    assert km_between(39.0392, 125.7625, 37.5665, 126.978) == pytest.approx(195, abs=3)


def test_bad_gold_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text"}\n')
    with pytest.raises(EvalError, match="not a gold article"):
        list(read_gold([bad]))
    with pytest.raises(EvalError, match="does not exist"):
        list(read_gold([tmp_path / "missing.jsonl"]))


def test_gold_articles_keep_their_dates(tmp_path) -> None:
    good = tmp_path / "g.jsonl"
    good.write_text(json.dumps({"text": TEXT, "published": "2019-06-20"}) + "\n\n")
    [(article, gold)] = list(read_gold([good]))
    assert str(article.published) == "2019-06-20" and gold["text"] == TEXT
