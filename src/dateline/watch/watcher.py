"""The watcher: poll feeds, store what is new through the ingest path, raise alerts.

One poll = download every due feed (in worker threads, each host rate-limited), then, in
feed order and on the main thread: skip a feed that answered 304 or sent the same bytes
as last time (no parsing, no NLP); otherwise read its entries with the feed reader, skip
items already handled (by item key, and by URL across feeds), read each new item (the
entry, or with ``fetch_pages`` its page via the HTML reader, robots.txt permitting),
skip contents already stored (by content hash), and annotate and store the rest exactly
as ``dateline ingest`` does. Then the alert rules run over what was stored.

A failing feed is recorded (error, consecutive failures, exponential back-off) and never
stops the others; all state is in the store, so a restart resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from dateline.errors import Code, DatelineError, FetchError, ReadError
from dateline.ingest import store_new
from dateline.nlp.pipeline import Pipeline
from dateline.read import feed as feed_reader
from dateline.read.base import MAX_BYTES, Article, content_hash
from dateline.read.options import ReadOptions
from dateline.store import Store, tables
from dateline.watch import state as st
from dateline.watch.alerts import Alerter, AlertReport, LineSink
from dateline.watch.config import FeedSpec
from dateline.watch.http import PAGE_ACCEPT, USER_AGENT, Fetcher, Response
from dateline.watch.robots import Robots
from dateline.watch.rules import AlertRule

log = logging.getLogger("dateline.watch")


@dataclass(slots=True)
class WatchSettings:
    every: float = 900.0
    """Seconds between polls of a feed (a feed's own ``every`` wins)."""
    fetch_pages: bool = False
    timeout: float = 20.0
    host_delay: float = 1.0
    """At least this many seconds between two requests to the same host."""
    workers: int = 4
    """Feeds downloaded at the same time (different hosts only ever overlap)."""
    user_agent: str = USER_AGENT
    max_backoff: float = 6 * 3600.0
    """Longest wait after repeated failures (never shorter than ``every``)."""
    page_tries: int = 3
    """Polls at which a page that failed to download is tried before the summary is kept."""
    full_text_chars: int = 1500
    """An entry whose text is at least this long is taken as the full article."""
    max_bytes: int = MAX_BYTES


@dataclass
class FeedResult:
    """What one poll did with one feed."""

    url: str
    status: str = ""
    """HTTP status (200, 304), ``unchanged`` (same bytes), or an error code."""
    new: int = 0
    """Items never seen before."""
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    pending: int = 0
    events: int = 0
    error: DatelineError | None = None
    problems: list[DatelineError] = field(default_factory=list)
    retry_at: datetime | None = None


@dataclass
class PollReport:
    number: int
    started: datetime
    finished: datetime | None = None
    feeds: list[FeedResult] = field(default_factory=list)
    alerts: AlertReport = field(default_factory=AlertReport)
    annotated: int = 0
    """Articles that went through the NLP pipeline in this poll."""
    requests: int = 0
    """HTTP requests made (feeds, pages, robots.txt, webhooks)."""
    run_id: int | None = None

    @property
    def unchanged(self) -> int:
        return sum(1 for f in self.feeds if f.status in ("304", "unchanged"))

    @property
    def failed(self) -> int:
        return sum(1 for f in self.feeds if f.error is not None)

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)

    @property
    def events(self) -> int:
        return sum(f.events for f in self.feeds)

    def summary(self) -> str:
        new = sum(f.new for f in self.feeds)
        took = (self.finished - self.started).total_seconds() if self.finished else 0.0
        text = (
            f"poll {self.number} ({took:.1f} s): {len(self.feeds)} feeds "
            f"({self.unchanged} unchanged, "
            f"{self.failed} failed), {new} new items, {self.stored} articles stored, "
            f"{self.events} events"
        )
        if self.alerts.new or self.alerts.updates:
            text += f", {self.alerts.new} alerts ({self.alerts.updates} updates)"
        return text


class _Pending(Exception):
    """An item to try again at the next poll (its page could not be had right now)."""


class Watcher:
    """Keep a store current from feeds. ``pipeline`` may be a function that loads it: it
    is called only when there is something new to annotate."""

    def __init__(
        self,
        store: Store,
        feeds: Sequence[FeedSpec],
        *,
        pipeline: Pipeline | Callable[[], Pipeline],
        settings: WatchSettings | None = None,
        rules: Sequence[AlertRule] = (),
        sinks: Sequence[LineSink] = (),
        webhook: str | None = None,
        clock: Callable[[], datetime] | None = None,
        keep_alerts: bool = False,
    ) -> None:
        self.store = store
        self.feeds = list(feeds)
        self.settings = settings or WatchSettings()
        self.clock = clock or (lambda: datetime.now(UTC))
        self._pipeline = pipeline
        self.fetcher = Fetcher(
            user_agent=self.settings.user_agent,
            timeout=self.settings.timeout,
            host_delay=self.settings.host_delay,
            max_bytes=self.settings.max_bytes,
        )
        self.robots = Robots(self.fetcher)
        self.alerter = Alerter(
            store,
            rules,
            sinks=sinks,
            webhook=webhook,
            fetcher=self.fetcher,
            clock=self.clock,
            keep_lines=keep_alerts,
        )
        self.polls = 0
        self._started = False
        self._run_id: int | None = None
        self._run_counts: dict[str, Any] = {}

    # -- the loop ------------------------------------------------------------------------

    def start(self) -> None:
        """Record the feeds and rules in the store (idempotent; done by the first poll)."""
        with self.store.engine.begin() as conn:
            st.sync_feeds(conn, self.feeds, self.clock())
        self.alerter.register()
        self._started = True

    def run(
        self,
        stop: threading.Event | None = None,
        *,
        once: bool = False,
        max_polls: int | None = None,
        on_poll: Callable[[PollReport], None] | None = None,
    ) -> int:
        """Poll until ``stop`` is set (a poll in progress is finished first), after one
        round with ``once``, or after ``max_polls``. Returns the number of polls."""
        stop = stop or threading.Event()
        done = 0
        while not stop.is_set():
            try:
                due = self.due(once=once)
                if due:
                    report = self.poll(due)
                    done += 1
                    if on_poll:
                        on_poll(report)
                wait = self.seconds_to_next()
            except (DatelineError, SQLAlchemyError, OSError) as exc:
                if once:
                    raise
                wait = min(self.settings.every, 60.0)
                log.error("the poll failed (%s); trying again in %s", exc, _human(wait))
            if once or (max_polls is not None and done >= max_polls):
                break
            stop.wait(wait)
        return done

    def due(self, *, once: bool = False) -> list[FeedSpec]:
        """Feeds to poll now. With ``once``: every feed not backing off after failures."""
        if not self._started:
            self.start()
        now = self.clock()
        with self.store.engine.connect() as conn:
            states = st.load_states(conn, [f.url for f in self.feeds])
        out = []
        for spec in self.feeds:
            state = states[spec.url]
            if state.next_poll is not None and state.next_poll > now:
                continue
            slack = timedelta(seconds=min(1.0, self._every(spec) / 10))
            if once or self._due_at(spec, state) <= now + slack:
                out.append(spec)
        return out

    def seconds_to_next(self) -> float:
        """How long the loop may sleep before a feed is due (at least 0.1 s)."""
        now = self.clock()
        with self.store.engine.connect() as conn:
            states = st.load_states(conn, [f.url for f in self.feeds])
        times = [self._due_at(spec, states[spec.url]) for spec in self.feeds]
        if not times:
            return self.settings.every
        return max(0.1, (min(times) - now).total_seconds())

    def _every(self, spec: FeedSpec) -> float:
        return spec.every or self.settings.every

    def _due_at(self, spec: FeedSpec, state: st.FeedState) -> datetime:
        if state.next_poll is not None:
            return state.next_poll
        if state.last_poll is None:
            return datetime.min.replace(tzinfo=UTC)
        return state.last_poll + timedelta(seconds=self._every(spec))

    # -- one poll ------------------------------------------------------------------------

    def poll(self, feeds: Sequence[FeedSpec] | None = None) -> PollReport:
        """Poll these feeds (default: all of them) once, then run the alert rules."""
        if not self._started:
            self.start()
        specs = list(self.feeds if feeds is None else feeds)
        self.polls += 1
        report = PollReport(number=self.polls, started=self.clock())
        requests_before = self.fetcher.stats.get("requests", 0)
        with self.store.engine.connect() as conn:
            states = st.load_states(conn, [s.url for s in specs])
        self._run_id, self._run_counts = None, {}
        try:
            workers = max(1, min(self.settings.workers, len(specs)))
            with ThreadPoolExecutor(workers, thread_name_prefix="dateline-fetch") as pool:
                futures = [pool.submit(self._fetch, s, states[s.url]) for s in specs]
                for spec, future in zip(specs, futures, strict=True):
                    result = self._handle(spec, states[spec.url], future.result(), report)
                    report.feeds.append(result)
        finally:
            self._finish_run(report)
        report.alerts = self.alerter.run()
        report.requests = self.fetcher.stats.get("requests", 0) - requests_before
        report.finished = self.clock()
        return report

    def _fetch(self, spec: FeedSpec, state: st.FeedState) -> Response | FetchError:
        try:
            return self.fetcher.get(
                state.final_url or spec.url,
                etag=state.etag,
                last_modified=state.last_modified,
                timeout=spec.timeout or self.settings.timeout,
            )
        except FetchError as exc:
            return exc
        except Exception as exc:  # never let one feed's surprise stop the poll
            return FetchError(Code.E016, f"{exc.__class__.__name__}: {exc}", path=spec.url)

    def _handle(
        self,
        spec: FeedSpec,
        state: st.FeedState,
        outcome: Response | FetchError,
        report: PollReport,
    ) -> FeedResult:
        result = FeedResult(url=spec.url)
        now = report.started  # feeds polled together stay due together
        try:
            if isinstance(outcome, FetchError):
                raise outcome
            if outcome.not_modified:
                result.status = "304"
                with self.store.engine.begin() as conn:
                    st.record_success(
                        conn,
                        state.key,
                        now,
                        status="304",
                        final_url=outcome.moved_to,
                        validators=(outcome.etag, outcome.last_modified, state.body_hash),
                        not_modified=True,
                    )
                return result
            body_hash = hashlib.sha256(outcome.body).hexdigest()
            validators = (outcome.etag, outcome.last_modified, body_hash)
            if body_hash == state.body_hash:
                result.status = "unchanged"
                with self.store.engine.begin() as conn:
                    st.record_success(
                        conn,
                        state.key,
                        now,
                        status="unchanged",
                        final_url=outcome.moved_to,
                        validators=validators,
                    )
                return result
            result.status = str(outcome.status)
            entries = feed_reader.parse_entries(
                outcome.body,
                spec.url,
                content_type=outcome.content_type,
                max_bytes=self.settings.max_bytes,
            )
            for entry in entries:  # relative links are relative to the feed
                link = entry.get("link")
                if link and not link.startswith(("http://", "https://")):
                    entry["link"] = urljoin(outcome.url, link)
            self._items(spec, state, entries, result, report)
            with self.store.engine.begin() as conn:
                st.record_success(
                    conn,
                    state.key,
                    now,
                    status=result.status,
                    final_url=outcome.moved_to,
                    validators=None if result.pending else validators,
                    items_seen=result.new,
                    items_stored=result.stored,
                )
        except DatelineError as exc:
            self._failed(spec, state, result, exc, now)
        except Exception as exc:  # a bug or a surprise in one feed never stops the others
            log.exception("unexpected error in %s", spec.url)
            error = DatelineError(Code.E016, f"{exc.__class__.__name__}: {exc}", path=spec.url)
            self._failed(spec, state, result, error, now)
        for problem in result.problems:
            log.warning("%s", problem.message)
        return result

    def _failed(
        self,
        spec: FeedSpec,
        state: st.FeedState,
        result: FeedResult,
        error: DatelineError,
        now: datetime,
    ) -> None:
        failures = state.failures + 1
        retry_after = error.retry_after if isinstance(error, FetchError) else None
        delay = self.backoff(self._every(spec), failures, retry_after)
        result.error = error
        result.status = error.code.name
        result.retry_at = now + timedelta(seconds=delay)
        with self.store.engine.begin() as conn:
            st.record_failure(
                conn,
                state.key,
                now,
                status=str(error.status)
                if isinstance(error, FetchError) and error.status
                else error.code.name,
                error=f"{error.code.name} {error.code.value}: {error.detail}",
                next_poll=result.retry_at,
                failures=failures,
            )
        log.warning(
            "%s (failure %d in a row; next try in %s)", error.message, failures, _human(delay)
        )

    def backoff(self, every: float, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after ``failures`` failures in a row: every, 2×, 4×, … up to
        ``max_backoff`` (but never less than ``every``, nor than the server's
        Retry-After)."""
        delay = every * 2.0 ** max(0, failures - 1)
        delay = min(delay, max(self.settings.max_backoff, every))
        if retry_after:
            delay = max(delay, retry_after)
        return delay

    # -- items ---------------------------------------------------------------------------

    def _items(
        self,
        spec: FeedSpec,
        state: st.FeedState,
        entries: list[Any],
        result: FeedResult,
        report: PollReport,
    ) -> None:
        keyed = [(n, e, item_key(e), e.get("link") or None) for n, e in enumerate(entries, 1)]
        with self.store.engine.connect() as conn:
            mine, elsewhere = st.known_items(
                conn, state.key, [k for _, _, k, _ in keyed], [u for *_, u in keyed if u]
            )
        updates: list[st.ItemUpdate] = []
        readied: list[tuple[st.ItemUpdate, Article]] = []
        handled: set[str] = set()
        for number, entry, key, link in keyed:
            status, attempts = mine.get(key, ("", 0))
            if status in st.DONE or key in handled:
                continue
            handled.add(key)  # an entry repeated inside one document counts once
            if not status:
                result.new += 1
            if link and link in elsewhere:
                updates.append(st.ItemUpdate(key, link, "duplicate", attempts))
                result.duplicates += 1
                continue
            try:
                article = self._article(spec, entry, number, attempts, result)
            except _Pending as exc:
                updates.append(st.ItemUpdate(key, link, "pending", attempts + 1, error=str(exc)))
                result.pending += 1
                continue
            except ReadError as exc:
                updates.append(st.ItemUpdate(key, link, "failed", attempts + 1, error=exc.message))
                result.failed += 1
                result.problems.append(exc)
                continue
            item = st.ItemUpdate(
                key,
                link,
                "stored",
                attempts + 1,
                content_hash=article.content_hash,
                article_id=article.article_id,
            )
            readied.append((item, article))
        self._store(spec, readied, result, report)
        updates.extend(item for item, _ in readied)
        with self.store.engine.begin() as conn:
            st.record_items(conn, state.key, updates, set(mine), self.clock())

    def _article(
        self, spec: FeedSpec, entry: Any, number: int, attempts: int, result: FeedResult
    ) -> Article:
        """The entry's article: its own text, or (``fetch_pages``, summary-only entries)
        the linked page read with the HTML reader."""
        options = ReadOptions(
            timeout=spec.timeout or self.settings.timeout, max_bytes=self.settings.max_bytes
        )
        link = entry.get("link")
        fetch = self.settings.fetch_pages if spec.fetch_pages is None else spec.fetch_pages
        if fetch and link and needs_page(entry, self.settings.full_text_chars):
            problem: str
            try:
                if self.robots.allowed(link):
                    page = self.fetcher.get(link, timeout=options.timeout, accept=PAGE_ACCEPT)
                    return feed_reader.page_article(entry, page.body, number, options)
                problem = "robots.txt does not allow Dateline to fetch it"
            except FetchError as exc:
                if exc.transient and attempts + 1 < self.settings.page_tries:
                    raise _Pending(exc.message) from exc
                problem = exc.message
            except ReadError as exc:
                if exc.code is Code.E004:
                    raise
                problem = exc.message
            result.problems.append(
                ReadError(Code.W006, f"{problem}; the feed's summary is stored instead", path=link)
            )
        return feed_reader.entry_article(entry, spec.url, number, options)

    def _store(
        self,
        spec: FeedSpec,
        readied: list[tuple[st.ItemUpdate, Article]],
        result: FeedResult,
        report: PollReport,
    ) -> None:
        """Annotate and store through the ingest path; contents already stored (by any
        feed, file or earlier poll) are marked duplicates without NLP work."""
        if not readied:
            return
        already = self.store.stored_hashes(a.content_hash for _, a in readied)
        fresh: list[Article] = []
        seen: set[str] = set()
        for item, article in readied:
            if article.content_hash in already or article.content_hash in seen:
                item.status = "duplicate"
                result.duplicates += 1
            else:
                seen.add(article.content_hash)
                fresh.append(article)
        if not fresh:
            return
        pipeline = self.pipeline
        run_id = self._ensure_run(spec, pipeline)
        try:
            stored, skipped, events = self._annotate(fresh, pipeline, run_id)
        except Exception:  # one article breaks the batch: find it, store the others
            log.exception("annotating %s failed; retrying its items one by one", spec.url)
            items: dict[str, st.ItemUpdate] = {}
            for item, article in readied:
                items.setdefault(article.content_hash, item)
            for article in fresh:
                try:
                    self._annotate([article], pipeline, run_id)
                except Exception as exc:
                    item = items[article.content_hash]
                    item.status = "failed"
                    item.error = f"annotation failed: {exc.__class__.__name__}: {exc}"
                    result.failed += 1
            # Articles stored before the failure may or may not have been kept (each is
            # whole either way): count what the store holds now.
            stored, events = self._stored_now([a.content_hash for a in fresh])
            skipped = len(fresh) - stored - result.failed
        result.stored += stored
        result.duplicates += skipped
        result.events += events
        report.annotated += len(fresh)
        counts = self._run_counts
        counts["articles_read"] = counts.get("articles_read", 0) + len(readied)
        counts["articles_stored"] = counts.get("articles_stored", 0) + stored
        counts["articles_skipped"] = counts.get("articles_skipped", 0) + skipped
        counts["events_stored"] = counts.get("events_stored", 0) + events
        counts.setdefault("inputs", []).append(spec.url)

    def _stored_now(self, hashes: list[str]) -> tuple[int, int]:
        """(articles, event mentions) stored for these content hashes."""
        a, m = tables.articles, tables.event_mentions
        with self.store.engine.connect() as conn:
            articles = conn.execute(
                select(func.count()).select_from(a).where(a.c.content_hash.in_(hashes))
            ).scalar_one()
            events = conn.execute(
                select(func.count())
                .select_from(m.join(a, a.c.key == m.c.article_key))
                .where(a.c.content_hash.in_(hashes))
            ).scalar_one()
        return int(articles), int(events)

    def _annotate(
        self, articles: list[Article], pipeline: Pipeline, run_id: int
    ) -> tuple[int, int, int]:
        with pipeline.nlp.memory_zone():  # strings from this batch are freed afterwards
            return store_new(articles, self.store, pipeline, run_id=run_id)

    @property
    def pipeline(self) -> Pipeline:
        if not isinstance(self._pipeline, Pipeline):
            log.info("loading the NLP pipeline")
            self._pipeline = self._pipeline()
        return self._pipeline

    def _ensure_run(self, spec: FeedSpec, pipeline: Pipeline) -> int:
        if self._run_id is None:
            self._run_id = self.store.start_run([spec.url], pipeline.version)
        return self._run_id

    def _finish_run(self, report: PollReport) -> None:
        if self._run_id is None:
            return
        report.run_id = self._run_id
        errors = [f.error.to_dict() for f in report.feeds if f.error is not None]
        self.store.finish_run(
            self._run_id,
            status="done",
            failures=len(errors),
            errors=errors,
            **self._run_counts,
        )
        self._run_id = None


def item_key(entry: Any) -> str:
    """What identifies an item within its feed: its link, else its guid, else a hash of
    its title and text."""
    link = entry.get("link")
    if link:
        return str(link)
    guid = entry.get("id")
    if guid:
        return f"guid:{guid}"
    body = entry.get("title", "") + "\n" + entry.get("summary", "")
    return "hash:" + content_hash(body)


def needs_page(entry: Any, full_text_chars: int = 1500) -> bool:
    """True when the entry carries only a summary: no content longer than its summary,
    and nothing as long as a full article."""
    content = ""
    if entry.get("content"):
        content = feed_reader.html_to_text(entry["content"][0].get("value", ""))
    summary = feed_reader.html_to_text(entry.get("summary", ""))
    if content and len(content) > len(summary) + 200:
        return False
    return max(len(content), len(summary)) < full_text_chars


def _human(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
