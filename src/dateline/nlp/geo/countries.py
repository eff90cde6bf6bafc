"""The project's country table (data/countries.tsv): every state and a few territories
with ISO codes, names and short forms, adjectives and demonyms, capitals and a
representative point. Shared by the gazetteer (places) and the actor coder (countries
named, described or metonymically standing for a government)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from dateline.nlp.geo.gazetteer import fold


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    lat: float
    lon: float

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a packaged tab-separated table, without comments and blank lines."""
    text = resources.files("dateline.nlp.geo").joinpath("data", name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    out = []
    for row in read_tsv("countries.tsv"):
        iso3, iso2, name, aliases, adjectives, capitals, lat, lon = row
        out.append(
            Country(
                iso3=iso3,
                iso2=iso2,
                name=name,
                aliases=_split(aliases),
                adjectives=_split(adjectives),
                capitals=_split(capitals),
                lat=float(lat),
                lon=float(lon),
            )
        )
    return tuple(out)


@functools.lru_cache(maxsize=1)
def by_iso3() -> dict[str, Country]:
    return {c.iso3: c for c in countries()}


@functools.lru_cache(maxsize=1)
def by_iso2() -> dict[str, Country]:
    return {c.iso2: c for c in countries()}


def _plural(word: str) -> str:
    if word.endswith(("ese", "ss", "ish", "ch", "sh", "Swiss")):
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


@functools.lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Folded country name or short form → ISO alpha-3 (first listed wins a clash)."""
    index: dict[str, str] = {}
    for c in countries():
        for name in c.names:
            index.setdefault(fold(name), c.iso3)
    return index


@functools.lru_cache(maxsize=1)
def adjective_index() -> dict[str, str]:
    """Folded adjective or demonym, singular and plural → ISO alpha-3.

    Where two countries share a form ("Dominican", "Congolese") the larger wins."""
    index: dict[str, str] = {}
    for c in sorted(countries(), key=lambda c: _SHARED_FORM_ORDER.get(c.iso3, 1)):
        for adj in c.adjectives:
            for form in (adj, _plural(adj)):
                index.setdefault(fold(form), c.iso3)
    return index


# Countries whose adjective another country shares: the one news means more often first.
_SHARED_FORM_ORDER = {"DOM": 0, "COD": 0, "IND": 0, "KOR": 0}


@functools.lru_cache(maxsize=1)
def capital_index() -> dict[str, str]:
    """Folded capital name → ISO alpha-3."""
    index: dict[str, str] = {}
    for c in countries():
        for cap in c.capitals:
            index.setdefault(fold(cap), c.iso3)
    return index
