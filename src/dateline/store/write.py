"""Writing annotated articles: each article with all its annotations in one transaction
(a savepoint inside a batch transaction), so a crash never leaves half an article."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

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
    """Insert one article and everything found in it; returns the number of events."""
    now = datetime.now(UTC)
    key = conn.execute(
        insert(t.articles)
        .values(
            id=record.id,
            content_hash=article.content_hash,
            source=record.source,
            url=record.url,
            title=record.title,
            published=record.published,
            dateline=record.dateline,
            format=article.format,
            text=article.text,
            body_start=article.body_start,
            pipeline=pipeline,
            run_id=run_id,
            ingested_at=now,
        )
        .returning(t.articles.c.key)
    ).scalar_one()
    if record.timexes:
        conn.execute(
            insert(t.timexes),
            [
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
            ],
        )
    if record.actors:
        conn.execute(
            insert(t.actors),
            [
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
            ],
        )
    if record.places:
        conn.execute(
            insert(t.places),
            [
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
            ],
        )
    for event in record.events:
        _insert_event(conn, key, article.content_hash, record, event)
    return len(record.events)


def _insert_event(
    conn: Connection, article_key: int, content_hash: str, record: ArticleRecord, event: Event
) -> None:
    place = next((p for p in record.places if p.id == event.where), None)
    event_key = conn.execute(
        insert(t.events)
        .values(
            id=canonical_id(content_hash, event.id),
            type=event.type,
            mode=event.mode,
            cameo=event.cameo,
            status=event.status,
            when_value=event.when.value,
            when_start=event.when.start,
            when_end=event.when.end,
            precision=event.when.precision,
            basis=event.when.basis,
            place_name=place.name if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            place_country=place.country if place else None,
            geonameid=place.geonameid if place else None,
            confidence=event.confidence,
            mentions=1 + len(event.mentions),
            articles=1,
            sources=1,
            first_reported=record.published,
            last_reported=record.published,
        )
        .returning(t.events.c.key)
    ).scalar_one()
    mention_key = conn.execute(
        insert(t.event_mentions)
        .values(
            article_key=article_key,
            event_key=event_key,
            eid=event.id,
            type=event.type,
            status=event.status,
            when_value=event.when.value,
            when_start=event.when.start,
            when_end=event.when.end,
            precision=event.when.precision,
            basis=event.when.basis,
            trigger_start=event.trigger.start,
            trigger_end=event.trigger.end,
            sentence_start=event.sentence.start,
            sentence_end=event.sentence.end,
            confidence=event.confidence,
            record=event.model_dump(mode="json"),
        )
        .returning(t.event_mentions.c.key)
    ).scalar_one()
    by_id = {a.id: a for a in record.actors}
    rows: list[dict[str, Any]] = []
    for role, ids in (("actor", event.actors), ("recipient", event.recipients)):
        for position, aid in enumerate(ids):
            actor = by_id.get(aid)
            if actor is not None:
                rows.append(
                    {
                        "mention_key": mention_key,
                        "event_key": event_key,
                        "role": role,
                        "position": position,
                        "name": actor.name,
                        "kind": actor.kind,
                        "country": actor.country,
                        "sector": actor.sector,
                    }
                )
    if rows:
        conn.execute(insert(t.event_actors), rows)


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
