"""The gazetteer index and the project's own geographic tables: every curated feature
and every country row is checked against the GeoNames places around it."""

from __future__ import annotations

import pytest

from dateline.nlp.geo.build import representative_point, strip_region_words, variants
from dateline.nlp.geo.countries import (
    adjective_index,
    capital_index,
    countries,
    name_index,
    read_tsv,
)
from dateline.nlp.geo.gazetteer import Entry, Gazetteer, default_gazetteer, distance_km, fold

FEATURES = read_tsv("features.tsv")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def test_geo_fold_meets_spellings() -> None:
    assert fold("Ladākh") == fold("Ladakh") == "ladakh"
    assert fold("China's") == "china"
    assert fold("U.S.") == "u s"
    assert fold("N'Djamena") == fold("NDjamena")
    assert fold("Łódź") == "lodz"
    assert fold("  Galwan   Valley ") == "galwan valley"


def test_geo_region_words_are_stripped() -> None:
    assert strip_region_words("Shandong Sheng") == "shandong"
    assert strip_region_words("State of Texas") == "texas"
    assert strip_region_words("Western Region") is None  # too generic to index
    assert strip_region_words("Kerala") is None


def test_geo_variants_of_saints_and_mounts() -> None:
    assert "st louis" in variants("Saint Louis")
    assert "saint louis" in variants("St. Louis")
    assert "mt everest" in variants("Mount Everest")


def test_geo_representative_point_ignores_a_stray_place() -> None:
    cluster = [(30.0 + i * 0.1, 120.0 + i * 0.1) for i in range(10)]
    lat, lon = representative_point([*cluster, (10.0, 60.0)])
    assert distance_km(lat, lon, 30.45, 120.45) < 100


def test_geo_representative_point_across_the_antimeridian() -> None:
    _, lon = representative_point([(-17.0, 178.0), (-17.5, -179.0), (-16.5, 179.5)])
    assert abs(lon) > 178


def test_geo_memory_gazetteer_lookup_and_aliases() -> None:
    paris = Entry(1, "Paris", 48.85, 2.35, "FR", "FRA", "P", "PPLC", 2_000_000)
    gaz = Gazetteer.from_entries([(paris, ["Lutetia"])])
    assert gaz.lookup("paris")[0].name == "Paris"
    assert gaz.lookup("Lutetia")[0].alias
    assert gaz.lookup("Nowhere") == []
    assert gaz.extent("FRA") == (48.85, 48.85, 2.35, 2.35)


def test_geo_country_table_is_consistent() -> None:
    rows = countries()
    assert len({c.iso3 for c in rows}) == len(rows)
    assert len({c.iso2 for c in rows}) == len(rows)
    assert len(rows) >= 195
    for c in rows:
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c.iso3
        assert c.capitals, c.iso3
    assert name_index()["united states"] == "USA"
    assert adjective_index()["pakistanis"] == "PAK"
    assert adjective_index()["chinese"] == "CHN"
    assert capital_index()["beijing"] == "CHN"


@pytest.mark.parametrize("country", countries(), ids=lambda c: c.iso3)
def test_geo_country_rows_agree_with_geonames(gazetteer: Gazetteer, country) -> None:  # type: ignore[no-untyped-def]
    own = [e for e in gazetteer.lookup(country.name) if e.is_country]
    assert own and own[0].country3 == country.iso3
    capital = [e for e in gazetteer.lookup(country.capitals[0]) if e.is_city]
    assert any(e.country3 == country.iso3 for e in capital), country.capitals[0]
    south, north, west, east = gazetteer.extent(country.iso3) or (0, 0, 0, 0)
    assert south - 2 <= country.lat <= north + 2, "the country's point lies outside it"
    if east - west < 180:
        assert west - 2 <= country.lon <= east + 2, "the country's point lies outside it"


@pytest.mark.parametrize("row", FEATURES, ids=lambda r: r[0])
def test_geo_curated_feature_is_checked(gazetteer: Gazetteer, row: list[str]) -> None:
    name, aliases, fclass, fcode, iso3, lat_s, lon_s = row
    lat, lon = float(lat_s), float(lon_s)
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    assert fclass in "AHLPRSTUV" and len(fclass) == 1 and fcode.isupper()
    found = [e for e in gazetteer.lookup(name) if e.source == "features"]
    assert found and (found[0].lat, found[0].lon) == (lat, lon)
    for alias in filter(None, aliases.split("|")):
        assert any(e.name == name for e in gazetteer.lookup(alias)), alias
    if iso3:
        # A place of the stated country lies nearby: catches swapped or mistyped
        # coordinates and wrong country codes.
        near = [e for e in gazetteer.near(lat, lon, 400) if e.country3 == iso3]
        assert near, f"no populated place of {iso3} within 400 km of {name}"


def test_geo_index_finds_the_seed_places(gazetteer: Gazetteer) -> None:
    for name, lat, lon in [
        ("Qingdao", 36.07, 120.38),
        ("Kazan", 55.79, 49.12),
        ("Pahalgam", 34.02, 75.32),
        ("Shandong Sheng", 36.4, 118.4),
        ("Ladākh", 34.2, 77.6),
    ]:
        best = gazetteer.lookup(name)[0]
        assert distance_km(best.lat, best.lon, lat, lon) < 161, name


def test_geo_fuzzy_finds_a_misspelt_city(gazetteer: Gazetteer) -> None:
    assert gazetteer.fuzzy("Dehli")[0].country3 == "IND"
    assert gazetteer.fuzzy("Guard") == []
