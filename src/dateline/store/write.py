"""Writing annotated articles. :func:`insert_batch` writes a whole batch with one
multi-row statement per table (bulk ``INSERT … RETURNING``; on PostgreSQL a round trip
per table instead of several per event); :func:`insert_article` writes one article. Either
runs inside the caller's transaction, so a crash never leaves half an article."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from dateline.model import ArticleRecord, Event
from dateline.read.base import Article
from dateline.store import tables as t


def canonical_id(content_hash: str, eid: str) -> str:
    return "ev-" + hashlib.sha1(f"{content_hash}:{eid}".encode()).hexdigest()[:16]


def insert_article(
    conn: Connection,
    article: Article,
    record: ArticleRecord,
    *,
    pipeline: str,
    run_id: int | None,
) -> int:
    """Insert one article and everything found in it (skipped if already stored);
    returns the number of events."""
    return insert_batch(conn, [(article, record)], pipeline=pipeline, run_id=run_id)[2]


def stored_hashes(conn: Connection, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        found.update(
            conn.execute(
                select(t.articles.c.content_hash).where(t.articles.c.content_hash.in_(chunk))
            ).scalars()
        )
    return found


def _article_row(
    article: Article, record: ArticleRecord, pipeline: str, run_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "id": record.id,
        "content_hash": article.content_hash,
        "source": record.source,
        "url": record.url,
        "title": record.title,
        "published": record.published,
        "dateline": record.dateline,
        "format": article.format,
        "text": article.text,
        "body_start": article.body_start,
        "pipeline": pipeline,
        "run_id": run_id,
        "ingested_at": now,
    }


def _event_rows(
    key: int, content_hash: str, record: ArticleRecord, event: Event
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """The canonical event, the mention and the actor rows of one extracted event
    (``event_key``/``mention_key`` filled in by the caller)."""
    place = next((p for p in record.places if p.id == event.where), None)
    canonical = {
        "id": canonical_id(content_hash, event.id),
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "status": event.status,
        "when_value": event.when.value,
        "when_start": event.when.start,
        "when_end": event.when.end,
        "precision": event.when.precision,
        "basis": event.when.basis,
        "place_name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_country": place.country if place else None,
        "geonameid": place.geonameid if place else None,
        "confidence": event.confidence,
        "mentions": 1 + len(event.mentions),
        "articles": 1,
        "sources": 1,
        "first_reported": record.published,
        "last_reported": record.published,
    }
    mention = {
        "article_key": key,
        "eid": event.id,
        "type": event.type,
        "status": event.status,
        "when_value": event.when.value,
        "when_start": event.when.start,
        "when_end": event.when.end,
        "precision": event.when.precision,
        "basis": event.when.basis,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
        "confidence": event.confidence,
        "record": event.model_dump(mode="json"),
    }
    by_id = {a.id: a for a in record.actors}
    actors: list[dict[str, Any]] = []
    for role, ids in (("actor", event.actors), ("recipient", event.recipients)):
        for position, aid in enumerate(ids):
            actor = by_id.get(aid)
            if actor is not None:
                actors.append(
                    {
                        "role": role,
                        "position": position,
                        "name": actor.name,
                        "kind": actor.kind,
                        "country": actor.country,
                        "sector": actor.sector,
                    }
                )
    return canonical, mention, actors


def insert_batch(
    conn: Connection,
    pairs: list[tuple[Article, ArticleRecord]],
    *,
    pipeline: str,
    run_id: int | None,
) -> tuple[int, int, int]:
    """Insert a batch of articles with everything found in them, a few multi-row
    statements per table. Articles already stored – before, by a concurrent writer, or
    earlier in the batch – are skipped (``ON CONFLICT DO NOTHING`` on the content hash).
    Returns (stored, skipped, events)."""
    now = datetime.now(UTC)
    stored_before = stored_hashes(conn, [a.content_hash for a, _ in pairs])
    todo: list[tuple[Article, ArticleRecord]] = []
    seen: set[str] = set()
    for article, record in pairs:
        if article.content_hash in stored_before or article.content_hash in seen:
            continue
        seen.add(article.content_hash)
        todo.append((article, record))
    if not todo:
        return 0, len(pairs), 0
    dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = (
        dialect_insert(t.articles)
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(t.articles.c.key, t.articles.c.content_hash)
    )
    keys = {
        h: int(k)
        for k, h in conn.execute(
            statement, [_article_row(a, r, pipeline, run_id, now) for a, r in todo]
        ).all()
    }
    todo = [(a, r) for a, r in todo if a.content_hash in keys]  # lost a race: skipped
    timexes: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    event_actors: list[list[dict[str, Any]]] = []
    for article, record in todo:
        key = keys[article.content_hash]
        timexes += [
            {
                "article_key": key,
                "tid": x.id,
                "text": x.text,
                "start": x.start,
                "end": x.end,
                "type": x.type,
                "value": x.value,
                "interval_start": x.interval.start if x.interval else None,
                "interval_end": x.interval.end if x.interval else None,
                "anchor": x.anchor,
                "mod": x.mod,
            }
            for x in record.timexes
        ]
        actors += [
            {
                "article_key": key,
                "aid": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "sector": a.sector,
                "sectors": a.sectors,
                "role": a.role,
                "mentions": [list(m) for m in a.mentions],
            }
            for a in record.actors
        ]
        places += [
            {
                "article_key": key,
                "pid": p.id,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "feature_class": p.feature_class,
                "feature_code": p.feature_code,
                "geonameid": p.geonameid,
                "admin1": p.admin1,
                "mentions": [list(m) for m in p.mentions],
            }
            for p in record.places
        ]
        for event in record.events:
            canonical, mention, roles = _event_rows(key, article.content_hash, record, event)
            events.append(canonical)
            mentions.append(mention)
            event_actors.append(roles)
    for table, rows in ((t.timexes, timexes), (t.actors, actors), (t.places, places)):
        if rows:
            conn.execute(insert(table), rows)
    if events:
        by_id: dict[str, int] = {
            str(event_id): int(key)
            for key, event_id in conn.execute(
                insert(t.events).returning(
                    t.events.c.key, t.events.c.id, sort_by_parameter_order=True
                ),
                events,
            ).all()
        }
        for canonical, mention in zip(events, mentions, strict=True):
            mention["event_key"] = by_id[canonical["id"]]
        mention_keys = [
            int(k)
            for k in conn.execute(
                insert(t.event_mentions).returning(
                    t.event_mentions.c.key, sort_by_parameter_order=True
                ),
                mentions,
            ).scalars()
        ]
        rows = [
            {**role, "mention_key": mention_key, "event_key": mention["event_key"]}
            for mention_key, mention, roles in zip(
                mention_keys, mentions, event_actors, strict=True
            )
            for role in roles
        ]
        if rows:
            conn.execute(insert(t.event_actors), rows)
    return len(todo), len(pairs) - len(todo), len(events)
