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
