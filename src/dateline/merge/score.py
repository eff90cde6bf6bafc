"""Comparing two event mentions: a few named pieces of evidence, each worth a weight,
and vetoes for what cannot be the same happening. The pieces are stored with every merge
decision, so anyone can read why two reports became one event.

Evidence (weights in :class:`MergeConfig`):

- ``type``: the same PLOVER type (a different type of the same family earns nothing and
  needs the rest of the evidence; different families veto);
- ``trigger``: the same trigger word stem ("talks" / "talk");
- ``date``: overlapping intervals at their precision — the same day earns most, a month
  that contains the day less; dates from the text that do not overlap veto (a day apart
  is tolerated for day-precision reports across time zones); a publication-date fallback
  only has to fall within a week after the other's date;
- ``actors``: shared actors by name ("Modi" / "Narendra Modi") and shared countries;
  coded countries with nothing in common veto;
- ``place``: near places (by coordinates), or one inside the other's country; two
  specific places far apart, or different countries, veto;
- ``text``: overlap of the sentences' content words;
- ``story``: overlap of the content words of the two articles' titles and leads.

Mentions without a PLOVER type (the ECB+ evaluation's) earn the ``type`` weight for
sharing their trigger word instead.

Two events of one article (the extractor already joins an article's repeated mentions)
merge only when they share the type and both have dates from the text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateline.merge.features import MergeMention, Party

VERSION = "dateline.merge.v1"

_COARSE = ("A",)  # GeoNames feature classes for countries and regions


@dataclass(frozen=True)
class MergeConfig:
    """Weights and threshold of the merger. Changing behaviour means a new ``version``."""

    version: str = VERSION
    threshold: float = 0.55
    min_parts: int = 3
    """An attach needs this many kinds of evidence (type and date alone never merge)."""
    same_type: float = 0.25
    trigger: float = 0.2
    same_day: float = 0.3
    overlap: float = 0.1
    fallback_overlap: float = 0.05
    actor_names: float = 0.35
    actor_countries: float = 0.15
    near: float = 0.15
    same_country: float = 0.05
    text: float = 0.35
    story: float = 0.3
    near_km: float = 50.0
    far_km: float = 500.0
    day_slack: timedelta = timedelta(days=1)
    same_article_needs_same_type: bool = True


DEFAULT = MergeConfig()


@dataclass
class Evidence:
    """Why two mentions are (or are not) the same happening."""

    score: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    veto: str | None = None

    def add(self, name: str, value: float) -> None:
        if value:
            self.parts[name] = round(value, 4)
            self.score = round(self.score + value, 4)

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "parts": dict(self.parts), "veto": self.veto}


def compare(a: MergeMention, b: MergeMention, config: MergeConfig = DEFAULT) -> Evidence:
    """The evidence that ``a`` and ``b`` report the same happening."""
    ev = Evidence()
    # -- type
    if not (a.type and b.type):
        if a.trigger and a.trigger == b.trigger:
            ev.add("type", config.same_type)  # untyped mentions: the same word stands in
    else:
        if a.type == b.type:
            ev.add("type", config.same_type)
        elif a.family != b.family:
            ev.veto = f"types {a.type} and {b.type} are of different families"
            return ev
        elif a.article == b.article and config.same_article_needs_same_type:
            ev.veto = "different types in the same article"
            return ev
    if a.article == b.article:
        # The extractor already joins repeated mentions in an article; two of its events
        # are only one happening when they share the type and a date from the text.
        if config.same_article_needs_same_type and a.type != b.type:
            ev.veto = "different types in the same article"
            return ev
        if not (a.dated and b.dated) and a.start is not None and b.start is not None:
            ev.veto = "two events of one article without dates from the text"
            return ev
    if a.status != b.status and "negated" in (a.status, b.status):
        ev.veto = f"one is {a.status}, the other {b.status}"
        return ev
    if a.trigger and a.trigger == b.trigger:
        ev.add("trigger", config.trigger)
    # -- date
    veto = _date(a, b, ev, config)
    if veto:
        ev.veto = veto
        return ev
    # -- actors
    veto = _actors(a, b, ev, config)
    if veto:
        ev.veto = veto
        return ev
    # -- place
    veto = _place(a, b, ev, config)
    if veto:
        ev.veto = veto
        return ev
    # -- text
    if a.words and b.words:
        overlap = len(a.words & b.words) / len(a.words | b.words)
        ev.add("text", config.text * overlap)
    if a.context and b.context and a.article != b.article:
        overlap = len(a.context & b.context) / len(a.context | b.context)
        ev.add("story", config.story * overlap)
    return ev


def _date(a: MergeMention, b: MergeMention, ev: Evidence, config: MergeConfig) -> str | None:
    wa, wb = a.window(), b.window()
    if wa is None or wb is None:
        return None
    if a.dated and b.dated:
        assert a.start and a.end and b.start and b.end
        slack = config.day_slack if a.precision == b.precision == "day" else timedelta(0)
        if a.start > b.end + slack or b.start > a.end + slack:
            return f"dates {a.value} and {b.value} do not overlap"
        if a.precision == b.precision == "day":
            ev.add("date", config.same_day if a.start == b.start else config.same_day / 2)
        else:
            days = max((a.end - a.start).days, (b.end - b.start).days) + 1
            ev.add("date", config.overlap / math.log2(1 + days) if days > 1 else config.overlap)
        return None
    if _overlaps(wa, wb):
        ev.add("date", config.fallback_overlap)
        return None
    return f"dates {a.value} ({a.basis}) and {b.value} ({b.basis}) are too far apart"


def _overlaps(x: tuple[date, date], y: tuple[date, date]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _same_party(x: Party, y: Party) -> bool:
    tx, ty = x.tokens, y.tokens
    if tx and ty and (tx <= ty or ty <= tx):
        return x.country is None or y.country is None or x.country == y.country
    return False


def _actors(a: MergeMention, b: MergeMention, ev: Evidence, config: MergeConfig) -> str | None:
    pa, pb = (*a.actors, *a.recipients), (*b.actors, *b.recipients)
    if not pa or not pb:
        return None
    ca, cb = a.countries, b.countries
    names = sum(1 for x in pa if any(_same_party(x, y) for y in pb))
    if ca and cb and not ca & cb and not names:
        return f"no actor in common ({', '.join(sorted(ca))} / {', '.join(sorted(cb))})"
    if names:
        ev.add("actors", config.actor_names * min(1.0, names / min(len(pa), len(pb))))
    if ca and cb:
        ev.add("countries", config.actor_countries * len(ca & cb) / len(ca | cb))
    return None


def _place(a: MergeMention, b: MergeMention, ev: Evidence, config: MergeConfig) -> str | None:
    if a.place is None or b.place is None:
        return None
    coarse = _is_coarse(a) or _is_coarse(b)
    if coarse:
        if a.place_country and b.place_country:
            if a.place_country == b.place_country:
                ev.add("place", config.same_country)
                return None
            if a.place_basis == b.place_basis == "attached":
                return f"places in {a.place_country} and {b.place_country}"
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        ev.add("place", config.near)
        return None
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km <= config.near_km:
        ev.add("place", config.near)
    elif km > config.far_km and a.place_basis == b.place_basis == "attached":
        return f"{a.place} and {b.place} are {km:.0f} km apart"
    return None


def _is_coarse(m: MergeMention) -> bool:
    code = m.feature_code or ""
    return code.startswith(("PCL", "ADM", "RGN", "CONT")) or m.lat is None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
