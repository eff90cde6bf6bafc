"""Per-feed and per-item state in the store (tables ``feeds`` and ``feed_items``).

Everything the watcher knows between polls lives here, so a restart resumes exactly:
validators for conditional GET, consecutive failures and the back-off deadline, and
every item already handled (by feed and item key, and by URL across feeds).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from dateline.store import tables as t
from dateline.watch.config import FeedSpec

DONE = ("stored", "duplicate", "failed")
"""Item statuses that are never looked at again (``pending`` items are retried)."""


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(slots=True)
class FeedState:
    key: int
    url: str
    name: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    final_url: str | None
    last_poll: datetime | None
    last_success: datetime | None
    failures: int
    next_poll: datetime | None

    @classmethod
    def from_row(cls, row: Any) -> FeedState:
        return cls(
            key=int(row["key"]),
            url=row["url"],
            name=row["name"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            body_hash=row["body_hash"],
            final_url=row["final_url"],
            last_poll=utc(row["last_poll"]),
            last_success=utc(row["last_success"]),
            failures=int(row["failures"]),
            next_poll=utc(row["next_poll"]),
        )


def sync_feeds(conn: Connection, specs: Sequence[FeedSpec], now: datetime) -> None:
    """Add the feeds the store does not know yet (and keep names current)."""
    f = t.feeds
    known = {
        r.url: r.name
        for r in conn.execute(
            select(f.c.url, f.c.name).where(f.c.url.in_([s.url for s in specs]))
        ).all()
    }
    for spec in specs:
        if spec.url not in known:
            conn.execute(
                insert(f).values(
                    url=spec.url,
                    name=spec.name,
                    added_at=now,
                    failures=0,
                    errors_total=0,
                    polls=0,
                    not_modified=0,
                    items_seen=0,
                    items_stored=0,
                )
            )
        elif spec.name and known[spec.url] != spec.name:
            conn.execute(update(f).where(f.c.url == spec.url).values(name=spec.name))


def load_states(conn: Connection, urls: Sequence[str]) -> dict[str, FeedState]:
    f = t.feeds
    out: dict[str, FeedState] = {}
    for i in range(0, len(urls), 500):
        for row in conn.execute(select(f).where(f.c.url.in_(urls[i : i + 500]))).mappings():
            out[row["url"]] = FeedState.from_row(row)
    return out


def key_hash(text: str) -> str:
    """Item keys and URLs are looked up by their SHA-256: an index on a long URL would
    overflow PostgreSQL's index row limit."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def known_items(
    conn: Connection, feed_key: int, keys: Sequence[str], urls: Sequence[str]
) -> tuple[dict[str, tuple[str, int]], set[str]]:
    """(this feed's items by key → (status, attempts), URLs any feed has handled)."""
    fi = t.feed_items
    by_hash = {key_hash(k): k for k in keys}
    hashes = list(by_hash)
    mine: dict[str, tuple[str, int]] = {}
    for i in range(0, len(hashes), 500):
        for r in conn.execute(
            select(fi.c.item_hash, fi.c.status, fi.c.attempts).where(
                fi.c.feed_key == feed_key, fi.c.item_hash.in_(hashes[i : i + 500])
            )
        ).all():
            mine[by_hash[r.item_hash]] = (r.status, int(r.attempts))
    url_by_hash = {key_hash(u): u for u in urls}
    url_hashes = list(url_by_hash)
    elsewhere: set[str] = set()
    for i in range(0, len(url_hashes), 500):
        found = conn.execute(
            select(fi.c.url_hash).where(
                fi.c.url_hash.in_(url_hashes[i : i + 500]),
                fi.c.status.in_(("stored", "duplicate")),
            )
        ).scalars()
        elsewhere.update(url_by_hash[h] for h in found)
    return mine, elsewhere


@dataclass(slots=True)
class ItemUpdate:
    item_key: str
    url: str | None
    status: str
    attempts: int
    content_hash: str | None = None
    article_id: str | None = None
    error: str | None = None


def record_items(
    conn: Connection,
    feed_key: int,
    items: Iterable[ItemUpdate],
    existing: set[str],
    now: datetime,
) -> None:
    fi = t.feed_items
    for item in items:
        values = {
            "url": item.url,
            "url_hash": key_hash(item.url) if item.url else None,
            "status": item.status,
            "attempts": item.attempts,
            "content_hash": item.content_hash,
            "article_id": item.article_id,
            "error": item.error,
        }
        if item.item_key in existing:
            conn.execute(
                update(fi)
                .where(fi.c.feed_key == feed_key, fi.c.item_hash == key_hash(item.item_key))
                .values(**values)
            )
        else:
            conn.execute(
                insert(fi).values(
                    feed_key=feed_key,
                    item_key=item.item_key,
                    item_hash=key_hash(item.item_key),
                    first_seen=now,
                    **values,
                )
            )


def record_success(
    conn: Connection,
    feed_key: int,
    now: datetime,
    *,
    status: str,
    final_url: str | None,
    validators: tuple[str | None, str | None, str | None] | None,
    items_seen: int = 0,
    items_stored: int = 0,
    not_modified: bool = False,
) -> None:
    """A poll that worked. ``validators`` (etag, last_modified, body hash) are saved only
    when every item of the document was handled; None keeps the old ones, so that the
    next poll downloads the document again and retries what is pending."""
    f = t.feeds
    values: dict[str, Any] = {
        "last_poll": now,
        "last_success": now,
        "last_status": status,
        "failures": 0,
        "next_poll": None,
        "polls": f.c.polls + 1,
        "items_seen": f.c.items_seen + items_seen,
        "items_stored": f.c.items_stored + items_stored,
        "not_modified": f.c.not_modified + (1 if not_modified else 0),
    }
    if final_url is not None:  # moved permanently: poll the new address from now on
        values["final_url"] = final_url
    if validators is not None:
        values["etag"], values["last_modified"], values["body_hash"] = validators
    conn.execute(update(f).where(f.c.key == feed_key).values(**values))


def record_failure(
    conn: Connection,
    feed_key: int,
    now: datetime,
    *,
    status: str,
    error: str,
    next_poll: datetime,
    failures: int,
) -> None:
    f = t.feeds
    conn.execute(
        update(f)
        .where(f.c.key == feed_key)
        .values(
            last_poll=now,
            last_status=status,
            last_error=error,
            last_error_at=now,
            failures=failures,
            errors_total=f.c.errors_total + 1,
            polls=f.c.polls + 1,
            next_poll=next_poll,
        )
    )


def health(conn: Connection, now: datetime, *, window_days: int = 7) -> list[dict[str, Any]]:
    """Every feed in the store with its health, for ``dateline feeds``."""
    f, fi = t.feeds, t.feed_items
    since = now - timedelta(days=window_days)
    recent: dict[int, int] = dict(
        conn.execute(
            select(fi.c.feed_key, func.count())
            .where(fi.c.first_seen >= since)
            .group_by(fi.c.feed_key)
        ).all()
    )
    out: list[dict[str, Any]] = []
    for row in conn.execute(select(f).order_by(f.c.key)).mappings():
        added = utc(row["added_at"]) or now
        days = min(float(window_days), max((now - added).total_seconds() / 86400, 1.0))
        next_poll = utc(row["next_poll"])
        if row["polls"] == 0:
            status = "new"
        elif row["failures"]:
            status = "failing"
        else:
            status = "ok"
        out.append(
            {
                "url": row["url"],
                "name": row["name"],
                "status": status,
                "last_success": _iso(utc(row["last_success"])),
                "last_poll": _iso(utc(row["last_poll"])),
                "last_status": row["last_status"],
                "polls": row["polls"],
                "not_modified": row["not_modified"],
                "failures": row["failures"],
                "errors_total": row["errors_total"],
                "last_error": row["last_error"],
                "last_error_at": _iso(utc(row["last_error_at"])),
                "next_retry": _iso(next_poll) if next_poll and next_poll > now else None,
                "items_seen": row["items_seen"],
                "items_stored": row["items_stored"],
                "items_per_day": round(recent.get(row["key"], 0) / days, 1),
                "moved_to": row["final_url"],
            }
        )
    return out


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
