"""Merging in the store: every writer inserts each extracted event as its own canonical
event (as ``store/write.py`` does) and then, in the same transaction, calls
:func:`merge_pending`, which attaches every mention that has no merge decision yet to the
canonical event it matches (or leaves it on its own), stores the decision with its
evidence, and recomputes the canonical fields of what changed.

Concurrency: on PostgreSQL, :func:`merge_pending` first takes a transaction-scoped
advisory lock, so merges of concurrent writers run one after another, each seeing what
the previous one committed; on SQLite a write transaction already excludes other writers.
Either way the reading and re-writing of canonical events is serialised, the NLP work
before it is not.

Reversible: :func:`split` takes a mention out into an event of its own (and keeps it on
its own), :func:`join` merges two canonical events by hand, :func:`rebuild` forgets every
automatic decision and merges again from scratch in the canonical order; decisions made
by hand survive a rebuild.

Event ids are stable: a canonical event's id is derived from the mention that founded it
(``write.canonical_id``), so attaching reports never changes an id, and a rebuild over
the same articles gives the same ids whatever order they were ingested in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text, update

from dateline.merge.canonical import canonical
from dateline.merge.cluster import Candidate, Decision, choose
from dateline.merge.features import FAMILIES, LEAD_CHARS, MergeMention, from_event
from dateline.merge.score import DEFAULT, MergeConfig
from dateline.model import Actor, ArticleRecord, Event, Place
from dateline.store import tables as t

MERGE_LOCK = 4_242_006  # PostgreSQL advisory lock key: one merger at a time
CANDIDATE_SLACK = timedelta(days=7)
MAX_CANDIDATES = 400
"""At most this many canonical events (those created last) are compared with one new
mention; at most :data:`MAX_MEMBERS` mentions of each."""
MAX_MEMBERS = 100


@dataclass
class MergeReport:
    mentions: int = 0
    attached: int = 0
    new: int = 0
    events: set[int] = field(default_factory=set)


def lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MERGE_LOCK})


def merge_pending(conn: Connection, config: MergeConfig = DEFAULT) -> MergeReport:
    """Merge every mention without a decision (call inside the writing transaction)."""
    lock(conn)
    report = MergeReport()
    pending = load_pending(conn)
    if not pending:
        return report
    pending.sort(key=lambda pm: (pm[1].order, pm[0]))
    cache: dict[int, list[MergeMention]] = {}
    now = datetime.now(UTC)
    for mention_key, m in pending:
        own_event = _event_of(conn, mention_key)
        candidates = _candidates(conn, m, own_event, cache)
        decision = choose(m, candidates, config)
        report.mentions += 1
        if decision.kind == "attach":
            target = int(decision.cluster)
            _move(conn, [mention_key], target)
            _drop_if_empty(conn, own_event)
            report.attached += 1
        else:
            target = own_event
            report.new += 1
        cache.setdefault(target, []).append(m)
        _record(conn, mention_key, target, m, decision, manual=False, now=now)
        report.events.add(target)
    recompute(conn, report.events, config)
    return report


def load_pending(conn: Connection) -> list[tuple[int, MergeMention]]:
    """Mentions with no merge decision, with the merger's view of each."""
    m, a, d = t.event_mentions, t.articles, t.merge_decisions
    rows = (
        conn.execute(
            select(
                m.c.key,
                m.c.record,
                m.c.article_key,
                a.c.id,
                a.c.source,
                a.c.url,
                a.c.published,
                a.c.content_hash,
                a.c.title,
                func.substr(a.c.text, a.c.body_start + 1, LEAD_CHARS).label("lead"),
            )
            .join(a, a.c.key == m.c.article_key)
            .outerjoin(d, d.c.mention_key == m.c.key)
            .where(d.c.mention_key.is_(None))
            .order_by(m.c.key)
        )
        .mappings()
        .all()
    )
    return _to_mentions(conn, rows)


def _to_mentions(conn: Connection, rows: Sequence[Any]) -> list[tuple[int, MergeMention]]:
    article_keys = sorted({r["article_key"] for r in rows})
    actors: dict[int, list[Actor]] = {}
    places: dict[int, list[Place]] = {}
    for chunk in _chunks(article_keys):
        for r in conn.execute(select(t.actors).where(t.actors.c.article_key.in_(chunk))).mappings():
            actors.setdefault(r["article_key"], []).append(
                Actor(id=r["aid"], name=r["name"], kind=r["kind"], country=r["country"])
            )
        for r in conn.execute(select(t.places).where(t.places.c.article_key.in_(chunk))).mappings():
            places.setdefault(r["article_key"], []).append(
                Place(
                    id=r["pid"],
                    name=r["name"],
                    lat=r["lat"],
                    lon=r["lon"],
                    country=r["country"],
                    feature_code=r["feature_code"],
                    geonameid=r["geonameid"],
                )
            )
    out: list[tuple[int, MergeMention]] = []
    for r in rows:
        event = Event.model_validate(r["record"])
        record = ArticleRecord(
            id=r["id"],
            title=r["title"],
            source=r["source"],
            url=r["url"],
            published=r["published"],
            actors=actors.get(r["article_key"], []),
            places=places.get(r["article_key"], []),
        )
        if event.sentence.text is None:
            sentence = conn.execute(
                select(
                    func.substr(
                        t.articles.c.text,
                        event.sentence.start + 1,
                        event.sentence.end - event.sentence.start,
                    )
                ).where(t.articles.c.key == r["article_key"])
            ).scalar_one()
            event.sentence.text = sentence
        out.append(
            (
                int(r["key"]),
                from_event(
                    str(r["key"]), record, event, content_hash=r["content_hash"], lead=r["lead"]
                ),
            )
        )
    return out


def _event_of(conn: Connection, mention_key: int) -> int:
    return int(
        conn.execute(
            select(t.event_mentions.c.event_key).where(t.event_mentions.c.key == mention_key)
        ).scalar_one()
    )


def _candidates(
    conn: Connection, m: MergeMention, own_event: int, cache: dict[int, list[MergeMention]]
) -> list[Candidate]:
    """Canonical events near in time, of the same family, not kept apart by hand."""
    e, d = t.events, t.merge_decisions
    window = m.window()
    query = select(e.c.key).where(
        e.c.key != own_event,
        select(d.c.mention_key).where(d.c.event_key == e.c.key).exists(),
        ~select(d.c.mention_key).where(d.c.event_key == e.c.key, d.c.decision == "split").exists(),
    )
    if m.family is not None:
        query = query.where(e.c.type.in_(sorted(k for k, v in FAMILIES.items() if v == m.family)))
    if window is not None:
        lo, hi = window[0] - CANDIDATE_SLACK, window[1] + CANDIDATE_SLACK
        query = query.where(e.c.when_start <= hi, e.c.when_end >= lo)
    # the most recently created events first, when there are too many
    query = query.order_by(e.c.key.desc()).limit(MAX_CANDIDATES)
    keys = sorted(int(k) for k in conn.execute(query).scalars())
    out = []
    for key in keys:
        if key not in cache:
            cache[key] = _members(conn, key)
        out.append(Candidate(str(key), cache[key]))
    return out


def _members(conn: Connection, event_key: int) -> list[MergeMention]:
    d = t.merge_decisions
    rows = conn.execute(
        select(d.c.features)
        .where(d.c.event_key == event_key)
        .order_by(d.c.mention_key)
        .limit(MAX_MEMBERS)
    ).scalars()
    return [MergeMention.from_json(f) for f in rows]


def _move(conn: Connection, mention_keys: Sequence[int], event_key: int) -> None:
    for chunk in _chunks(sorted(mention_keys)):
        conn.execute(
            update(t.event_mentions)
            .where(t.event_mentions.c.key.in_(chunk))
            .values(event_key=event_key)
        )
        conn.execute(
            update(t.event_actors)
            .where(t.event_actors.c.mention_key.in_(chunk))
            .values(event_key=event_key)
        )
        conn.execute(
            update(t.merge_decisions)
            .where(t.merge_decisions.c.mention_key.in_(chunk))
            .values(event_key=event_key)
        )


def _drop_if_empty(conn: Connection, event_key: int) -> None:
    left = conn.execute(
        select(func.count())
        .select_from(t.event_mentions)
        .where(t.event_mentions.c.event_key == event_key)
    ).scalar_one()
    if not left:
        conn.execute(delete(t.events).where(t.events.c.key == event_key))


def _record(
    conn: Connection,
    mention_key: int,
    event_key: int,
    m: MergeMention,
    decision: Decision,
    *,
    manual: bool,
    now: datetime,
    kind: str | None = None,
) -> None:
    conn.execute(delete(t.merge_decisions).where(t.merge_decisions.c.mention_key == mention_key))
    conn.execute(
        insert(t.merge_decisions).values(
            mention_key=mention_key,
            event_key=event_key,
            decision=kind or decision.kind,
            matched_key=int(decision.matched) if decision.matched else None,
            score=decision.evidence.score if decision.evidence else None,
            evidence=decision.to_json(),
            features=m.to_json(),
            manual=manual,
            merger=decision.version,
            decided_at=now,
        )
    )


def recompute(conn: Connection, event_keys: Iterable[int], config: MergeConfig = DEFAULT) -> None:
    """Re-derive the canonical fields of these events from all their mentions."""
    d = t.merge_decisions
    for key in sorted(set(event_keys)):
        rows = conn.execute(select(d.c.features).where(d.c.event_key == key)).scalars().all()
        if not rows:
            continue
        members = [MergeMention.from_json(f) for f in rows]
        conn.execute(
            update(t.events).where(t.events.c.key == key).values(**canonical(members, config).row())
        )


# -- by hand -----------------------------------------------------------------------------


def _mention_rows(conn: Connection, event_key: int) -> list[tuple[int, MergeMention]]:
    d = t.merge_decisions
    rows = conn.execute(
        select(d.c.mention_key, d.c.features).where(d.c.event_key == event_key)
    ).all()
    return sorted(
        ((int(k), MergeMention.from_json(f)) for k, f in rows), key=lambda km: (km[1].order, km[0])
    )


def _founder_id(m: MergeMention) -> str:
    from dateline.store.write import canonical_id

    return canonical_id(m.article, m.order[3])


def _new_event(conn: Connection, members: Sequence[MergeMention], config: MergeConfig) -> int:
    first = min(members, key=lambda m: (m.order, m.key))
    return int(
        conn.execute(
            insert(t.events)
            .values(id=_founder_id(first), **canonical(members, config).row())
            .returning(t.events.c.key)
        ).scalar_one()
    )


def isolate(conn: Connection, mention_key: int, config: MergeConfig = DEFAULT) -> int:
    """Give one mention a canonical event of its own; returns that event's key. The
    event keeps its id if this mention founded it (the rest move to a new event named
    after their own founder), so ids stay derived from founders."""
    event_key = _event_of(conn, mention_key)
    members = _mention_rows(conn, event_key)
    if len(members) <= 1:
        return event_key
    this = next(m for k, m in members if k == mention_key)
    event_id = conn.execute(select(t.events.c.id).where(t.events.c.key == event_key)).scalar_one()
    others = [(k, m) for k, m in members if k != mention_key]
    if event_id == _founder_id(this):
        new_key = _new_event(conn, [m for _, m in others], config)
        _move(conn, [k for k, _ in others], new_key)
        recompute(conn, [event_key, new_key], config)
        return event_key
    new_key = _new_event(conn, [this], config)
    _move(conn, [mention_key], new_key)
    recompute(conn, [event_key, new_key], config)
    return new_key


def split(conn: Connection, mention_key: int, config: MergeConfig = DEFAULT) -> int:
    """Take a mention out of its canonical event, by hand: it stays on its own (no later
    merge attaches to it) until :func:`join` puts it back. Returns its new event key."""
    lock(conn)
    key = isolate(conn, mention_key, config)
    conn.execute(
        update(t.merge_decisions)
        .where(t.merge_decisions.c.mention_key == mention_key)
        .values(
            decision="split",
            manual=True,
            matched_key=None,
            score=None,
            evidence={"kind": "split", "by": "hand"},
            decided_at=datetime.now(UTC),
        )
    )
    return key


def join(conn: Connection, keep: int, other: int, config: MergeConfig = DEFAULT) -> None:
    """Merge canonical event ``other`` into ``keep``, by hand (survives a rebuild)."""
    lock(conn)
    if keep == other:
        return
    keys = [k for k, _ in _mention_rows(conn, other)]
    _move(conn, keys, keep)
    conn.execute(
        update(t.merge_decisions)
        .where(t.merge_decisions.c.event_key == keep)
        .values(decision="join", manual=True, evidence={"kind": "join", "by": "hand"})
    )
    conn.execute(delete(t.events).where(t.events.c.key == other))
    recompute(conn, [keep], config)


def rebuild(conn: Connection, config: MergeConfig = DEFAULT) -> MergeReport:
    """Forget every automatic decision and merge all mentions again, in canonical order."""
    lock(conn)
    d = t.merge_decisions
    automatic = [
        int(k)
        for k in conn.execute(
            select(d.c.mention_key).where(d.c.manual.is_(False)).order_by(d.c.mention_key)
        ).scalars()
    ]
    for key in automatic:
        isolate(conn, key, config)
    for chunk in _chunks(automatic):
        conn.execute(delete(d).where(d.c.mention_key.in_(chunk)))
    return merge_pending(conn, config)


def explain(conn: Connection, event_key: int) -> list[dict[str, Any]]:
    """Every mention of a canonical event with the decision that put it there."""
    d, m, a = t.merge_decisions, t.event_mentions, t.articles
    rows = conn.execute(
        select(
            d.c.mention_key,
            d.c.decision,
            d.c.matched_key,
            d.c.score,
            d.c.evidence,
            d.c.manual,
            d.c.merger,
            d.c.decided_at,
            m.c.eid,
            a.c.id.label("article"),
            a.c.published,
        )
        .join(m, m.c.key == d.c.mention_key)
        .join(a, a.c.key == m.c.article_key)
        .where(d.c.event_key == event_key)
        .order_by(a.c.published, d.c.mention_key)
    ).mappings()
    return [dict(r) for r in rows]


def _chunks(keys: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [keys[i : i + size] for i in range(0, len(keys), size)]
