"""Toponym resolution: pick, for every place name of an article, one gazetteer feature.

Each candidate gets a score from its prior (feature type and population; own name rather
than an alternate one) and from the article: the countries it talks about (names,
adjectives, the dateline, places already resolved), qualifiers right next to the name
("Qingdao, China", "China's Qingdao", "Helena, Mont.", "Shandong province"), and
nearness to the article's other places. One name keeps one sense per article.
Resolution runs twice: the second pass also counts the countries and regions of the
places resolved in the first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from dateline.nlp.geo.build import GENERIC_REMAINDERS, strip_region_words
from dateline.nlp.geo.gazetteer import Entry, Gazetteer, distance_km, fold

# Words after (or ending) a name that say which kind of feature it is.
ADMIN_WORDS = frozenset(
    [
        "province",
        "state",
        "region",
        "governorate",
        "oblast",
        "district",
        "county",
        "prefecture",
        "department",
        "territory",
        "municipality",
        "sheng",
        "krai",
        "canton",
        "voivodeship",
        "emirate",
        "division",
    ]
)
CITY_WORDS = frozenset(["city", "town", "village", "capital"])
FACILITY_WORDS = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "lane",
        "drive",
        "square",
        "park",
        "plaza",
        "bridge",
        "tunnel",
        "airport",
        "station",
        "port",
        "harbour",
        "harbor",
        "hospital",
        "clinic",
        "university",
        "college",
        "school",
        "academy",
        "church",
        "cathedral",
        "basilica",
        "chapel",
        "mosque",
        "temple",
        "synagogue",
        "stadium",
        "arena",
        "hall",
        "centre",
        "center",
        "museum",
        "gallery",
        "theatre",
        "theater",
        "hotel",
        "mall",
        "market",
        "tower",
        "building",
        "house",
        "palace",
        "castle",
        "prison",
        "jail",
        "base",
        "camp",
        "court",
        "club",
        "field",
        "garden",
        "gardens",
        "library",
        "zoo",
    ]
)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str = "GPE"
    hint: str | None = None
    """"A" (an administrative region) or "P" (a populated place) when the text says so."""
    within_country: str | None = None
    """ISO alpha-3 of a country the text puts this place in ("China's Qingdao")."""
    within: int | None = None
    """Index of another mention this one lies in ("Helena, Mont.")."""
    contains: int | None = None
    """Index of another mention that lies in this one (the reverse of ``within``)."""
    weight: int = 2
    """How much the name tells about the article's place (the dateline's counts 4x)."""


@dataclass
class Context:
    """What the article says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[tuple[str, str]] = field(default_factory=Counter)
    anchors: list[Entry] = field(default_factory=list)
    own: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = field(default_factory=dict)
    breadth: dict[tuple[str, str], float] = field(default_factory=dict)
    """Share of its country's people that a region holds: naming England says little
    about which "Washington" is meant, naming Iowa says much."""
    """What each name's own resolution added, so that a name is not its own evidence."""

    def without(self, key: str) -> Context:
        """The context as the other names of the article make it."""
        countries, regions = Counter(self.countries), Counter(self.regions)
        if key in self.own:
            countries.subtract(self.own[key][0])
            regions.subtract(self.own[key][1])
        anchors = [a for a in self.anchors if fold(a.name) != key]
        return Context(+countries, +regions, anchors, breadth=self.breadth)

    def region_bonus(self, country2: str, code: str | None) -> float:
        if not code or (country2, code) not in self.regions:
            return 0.0
        total = sum(n for (cc, _), n in self.regions.items() if cc == country2)
        specific = 1.0 - min(0.9, self.breadth.get((country2, code), 0.0))
        return (1.0 + 2.0 * self.regions[(country2, code)] / total) * specific

    def country_bonus(self, iso3: str) -> float:
        if not iso3 or iso3 not in self.countries:
            return 0.0
        total = sum(self.countries.values())
        return 1.0 + 3.0 * self.countries[iso3] / total


def prior(entry: Entry) -> float:
    """How likely a feature is meant by its name, before reading the article."""
    pop = math.log10(entry.population + 10)
    if entry.source == "countries":
        score = 8.0 + 0.1 * pop
    elif entry.source == "features":
        score = 7.5
    elif entry.feature_code == "CONT":
        score = 8.5
    elif entry.feature_code == "ADM1":
        score = 0.5 * pop + 4.0 - max(0.0, 5.5 - pop)  # small regions count as places do
    elif entry.feature_code.startswith("ADM"):
        score = pop - 2.2
    else:
        capital = entry.feature_code == "PPLC" and not entry.alias
        score = pop + (2.5 if capital else 0.0)
    if entry.alias and entry.source == "geonames":
        # Other names of small places and districts are mostly old or foreign names.
        big = entry.population >= 100_000 and entry.feature_code != "ADM2"
        score -= 0.7 if big or entry.feature_code == "ADM1" else 2.0
    if entry.is_admin and fold(entry.name) in GENERIC_REMAINDERS:
        score -= 3.0  # "Western", "Central": regions named by a direction
    return score


def alias_bonus(entry: Entry, key: str) -> float:
    """A metropolis known without its "City" ("New York" for New York City) is not
    penalised as an alternate name."""
    if (
        entry.alias
        and entry.is_city
        and entry.population >= 1_000_000
        and entry.feature_code != "PPLC"
        and fold(entry.name) == key + " city"
    ):
        return 1.8
    return 0.0


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def candidates(self, mention: Mention) -> list[Entry]:
        key = fold(mention.text)
        if key in GENERIC_REMAINDERS or key.split()[-1] in FACILITY_WORDS:
            # "the West"; "Victoria Park", "Washington Square": a local feature, not the
            # place it is named after.
            return [e for e in self.gazetteer.lookup(key) if e.source == "features"]
        found = self.gazetteer.lookup(mention.text)
        if found:
            return found
        stripped = strip_region_words(mention.text)
        if stripped:
            last = fold(mention.text).split()[-1]
            if last in ADMIN_WORDS or last in ("sheng", "shi", "zizhiqu"):
                mention.hint = mention.hint or "A"
            return self.gazetteer.lookup(stripped)
        key = fold(mention.text)
        for word in CITY_WORDS:
            if key.endswith(" " + word):
                mention.hint = mention.hint or "P"
                return self.gazetteer.lookup(key[: -len(word) - 1])
        return []

    def score(
        self,
        entry: Entry,
        mention: Mention,
        ctx: Context,
        outer: list[Entry] | None = None,
        inner: list[Entry] | None = None,
    ) -> float:
        s = prior(entry) + alias_bonus(entry, fold(mention.text))
        s += ctx.country_bonus(entry.country3)
        # Nearness counts less for small places: every region has a few of every name.
        small = min(1.0, max(0.0, (math.log10(entry.population + 10) - 3.0) / 2.5))
        local = small if entry.is_city else 1.0
        s += ctx.region_bonus(entry.country2, entry.admin1_code)
        if mention.hint == "A":
            s += 3.0 if entry.is_admin else -1.0
        elif mention.hint == "P":
            s += 2.0 if entry.is_city else -1.0
        if mention.within_country:
            s += 5.0 if entry.country3 == mention.within_country else -3.0
        if outer:
            s += 5.0 if any(_inside(entry, o) for o in outer) else -1.0
        if inner:
            s += 4.0 if any(_inside(i, entry) for i in inner) else 0.0
        if ctx.anchors and not entry.is_country and entry.feature_code != "CONT":
            nearest = min(distance_km(entry.lat, entry.lon, a.lat, a.lon) for a in ctx.anchors)
            s += (1.5 if nearest < 150 else 0.75 if nearest < 500 else 0.0) * local
        return s

    def resolve(self, mentions: list[Mention], ctx: Context) -> list[Entry | None]:
        """One feature (or None) per mention."""
        cands = [self.candidates(m) for m in mentions]
        chosen: list[Entry | None] = [None] * len(mentions)
        for round_ in range(2):
            by_key: dict[tuple[object, ...], Entry | None] = {}
            qualified: dict[str, Entry] = {}
            for i, m in enumerate(mentions):
                if not cands[i]:
                    continue
                outer = _prominent(cands[m.within]) if m.within is not None else None
                inner = cands[m.contains] if m.contains is not None else None
                key = (fold(m.text), m.within_country, m.within, m.contains, m.hint)
                if key in by_key and m.within is None and m.contains is None:
                    chosen[i] = by_key[key]
                    continue
                local = ctx.without(fold(m.text))
                best = max(cands[i], key=lambda e: self.score(e, m, local, outer, inner))
                chosen[i] = by_key[key] = best
                if m.within is not None or m.within_country:
                    qualified.setdefault(fold(m.text), best)
            # A name once qualified ("Parkland, Florida") keeps that sense in the article.
            for i, m in enumerate(mentions):
                if m.within is None and not m.within_country and fold(m.text) in qualified:
                    chosen[i] = qualified[fold(m.text)]
            if round_ == 0:
                ctx = self._learn(ctx, mentions, chosen, cands)
        return chosen

    def _learn(
        self,
        ctx: Context,
        mentions: list[Mention],
        chosen: list[Entry | None],
        cands: list[list[Entry]],
    ) -> Context:
        countries = Counter(ctx.countries)
        regions = Counter(ctx.regions)
        anchors: list[Entry] = []
        own: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
        for m, entry, cs in zip(mentions, chosen, cands, strict=True):
            if entry is None:
                continue
            if entry.is_country:
                continue  # already counted from the text
            mine = own.setdefault(fold(m.text), (Counter(), Counter()))
            weight = (2 if entry.is_admin else 1) * m.weight // 2
            countries[entry.country3] += weight
            mine[0][entry.country3] += weight
            if entry.admin1_code:
                regions[(entry.country2, entry.admin1_code)] += 1
                mine[1][(entry.country2, entry.admin1_code)] += 1
            if entry.feature_code == "CONT" or entry.feature_code in ("SEA", "OCN", "RGN"):
                continue
            if len({(c.country3, c.admin1_code) for c in cs}) == 1 or _margin(entry, cs) > 2:
                anchors.append(entry)
        breadth = dict(ctx.breadth)
        for cc2, code in regions:
            if (cc2, code) not in breadth:
                breadth[(cc2, code)] = self._breadth(cc2, code)
        return Context(countries, regions, anchors, own, breadth)

    def _breadth(self, country2: str, code: str) -> float:
        region = self.gazetteer.admin1(country2, code)
        if region is None:
            return 0.0
        country = self.gazetteer.country(region.country3)
        if country is None or not country.population:
            return 0.0
        return min(1.0, region.population / country.population)


def _prominent(cands: list[Entry]) -> list[Entry]:
    """The candidates of a qualifying name that can contain a place: countries and
    first-level regions."""
    return [c for c in cands if c.is_country or c.feature_code == "ADM1"]


def _margin(best: Entry, cands: list[Entry]) -> float:
    others = [prior(c) for c in cands if c is not best]
    return prior(best) - max(others) if others else 10.0


def _inside(entry: Entry, outer: Entry) -> bool:
    if outer.is_country:
        return entry.country3 == outer.country3 and not entry.is_country
    if outer.feature_code == "ADM1":
        return (
            entry.country2 == outer.country2
            and entry.admin1_code == outer.admin1_code
            and entry is not outer
        )
    return False
