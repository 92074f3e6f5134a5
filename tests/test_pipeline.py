"""pipeline.process and pipeline.run: order, batching, Skips, stages seeing earlier records."""

from __future__ import annotations

from datetime import date

import pytest

from tidings import pipeline as pipeline_module
from tidings.config import Settings
from tidings.ingest import make_article
from tidings.pipeline import Pipeline
from tidings.types import Actor, Result, Skip, TimeRef

pytestmark = pytest.mark.model


def _times_stage(article, doc, records):
    return tuple(
        TimeRef(article.id, ent.start_char, ent.end_char, ent.text, None, "day")
        for ent in doc.ents if ent.label_ == "DATE"
    )


def _actors_stage(article, doc, records):
    # proves stages run in order and see what earlier ones found
    return tuple(Actor(article.id, t.start, t.end, t.text, None, rule="saw-time") for t in records.times)


@pytest.fixture
def toy_pipeline(monkeypatch, nlp) -> Pipeline:
    monkeypatch.setattr(
        pipeline_module, "build_stages",
        lambda settings: [("times", _times_stage), ("actors", _actors_stage)],
    )
    return Pipeline(Settings(batch_size=2), nlp=nlp)


def test_run_keeps_order_and_passes_skips(toy_pipeline: Pipeline) -> None:
    items = [
        make_article("Xi visited Pyongyang on Thursday.", published=date(2019, 6, 20)),
        Skip("bad.bin", "binary file"),
        make_article("Kim met Trump in June 2019."),
        make_article("Nothing happened."),
    ]
    out = list(toy_pipeline.run(items))
    assert [type(o) for o in out] == [Result, Skip, Result, Result]
    assert [o.article.text for o in out if isinstance(o, Result)] == [
        items[0].text, items[2].text, items[3].text,
    ]
    first = out[0]
    assert [t.text for t in first.records.times] == ["Thursday"]
    assert [a.rule for a in first.records.actors] == ["saw-time"]
    assert out[3].records.counts() == {"actors": 0, "events": 0, "quotes": 0, "times": 0, "places": 0}


def test_process_matches_run(toy_pipeline: Pipeline) -> None:
    article = make_article("Kim met Trump in June 2019.")
    assert toy_pipeline.process(article) == next(toy_pipeline.run([article]))


def test_doc_carries_records(toy_pipeline: Pipeline, nlp) -> None:
    article = make_article("Talks resumed on Friday.")
    doc = nlp(article.text)
    result = toy_pipeline.analyse(article, doc)
    assert doc._.tidings_records == result.records
    assert doc._.tidings_article_id == article.id


def test_stage_registry_covers_every_record_kind() -> None:
    from tidings.types import RECORD_KINDS

    assert set(pipeline_module.STAGES) == set(RECORD_KINDS)


def test_a_failing_stage_skips_that_article_only(monkeypatch, nlp) -> None:
    def fragile(article, doc, records):
        if "boom" in article.text:
            raise ValueError("cannot cope")
        return ()

    monkeypatch.setattr(pipeline_module, "build_stages", lambda settings: [("times", fragile)])
    pipeline = Pipeline(Settings(), nlp=nlp)
    out = list(pipeline.run([make_article("boom went the talks", origin="a.txt"), make_article("Talks went on.")]))
    assert isinstance(out[0], Skip) and out[0].source == "a.txt" and "cannot cope" in out[0].reason
    assert isinstance(out[1], Result)
