"""The pipeline end to end: contract shape and offsets that slice the text they claim."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import dateline
from dateline.errors import Code, ModelError
from dateline.model import ArticleRecord, Extraction, json_schema
from dateline.nlp.pipeline import load_model
from dateline.read import read_path

TEXT = (
    "Nairobi: Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in "
    "Addis Ababa on Monday to discuss the disputed border. Ruto later said Kenya will "
    "host a regional summit in Mombasa in May 2025."
)


def assert_offsets(text: str, record: ArticleRecord) -> None:
    """Every span in the record slices the text it claims."""
    for t in record.timexes:
        assert text[t.start : t.end] == t.text
    for a in record.actors:
        for start, end in a.mentions:
            assert text[start:end].strip() == text[start:end] and end > start
    for p in record.places:
        for start, end in p.mentions:
            assert end > start
    for e in record.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.sentence.start <= e.trigger.start < e.sentence.end
        assert text[e.sentence.start : e.sentence.end] == e.sentence.text


@pytest.mark.model
def test_pipeline_extract_contract(pipeline: object) -> None:
    record = dateline.extract(TEXT, published="2025-01-15", id="k1")
    assert record.id == "k1"
    assert record.published == date(2025, 1, 15)
    assert record.dateline == "Nairobi"
    assert_offsets(TEXT, record)
    values = {t.text: t.value for t in record.timexes}
    assert values["Monday"] == "2025-01-13"
    assert values["May 2025"] == "2025-05"
    names = {a.name: a for a in record.actors}
    assert names["William Ruto"].country == "KEN"
    assert names["William Ruto"].sector == "GOV"
    assert {p.name for p in record.places} >= {"Addis Ababa", "Mombasa"}
    meeting = next(e for e in record.events if e.trigger.text == "met")
    assert meeting.type == "CONSULT"
    assert meeting.when.value == "2025-01-13"
    assert meeting.when.basis == "text"
    ids = {a.id: a.name for a in record.actors}
    assert ids[meeting.actors[0]] == "William Ruto"


@pytest.mark.model
def test_pipeline_fallback_date_is_marked_published(pipeline: object) -> None:
    record = dateline.extract("Police arrested protesters in Lima.", published="2024-03-01")
    for event in record.events:
        assert event.when.basis == "published"
        assert event.when.timex is None


@pytest.mark.model
def test_pipeline_no_political_action_no_event(pipeline: object) -> None:
    record = dateline.extract("The weather in Lima was mild and sunny.", published="2024-03-01")
    assert record.events == []


@pytest.mark.model
def test_pipeline_seed_article_offsets_are_file_offsets(pipeline, seed_path: Path) -> None:  # type: ignore[no-untyped-def]
    (article,) = list(read_path(seed_path))
    record = pipeline.annotate_one(article)
    text = seed_path.read_text(encoding="utf-8")
    assert_offsets(text, record)
    assert record.dateline == "New Delhi"
    wednesday = next(t for t in record.timexes if t.text == "Wednesday")
    assert (wednesday.start, wednesday.value) == (317, "2025-06-25")
    assert all(t.start >= article.body_start for t in record.timexes)  # header not a timex
    qingdao = next(p for p in record.places if p.name == "Qingdao")
    assert (294, 301) in qingdao.mentions
    assert record.events


def test_pipeline_unknown_model_is_a_coded_error() -> None:
    with pytest.raises(ModelError) as info:
        load_model("xx_no_such_pipeline")
    assert info.value.code is Code.E007
    assert "xx_no_such_pipeline" in info.value.message


def test_model_schema_is_the_contract() -> None:
    schema = json_schema()
    article = schema["$defs"]["ArticleRecord"]["properties"]
    assert {"id", "title", "source", "published", "timexes", "actors", "places", "events"} <= set(
        article
    )
    event = schema["$defs"]["Event"]["properties"]
    assert {
        "id",
        "type",
        "mode",
        "cameo",
        "actors",
        "recipients",
        "status",
        "when",
        "where",
        "trigger",
        "sentence",
        "confidence",
    } <= set(event)
    when = schema["$defs"]["When"]["properties"]
    assert set(when) >= {"value", "start", "end", "precision", "timex", "basis"}
    assert schema["$defs"]["When"]["properties"]["basis"]["enum"] == [
        "text",
        "inferred",
        "published",
    ]
    json.dumps(schema)


def test_model_round_trips_through_json() -> None:
    from tests.test_store import make_pair

    _, record = make_pair()
    doc = Extraction(articles=[record])
    again = Extraction.model_validate_json(doc.model_dump_json())
    assert again == doc
    dumped = json.loads(doc.model_dump_json())
    assert dumped["articles"][0]["events"][0]["when"]["start"] == "2024-12-16"
