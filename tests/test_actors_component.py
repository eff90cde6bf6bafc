"""The actors component in the pipeline: titles, coreference, countries as actors, label
repair, IGOs."""

from __future__ import annotations

import pytest

import dateline

TEXT = (
    "New Delhi: India's Defence Minister Rajnath Singh will attend a meeting of the "
    "Shanghai Cooperation Organisation (SCO) in China's Qingdao. Singh is travelling with "
    "officials. The defence minister will also meet Chinese Foreign Minister Wang Yi. "
    "Beijing said it welcomed the visit. Troops remain deployed in eastern Ladakh."
)


@pytest.fixture(scope="module")
def record(pipeline: object):  # type: ignore[no-untyped-def]
    return dateline.extract(TEXT, published="2025-06-24")


def by_text(record) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {TEXT[s:e]: a for a in record.actors for s, e in a.mentions}


@pytest.mark.model
def test_actors_component_title_and_possessive(record) -> None:  # type: ignore[no-untyped-def]
    singh = by_text(record)["Rajnath Singh"]
    assert (singh.kind, singh.country, singh.sectors) == ("PERSON", "IND", ["GOV", "MIL"])


@pytest.mark.model
def test_actors_component_surname_and_role_coreference(record) -> None:  # type: ignore[no-untyped-def]
    found = by_text(record)
    assert found["Singh"] is found["Rajnath Singh"]
    assert found["defence minister"] is found["Rajnath Singh"]


@pytest.mark.model
def test_actors_component_demonym_title(record) -> None:  # type: ignore[no-untyped-def]
    wang = by_text(record)["Wang Yi"]
    assert (wang.country, wang.sector) == ("CHN", "GOV")


@pytest.mark.model
def test_actors_component_igo_and_capital(record) -> None:  # type: ignore[no-untyped-def]
    found = by_text(record)
    sco = found["Shanghai Cooperation Organisation"]
    assert (sco.kind, sco.country, sco.sector) == ("IGO", "IGO", "IGO")
    assert found["SCO"] is sco
    beijing = found["Beijing"]
    assert (beijing.country, beijing.sector) == ("CHN", "GOV")


@pytest.mark.model
def test_actors_component_places_are_not_people(record) -> None:  # type: ignore[no-untyped-def]
    found = by_text(record)
    assert "Ladakh" not in found
    assert "Qingdao" not in found  # where, not who
    assert "Ladakh" in {TEXT[s:e] for p in record.places for s, e in p.mentions}


@pytest.mark.model
def test_actors_component_groups(record) -> None:  # type: ignore[no-untyped-def]
    troops = by_text(record)["Troops"]
    assert (troops.kind, troops.sector) == ("GROUP", "MIL")


@pytest.mark.model
def test_actors_component_former_leader_at_article_date(pipeline: object) -> None:
    text = "Angela Merkel spoke at a conference in Berlin."
    then = dateline.extract(text, published="2017-04-01").actors[0]
    now = dateline.extract(text, published="2023-04-01").actors[0]
    assert (then.country, then.sector) == ("DEU", "GOV")
    assert (now.country, now.sector) == ("DEU", "ELI")


@pytest.mark.model
def test_actors_component_spans_map_to_actor_ids(record) -> None:  # type: ignore[no-untyped-def]
    for actor in record.actors:
        for start, end in actor.mentions:
            assert TEXT[start:end].strip() == TEXT[start:end]
    assert [a.id for a in record.actors] == [f"a{i + 1}" for i in range(len(record.actors))]


def _actors(text: str, day: str = "2024-06-01") -> dict[str, object]:
    rec = dateline.extract(text, published=day)
    return {text[s:e]: a for a in rec.actors for s, e in a.mentions}


@pytest.mark.model
def test_actors_component_region_read_by_the_country_of_the_story(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Punjab is a province of Pakistan and a state of India: the story says which.
    indian = _actors(
        "Amritsar: Indian officials said the Punjab chief minister met farmers on Monday. "
        "Prime Minister Narendra Modi later spoke to them."
    )
    pakistani = _actors(
        "Lahore: Pakistani officials said the Punjab chief minister met farmers on Monday. "
        "Prime Minister Shehbaz Sharif later spoke to them."
    )
    assert indian["Punjab chief minister"].country == "IND"  # type: ignore[attr-defined]
    assert pakistani["Punjab chief minister"].country == "PAK"  # type: ignore[attr-defined]


@pytest.mark.model
def test_actors_component_office_holder_at_the_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Mark Rutte spoke to reporters in Brussels on Tuesday about the war."
    before, after = _actors(text, "2020-03-01"), _actors(text, "2025-03-01")
    assert before["Mark Rutte"].country == "NLD"  # type: ignore[attr-defined]
    assert after["Mark Rutte"].country == "IGO"  # type: ignore[attr-defined]


@pytest.mark.model
def test_actors_component_owner_of_an_organisation_comes_first(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = _actors("Chile's Ministry of Mines said output rose in March.")
    assert found["Ministry of Mines"].country == "CHL"  # type: ignore[attr-defined]


def test_actors_component_joins_a_name_split_in_two() -> None:
    import spacy
    from spacy.tokens import Span

    from dateline.nlp.actors.component import _joined_people

    doc = spacy.blank("en")("Chief Minister Jam Kamal Khan Alyani spoke in Quetta")
    doc.ents = [
        Span(doc, 2, 4, label="PERSON"),
        Span(doc, 4, 6, label="PERSON"),
        Span(doc, 8, 9, label="GPE"),
    ]
    assert [(e.text, e.label_) for e in _joined_people(doc)] == [
        ("Jam Kamal Khan Alyani", "PERSON"),
        ("Quetta", "GPE"),
    ]


def test_actors_component_document_countries_weigh_names_and_office_holders() -> None:
    import spacy
    from spacy.tokens import Span

    from dateline.nlp.actors.component import document_countries

    doc = spacy.blank("en")("Indian officials met Shehbaz Sharif and Pakistani envoys in Islamabad")
    doc.ents = [
        Span(doc, 0, 1, label="NORP"),
        Span(doc, 3, 5, label="PERSON"),
        Span(doc, 6, 7, label="NORP"),
        Span(doc, 9, 10, label="GPE"),
    ]
    assert document_countries(doc) == {"IND": 1.0, "PAK": 3.0}


def test_actors_component_misspelt_place_only_one_slip_away() -> None:
    from dateline.nlp.geo.gazetteer import _one_slip

    assert _one_slip("dehli", "delhi")  # two neighbours swapped
    assert _one_slip("kabol", "kabul")  # one letter
    assert not _one_slip("mines", "minsk")
    assert not _one_slip("chief", "chile")
