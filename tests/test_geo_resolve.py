"""Toponym resolution in context, on a small gazetteer made up for the tests."""

from __future__ import annotations

from collections import Counter

from dateline.nlp.geo.gazetteer import Entry, Gazetteer
from dateline.nlp.geo.resolve import Context, Mention, Resolver, prior


def city(
    gid: int,
    name: str,
    cc3: str,
    pop: int,
    lat: float,
    lon: float,
    code: str = "PPL",
    admin1: str | None = None,
) -> Entry:
    return Entry(gid, name, lat, lon, cc3[:2], cc3, "P", code, pop, None, admin1)


PARIS_FR = city(1, "Paris", "FRA", 2_100_000, 48.85, 2.35, "PPLC")
PARIS_TX = city(2, "Paris", "USA", 25_000, 33.66, -95.55, admin1="TX")
TEXAS = Entry(3, "Texas", 31.0, -99.0, "US", "USA", "A", "ADM1", 25_000_000, "Texas", "TX")
USA = Entry(
    4, "United States", 39.76, -98.5, "US", "USA", "A", "PCLI", 330_000_000, source="countries"
)
LONDON_UK = city(5, "London", "GBR", 8_900_000, 51.5, -0.12, "PPLC")
LONDON_ON = city(6, "London", "CAN", 420_000, 42.98, -81.25, admin1="08")
ONTARIO = Entry(7, "Ontario", 50.0, -85.0, "CA", "CAN", "A", "ADM1", 14_000_000, "Ontario", "08")
GAZ = Gazetteer.from_entries(
    [(e, []) for e in (PARIS_FR, PARIS_TX, TEXAS, USA, LONDON_UK, LONDON_ON, ONTARIO)]
    + [(USA, ["U.S."])]
)


def resolve(
    mentions: list[Mention], countries: dict[str, float] | None = None
) -> list[Entry | None]:
    return Resolver(GAZ).resolve(mentions, Context(countries=Counter(countries or {})))


def test_geo_resolve_prefers_the_famous_place_without_context() -> None:
    (paris,) = resolve([Mention(0, 5, "Paris")])
    assert paris is PARIS_FR


def test_geo_resolve_a_qualifier_decides() -> None:
    paris, texas = resolve([Mention(0, 5, "Paris", within=1), Mention(7, 12, "Texas", contains=0)])
    assert paris is PARIS_TX
    assert texas is TEXAS


def test_geo_resolve_a_possessive_country_decides() -> None:
    (paris,) = resolve([Mention(0, 5, "Paris", within_country="USA")])
    assert paris is PARIS_TX


def test_geo_resolve_one_sense_per_article() -> None:
    out = resolve(
        [
            Mention(0, 5, "Paris", within=1),
            Mention(7, 12, "Texas", contains=0),
            Mention(40, 45, "Paris"),
        ]
    )
    assert out[2] is PARIS_TX


def test_geo_resolve_the_region_named_in_the_article_helps() -> None:
    out = resolve([Mention(0, 7, "Ontario"), Mention(20, 26, "London")], {"CAN": 2})
    assert out[1] is LONDON_ON


def test_geo_resolve_unknown_names_stay_unresolved() -> None:
    assert resolve([Mention(0, 9, "Atlantis")]) == [None]


def test_geo_resolve_a_facility_is_not_its_namesake_town() -> None:
    assert resolve([Mention(0, 17, "Washington Square")]) == [None]


def test_geo_prior_ranks_capitals_and_countries() -> None:
    assert prior(USA) > prior(PARIS_FR) > prior(PARIS_TX)
