"""``geojson``: a FeatureCollection of points (``[longitude, latitude]``, WGS 84) whose
properties are the flat columns (dates as ISO strings), for QGIS, Leaflet and Kepler.gl.
Events without coordinates are left out."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from dateline.export import register
from dateline.export.rows import event_row
from dateline.model import StoredEvent


@register("geojson", suffix=".geojson", description="GeoJSON points with event properties")
def write_geojson(events: Iterable[StoredEvent], out: Path) -> int:
    n = 0
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for event in events:
            if event.where is None or event.where.lat is None or event.where.lon is None:
                continue
            row = {
                k: v.isoformat() if isinstance(v, date) else v for k, v in event_row(event).items()
            }
            feature = {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [event.where.lon, event.where.lat]},
                "properties": row,
            }
            fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
    tmp.replace(out)
    return n
