"""``dateline watch`` against a local HTTP server on 127.0.0.1: conditional GET, exactly
the new items stored, alerts once, failing feeds isolated, back-off, restart, pages and
robots.txt. Nothing is fetched from anywhere else (the ``outside`` guard fails it)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dateline.errors import Code, OptionError
from dateline.nlp.pipeline import Pipeline
from dateline.store import Store, tables
from dateline.watch import (
    Alerter,
    FeedSpec,
    LineSink,
    Watcher,
    WatchSettings,
    load_feeds,
    parse_duration,
    parse_rule,
)
from dateline.watch.http import Fetcher, HostLimiter
from dateline.watch.watcher import needs_page
from tests.watch_server import FixtureServer, Item, guard, page_html, serve

pytestmark = pytest.mark.usefixtures("outside")


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    yield from serve()


@pytest.fixture
def outside(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every test here fails if anything tried to reach a host other than 127.0.0.1."""
    attempts = guard(monkeypatch)
    yield attempts
    assert attempts == [], f"tried to reach the outside world: {attempts}"


# Short synthetic reports written for these tests.
FIRST = [
    Item(
        "border-post",
        "Kenya and Ethiopia agree on border post",
        "Nairobi: Kenyan and Ethiopian officials agreed on Monday to reopen the Moyale "
        "border post, the foreign ministry said.",
    ),
    Item(
        "rail-talks",
        "Poland and Lithuania discuss rail",
        "Warsaw: Poland and Lithuania held talks in Warsaw on Friday about rail links.",
    ),
]
GAINED = [
    Item(
        "fisheries",
        "Fisheries pact signed",
        "Hanoi: Vietnam and the Philippines signed a fisheries agreement in Hanoi on Wednesday.",
        day="Wed, 06 Mar 2024 10:00:00 GMT",
    ),
    Item(
        "water-treaty",
        "Water treaty extended",
        "Dhaka: Bangladesh and India agreed on Saturday to extend a water-sharing treaty.",
        day="Wed, 06 Mar 2024 11:00:00 GMT",
    ),
    Item(
        "nato-visit",
        "NATO delegation in Riga",
        "Riga: Latvian officials met a NATO delegation in Riga on Tuesday.",
        day="Wed, 06 Mar 2024 12:00:00 GMT",
    ),
]
QUIET = Item(
    "weather",
    "Mild week ahead",
    "Forecasters expect a mild and dry week across the region.",
)


def no_model() -> Pipeline:
    raise AssertionError("the NLP pipeline was loaded although nothing new needed it")


def quick(**kw: Any) -> WatchSettings:
    return WatchSettings(**{"host_delay": 0.0, "timeout": 2.0, "every": 60.0, **kw})


def make_watcher(
    db: str,
    specs: list[FeedSpec],
    pipeline: Pipeline | Callable[[], Pipeline] = no_model,
    **kw: Any,
) -> Watcher:
    settings = kw.pop("settings", quick())
    return Watcher(Store(db), specs, pipeline=pipeline, settings=settings, **kw)


def feed_row(store: Store, url: str) -> dict[str, Any]:
    with store.connect() as conn:
        row = conn.execute(select(tables.feeds).where(tables.feeds.c.url == url)).mappings().one()
    return dict(row)


def article_sources(store: Store) -> list[str]:
    with store.connect() as conn:
        return sorted(conn.execute(select(tables.articles.c.url)).scalars())


def events_of(store: Store, urls: list[str]) -> set[str]:
    """Canonical event ids mentioned by the articles with these URLs."""
    e, m, a = tables.events, tables.event_mentions, tables.articles
    with store.connect() as conn:
        return set(
            conn.execute(
                select(e.c.id)
                .join(m, m.c.event_key == e.c.key)
                .join(a, a.c.key == m.c.article_key)
                .where(a.c.url.in_(urls))
            ).scalars()
        )


# -- targets ----------------------------------------------------------------------------


@pytest.mark.model
def test_watch_two_polls_store_exactly_the_new_items_and_alert_once(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    server.feed("/wire.rss", FIRST)
    alerts = tmp_path / "alerts.jsonl"
    rule = parse_rule("type=AGREE,CONSULT")
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/wire.rss"))],
        pipeline,
        rules=[rule],
        sinks=[LineSink(str(alerts))],
    )
    store = watcher.store

    first = watcher.poll()
    assert first.stored == 2 and first.annotated == 2
    old_urls = [f"https://wire.example.org/{i.slug}" for i in FIRST]
    assert article_sources(store) == sorted(old_urls)
    first_alerts = [json.loads(line) for line in alerts.read_text().splitlines()]
    first_ids = {a["event"]["id"] for a in first_alerts}
    assert first_ids and all(a["alert"] == "new" for a in first_alerts)
    assert first_ids == events_of(store, old_urls) & {e.id for e in store.events(rule.filters)}

    server.feed("/wire.rss", GAINED + FIRST)  # three items published on top
    second = watcher.poll()
    new_urls = [f"https://wire.example.org/{i.slug}" for i in GAINED]
    assert second.stored == 3 and second.annotated == 3
    assert store.counts()["articles"] == 5
    lines = [json.loads(line) for line in alerts.read_text().splitlines()]
    later = lines[len(first_alerts) :]
    later_ids = {a["event"]["id"] for a in later}
    assert later_ids, "the new items' events raised no alert"
    assert later_ids == events_of(store, new_urls) & {e.id for e in store.events(rule.filters)}
    assert not later_ids & first_ids
    assert all(a["alert"] == "new" and a["rule"] == "type=AGREE,CONSULT" for a in later)
    assert len(lines) == len({a["event"]["id"] for a in lines}), "an event was alerted twice"

    # Unchanged since: a 304, nothing stored, no alert; a restart changes nothing either.
    third = watcher.poll()
    assert [f.status for f in third.feeds] == ["304"] and third.annotated == 0
    again = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/wire.rss"))],
        rules=[rule],
        sinks=[LineSink(str(alerts))],
    )
    assert [f.status for f in again.poll().feeds] == ["304"]
    assert len(alerts.read_text().splitlines()) == len(lines)
    assert store.counts()["articles"] == 5


@pytest.mark.model
def test_watch_a_poll_of_100_unchanged_feeds_is_only_304s_and_no_nlp(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    specs = []
    for n in range(100):
        item = Item(f"story-{n}", f"Story {n}", f"Accra: Officials agreed on Monday to plan {n}.")
        server.feed(f"/f{n}.rss", [item])
        specs.append(FeedSpec(server.url(f"/f{n}.rss")))
    loads: list[int] = []

    def load() -> Pipeline:
        loads.append(1)
        return pipeline

    watcher = make_watcher(str(tmp_path / "w.db"), specs, load, settings=quick(workers=8))
    first = watcher.poll()
    assert first.stored == 100 and loads == [1]

    annotate_calls: list[int] = []
    real = pipeline.annotate
    pipeline.annotate = lambda arts: annotate_calls.append(1) or real(arts)  # type: ignore[method-assign]
    try:
        hits_before = len(server.hits)
        second = watcher.poll()
    finally:
        del pipeline.annotate
    hits = server.hits[hits_before:]
    assert len(hits) == 100 and {h.status for h in hits} == {304}
    assert all(h.headers.get("if-none-match") for h in hits)
    assert second.requests == 100 and second.unchanged == 100
    assert second.annotated == 0 and annotate_calls == []
    assert watcher.store.counts()["articles"] == 100


def test_watch_unchanged_feeds_never_load_the_pipeline(
    server: FixtureServer, tmp_path: Path
) -> None:
    for n in range(5):
        server.feed(f"/empty{n}.rss", [])
    specs = [FeedSpec(server.url(f"/empty{n}.rss")) for n in range(5)]
    watcher = make_watcher(str(tmp_path / "w.db"), specs)  # loading the model fails the test
    assert {f.status for f in watcher.poll().feeds} == {"200"}
    report = watcher.poll()
    assert report.unchanged == 5 and report.requests == 5 and report.annotated == 0
    assert {h.status for h in server.hits[5:]} == {304}


# -- failures -----------------------------------------------------------------------------


@pytest.mark.model
def test_watch_failing_feeds_never_stop_the_others(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    server.feed("/good.rss", FIRST)
    server.route("/slow.rss", body=b"<rss/>", delay=3.0)
    server.route("/broken.rss", body=b"<rss version='2.0'><channel><title>half a feed</ti")
    server.route("/gone.rss", status=500)
    server.page("/login.rss", page_html("Sign in", ["This page wants a password."]))
    server.feed("/new.rss", [QUIET])
    server.route("/moved.rss", status=301, location="/new.rss")
    paths = ("/good.rss", "/slow.rss", "/broken.rss", "/gone.rss", "/login.rss")
    urls = {p: server.url(p) for p in paths}
    urls["/moved.rss"] = server.url("/moved.rss")
    urls["/refused.rss"] = "http://127.0.0.1:9/refused.rss"  # nothing listens on port 9
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(u) for u in urls.values()],
        pipeline,
        settings=quick(timeout=0.5),
    )
    report = watcher.poll()
    by = {r.url: r for r in report.feeds}
    assert by[urls["/good.rss"]].stored == 2
    assert by[urls["/moved.rss"]].stored == 1
    assert by[urls["/slow.rss"]].error is not None
    assert by[urls["/slow.rss"]].error.code is Code.E016
    assert "0.5 s" in by[urls["/slow.rss"]].error.detail
    assert by[urls["/broken.rss"]].error.code is Code.E011
    assert by[urls["/login.rss"]].error.code is Code.E011  # an HTML page is not a feed
    assert by[urls["/gone.rss"]].error.code is Code.E016
    assert "500" in by[urls["/gone.rss"]].error.detail
    assert by[urls["/refused.rss"]].error.code is Code.E016
    assert report.failed == 5
    store = watcher.store
    assert store.counts()["articles"] == 3
    moved = feed_row(store, urls["/moved.rss"])
    assert moved["final_url"] == server.url("/new.rss") and moved["failures"] == 0
    gone = feed_row(store, urls["/gone.rss"])
    assert (gone["failures"], gone["errors_total"], gone["last_status"]) == (1, 1, "500")
    assert "E016" in gone["last_error"] and gone["next_poll"] is not None


def test_watch_backoff_doubles_and_honours_retry_after(
    server: FixtureServer, tmp_path: Path
) -> None:
    server.route("/busy.rss", status=503, headers={"Retry-After": "7200"})
    server.route("/down.rss", status=502)
    now = [datetime(2025, 1, 1, 12, 0, tzinfo=UTC)]
    specs = [FeedSpec(server.url("/busy.rss")), FeedSpec(server.url("/down.rss"))]
    watcher = make_watcher(
        str(tmp_path / "w.db"), specs, settings=quick(every=600.0), clock=lambda: now[0]
    )
    assert watcher.backoff(600, 1) == 600
    assert watcher.backoff(600, 3) == 2400
    assert watcher.backoff(600, 30) == 6 * 3600
    assert watcher.backoff(600, 1, retry_after=7200) == 7200

    report = watcher.poll()
    retry = {r.url: r.retry_at for r in report.feeds}
    assert retry[specs[0].url] == now[0] + timedelta(hours=2)
    assert retry[specs[1].url] == now[0] + timedelta(minutes=10)
    now[0] += timedelta(minutes=11)
    assert [s.url for s in watcher.due()] == [specs[1].url]  # busy.rss still backing off
    assert [s.url for s in watcher.due(once=True)] == [specs[1].url]
    watcher.poll(watcher.due())
    assert feed_row(watcher.store, specs[1].url)["failures"] == 2
    now[0] += timedelta(minutes=11)
    assert watcher.due() == []  # the second failure waits 20 minutes
    now[0] += timedelta(minutes=10)
    assert [s.url for s in watcher.due()] == [specs[1].url]


def test_watch_restart_resumes_from_stored_state(server: FixtureServer, store_url: str) -> None:
    server.feed("/a.rss", [])
    server.route("/b.rss", status=500)
    db = store_url
    specs = [FeedSpec(server.url("/a.rss")), FeedSpec(server.url("/b.rss"))]
    make_watcher(db, specs).poll()
    etag = server.routes["/a.rss"].etag

    restarted = make_watcher(db, specs)  # a new process: everything comes from the store
    assert restarted.due() == []  # a.rss polled a moment ago, b.rss backing off
    assert [s.url for s in restarted.due(once=True)] == [specs[0].url]
    report = restarted.poll(restarted.due(once=True))
    assert [f.status for f in report.feeds] == ["304"]
    assert server.requests("/a.rss")[-1].headers["if-none-match"] == etag


def test_watch_run_stops_when_asked_after_finishing_the_poll(
    server: FixtureServer, tmp_path: Path
) -> None:
    import threading

    server.feed("/slow.rss", [])
    server.routes["/slow.rss"].delay = 0.6
    stop = threading.Event()
    watcher = make_watcher(str(tmp_path / "w.db"), [FeedSpec(server.url("/slow.rss"))])
    polls: list[Any] = []

    def stop_soon() -> None:
        while not server.hits:
            time.sleep(0.01)
        stop.set()  # while the first request is still being answered

    threading.Thread(target=stop_soon, daemon=True).start()
    assert watcher.run(stop, on_poll=polls.append) == 1
    assert polls[0].feeds[0].status == "200"
    assert feed_row(watcher.store, server.url("/slow.rss"))["polls"] == 1


# -- items ---------------------------------------------------------------------------------


@pytest.mark.model
def test_watch_skips_items_by_url_across_feeds_and_by_content(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    server.feed("/one.rss", [FIRST[0]])
    same_link = Item(FIRST[0].slug, "Another headline", "Different words, same link.")
    same_text = Item("elsewhere", FIRST[0].title, FIRST[0].text)
    server.feed("/two.rss", [same_link, same_text])
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/one.rss")), FeedSpec(server.url("/two.rss"))],
        pipeline,
    )
    report = watcher.poll()
    one, two = report.feeds
    assert (one.new, one.stored) == (1, 1)
    assert (two.new, two.stored, two.duplicates) == (2, 0, 2)
    assert report.annotated == 1
    assert watcher.store.counts()["articles"] == 1


@pytest.mark.model
def test_watch_fetch_pages_reads_pages_respecting_robots(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    server.route(
        "/robots.txt",
        body=b"User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    story = page_html(
        "Chile and Argentina agree on a gas pipeline",
        [
            "Santiago: Chilean and Argentine energy ministers agreed on Monday to build a "
            "gas pipeline across the Andes, both governments said.",
            "Engineers will survey the route over the winter, and the ministers plan to "
            "meet again in Mendoza before the end of the year.",
        ],
    )
    server.page("/news/pipeline.html", story)
    server.page("/private/secret.html", page_html("Hidden", ["Not for robots."]))
    server.page("/news/flaky.html", story.replace("gas pipeline", "power line"))
    server.routes["/news/flaky.html"].then = [503]  # fails once, then works
    full = "Officials met in Geneva. " * 80
    items = [
        Item("p", "Pipeline deal", "Short teaser.", link=server.url("/news/pipeline.html")),
        Item(
            "s",
            "Hidden story",
            "Lima: Peru and Bolivia agreed on Monday to share a lake.",
            link=server.url("/private/secret.html"),
        ),
        Item("f", "Power line", "Another teaser.", link=server.url("/news/flaky.html")),
        Item("c", "Full text", "Teaser.", link=server.url("/news/full.html"), content=full),
    ]
    server.feed("/pages.rss", items)
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/pages.rss"))],
        pipeline,
        settings=quick(fetch_pages=True),
    )
    first = watcher.poll()
    (result,) = first.feeds
    assert (result.stored, result.pending) == (3, 1)
    assert [p.code for p in result.problems] == [Code.W006]  # the disallowed page
    store = watcher.store
    page_text = store.article_text("p")
    assert page_text is not None and "across the Andes" in page_text
    hidden = store.article_text("s")
    assert hidden is not None and "share a lake" in hidden  # the summary instead
    assert store.article_text("c") is not None and "Geneva" in (store.article_text("c") or "")
    assert not server.requests("/private/secret.html")
    assert not server.requests("/news/full.html")  # the feed carried the full text
    assert len(server.requests("/robots.txt")) == 1
    # The pending page keeps the feed's validators unsaved: the next poll reads it again.
    assert feed_row(store, server.url("/pages.rss"))["etag"] is None

    second = watcher.poll()
    assert (second.feeds[0].stored, second.feeds[0].pending) == (1, 0)
    assert "power line" in (store.article_text("f") or "")
    assert len(server.requests("/news/pipeline.html")) == 1  # never downloaded twice
    assert [f.status for f in watcher.poll().feeds] == ["304"]


def test_watch_needs_page_only_for_summaries() -> None:
    assert needs_page({"summary": "A teaser."})
    assert not needs_page({"summary": "x" * 2000})
    assert not needs_page(
        {"summary": "A teaser.", "content": [{"value": "<p>" + "Full text. " * 40 + "</p>"}]}
    )


# -- alerts ---------------------------------------------------------------------------------


def _article(store: Store, text: str, when: tuple[str, str, str, str], source: str) -> None:
    """Store one hand-built annotated article with one CONSULT event (no model needed)."""
    from dateline.model import Actor, ArticleRecord, Event, SentenceSpan, Span, When
    from dateline.read.base import Article

    value, start, end, precision = when
    article = Article(text=text, published=date(2024, 12, 18), source=source)
    record = ArticleRecord(
        id=article.article_id,
        source=source,
        published=article.published,
        actors=[Actor(id="a1", name="India", kind="COUNTRY", country="IND", mentions=[(0, 5)])],
        events=[
            Event(
                id="e1",
                type="CONSULT",
                actors=["a1"],
                when=When(
                    value=value,
                    start=date.fromisoformat(start),
                    end=date.fromisoformat(end),
                    precision=precision,  # type: ignore[arg-type]
                    basis="text",
                ),
                trigger=Span(text="talks", start=11, end=16),
                sentence=SentenceSpan(start=0, end=len(text)),
                confidence=0.8,
            )
        ],
    )
    store.add([(article, record)])


def test_watch_alert_update_when_an_alerted_event_gains_a_mention(
    tmp_path: Path, store_url: str
) -> None:
    store = Store(store_url)
    lines = tmp_path / "alerts.jsonl"
    alerter = Alerter(store, [parse_rule("country=IND")], sinks=[LineSink(str(lines))])
    alerter.register()
    _article(
        store,
        "India held talks in December.",
        ("2024-12", "2024-12-01", "2024-12-31", "month"),
        "a",
    )
    assert alerter.run().new == 1
    (first,) = [json.loads(x) for x in lines.read_text().splitlines()]
    assert first["alert"] == "new" and first["event"]["when"]["precision"] == "month"

    _article(
        store, "India held talks on Monday.", ("2024-12-16", "2024-12-16", "2024-12-16", "day"), "b"
    )
    assert store.counts()["events"] == 1  # cross-article merging attached the new report
    report = alerter.run()
    assert (report.new, report.updates) == (0, 1)
    update_line = json.loads(lines.read_text().splitlines()[1])
    assert update_line["alert"] == "update"
    assert update_line["event"]["id"] == first["event"]["id"]
    assert update_line["changes"] == ["mentions", "date"]
    assert update_line["previous"]["when"]["precision"] == "month"
    assert update_line["event"]["mention_count"] == 2

    assert alerter.run().updates == 0  # nothing changed since
    assert len(lines.read_text().splitlines()) == 2


def test_watch_alert_rules_filter_and_start_from_now(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "a.db"))
    _article(
        store,
        "India held talks in December.",
        ("2024-12", "2024-12-01", "2024-12-31", "month"),
        "old",
    )
    matching = Alerter(store, [parse_rule("country=ind type=consult")], keep_lines=True)
    other = Alerter(store, [parse_rule("country=CHN")], keep_lines=True)
    matching.register()
    other.register()
    assert matching.run().new == 0  # stored before the rule existed
    _article(
        store,
        "India held talks on Monday.",
        ("2024-12-16", "2024-12-16", "2024-12-16", "day"),
        "new",
    )
    assert matching.run().new == 1
    assert other.run().new == 0


def test_watch_webhook_retries_until_delivered(server: FixtureServer, tmp_path: Path) -> None:
    server.route("/hook", status=200, then=[500])
    store = Store(str(tmp_path / "a.db"))
    alerter = Alerter(
        store,
        [parse_rule("all")],
        webhook=server.url("/hook"),
        fetcher=Fetcher(host_delay=0.0, timeout=2.0),
    )
    alerter.register()
    _article(
        store, "India held talks on Monday.", ("2024-12-16", "2024-12-16", "2024-12-16", "day"), "x"
    )
    first = alerter.run()
    assert (first.new, first.webhook_sent, first.webhook_failed) == (1, 0, 1)
    second = alerter.run()
    assert (second.new, second.webhook_sent) == (0, 1)
    posts = server.requests("/hook", method="POST")
    assert len(posts) == 2 and posts[0].body == posts[1].body
    body = json.loads(posts[1].body)
    assert body["alert"] == "new" and body["event"]["type"] == "CONSULT"
    assert posts[1].headers["content-type"] == "application/json"
    assert alerter.run().webhook_sent == 0


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("type=assault,coerce country=ind", "country=IND type=ASSAULT,COERCE"),
        ("country=PAK,IND country=CHN", "country=CHN,IND,PAK"),
        ("actor='Defence Minister' status=occurred", "actor='Defence Minister' status=occurred"),
        ("bbox=68,6,97,36 from=2024-01-01", "from=2024-01-01 bbox=68,6,97,36"),
        ("all", "all"),
    ],
)
def test_watch_rule_parsing_normalises(text: str, normalised: str) -> None:
    assert parse_rule(text).text == normalised


@pytest.mark.parametrize(
    "bad", ["type=PARTY", "colour=red", "country", "bbox=1,2,3", "status=maybe", "from=2024-13-45"]
)
def test_watch_rule_parsing_refuses_bad_filters(bad: str) -> None:
    with pytest.raises(OptionError) as info:
        parse_rule(bad)
    assert info.value.code is Code.E012


# -- configuration and HTTP ----------------------------------------------------------------


def test_watch_feed_files_text_and_toml(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# world news\n"
        "https://a.example.org/rss\n"
        '\nhttps://b.example.org/atom  {every = "5m", fetch_pages = true, name = "B"}\n'
        "https://a.example.org/rss\n"
    )
    toml = tmp_path / "feeds.toml"
    toml.write_text('[[feed]]\nurl = "https://c.example.org/feed"\ntimeout = "30s"\n')
    specs = load_feeds([str(listing), str(toml), "https://d.example.org/rss"])
    assert [s.url for s in specs] == [
        "https://a.example.org/rss",
        "https://b.example.org/atom",
        "https://c.example.org/feed",
        "https://d.example.org/rss",
    ]
    assert (specs[1].every, specs[1].fetch_pages, specs[1].name) == (300.0, True, "B")
    assert specs[2].timeout == 30.0


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("ftp://a.example.org/rss\n", 1),
        ("https://a.example.org/rss\nhttps://b.example.org/rss {every = }\n", 2),
        ('https://a.example.org/rss {colour = "red"}\n', 1),
        ('https://a.example.org/rss {every = "soon"}\n', 1),
    ],
)
def test_watch_bad_feed_file_names_the_line(tmp_path: Path, content: str, line: int) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(content)
    with pytest.raises(OptionError) as info:
        load_feeds([str(listing)])
    assert info.value.code is Code.E015
    assert info.value.path == str(listing) and info.value.line == line


def test_watch_durations() -> None:
    assert parse_duration("15m") == 900
    assert parse_duration("1h30m") == 5400
    assert parse_duration("500ms") == 0.5
    assert parse_duration("45") == 45
    for bad in ("0", "soon", "-5m", "inf"):
        with pytest.raises(OptionError):
            parse_duration(bad)


def test_watch_host_limiter_spaces_requests_to_one_host() -> None:
    limiter = HostLimiter(0.15)
    start = time.monotonic()
    for _ in range(3):
        limiter.wait("a.example")
    assert time.monotonic() - start >= 0.29
    start = time.monotonic()
    limiter.wait("b.example")
    assert time.monotonic() - start < 0.1  # other hosts do not wait


def test_watch_fetcher_sends_a_descriptive_user_agent_and_gunzips(
    server: FixtureServer,
) -> None:
    import gzip

    server.route("/z.rss", body=gzip.compress(b"<rss/>"), headers={"Content-Encoding": "gzip"})
    fetcher = Fetcher(host_delay=0.0)
    response = fetcher.get(server.url("/z.rss"))
    assert response.body == b"<rss/>"
    (hit,) = server.requests("/z.rss")
    assert hit.headers["user-agent"].startswith("Dateline/")
    assert "gzip" in hit.headers["accept-encoding"]


def test_watch_redirect_loops_are_refused(server: FixtureServer) -> None:
    server.route("/loop", status=302, location="/loop")
    from dateline.errors import FetchError

    with pytest.raises(FetchError) as info:
        Fetcher(host_delay=0.0).get(server.url("/loop"))
    assert "redirects" in info.value.detail
    assert len(server.requests("/loop")) == 6


def test_watch_fetches_nothing_from_elsewhere(
    server: FixtureServer, tmp_path: Path, outside: list[str]
) -> None:
    """Feed entries link to other hosts; without --fetch-pages none of them is touched,
    and the guard itself works."""
    server.feed("/a.rss", [])
    make_watcher(str(tmp_path / "w.db"), [FeedSpec(server.url("/a.rss"))]).poll()
    assert outside == []
    from dateline.errors import FetchError

    with pytest.raises(FetchError):
        Fetcher(host_delay=0.0, timeout=1.0).get("http://news.example.org/rss")
    assert outside == ["resolve news.example.org"]
    outside.clear()


@pytest.mark.slow
def test_watch_memory_stays_flat_over_many_polls(server: FixtureServer, tmp_path: Path) -> None:
    import gc
    import tracemalloc

    for n in range(5):
        server.feed(f"/m{n}.rss", [])
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url(f"/m{n}.rss")) for n in range(5)],
        rules=[parse_rule("all")],
        sinks=[LineSink(str(tmp_path / "alerts.jsonl"))],
    )
    tracemalloc.start()
    try:
        sizes = []
        for n in range(50):
            watcher.poll()
            server.hits.clear()  # the test server's own log is not the watcher's memory
            if n in (9, 49):
                gc.collect()
                sizes.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert sizes[1] - sizes[0] < 64 * 1024, f"grew by {sizes[1] - sizes[0]:,} bytes in 40 polls"


def blank_pipeline(*extra: str) -> Pipeline:
    """Dateline's components on a blank English pipeline: stores articles, no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in extra:
        nlp.add_pipe(name)
    return Pipeline(nlp)


def _boom(doc: Any) -> Any:
    if "BOOM" in doc.text:
        raise RuntimeError("this text breaks the pipeline")
    return doc


def test_watch_an_article_that_breaks_the_pipeline_fails_alone(
    server: FixtureServer, tmp_path: Path
) -> None:
    from spacy.language import Language

    if "watch_test_boom" not in Language.factories:
        Language.component("watch_test_boom", func=_boom)
    bad = Item("bad", "Bad one", "Nairobi: BOOM went the parser on Monday.")
    server.feed("/mixed.rss", [FIRST[0], bad, FIRST[1]])
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/mixed.rss"))],
        blank_pipeline("watch_test_boom"),
    )
    (result,) = watcher.poll().feeds
    assert (result.error, result.stored, result.failed) == (None, 2, 1)
    with watcher.store.connect() as conn:
        rows = dict(
            conn.execute(select(tables.feed_items.c.item_key, tables.feed_items.c.status)).all()
        )
    assert rows["https://wire.example.org/bad"] == "failed"
    assert [f.status for f in watcher.poll().feeds] == ["304"]  # not retried forever


def test_watch_permanent_redirects_are_polled_at_the_new_address(
    server: FixtureServer, tmp_path: Path
) -> None:
    server.feed("/a.rss", [])
    server.feed("/b.rss", [])
    server.route("/perm.rss", status=301, location="/a.rss")
    server.route("/temp.rss", status=302, location=server.url("/b.rss"))
    specs = [FeedSpec(server.url("/perm.rss")), FeedSpec(server.url("/temp.rss"))]
    watcher = make_watcher(str(tmp_path / "w.db"), specs)
    watcher.poll()
    assert [f.status for f in watcher.poll().feeds] == ["304", "304"]
    assert len(server.requests("/perm.rss")) == 1  # moved for good: asked once
    assert len(server.requests("/temp.rss")) == 2  # a temporary redirect is asked again
    assert feed_row(watcher.store, specs[0].url)["final_url"] == server.url("/a.rss")
    assert feed_row(watcher.store, specs[1].url)["final_url"] is None


def test_watch_run_survives_a_poll_that_fails(server: FixtureServer, tmp_path: Path) -> None:
    from dateline.errors import StoreError

    server.feed("/a.rss", [])
    watcher = make_watcher(
        str(tmp_path / "w.db"), [FeedSpec(server.url("/a.rss"))], settings=quick(every=0.2)
    )
    real, calls = watcher.poll, []

    def flaky(feeds: Any = None) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise StoreError(Code.E008, "the database went away for a moment")
        return real(feeds)

    watcher.poll = flaky  # type: ignore[method-assign]
    assert watcher.run(max_polls=1) == 1
    assert len(calls) == 2


def test_watch_page_without_a_date_takes_the_entry_date() -> None:
    from dateline.read import feed as feed_reader
    from dateline.read.options import ReadOptions
    from tests.watch_server import rss

    item = Item("undated", "Undated page", "Teaser.", day="Thu, 07 Mar 2024 06:00:00 GMT")
    (entry,) = feed_reader.parse_entries(rss("Wire", [item]).encode(), "wire.rss")
    html = (
        "<html><head><title>Undated</title></head><body><article><p>Quito: Ecuador and "
        "Peru agreed on Wednesday to reopen a bridge, officials said in a statement.</p>"
        "<p>Traffic is expected to resume within a month.</p></article></body></html>"
    )
    article = feed_reader.page_article(entry, html.encode(), 1, ReadOptions())
    assert article.published == date(2024, 3, 7)
    assert article.id == "undated" and "reopen a bridge" in article.text


def test_watch_last_modified_alone_makes_polls_conditional(
    server: FixtureServer, tmp_path: Path
) -> None:
    route = server.feed("/lm.rss", [])
    route.etag = None  # this server only knows Last-Modified
    watcher = make_watcher(str(tmp_path / "w.db"), [FeedSpec(server.url("/lm.rss"))])
    watcher.poll()
    assert [f.status for f in watcher.poll().feeds] == ["304"]
    last = server.requests("/lm.rss")[-1]
    assert last.headers["if-modified-since"] == route.last_modified
    assert "if-none-match" not in last.headers


@pytest.mark.model
def test_watch_relative_links_resolve_against_the_feed(
    server: FixtureServer, tmp_path: Path, pipeline: Pipeline
) -> None:
    server.page(
        "/news/rel.html",
        page_html(
            "Bridge deal",
            [
                "Quito: Ecuador and Peru agreed on Wednesday to reopen a border bridge, "
                "officials from both governments said.",
                "Engineers will inspect the structure first.",
            ],
        ),
    )
    server.feed("/rel.rss", [Item("rel", "Bridge deal", "Teaser.", link="/news/rel.html")])
    watcher = make_watcher(
        str(tmp_path / "w.db"),
        [FeedSpec(server.url("/rel.rss"))],
        pipeline,
        settings=quick(fetch_pages=True),
    )
    assert watcher.poll().stored == 1
    assert len(server.requests("/news/rel.html")) == 1
    assert article_sources(watcher.store) == [server.url("/news/rel.html")]


def test_watch_very_long_item_urls_are_fine_on_both_backends(
    server: FixtureServer, store_url: str
) -> None:
    long_link = "https://wire.example.org/story?" + "&".join(f"utm{i}=x" * 3 for i in range(400))
    assert len(long_link) > 3000  # beyond PostgreSQL's index row limit
    item = Item("long", "A long link", "Lima: Peru and Chile agreed on Monday.", link=long_link)
    server.feed("/long.rss", [item])
    watcher = make_watcher(store_url, [FeedSpec(server.url("/long.rss"))], blank_pipeline())
    assert watcher.poll().stored == 1
    server.feed("/long.rss", [item, QUIET])  # a new item: the long one is known by its hash
    report = watcher.poll()
    assert (report.feeds[0].new, report.stored) == (1, 1)


def test_watch_feeds_polled_together_stay_due_together(
    server: FixtureServer, tmp_path: Path
) -> None:
    for n in range(3):
        server.feed(f"/t{n}.rss", [])
    now = [datetime(2025, 1, 1, 12, 0, tzinfo=UTC)]

    def clock() -> datetime:  # time passes while a poll runs
        now[0] += timedelta(seconds=0.5)
        return now[0]

    specs = [FeedSpec(server.url(f"/t{n}.rss")) for n in range(3)]
    watcher = make_watcher(str(tmp_path / "w.db"), specs, settings=quick(every=600.0), clock=clock)
    started = watcher.poll().started
    now[0] = started + timedelta(seconds=598 - 0.5)
    assert watcher.due() == []
    now[0] = started + timedelta(seconds=600 - 0.5)
    assert len(watcher.due()) == 3  # one poll for all three, not three polls
