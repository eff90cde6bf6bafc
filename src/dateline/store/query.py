"""Reading the store: filters over canonical events, shared by the CLI, the Python API,
the JSON API and the exports. Every filter is a bound parameter; nothing is formatted
into SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select

from dateline.model import Span, StoredEvent
from dateline.store import tables as t


@dataclass
class Filters:
    """What ``dateline events``/``timeline``/``export`` and the API filter on."""

    actor: list[str] = field(default_factory=list)
    """Actor name contains (case-insensitive); several = any of them."""
    country: list[str] = field(default_factory=list)
    """An actor or recipient coded to this ISO alpha-3 code; several = any of them."""
    pair: list[tuple[str, str]] = field(default_factory=list)
    """Country dyads: events with one side in each country (either direction)."""
    type: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    precision: list[str] = field(default_factory=list)
    start: date | None = None
    """Events whose date interval ends on or after this day."""
    end: date | None = None
    """Events whose date interval starts on or before this day."""
    place: list[str] = field(default_factory=list)
    """Place name contains (case-insensitive)."""
    bbox: tuple[float, float, float, float] | None = None
    """min_lon, min_lat, max_lon, max_lat."""
    min_confidence: float | None = None
    text: list[str] = field(default_factory=list)
    """Words that must all occur (case-insensitive) in a source sentence of the event."""
    between: list[tuple[str, str]] = field(default_factory=list)
    """Actor-name dyads (exact names): events where one acts on the other, or both act
    together, in either direction."""

    def apply(self, query: Select[Any]) -> Select[Any]:
        e, ea = t.events, t.event_actors
        conds: list[Any] = []
        if self.actor:
            conds.append(
                exists().where(
                    ea.c.event_key == e.c.key,
                    or_(
                        *[
                            func.lower(ea.c.name).contains(a.lower(), autoescape=True)
                            for a in self.actor
                        ]
                    ),
                )
            )
        if self.country:
            conds.append(
                exists().where(
                    ea.c.event_key == e.c.key, ea.c.country.in_([c.upper() for c in self.country])
                )
            )
        for a, b in self.pair:
            x, y = ea.alias(), ea.alias()
            conds.append(
                exists().where(
                    x.c.event_key == e.c.key,
                    y.c.event_key == e.c.key,
                    x.c.key != y.c.key,
                    x.c.country == a.upper(),
                    y.c.country == b.upper(),
                )
            )
        if self.type:
            conds.append(e.c.type.in_([x.upper() for x in self.type]))
        if self.status:
            conds.append(e.c.status.in_([x.lower() for x in self.status]))
        if self.basis:
            conds.append(e.c.basis.in_([x.lower() for x in self.basis]))
        if self.precision:
            conds.append(e.c.precision.in_([x.lower() for x in self.precision]))
        if self.start is not None:
            conds.append(e.c.when_end >= self.start)
        if self.end is not None:
            conds.append(e.c.when_start <= self.end)
        if self.place:
            conds.append(
                or_(
                    *[
                        func.lower(e.c.place_name).contains(p.lower(), autoescape=True)
                        for p in self.place
                    ]
                )
            )
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            conds.append(
                and_(e.c.lon >= min_lon, e.c.lon <= max_lon, e.c.lat >= min_lat, e.c.lat <= max_lat)
            )
        if self.min_confidence is not None:
            conds.append(e.c.confidence >= self.min_confidence)
        m, art = t.event_mentions, t.articles
        for word in self.text:
            sentence = func.substr(
                art.c.text, m.c.sentence_start + 1, m.c.sentence_end - m.c.sentence_start
            )
            conds.append(
                exists().where(
                    m.c.event_key == e.c.key,
                    art.c.key == m.c.article_key,
                    func.lower(sentence).contains(word.lower(), autoescape=True),
                )
            )
        for a, b in self.between:
            x, y = ea.alias(), ea.alias()
            conds.append(
                exists().where(
                    x.c.event_key == e.c.key,
                    y.c.mention_key == x.c.mention_key,
                    x.c.key != y.c.key,
                    x.c.name == a,
                    y.c.name == b,
                )
            )
        return query.where(*conds) if conds else query


def select_events(filters: Filters) -> Select[Any]:
    """Canonical events matching the filters, in timeline order (event date, not
    publication date; a month-precision event sorts at its first day)."""
    e = t.events
    return filters.apply(select(e)).order_by(e.c.when_start, e.c.when_end, e.c.id)


def load_events(
    conn: Connection,
    filters: Filters,
    *,
    limit: int | None = None,
    offset: int = 0,
    with_mentions: bool = True,
) -> list[StoredEvent]:
    query = select_events(filters)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = conn.execute(query).mappings().all()
    return hydrate(conn, rows, with_mentions=with_mentions)


def hydrate(conn: Connection, rows: Any, *, with_mentions: bool = True) -> list[StoredEvent]:
    """Event rows → :class:`StoredEvent` records with actors and (optionally) mentions."""
    validate = StoredEvent.model_validate
    return [validate(r) for r in event_records(conn, rows, with_mentions=with_mentions)]


def event_records(
    conn: Connection, rows: Any, *, with_mentions: bool = True
) -> list[dict[str, Any]]:
    """Event rows → the fields of their :class:`StoredEvent` records as plain data: what
    ``StoredEvent.model_dump()`` of :func:`hydrate`'s records gives, key for key and in the
    same order, without building the models (the JSON API serialises these directly;
    ``tests/test_store_records.py`` holds the two equal)."""
    keys = [r["key"] for r in rows]
    actors: dict[int, dict[str, list[dict[str, Any]]]] = {}
    mentions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(keys):
        ea = t.event_actors
        rows_by_event: dict[int, list[Any]] = defaultdict(list)
        for r in conn.execute(
            select(
                ea.c.event_key,
                ea.c.mention_key,
                ea.c.role,
                ea.c.name,
                ea.c.kind,
                ea.c.country,
                ea.c.sector,
            )
            .where(ea.c.event_key.in_(chunk))
            .order_by(ea.c.event_key, ea.c.mention_key, ea.c.role, ea.c.position)
        ).all():
            rows_by_event[r[0]].append(r)
        for key, actor_rows in rows_by_event.items():
            actors[key] = _parties(actor_rows)
        if with_mentions:
            m, a = t.event_mentions, t.articles
            query = (
                select(
                    m.c.event_key,
                    m.c.eid,
                    m.c.trigger_start,
                    m.c.trigger_end,
                    m.c.sentence_start,
                    m.c.sentence_end,
                    m.c.confidence,
                    a.c.id.label("article_id"),
                    a.c.source,
                    a.c.published,
                    a.c.text,
                )
                .join(a, a.c.key == m.c.article_key)
                .where(m.c.event_key.in_(chunk))
                .order_by(a.c.published, m.c.key)
            )
            for mr in conn.execute(query).mappings():
                text = mr["text"]
                start, end = mr["trigger_start"], mr["trigger_end"]
                s_start, s_end = mr["sentence_start"], mr["sentence_end"]
                mentions[mr["event_key"]].append(
                    {
                        "article": mr["article_id"],
                        "source": mr["source"],
                        "published": mr["published"],
                        "event": mr["eid"],
                        "trigger": {"text": text[start:end], "start": start, "end": end},
                        "sentence": {"start": s_start, "end": s_end, "text": text[s_start:s_end]},
                        "confidence": float(mr["confidence"]),
                    }
                )
    nobody: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    out: list[dict[str, Any]] = []
    for r in rows:
        place = None
        if r["place_name"] is not None:
            place = {
                "name": r["place_name"],
                "lat": _float(r["lat"]),
                "lon": _float(r["lon"]),
                "country": r["place_country"],
                "geonameid": r["geonameid"],
            }
        parties = actors.get(r["key"], nobody)
        out.append(
            {
                "id": r["id"],
                "type": r["type"],
                "mode": r["mode"],
                "cameo": r["cameo"],
                "status": r["status"],
                "when": {
                    "value": r["when_value"],
                    "start": r["when_start"],
                    "end": r["when_end"],
                    "precision": r["precision"],
                    "timex": None,
                    "basis": r["basis"],
                },
                "where": place,
                "actors": parties["actor"],
                "recipients": parties["recipient"],
                "confidence": float(r["confidence"]),
                "mention_count": r["mentions"],
                "article_count": r["articles"],
                "source_count": r["sources"],
                "first_reported": r["first_reported"],
                "last_reported": r["last_reported"],
                "conflicts": _conflicts(r["conflicts"]),
                "mentions": mentions.get(r["key"], []),
            }
        )
    return out


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _conflicts(stored: Any) -> dict[str, list[dict[str, Any]]]:
    """The stored conflicts as :class:`~dateline.model.Conflict` fields (the merge stores
    ``precision`` only for dates)."""
    if not stored:
        return {}
    return {
        field: [
            {"value": c["value"], "precision": c.get("precision"), "mentions": c["mentions"]}
            for c in items
        ]
        for field, items in (stored or {}).items()
    }


def trigger_span(text: str, row: Any) -> Span:
    """A stored mention's trigger (``trigger_start``/``trigger_end`` of ``row``) in its
    article's text."""
    start, end = row["trigger_start"], row["trigger_end"]
    return Span(text=text[start:end], start=start, end=end)


def _parties(rows: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """A canonical event's actors and recipients (:class:`ActorRef` fields) from the
    ``event_actors`` rows of all its mentions (``event_key, mention_key, role, name, kind,
    country, sector``, in mention order): the same party named more or less fully
    ("Modi" / "Narendra Modi", same or unknown country) counts once under its fullest
    name; parties are ordered by how many mentions name them, then by first appearance,
    and each goes to the role most mentions give it."""
    parties: list[list[Any]] = []  # [tokens, name, kind, country, sector, {role: mentions}]
    for _event, mention, role, name, kind, country, sector in rows:
        tokens = _name_tokens(name)
        found = None
        if tokens:
            for p in parties:
                if (country is None or p[3] is None or p[3] == country) and (
                    tokens <= p[0] or p[0] <= tokens
                ):
                    found = p
                    break
        if found is None:
            parties.append([tokens, name, kind, country, sector, {role: {mention}}])
            continue
        if len(tokens) > len(found[0]):
            found[0], found[1], found[2] = tokens, name, kind
        found[3] = found[3] or country
        found[4] = found[4] or sector
        found[5].setdefault(role, set()).add(mention)
    if len(parties) > 1:  # a stable sort: ties keep the order of first appearance
        parties.sort(key=lambda p: -_reports(p[5]))
    out: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for _tokens, name, kind, country, sector, roles in parties:
        as_actor = len(roles.get("actor", ())) >= len(roles.get("recipient", ()))
        out["actor" if as_actor else "recipient"].append(
            {"name": name, "kind": kind, "country": country, "sector": sector}
        )
    return out


def _reports(roles: dict[str, set[int]]) -> int:
    """How many mentions name a party, in any role."""
    if len(roles) == 1:
        return len(next(iter(roles.values())))
    return len(set().union(*roles.values()))


@lru_cache(maxsize=16_384)
def _name_tokens(name: str) -> frozenset[str]:
    from dateline.merge.features import name_tokens

    return name_tokens(name)


def _chunks(keys: list[int], size: int = 500) -> list[list[int]]:
    return [keys[i : i + size] for i in range(0, len(keys), size)]


def counts(conn: Connection) -> dict[str, int]:
    return {
        name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for name, table in (
            ("articles", t.articles),
            ("events", t.events),
            ("mentions", t.event_mentions),
            ("timexes", t.timexes),
            ("actors", t.actors),
            ("places", t.places),
        )
    }
