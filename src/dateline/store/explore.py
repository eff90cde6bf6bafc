"""Reading the store to explore it: keyset pages of events, timeline buckets, the actor
network, map clusters, actor and place counts.

Every function here aggregates in SQL and returns a bounded result, so that the JSON API
and the page stay fast on a store of 100,000 events or more: no view loads the whole store.
They take the same :class:`~dateline.store.query.Filters` as the CLI and the exports.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError, OperationalError

from dateline.errors import Code, StoreError
from dateline.model import (
    Actor,
    ArticleRecord,
    Event,
    Interval,
    Place,
    Record,
    Span,
    StoredEvent,
    Timex,
)
from dateline.store import tables as t
from dateline.store.query import Filters, event_records, hydrate, trigger_span

Bucket = Literal["day", "month", "year"]
Group = Literal["none", "type", "actor"]

MAX_BUCKETS = 4000
"""At most this many buckets per group in one timeline (day buckets over 11 years)."""
OTHER = "(other actors)"
"""The group of events none of whose actors is among the top actors."""


# -- query cost -------------------------------------------------------------------------


@contextmanager
def time_limit(conn: Connection, seconds: float) -> Iterator[None]:
    """Abort any statement on ``conn`` that runs past ``seconds`` (from now) with
    :class:`StoreError` E019. SQLite: a progress handler; PostgreSQL: statement_timeout
    for the current transaction."""
    if conn.dialect.name == "sqlite":
        raw: Any = conn.connection.driver_connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2_000)
        try:
            yield
        except OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            raise StoreError(
                Code.E019, f"the query ran past the limit of {seconds:g} s: narrow the filters"
            ) from None
        finally:
            raw.set_progress_handler(None, 0)
        return
    if conn.dialect.name == "postgresql":
        conn.execute(sql_text(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}"))
    try:
        yield
    except DBAPIError as exc:
        if "statement timeout" not in str(exc):
            raise
        raise StoreError(
            Code.E019, f"the query ran past the limit of {seconds:g} s: narrow the filters"
        ) from None


# -- pages of events --------------------------------------------------------------------


@dataclass(frozen=True)
class Sort:
    """A sort order: the columns of its key (unique: the event id comes last) and the
    direction. Keyset pagination continues after the last row's key."""

    name: str
    columns: tuple[str, ...]
    descending: bool


SORTS: dict[str, Sort] = {
    s.name: s
    for s in (
        Sort("date", ("when_start", "when_end", "id"), False),
        Sort("-date", ("when_start", "when_end", "id"), True),
        Sort("confidence", ("confidence", "id"), False),
        Sort("-confidence", ("confidence", "id"), True),
        Sort("reports", ("articles", "id"), False),
        Sort("-reports", ("articles", "id"), True),
    )
}


def sort_key(row: Any, sort: Sort) -> list[Any]:
    """The JSON-able key of a row for ``sort`` (dates as ISO strings)."""
    return [v.isoformat() if isinstance(v, date) else v for v in (row[c] for c in sort.columns)]


def _parse_key(sort: Sort, key: list[Any]) -> list[Any]:
    """A key from a cursor back into column values; ValueError if it does not fit."""
    if not isinstance(key, list) or len(key) != len(sort.columns):
        raise ValueError("the cursor does not belong to this sort order")
    out: list[Any] = []
    for column, value in zip(sort.columns, key, strict=True):
        if column in ("when_start", "when_end"):
            out.append(date.fromisoformat(str(value)))
        elif column == "confidence":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("bad confidence in cursor")
            out.append(float(value))
        elif column == "articles":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("bad count in cursor")
            out.append(value)
        else:
            if not isinstance(value, str):
                raise ValueError("bad id in cursor")
            out.append(value)
    return out


def page_events(
    conn: Connection,
    filters: Filters,
    *,
    sort: str = "date",
    after: list[Any] | None = None,
    limit: int = 100,
    with_mentions: bool = False,
) -> tuple[list[StoredEvent], list[Any] | None]:
    """One page of events in ``sort`` order, after the key ``after``; returns the events
    and the key to continue from (None on the last page)."""
    records, last = page_records(
        conn, filters, sort=sort, after=after, limit=limit, with_mentions=with_mentions
    )
    return [StoredEvent.model_validate(r) for r in records], last


def page_records(
    conn: Connection,
    filters: Filters,
    *,
    sort: str = "date",
    after: list[Any] | None = None,
    limit: int = 100,
    with_mentions: bool = False,
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """:func:`page_events` as plain data (see :func:`~dateline.store.query.event_records`):
    what the JSON API serialises without building a model per event."""
    order = SORTS[sort]
    e = t.events
    cols = [e.c[c] for c in order.columns]
    query = filters.apply(select(e))
    if after is not None:
        values = _parse_key(order, after)
        row = tuple_(*cols)
        key = tuple_(*[literal(v, c.type) for v, c in zip(values, cols, strict=True)])
        query = query.where(row < key if order.descending else row > key)
    query = query.order_by(*[c.desc() if order.descending else c.asc() for c in cols])
    rows = conn.execute(query.limit(limit + 1)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    records = event_records(conn, rows, with_mentions=with_mentions)
    return records, (sort_key(rows[-1], order) if more and rows else None)


def count_events(conn: Connection, filters: Filters) -> int:
    e = t.events
    return int(conn.execute(filters.apply(select(func.count()).select_from(e))).scalar_one())


def _keys(filters: Filters) -> Any:
    """The keys of the events matching the filters, as a subquery (None: all events)."""
    return filters.apply(select(t.events.c.key))


def _is_empty(filters: Filters) -> bool:
    return filters == Filters()


def _unindexed(column: Any) -> ColumnElement[Any]:
    """The column as an expression SQLite will not walk an index for: grouping by a bare
    indexed name makes it scan that index in name order, row by row (3x slower on 100k
    events than a table scan and a sort)."""
    return func.coalesce(column, "")


# -- timeline ---------------------------------------------------------------------------


class TimelineBucket(Record):
    start: date
    end: date = Field(description="last day of the bucket (inclusive)")
    group: str | None = Field(default=None, description="the group's id, if grouped")
    count: int


class TimelineGroup(Record):
    id: str
    label: str
    count: int = Field(description="events in this group over the whole timeline")


class Timeline(Record):
    """Events per bucket of event date (by the first day of each event's date interval)."""

    bucket: Bucket
    group: Group
    total: int
    first: date | None = Field(default=None, description="earliest event start in the filter")
    last: date | None = Field(default=None, description="latest event start in the filter")
    groups: list[TimelineGroup] = Field(default_factory=list)
    buckets: list[TimelineBucket] = Field(default_factory=list)


def _bucket_label(conn: Connection, column: Any, bucket: Bucket) -> ColumnElement[Any]:
    if conn.dialect.name == "postgresql":
        fmt = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[bucket]
        return func.to_char(column, fmt)
    # SQLite stores dates as ISO text
    return func.substr(column, 1, {"day": 10, "month": 7, "year": 4}[bucket])


def _bucket_span(label: str, bucket: Bucket) -> tuple[date, date]:
    if bucket == "day":
        day = date.fromisoformat(label)
        return day, day
    if bucket == "month":
        year, month = int(label[:4]), int(label[5:7])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    year = int(label[:4])
    return date(year, 1, 1), date(year, 12, 31)


def buckets_between(first: date, last: date, bucket: Bucket) -> int:
    if bucket == "day":
        return (last - first).days + 1
    if bucket == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def auto_bucket(first: date, last: date) -> Bucket:
    """Day buckets up to half a year, months up to 30 years, else years."""
    span = (last - first).days
    if span <= 183:
        return "day"
    if span <= 366 * 30:
        return "month"
    return "year"


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def timeline(
    conn: Connection,
    filters: Filters,
    *,
    bucket: Bucket | Literal["auto"] = "auto",
    group: Group = "none",
    top: int = 12,
) -> Timeline:
    """Bucketed counts of the events matching ``filters``; grouped by event type, or by
    actor (the ``top`` actors by events, each event counted under each of its actors,
    plus one group for events with none of them).

    Raises ValueError when the buckets would be more than :data:`MAX_BUCKETS`."""
    e, ea = t.events, t.event_actors
    span: Any = select(func.count(), func.min(e.c.when_start), func.max(e.c.when_start))
    total, first, last = conn.execute(filters.apply(span)).one()
    first, last = _as_date(first), _as_date(last)
    if filters.start is not None and first is not None:
        first = max(first, filters.start)
    if filters.end is not None and last is not None:
        last = min(last, filters.end)
    if first is None or last is None:
        return Timeline(bucket="day" if bucket == "auto" else bucket, group=group, total=0)
    chosen: Bucket = auto_bucket(first, last) if bucket == "auto" else bucket
    if buckets_between(first, last, chosen) > MAX_BUCKETS:
        raise ValueError(
            f"{buckets_between(first, last, chosen)} {chosen} buckets from {first} to {last} "
            f"is over the limit of {MAX_BUCKETS}: use a coarser bucket or a shorter range"
        )
    label = _bucket_label(conn, e.c.when_start, chosen).label("bucket")
    out = Timeline(bucket=chosen, group=group, total=int(total), first=first, last=last)

    def add(rows: Any, group_of: Any) -> None:
        for row in rows:
            start, end = _bucket_span(row.bucket, chosen)
            out.buckets.append(
                TimelineBucket(start=start, end=end, group=group_of(row), count=int(row.n))
            )

    if group == "none":
        rows = conn.execute(
            filters.apply(select(label, func.count().label("n"))).group_by(label).order_by(label)
        ).all()
        add(rows, lambda _row: None)
    elif group == "type":
        rows = conn.execute(
            filters.apply(select(label, e.c.type, func.count().label("n")))
            .group_by(label, e.c.type)
            .order_by(label, e.c.type)
        ).all()
        add(rows, lambda row: row.type)
        sizes: dict[str, int] = {}
        for b in out.buckets:
            sizes[str(b.group)] = sizes.get(str(b.group), 0) + b.count
        out.groups = [
            TimelineGroup(id=k, label=k, count=v)
            for k, v in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    else:
        keys = _keys(filters)
        n_events = func.count(distinct(ea.c.event_key)).label("n")
        actor = _unindexed(ea.c.name).label("name")
        tops = conn.execute(
            select(actor, n_events)
            .where(ea.c.event_key.in_(keys))
            .group_by(actor)
            .order_by(n_events.desc(), actor)
            .limit(top)
        ).all()
        names = [r.name for r in tops]
        out.groups = [TimelineGroup(id=r.name, label=r.name, count=int(r.n)) for r in tops]
        if names:
            rows = conn.execute(
                select(label, ea.c.name, func.count(distinct(e.c.key)).label("n"))
                .select_from(e.join(ea, ea.c.event_key == e.c.key))
                .where(e.c.key.in_(keys), ea.c.name.in_(names))
                .group_by(label, ea.c.name)
                .order_by(label, ea.c.name)
            ).all()
            add(rows, lambda row: row.name)
        involved = exists().where(ea.c.event_key == e.c.key, ea.c.name.in_(names))
        rows = conn.execute(
            filters.apply(select(label, func.count().label("n")))
            .where(~involved)
            .group_by(label)
            .order_by(label)
        ).all()
        add(rows, lambda _row: OTHER)
        others = sum(int(r.n) for r in rows)
        if others:
            out.groups.append(TimelineGroup(id=OTHER, label=OTHER, count=others))
        out.buckets.sort(key=lambda b: (b.start, str(b.group)))
    return out


# -- actor network ----------------------------------------------------------------------


class NetworkNode(Record):
    id: str = Field(description="the actor's name")
    label: str
    country: str | None = None
    kind: str | None = None
    events: int = Field(description="events of this actor within the filter")


class NetworkEdge(Record):
    source: str
    target: str
    kind: Literal["acts-on", "together"] = Field(
        description="acts-on: source is an actor and target a recipient of the events; "
        "together: both are actors of the same events"
    )
    events: int


class Network(Record):
    """The actor graph of the events matching a filter: the strongest edges."""

    nodes: list[NetworkNode] = Field(default_factory=list)
    edges: list[NetworkEdge] = Field(default_factory=list)
    truncated: bool = Field(default=False, description="more edges exist than were returned")


def network(conn: Connection, filters: Filters, *, limit: int = 150) -> Network:
    """Edges between actors of the same events (actor → recipient, or co-actors), the
    ``limit`` strongest, and their nodes."""
    ea = t.event_actors
    a, b = ea.alias("a"), ea.alias("b")
    keys = None if _is_empty(filters) else _keys(filters)
    n = func.count(distinct(a.c.event_key)).label("n")

    def edges(role_b: str, extra: Any) -> list[Any]:
        src, dst = _unindexed(a.c.name).label("src"), b.c.name.label("dst")
        query = (
            select(src, dst, n)
            .select_from(a.join(b, b.c.mention_key == a.c.mention_key))
            .where(a.c.role == "actor", b.c.role == role_b, a.c.name != b.c.name, extra)
            .group_by(src, dst)
            .order_by(n.desc(), src, dst)
            .limit(limit + 1)
        )
        if keys is not None:
            query = query.where(a.c.event_key.in_(keys))
        return list(conn.execute(query).all())

    found: dict[tuple[str, str, str], int] = {}
    for row in edges("recipient", literal(True)):
        found[(row.src, row.dst, "acts-on")] = int(row.n)
    for row in edges("actor", a.c.position < b.c.position):
        src, dst = sorted((row.src, row.dst))
        key = (src, dst, "together")
        found[key] = max(found.get(key, 0), int(row.n))
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    out = Network(truncated=len(ranked) > limit)
    for (src, dst, kind), count in ranked[:limit]:
        out.edges.append(NetworkEdge(source=src, target=dst, kind=kind, events=count))
    names = sorted({x for edge in out.edges for x in (edge.source, edge.target)})
    for chunk in (names[i : i + 500] for i in range(0, len(names), 500)):
        query = (
            select(
                ea.c.name.label("name"),
                func.max(ea.c.country).label("country"),
                func.max(ea.c.kind).label("kind"),
                func.count(distinct(ea.c.event_key)).label("n"),
            )
            .where(ea.c.name.in_(chunk))
            .group_by(ea.c.name)
        )
        if keys is not None:
            query = query.where(ea.c.event_key.in_(keys))
        for row in conn.execute(query):
            out.nodes.append(
                NetworkNode(
                    id=row.name, label=row.name, country=row.country, kind=row.kind, events=row.n
                )
            )
    out.nodes.sort(key=lambda node: (-node.events, node.id))
    return out


# -- map --------------------------------------------------------------------------------


class MapPoint(Record):
    id: str
    lat: float
    lon: float
    type: str
    date: str = Field(description="the event date's TIMEX3 value")
    place: str | None = None


class MapCluster(Record):
    lat: float = Field(description="mean latitude of the events in the cell")
    lon: float
    count: int
    bbox: tuple[float, float, float, float] = Field(
        description="min_lon, min_lat, max_lon, max_lat of the events in the cell"
    )


class MapView(Record):
    """Located events in view: every point when there are few enough, else grid clusters
    computed in SQL."""

    mode: Literal["points", "clusters"]
    located: int = Field(description="located events matching the filter (and bbox)")
    unlocated: int = Field(description="events matching the filter with no coordinates")
    cell: float | None = Field(default=None, description="grid cell size in degrees")
    points: list[MapPoint] = Field(default_factory=list)
    clusters: list[MapCluster] = Field(default_factory=list)
    truncated: bool = False


def _cell_index(conn: Connection, value: Any, size: float) -> ColumnElement[Any]:
    if conn.dialect.name == "postgresql":
        return cast(func.floor(value / size), Integer)
    return cast(value / size, Integer)  # value is ≥ 0, so truncation is floor


def map_view(
    conn: Connection,
    filters: Filters,
    *,
    zoom: int = 2,
    max_points: int = 1000,
    max_clusters: int = 2000,
) -> MapView:
    """Located events in ``filters.bbox``: points if at most ``max_points``, else counts
    per grid cell sized for ``zoom`` (four cells per 256-pixel tile)."""
    e = t.events
    located = and_(e.c.lat.is_not(None), e.c.lon.is_not(None))
    in_view = located
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        in_view = and_(
            located,
            e.c.lon >= min_lon,
            e.c.lon <= max_lon,
            e.c.lat >= min_lat,
            e.c.lat <= max_lat,
        )
    counts: Any = select(
        func.coalesce(func.sum(case((in_view, 1), else_=0)), 0),
        func.coalesce(func.sum(case((located, 0), else_=1)), 0),
    ).select_from(e)
    n, unlocated = conn.execute(replace(filters, bbox=None).apply(counts)).one()
    n = int(n)
    if n <= max_points:
        rows = conn.execute(
            filters.apply(
                select(e.c.id, e.c.lat, e.c.lon, e.c.type, e.c.when_value, e.c.place_name)
            )
            .where(located)
            .order_by(e.c.when_start, e.c.id)
        ).all()
        return MapView(
            mode="points",
            located=n,
            unlocated=int(unlocated),
            points=[
                MapPoint(
                    id=r.id,
                    lat=r.lat,
                    lon=r.lon,
                    type=r.type,
                    date=r.when_value,
                    place=r.place_name,
                )
                for r in rows
            ],
        )
    size = 360.0 / (2 ** max(0, min(zoom, 20)) * 4)
    ix = _cell_index(conn, cast(e.c.lon, Float) + 180.0, size).label("ix")
    iy = _cell_index(conn, cast(e.c.lat, Float) + 90.0, size).label("iy")
    count = func.count().label("n")
    rows = conn.execute(
        filters.apply(
            select(
                ix,
                iy,
                count,
                func.avg(e.c.lat).label("lat"),
                func.avg(e.c.lon).label("lon"),
                func.min(e.c.lon).label("min_lon"),
                func.min(e.c.lat).label("min_lat"),
                func.max(e.c.lon).label("max_lon"),
                func.max(e.c.lat).label("max_lat"),
            )
        )
        .where(located)
        .group_by(ix, iy)
        .order_by(count.desc(), ix, iy)
        .limit(max_clusters + 1)
    ).all()
    return MapView(
        mode="clusters",
        located=n,
        unlocated=int(unlocated),
        cell=size,
        truncated=len(rows) > max_clusters,
        clusters=[
            MapCluster(
                lat=float(r.lat),
                lon=float(r.lon),
                count=int(r.n),
                bbox=(float(r.min_lon), float(r.min_lat), float(r.max_lon), float(r.max_lat)),
            )
            for r in rows[:max_clusters]
        ],
    )


# -- actors and places ------------------------------------------------------------------


class ActorCount(Record):
    name: str
    country: str | None = None
    kind: str | None = None
    sector: str | None = None
    events: int


class PlaceCount(Record):
    name: str
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    events: int


def actor_counts(
    conn: Connection,
    filters: Filters,
    *,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ActorCount]:
    """Actors of the events matching ``filters`` by number of events (most first);
    ``name``: the name contains this (case-insensitive)."""
    ea = t.event_actors
    n = func.count(distinct(ea.c.event_key)).label("n")
    actor = _unindexed(ea.c.name).label("name")
    query = select(
        actor,
        func.max(ea.c.country).label("country"),
        func.max(ea.c.kind).label("kind"),
        func.max(ea.c.sector).label("sector"),
        n,
    ).group_by(actor)
    if not _is_empty(filters):
        query = query.where(ea.c.event_key.in_(_keys(filters)))
    if name:
        query = query.where(func.lower(ea.c.name).contains(name.lower(), autoescape=True))
    query = query.order_by(n.desc(), actor).limit(limit).offset(offset)
    return [
        ActorCount(name=r.name, country=r.country, kind=r.kind, sector=r.sector, events=int(r.n))
        for r in conn.execute(query)
    ]


def place_counts(
    conn: Connection,
    filters: Filters,
    *,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[PlaceCount]:
    """Places of the events matching ``filters`` by number of events (most first)."""
    e = t.events
    n = func.count().label("n")
    query = (
        filters.apply(
            select(
                e.c.place_name,
                e.c.place_country,
                e.c.geonameid,
                func.avg(e.c.lat).label("lat"),
                func.avg(e.c.lon).label("lon"),
                n,
            )
        )
        .where(e.c.place_name.is_not(None))
        .group_by(e.c.place_name, e.c.place_country, e.c.geonameid)
    )
    if name:
        query = query.where(func.lower(e.c.place_name).contains(name.lower(), autoescape=True))
    query = query.order_by(n.desc(), e.c.place_name, e.c.geonameid).limit(limit).offset(offset)
    return [
        PlaceCount(
            name=r.place_name,
            country=r.place_country,
            geonameid=r.geonameid,
            lat=None if r.lat is None else float(r.lat),
            lon=None if r.lon is None else float(r.lon),
            events=int(r.n),
        )
        for r in conn.execute(query)
    ]


__all__ = [
    "SORTS",
    "ActorCount",
    "MapView",
    "Network",
    "PlaceCount",
    "Timeline",
    "actor_counts",
    "count_events",
    "map_view",
    "network",
    "page_events",
    "page_records",
    "place_counts",
    "timeline",
]


# -- one event, one article -------------------------------------------------------------


class Highlight(Record):
    """A span to highlight in a sentence (offsets into the article text)."""

    kind: Literal["trigger", "actor", "recipient", "time", "place"]
    start: int
    end: int
    text: str
    label: str | None = Field(
        default=None, description="actor name, the time's TIMEX3 value, or the place name"
    )


class SentenceView(Record):
    start: int
    end: int
    text: str
    highlights: list[Highlight] = Field(default_factory=list)


class ArticleRef(Record):
    id: str
    title: str | None = None
    source: str
    url: str | None = None
    published: date


class MentionDetail(Record):
    """One report of the event: its article and every sentence of that article that
    mentions it (the first is the one the event was extracted from)."""

    article: ArticleRef
    event: str = Field(description="the event's id inside the article (e1, e2, …)")
    confidence: float
    trigger: Span
    sentences: list[SentenceView]


class EventDetail(Record):
    event: StoredEvent
    mentions: list[MentionDetail]


class ArticleView(ArticleRecord):
    """An article as stored: its text and everything found in it."""

    text: str
    canonical: dict[str, str] = Field(
        default_factory=dict, description="the canonical event id of each of its events"
    )


def _spans(mentions: Any) -> list[tuple[int, int]]:
    return [(int(m[0]), int(m[1])) for m in mentions or []]


def _annotations(
    conn: Connection, article_key: int
) -> tuple[list[Timex], list[Actor], list[Place]]:
    x, a, p = t.timexes, t.actors, t.places
    timexes = [
        Timex(
            id=r.tid,
            text=r.text,
            start=r.start,
            end=r.end,
            type=r.type,
            value=r.value,
            interval=Interval(start=r.interval_start, end=r.interval_end)
            if r.interval_start is not None and r.interval_end is not None
            else None,
            anchor=r.anchor,
            mod=r.mod,
        )
        for r in conn.execute(select(x).where(x.c.article_key == article_key).order_by(x.c.key))
    ]
    actors = [
        Actor(
            id=r.aid,
            name=r.name,
            kind=r.kind,
            country=r.country,
            sector=r.sector,
            sectors=list(r.sectors or []),
            role=r.role,
            mentions=_spans(r.mentions),
        )
        for r in conn.execute(select(a).where(a.c.article_key == article_key).order_by(a.c.key))
    ]
    places = [
        Place(
            id=r.pid,
            name=r.name,
            lat=r.lat,
            lon=r.lon,
            country=r.country,
            feature_class=r.feature_class,
            feature_code=r.feature_code,
            geonameid=r.geonameid,
            admin1=r.admin1,
            mentions=_spans(r.mentions),
        )
        for r in conn.execute(select(p).where(p.c.article_key == article_key).order_by(p.c.key))
    ]
    return timexes, actors, places


def _sentence(
    text: str,
    start: int,
    end: int,
    trigger: tuple[int, int],
    record: dict[str, Any],
    timexes: dict[str, Timex],
    actors: dict[str, Actor],
    places: dict[str, Place],
) -> SentenceView:
    """A sentence with the event's trigger, actors, time and place highlighted."""
    out = SentenceView(start=start, end=end, text=text[start:end])

    def add(kind: Any, s: int, e: int, label: str | None) -> None:
        if start <= s < e <= end:
            out.highlights.append(Highlight(kind=kind, start=s, end=e, text=text[s:e], label=label))

    add("trigger", trigger[0], trigger[1], None)
    for kind, ids in (
        ("actor", record.get("actors") or []),
        ("recipient", record.get("recipients") or []),
    ):
        for aid in ids:
            actor = actors.get(aid)
            if actor is not None:
                for s, e in actor.mentions:
                    add(kind, s, e, actor.name)
    tid = (record.get("when") or {}).get("timex")
    if tid and tid in timexes:
        x = timexes[tid]
        add("time", x.start, x.end, x.value)
    pid = record.get("where")
    if pid and pid in places:
        for s, e in places[pid].mentions:
            add("place", s, e, places[pid].name)
    out.highlights.sort(key=lambda h: (h.start, -h.end))
    return out


def event_detail(conn: Connection, event_id: str) -> EventDetail | None:
    """An event with every report of it: article, sentences and highlighted spans."""
    e, m, a = t.events, t.event_mentions, t.articles
    row = conn.execute(select(e).where(e.c.id == event_id)).mappings().first()
    if row is None:
        return None
    event = hydrate(conn, [row], with_mentions=True)[0]
    details: list[MentionDetail] = []
    cache: dict[int, tuple[dict[str, Timex], dict[str, Actor], dict[str, Place]]] = {}
    query = (
        select(
            m,
            a.c.id.label("article_id"),
            a.c.title,
            a.c.source,
            a.c.url,
            a.c.published,
            a.c.text,
        )
        .join(a, a.c.key == m.c.article_key)
        .where(m.c.event_key == row["key"])
        .order_by(a.c.published, m.c.key)
    )
    for r in conn.execute(query).mappings():
        if r["article_key"] not in cache:
            timexes, actors, places = _annotations(conn, r["article_key"])
            cache[r["article_key"]] = (
                {x.id: x for x in timexes},
                {x.id: x for x in actors},
                {x.id: x for x in places},
            )
        tx, ac, pl = cache[r["article_key"]]
        record: dict[str, Any] = dict(r["record"] or {})
        text = r["text"]
        sentences = [
            _sentence(
                text,
                r["sentence_start"],
                r["sentence_end"],
                (r["trigger_start"], r["trigger_end"]),
                record,
                tx,
                ac,
                pl,
            )
        ]
        for more in record.get("mentions") or []:
            try:
                s, en = int(more["sentence"]["start"]), int(more["sentence"]["end"])
                ts, te = int(more["trigger"]["start"]), int(more["trigger"]["end"])
            except (KeyError, TypeError, ValueError):
                continue
            sentences.append(_sentence(text, s, en, (ts, te), record, tx, ac, pl))
        details.append(
            MentionDetail(
                article=ArticleRef(
                    id=r["article_id"],
                    title=r["title"],
                    source=r["source"],
                    url=r["url"],
                    published=r["published"],
                ),
                event=r["eid"],
                confidence=r["confidence"],
                trigger=trigger_span(text, r),
                sentences=sentences,
            )
        )
    return EventDetail(event=event, mentions=details)


def article_view(conn: Connection, article_id: str) -> ArticleView | None:
    """The article stored under this id (the latest, if several share it) with its text
    and annotations; each of its events carries its canonical event id."""
    a, m, e = t.articles, t.event_mentions, t.events
    row = (
        conn.execute(select(a).where(a.c.id == article_id).order_by(a.c.key.desc()).limit(1))
        .mappings()
        .first()
    )
    if row is None:
        return None
    timexes, actors, places = _annotations(conn, row["key"])
    events: list[Event] = []
    canonical: dict[str, str] = {}
    for r in conn.execute(
        select(m.c.eid, m.c.record, e.c.id.label("canonical"))
        .join(e, e.c.key == m.c.event_key)
        .where(m.c.article_key == row["key"])
        .order_by(m.c.key)
    ):
        events.append(Event.model_validate(r.record))
        canonical[r.eid] = r.canonical
    return ArticleView(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        dateline=row["dateline"],
        timexes=timexes,
        actors=actors,
        places=places,
        events=events,
        text=row["text"],
        canonical=canonical,
    )
