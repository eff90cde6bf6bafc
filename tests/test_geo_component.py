"""The geo component in the pipeline: names found (and repaired), resolved in context,
and the article's focus."""

from __future__ import annotations

import pytest

import dateline
from dateline.nlp.geo.gazetteer import distance_km


def places(text: str, published: str = "2025-06-24"):  # type: ignore[no-untyped-def]
    record = dateline.extract(text, published=published)
    return record, {text[s:e]: p for p in record.places for s, e in p.mentions}


@pytest.mark.model
def test_geo_component_resolves_in_the_country_context(pipeline: object) -> None:
    text = (
        "Ministers met in Qingdao, a port city in China's eastern Shandong province, "
        "before flying to Kazan in Russia."
    )
    _, found = places(text)
    assert found["Qingdao"].country == "CHN"
    assert distance_km(found["Qingdao"].lat, found["Qingdao"].lon, 36.07, 120.38) < 161
    assert found["Shandong province"].feature_code == "ADM1"
    assert found["Kazan"].country == "RUS"


@pytest.mark.model
def test_geo_component_finds_curated_features_and_folds_names(pipeline: object) -> None:
    text = (
        "Troops pulled back from the Galwan Valley and other points along the Line of Actual "
        "Control in eastern Ladākh, officials said."
    )
    _, found = places(text)
    assert found["Galwan Valley"].feature_code == "VAL"
    assert found["Line of Actual Control"].country == "IND"
    assert found["Ladākh"].country == "IND"


@pytest.mark.model
def test_geo_component_qualified_town(pipeline: object) -> None:
    text = "The festival in Paris, Texas, drew a small crowd on Saturday."
    _, found = places(text)
    assert found["Paris"].country == "USA"


@pytest.mark.model
def test_geo_component_dateline_is_the_focus(pipeline: object) -> None:
    from dateline.nlp.state import state
    from dateline.read.base import Article

    text = "Nairobi: Police dispersed protesters near parliament on Tuesday."
    article = Article(
        text=text,
        published=dateline.extract(text, published="2024-06-25").published,
        source="t",
        dateline="Nairobi",
        dateline_span=(0, 7),
    )
    doc = pipeline.nlp(pipeline.make_doc(article))  # type: ignore[attr-defined]
    st = state(doc)
    focus = next(p for p in st.places if p.id == st.focus)
    assert focus.name == "Nairobi" and focus.country == "KEN"


@pytest.mark.model
def test_geo_and_actors_seed_article_targets(pipeline, seed_path) -> None:  # type: ignore[no-untyped-def]
    from dateline.read import read_path

    (article,) = list(read_path(seed_path))
    record = pipeline.annotate_one(article)
    text = seed_path.read_text(encoding="utf-8")
    where = {text[s:e]: p for p in record.places for s, e in p.mentions}
    # Coordinates of the real places, independent of the gazetteer.
    for name, lat, lon in [
        ("Qingdao", 36.07, 120.38),
        ("Beijing", 39.90, 116.40),
        ("Kazan", 55.79, 49.12),
        ("Galwan Valley", 34.73, 78.25),
        ("Ladakh", 34.2, 77.6),
        ("Pahalgam", 34.02, 75.32),
    ]:
        place = where[name]
        assert distance_km(place.lat, place.lon, lat, lon) < 161, name
    who = {text[s:e]: a for a in record.actors for s, e in a.mentions}
    for name, country in [
        ("Rajnath Singh", "IND"),
        ("Ajit Doval", "IND"),
        ("Narendra Modi", "IND"),
        ("Wang Yi", "CHN"),
        ("Xi Jinping", "CHN"),
    ]:
        assert who[name].country == country, name
    assert who["SCO"].sector == "IGO"
