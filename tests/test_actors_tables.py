"""The actor coder's tables and the coder on phrases (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp.actors.coder import Coder
from dateline.nlp.actors.tables import (
    country_of,
    match_sectors,
    organisation,
    organisations,
    people,
    sectors_of,
    singular,
    standing,
)
from dateline.nlp.geo.gazetteer import default_gazetteer


@pytest.mark.parametrize(
    ("title", "sectors"),
    [
        ("Defence Minister", ("GOV", "MIL")),
        ("Defense Secretary", ("GOV", "MIL")),
        ("NSA", ("GOV", "SPY")),
        ("troops", ("MIL",)),
        ("protesters", ("CVL",)),
        ("riot policemen", ("COP",)),
        ("Lt. Gen.", ("MIL",)),
        ("Sen.", ("LEG",)),
        ("jihadis", ("REB",)),
        ("foreign minister", ("GOV",)),
        ("Chief Justice", ("JUD",)),
    ],
)
def test_actors_sectors_from_titles(title: str, sectors: tuple[str, ...]) -> None:
    assert sectors_of(title) == sectors


def test_actors_longest_phrase_wins() -> None:
    assert match_sectors(["agricultural", "workers"]) == (("AGR",), 2)
    assert match_sectors(["workers"]) == (("LAB",), 1)
    assert match_sectors(["weather"]) == ((), 0)


def test_actors_singular_forms() -> None:
    assert singular("policemen") == "policeman"
    assert singular("militias") == "militia"
    assert singular("crisis") == "crisis"


def test_actors_countries_from_names_adjectives_and_capitals() -> None:
    assert country_of("Chinese") == "CHN"
    assert country_of("Pakistanis") == "PAK"
    assert country_of("the United States") == "USA"
    assert country_of("Britain") == "GBR"
    assert country_of("Beijing") is None
    assert country_of("Beijing", capitals=True) == "CHN"


def test_actors_organisations_and_igos() -> None:
    sco = organisation("SCO")
    assert sco is not None and sco.country == "IGO" and sco.sectors[0] == "IGO"
    assert organisation("the U.N.") is not None
    cia = organisation("CIA")
    assert cia is not None and (cia.country, cia.sectors) == ("USA", ("SPY",))


def test_actors_dated_organisation_coding() -> None:
    before = organisation("Taliban", date(2019, 5, 1))
    after = organisation("Taliban", date(2023, 5, 1))
    assert before is not None and before.sectors == ("REB",)
    assert after is not None and after.sectors == ("GOV",)


def test_actors_office_holders_by_date() -> None:
    merkel = people()["angela merkel"]
    assert standing(merkel, date(2017, 4, 1)).sectors == ("GOV",)
    later = standing(merkel, date(2023, 1, 1))
    assert later.former and later.sectors == ("ELI",)
    wang = standing(people()["wang yi"], date(2025, 6, 24))
    assert (wang.country, wang.role) == ("CHN", "Foreign Minister")
    singh = standing(people()["rajnath singh"], date(2025, 6, 24))
    assert (singh.country, singh.sectors) == ("IND", ("GOV", "MIL"))


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(gazetteer=default_gazetteer)


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Chile's Defense Ministry", "CHL", "GOV"),
        ("a former CIA official", "USA", "ELI"),
        ("members of the SANDF", "ZAF", "MIL"),
        ("Muslim clerics in France", "FRA", "REL"),
        ("Shanghai police", "CHN", "COP"),
        ("two Chinese warplanes", "CHN", "MIL"),
        ("Hezbollah", "LBN", "PTY"),
        ("Tehran", "IRN", "GOV"),
        ("Kano State government", "NGA", "GOV"),
        ("Boko Haram gunmen", "NGA", "REB"),
        ("Dehli police", "IND", "COP"),
    ],
)
def test_actors_coder_codes_phrases(coder: Coder, phrase: str, country: str, sector: str) -> None:
    coding = coder.code_words(phrase.replace("'s", " 's").split(), date(2022, 1, 1))
    assert coding is not None
    assert (coding.country, coding.sector) == (country, sector)


def test_actors_coder_leaves_names_alone_when_finding_places(coder: Coder) -> None:
    coding = coder.code_words(["Feliciano", "Valencia"], None, frozenset({"Valencia"}))
    assert coding is None


def test_actors_coder_rejects_non_actors(coder: Coder) -> None:
    assert coder.code_words(["a", "demand"], None) is None


def test_actors_organisation_rows_are_well_formed() -> None:
    from dateline.nlp.actors.dictionary import SECTORS
    from dateline.nlp.geo.countries import by_iso3

    countries = set(by_iso3()) | {"IGO", "UNO", "EUR"}
    kinds = {"IGO", "ORG", "PARTY", "ARMED", "MEDIA", "NGO", "PRE"}
    clashes = []
    for key, orgs in organisations().items():
        for org in orgs:
            assert org.sectors and set(org.sectors) <= SECTORS, org.name
            assert org.country is None or org.country in countries, org.name
            assert org.kind in kinds, org.name
        # One abbreviation, one organisation (a dated coding of it aside).
        if len({o.name for o in orgs}) > 1:
            clashes.append(key)
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("Alternative for Germany", "DEU", "PTY"),
        ("PML-N", "PAK", "PTY"),
        ("Trinamool Congress", "IND", "PTY"),
        ("Kataib Hezbollah", "IRQ", "PRM"),
        ("JNIM", "MLI", "REB"),
        ("Tren de Aragua", "VEN", "CRM"),
        ("al-Qassam Brigades", "PSE", "REB"),
        ("ISKP", "AFG", "REB"),
        ("Fano", "ETH", "PRM"),
        ("Kuomintang", "TWN", "PTY"),
    ],
)
def test_actors_parties_and_armed_groups(name: str, country: str, sector: str) -> None:
    org = organisation(name)
    assert org is not None and (org.country, org.sectors[0]) == (country, sector)


def test_actors_al_qaeda_has_no_one_country() -> None:
    org = organisation("al-Qaeda")
    assert org is not None and org.country is None and org.sectors == ("REB",)


@pytest.mark.parametrize(
    ("title", "sectors"),
    [
        ("White House chief of staff", ("GOV",)),
        ("Chief of the General Staff", ("MIL",)),
        ("Director-General", ("GOV",)),
        ("Attorney General", ("JUD",)),
        ("Air Chief Marshal", ("MIL",)),
        ("suicide bomber", ("REB",)),
        ("bandits", ("CRM",)),
        ("military junta", ("MIL", "GOV")),
        ("Supreme Leader", ("GOV",)),
    ],
)
def test_actors_sectors_of_titles_ending_in_general_words(
    title: str, sectors: tuple[str, ...]
) -> None:
    assert sectors_of(title) == sectors
