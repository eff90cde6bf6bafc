"""One flat row per canonical event: ACLED's column names where they apply, then ours.
Every table-shaped export (CSV, Parquet, GeoJSON properties, ``Store.to_dataframe``)
uses these columns; docs/formats.md documents each (a test checks).

The ACLED type columns (``disorder_type``, ``event_type``, ``sub_event_type``) hold ACLED's
vocabulary, from :func:`dateline.nlp.events.acled.acled_type_of_stored` unless another
mapping is installed with :func:`set_type_mapping`; they are empty for events ACLED would
not record (meetings, demands, planned or denied events). The PLOVER values are always in
``plover_type``/``plover_mode``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pycountry

from dateline.merge.features import FAMILIES
from dateline.model import ActorRef, StoredEvent
from dateline.nlp.events.acled import acled_type_of_stored

TypeMapping = Callable[[StoredEvent], tuple[str, str, str] | None]
"""A canonical event → (disorder_type, event_type, sub_event_type), or None when it has
no ACLED type."""

_type_mapping: TypeMapping = acled_type_of_stored


def set_type_mapping(mapping: TypeMapping | None) -> None:
    """Install the mapping that fills ACLED's type columns (None: the default one)."""
    global _type_mapping
    _type_mapping = mapping or acled_type_of_stored


# (column, type) in order; types: str, int, float, date
COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id_cnty", "str"),
    ("event_date", "date"),
    ("year", "int"),
    ("time_precision", "int"),
    ("disorder_type", "str"),
    ("event_type", "str"),
    ("sub_event_type", "str"),
    ("actor1", "str"),
    ("assoc_actor_1", "str"),
    ("inter1", "int"),
    ("actor2", "str"),
    ("assoc_actor_2", "str"),
    ("inter2", "int"),
    ("interaction", "int"),
    ("country", "str"),
    ("admin1", "str"),
    ("location", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geo_precision", "int"),
    ("source", "str"),
    ("notes", "str"),
    ("timestamp", "int"),
    # ours
    ("event_date_end", "date"),
    ("date_value", "str"),
    ("date_precision", "str"),
    ("date_basis", "str"),
    ("plover_type", "str"),
    ("plover_mode", "str"),
    ("cameo", "str"),
    ("quad_class", "int"),
    ("status", "str"),
    ("actor1_country", "str"),
    ("actor1_sector", "str"),
    ("actor2_country", "str"),
    ("actor2_sector", "str"),
    ("country_code3", "str"),
    ("geonameid", "int"),
    ("confidence", "float"),
    ("mentions", "int"),
    ("articles", "int"),
    ("sources", "int"),
    ("first_reported", "date"),
    ("last_reported", "date"),
    ("source_url", "str"),
    ("conflicts", "str"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)

_TIME_PRECISION = {"day": 1, "week": 2}  # ACLED: 1 day, 2 within a week, 3 a month or more
_QUAD = {
    "verbal-cooperation": 1,
    "material-cooperation": 2,
    "verbal-conflict": 3,
    "material-conflict": 4,
}
# ACLED actor categories (inter codes) from PLOVER sectors, where one is clear.
_INTER = {
    "MIL": 1,
    "GOV": 1,
    "COP": 1,
    "SPY": 1,
    "REB": 2,
    "INS": 2,
    "MILITIA": 3,
    "PRO": 6,
    "OPP": 6,
    "CVL": 7,
    "JRN": 7,
    "REL": 7,
    "IGO": 8,
    "NGO": 8,
}


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    found = pycountry.countries.get(alpha_3=code)
    return str(found.name) if found is not None else code


def _inter(actor: ActorRef | None) -> int | None:
    if actor is None:
        return None
    if actor.sector and actor.sector in _INTER:
        return _INTER[actor.sector]
    if actor.kind == "IGO":
        return 8
    return None


def _geo_precision(event: StoredEvent) -> int | None:
    """ACLED: 1 the town itself, 2 a region around it, 3 a larger area (a country)."""
    if event.where is None:
        return None
    if event.where.lat is None or event.where.geonameid is None:
        return 3
    name = (event.where.name or "").strip().lower()
    country = (country_name(event.where.country) or "").lower()
    return 3 if name and name == country else 1


def event_row(event: StoredEvent) -> dict[str, Any]:
    """The flat row of one canonical event (values typed as in :data:`COLUMNS`)."""
    actors, recipients = event.actors, event.recipients
    a1 = actors[0] if actors else None
    a2 = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    rest1 = actors[1:] if recipients else actors[2:]
    rest2 = recipients[1:]
    mapped = _type_mapping(event)
    first = min(event.mentions, key=lambda m: (m.published, m.article), default=None)
    sources = sorted({m.source for m in event.mentions})
    inter1, inter2 = _inter(a1), _inter(a2)
    return {
        "event_id_cnty": event.id,
        "event_date": event.when.start,
        "year": event.when.start.year,
        "time_precision": _TIME_PRECISION.get(event.when.precision, 3),
        "disorder_type": mapped[0] if mapped else None,
        "event_type": mapped[1] if mapped else None,
        "sub_event_type": mapped[2] if mapped else None,
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": "; ".join(a.name for a in rest1) or None,
        "inter1": inter1,
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": "; ".join(a.name for a in rest2) or None,
        "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
        if inter1 and inter2
        else (inter1 * 10 if inter1 else None),
        "country": country_name(event.where.country) if event.where else None,
        "admin1": None,
        "location": event.where.name if event.where else None,
        "latitude": event.where.lat if event.where else None,
        "longitude": event.where.lon if event.where else None,
        "geo_precision": _geo_precision(event),
        "source": "; ".join(sources) or None,
        "notes": first.sentence.text if first else None,
        "timestamp": int(
            datetime.combine(event.last_reported, datetime.min.time(), UTC).timestamp()
        ),
        "event_date_end": event.when.end,
        "date_value": event.when.value,
        "date_precision": event.when.precision,
        "date_basis": event.when.basis,
        "plover_type": event.type,
        "plover_mode": event.mode,
        "cameo": event.cameo,
        "quad_class": _QUAD.get(FAMILIES.get(event.type, "")),
        "status": event.status,
        "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "country_code3": event.where.country if event.where else None,
        "geonameid": event.where.geonameid if event.where else None,
        "confidence": event.confidence,
        "mentions": event.mention_count,
        "articles": event.article_count,
        "sources": event.source_count,
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
        "source_url": first.source if first else None,
        "conflicts": json.dumps(
            {k: [c.model_dump() for c in v] for k, v in event.conflicts.items()},
            sort_keys=True,
        )
        if event.conflicts
        else None,
    }


def text_value(value: Any) -> str:
    """A cell as text (CSV/TSV): ISO dates, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
