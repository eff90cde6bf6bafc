"""``gdelt``: a GDELT-like event table: tab-separated, **no header** (as GDELT's files),
GDELT 2.0 column names and order for what we have (see docs/formats.md), dates as
``YYYYMMDD``. Countries are ISO 3166 alpha-3 codes, not GDELT's FIPS codes; CAMEO codes
are those our PLOVER types map to."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.export import register
from dateline.export.rows import event_row, text_value
from dateline.model import StoredEvent

COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)


def gdelt_row(event: StoredEvent) -> list[Any]:
    row = event_row(event)
    day = event.when.start
    cameo = event.cameo or ""
    geo_type = None
    if event.where is not None:
        geo_type = 1 if row["geo_precision"] == 3 else 4  # 1 country, 4 world city
    return [
        event.id,
        day.strftime("%Y%m%d"),
        day.strftime("%Y%m"),
        day.year,
        round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4),
        row["actor1"],
        row["actor1_country"],
        row["actor1_sector"],
        row["actor2"],
        row["actor2_country"],
        row["actor2_sector"],
        1,
        cameo or None,
        cameo[:3] or None,
        cameo[:2] or None,
        row["quad_class"],
        event.mention_count,
        event.source_count,
        event.article_count,
        geo_type,
        row["location"],
        row["country_code3"],
        row["latitude"],
        row["longitude"],
        row["geonameid"],
        event.last_reported.strftime("%Y%m%d"),
        row["source_url"],
    ]


@register("gdelt", suffix=".tsv", description="GDELT-like tab-separated table, no header")
def write_gdelt(events: Iterable[StoredEvent], out: Path) -> int:
    n = 0
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        for event in events:
            writer.writerow(
                [text_value(v).replace("\t", " ").replace("\n", " ") for v in gdelt_row(event)]
            )
            n += 1
    tmp.replace(out)
    return n
