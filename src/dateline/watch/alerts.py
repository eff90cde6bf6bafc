"""Alerts: each newly stored canonical event that matches a rule, once, as a JSON line.

Every rule remembers (in ``alert_rules``) the last article it has looked at; each run
looks at the canonical events that articles stored since then mention. An event never
alerted for the rule is a ``new`` alert; an event alerted before is an ``update`` only
when it gained a mention or its date became more precise, otherwise it stays quiet.
Every alert is kept in ``alerts``, which is also the outbox for the webhook: an alert
the webhook did not take is retried at later runs.

A line is written before its alert is recorded, so a crash between the two repeats that
one line after a restart (at-least-once); SIGTERM never does, it lets the run finish.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from dateline.errors import Code, FetchError, OptionError
from dateline.model import StoredEvent
from dateline.store import Store
from dateline.store import tables as t
from dateline.store.query import hydrate
from dateline.watch.http import Fetcher
from dateline.watch.rules import AlertRule

log = logging.getLogger("dateline.watch")

PRECISION_RANK = {
    "day": 0,
    "week": 1,
    "month": 2,
    "quarter": 3,
    "season": 3,
    "approximate": 4,
    "year": 4,
    "decade": 5,
    "century": 6,
}
WINDOW = 500
"""Articles looked at per query, so that a large first poll stays within flat memory."""
MAX_MENTIONS = 20
"""Mentions carried by one alert (the newest); ``mention_count`` has the total."""
WEBHOOK_TRIES = 5
WEBHOOK_BATCH = 200


class LineSink:
    """JSON lines to a file (appended, reopened for each line so that log rotation just
    works) or to standard output (``-``)."""

    def __init__(self, target: str = "-") -> None:
        self.target = target
        if target != "-":
            path = Path(target).expanduser()
            try:
                with path.open("a", encoding="utf-8"):
                    pass
            except OSError as exc:
                raise OptionError(
                    Code.E012, f"--alert-file: cannot write ({exc.strerror or exc})", path=target
                ) from exc

    def write(self, line: str) -> None:
        if self.target == "-":
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        with Path(self.target).expanduser().open("a", encoding="utf-8") as out:
            out.write(line + "\n")


@dataclass
class AlertReport:
    new: int = 0
    updates: int = 0
    webhook_sent: int = 0
    webhook_failed: int = 0
    lines: list[dict[str, Any]] = field(default_factory=list)
    """The alerts written in this run (kept only by callers that ask for them)."""


class Alerter:
    """Evaluates rules against what was stored since their last run."""

    def __init__(
        self,
        store: Store,
        rules: Sequence[AlertRule],
        *,
        sinks: Sequence[LineSink] = (),
        webhook: str | None = None,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] | None = None,
        keep_lines: bool = False,
    ) -> None:
        self.store = store
        self.rules = list(rules)
        self.sinks = list(sinks)
        self.webhook = webhook
        self.fetcher = fetcher or Fetcher()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.keep_lines = keep_lines

    def register(self) -> None:
        """Make sure every rule is in the store. A rule seen for the first time starts
        after the articles already stored: it alerts on what comes in from now on."""
        with self.store.engine.begin() as conn:
            top = _top(conn)
            for rule in self.rules:
                found = conn.execute(
                    select(t.alert_rules.c.key).where(t.alert_rules.c.rule == rule.text)
                ).first()
                if found is None:
                    conn.execute(
                        insert(t.alert_rules).values(
                            rule=rule.text, created_at=self.clock(), last_article_key=top
                        )
                    )

    def run(self) -> AlertReport:
        report = AlertReport()
        if not self.rules:
            return report
        with self.store.engine.connect() as conn:
            top = _top(conn)
        for rule in self.rules:
            self._run_rule(rule, top, report)
        if self.webhook:
            self._deliver(report)
        return report

    def _run_rule(self, rule: AlertRule, top: int, report: AlertReport) -> None:
        ar = t.alert_rules
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(ar.c.key, ar.c.last_article_key).where(ar.c.rule == rule.text)
            ).one()
        rule_key, mark = int(row.key), int(row.last_article_key)
        while mark < top:
            upto = min(mark + WINDOW, top)
            with self.store.engine.connect() as conn:
                events = _touched(conn, rule, mark, upto)
                previous = _previous(conn, rule_key, [e.id for e in events])
            for event in events:
                alert = _compare(event, previous.get(event.id))
                if alert is None:
                    continue
                kind, changes, before = alert
                payload = {
                    "alert": kind,
                    "rule": rule.text,
                    "alerted_at": self.clock().isoformat(),
                    "changes": changes,
                    "previous": before,
                    "event": _event_json(event),
                }
                line = json.dumps(payload, ensure_ascii=False)
                for sink in self.sinks:
                    sink.write(line)
                self._record(rule_key, event, kind, payload)
                if kind == "new":
                    report.new += 1
                else:
                    report.updates += 1
                if self.keep_lines:
                    report.lines.append(payload)
            with self.store.engine.begin() as conn:
                conn.execute(
                    update(ar)
                    .where(ar.c.key == rule_key)
                    .values(last_article_key=upto, last_run=self.clock())
                )
            mark = upto

    def _record(self, rule_key: int, event: StoredEvent, kind: str, payload: Any) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(
                insert(t.alerts).values(
                    rule_key=rule_key,
                    event_id=event.id,
                    kind=kind,
                    created_at=self.clock(),
                    mentions=event.mention_count,
                    articles=event.article_count,
                    precision=event.when.precision,
                    when_start=event.when.start,
                    when_end=event.when.end,
                    basis=event.when.basis,
                    payload=payload,
                    webhook="pending" if self.webhook else None,
                    attempts=0,
                )
            )

    def _deliver(self, report: AlertReport) -> None:
        """POST pending alerts, oldest first; stop at the first failure (the endpoint is
        probably down: the rest wait for the next run)."""
        assert self.webhook is not None
        a = t.alerts
        with self.store.engine.connect() as conn:
            pending = conn.execute(
                select(a.c.key, a.c.payload, a.c.attempts)
                .where(a.c.webhook == "pending")
                .order_by(a.c.key)
                .limit(WEBHOOK_BATCH)
            ).all()
        for key, payload, attempts in pending:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            try:
                self.fetcher.post_json(self.webhook, body)
            except FetchError as exc:
                tries = int(attempts) + 1
                state = "failed" if tries >= WEBHOOK_TRIES else "pending"
                with self.store.engine.begin() as conn:
                    conn.execute(
                        update(a).where(a.c.key == key).values(attempts=tries, webhook=state)
                    )
                report.webhook_failed += 1
                log.warning(
                    "%s %s: %s: %s (try %d of %d)",
                    Code.W005.name,
                    Code.W005.value,
                    self.webhook,
                    exc.detail,
                    tries,
                    WEBHOOK_TRIES,
                )
                return
            with self.store.engine.begin() as conn:
                conn.execute(
                    update(a)
                    .where(a.c.key == key)
                    .values(attempts=int(attempts) + 1, webhook="sent")
                )
            report.webhook_sent += 1


def _top(conn: Connection) -> int:
    return int(conn.execute(select(func.max(t.articles.c.key))).scalar() or 0)


def _touched(conn: Connection, rule: AlertRule, after: int, upto: int) -> list[StoredEvent]:
    """Canonical events matching the rule that articles after..upto mention."""
    e, m = t.events, t.event_mentions
    touched = select(m.c.event_key).where(m.c.article_key > after, m.c.article_key <= upto)
    query = rule.filters.apply(select(e).where(e.c.key.in_(touched))).order_by(
        e.c.when_start, e.c.when_end, e.c.id
    )
    rows = conn.execute(query).mappings().all()
    return hydrate(conn, rows, with_mentions=True)


def _previous(conn: Connection, rule_key: int, ids: list[str]) -> dict[str, Any]:
    """The latest alert of this rule for each of these events."""
    a = t.alerts
    out: dict[str, Any] = {}
    for i in range(0, len(ids), 500):
        rows = conn.execute(
            select(
                a.c.event_id,
                a.c.mentions,
                a.c.articles,
                a.c.precision,
                a.c.when_start,
                a.c.when_end,
                a.c.basis,
            )
            .where(a.c.rule_key == rule_key, a.c.event_id.in_(ids[i : i + 500]))
            .order_by(a.c.key)
        ).mappings()
        for r in rows:
            out[r["event_id"]] = r
    return out


def _compare(
    event: StoredEvent, before: Any
) -> tuple[str, list[str], dict[str, Any] | None] | None:
    """("new", [], None), ("update", changes, what it was), or None (nothing new)."""
    if before is None:
        return "new", [], None
    changes: list[str] = []
    if event.mention_count > before["mentions"] or event.article_count > before["articles"]:
        changes.append("mentions")
    if _more_precise(event, before):
        changes.append("date")
    if not changes:
        return None
    return (
        "update",
        changes,
        {
            "mention_count": before["mentions"],
            "article_count": before["articles"],
            "when": {
                "start": _iso(before["when_start"]),
                "end": _iso(before["when_end"]),
                "precision": before["precision"],
                "basis": before["basis"],
            },
        },
    )


def _more_precise(event: StoredEvent, before: Any) -> bool:
    """A finer precision, a narrower interval, or a text date replacing the publication
    date."""
    when = event.when
    old_rank = PRECISION_RANK.get(before["precision"], 9)
    new_rank = PRECISION_RANK.get(when.precision, 9)
    old_width = (_day(before["when_end"]) - _day(before["when_start"])).days
    new_width = (when.end - when.start).days
    if new_rank < old_rank or (new_rank == old_rank and new_width < old_width):
        return True
    return bool(before["basis"] == "published" and when.basis != "published")


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _iso(value: date | str) -> str:
    return _day(value).isoformat()


def _event_json(event: StoredEvent) -> dict[str, Any]:
    data = event.model_dump(mode="json")
    mentions = data.get("mentions", [])
    if len(mentions) > MAX_MENTIONS:
        data["mentions"] = mentions[-MAX_MENTIONS:]
    return data
