"""A canonical event's fields from its mentions: the most precise evidence wins, and what
disagrees is kept as a conflict rather than hidden.

- **when**: a date from the text beats the publication-date fallback; a narrower interval
  beats a wider one (a day beats a month); then the value most reports give; then the
  earliest report. Dates from the text that do not overlap the chosen one are conflicts.
- **where**: a specific place (a town) beats a country or region; a place attached to the
  trigger beats one elsewhere in the sentence, the dateline or the article's focus; then
  the place most reports give. Specific places far from the chosen one are conflicts.
- **type**: the type most mentions give (mode and CAMEO code with it); others are conflicts.
- **status**: the latest report's (a meeting first *planned*, then reported as *occurred*);
  others are conflicts.
- **confidence**: the highest of the mentions'.
- **counts**: mentions (each repetition in an article counts), distinct articles and
  sources, first and last publication day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.merge.features import MergeMention
from dateline.merge.score import DEFAULT, MergeConfig, haversine_km

_PLACE_BASIS = {"attached": 0, "sentence": 1, "dateline": 2, "focus": 3, None: 4}


@dataclass
class Canonical:
    type: str
    mode: str | None
    cameo: str | None
    status: str
    when_value: str
    when_start: date
    when_end: date
    precision: str
    basis: str
    place_name: str | None
    lat: float | None
    lon: float | None
    place_country: str | None
    geonameid: int | None
    confidence: float
    mentions: int
    articles: int
    sources: int
    first_reported: date
    last_reported: date
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """The ``events`` table's columns."""
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "status": self.status,
            "when_value": self.when_value,
            "when_start": self.when_start,
            "when_end": self.when_end,
            "precision": self.precision,
            "basis": self.basis,
            "place_name": self.place_name,
            "lat": self.lat,
            "lon": self.lon,
            "place_country": self.place_country,
            "geonameid": self.geonameid,
            "confidence": self.confidence,
            "mentions": self.mentions,
            "articles": self.articles,
            "sources": self.sources,
            "first_reported": self.first_reported,
            "last_reported": self.last_reported,
            "conflicts": self.conflicts or None,
        }


def canonical(members: Sequence[MergeMention], config: MergeConfig = DEFAULT) -> Canonical:
    """The canonical fields of a cluster (``members`` in any order)."""
    if not members:
        raise ValueError("a canonical event needs at least one mention")
    ms = sorted(members, key=lambda m: (m.order, m.key))
    conflicts: dict[str, list[dict[str, Any]]] = {}

    # type, with mode and CAMEO code from the best mention of that type
    types = Counter[str]()
    for m in ms:
        types[m.type or "UNKNOWN"] += m.mentions
    type_ = max(types, key=lambda t: (types[t], -_first(ms, lambda m, t=t: m.type == t)))
    typed = [m for m in ms if (m.type or "UNKNOWN") == type_]
    lead = max(typed, key=lambda m: (m.confidence, -ms.index(m)))
    if len(types) > 1:
        conflicts["type"] = [{"value": t, "mentions": n} for t, n in types.items() if t != type_]

    # status: the latest report
    status_lead = max(ms, key=lambda m: (m.published, m.confidence, -ms.index(m)))
    statuses = Counter(m.status for m in ms)
    if len(statuses) > 1:
        conflicts["status"] = [
            {"value": s, "mentions": n} for s, n in statuses.items() if s != status_lead.status
        ]

    # when
    values = Counter(m.value for m in ms)
    when = min(
        (m for m in ms if m.start is not None),
        key=lambda m: (
            not m.dated,
            _width(m),
            m.basis != "text",
            -values[m.value],
            ms.index(m),
        ),
        default=None,
    )
    if when is None or when.start is None or when.end is None:
        raise ValueError("a stored event needs a date (the publication date at least)")
    clashing: Counter[tuple[str, str]] = Counter()
    for m in ms:
        if m.dated and m.start and m.end and (m.start > when.end or m.end < when.start):
            clashing[(m.value or "", m.precision or "")] += 1
    if clashing:
        conflicts["when"] = [
            {"value": v, "precision": p, "mentions": n} for (v, p), n in clashing.items()
        ]

    # where
    geos = Counter(m.geonameid for m in ms if m.place is not None)
    where = min(
        (m for m in ms if m.place is not None),
        key=lambda m: (
            _coarse(m),
            _PLACE_BASIS.get(m.place_basis, 4),
            -geos[m.geonameid],
            ms.index(m),
        ),
        default=None,
    )
    if where is not None:
        far: Counter[str] = Counter()
        for m in ms:
            if m.place is None or m.geonameid == where.geonameid:
                continue
            other_country = (
                m.place_country and where.place_country and m.place_country != where.place_country
            )
            distant = (
                not _coarse(m)
                and None not in (m.lat, m.lon, where.lat, where.lon)
                and haversine_km(m.lat, m.lon, where.lat, where.lon)  # type: ignore[arg-type]
                > config.far_km
            )
            if other_country or distant:
                far[m.place] += 1
        if far:
            conflicts["where"] = [{"value": p, "mentions": n} for p, n in far.items()]

    return Canonical(
        type=type_,
        mode=lead.mode,
        cameo=lead.cameo,
        status=status_lead.status,
        when_value=when.value or when.start.isoformat(),
        when_start=when.start,
        when_end=when.end,
        precision=when.precision or "day",
        basis=when.basis or "published",
        place_name=where.place if where else None,
        lat=where.lat if where else None,
        lon=where.lon if where else None,
        place_country=where.place_country if where else None,
        geonameid=where.geonameid if where else None,
        confidence=max(m.confidence for m in ms),
        mentions=sum(m.mentions for m in ms),
        articles=len({m.article for m in ms}),
        sources=len({m.source for m in ms}),
        first_reported=min(m.published for m in ms),
        last_reported=max(m.published for m in ms),
        conflicts=conflicts,
    )


def _first(ms: Sequence[MergeMention], pred: Any) -> int:
    return next(i for i, m in enumerate(ms) if pred(m))


def _width(m: MergeMention) -> int:
    assert m.start is not None and m.end is not None
    return (m.end - m.start).days


def _coarse(m: MergeMention) -> bool:
    code = m.feature_code or ""
    return code.startswith(("PCL", "ADM", "RGN", "CONT")) or m.lat is None
