"""Benchmark ``dateline watch`` against a local server (127.0.0.1 only, nothing else).

    .venv/bin/python benchmarks/watch_poll.py [--feeds 100] [--polls 200] [--db URL]

1. first poll of N feeds, one new synthetic item each (downloads, NLP, store);
2. second poll, nothing changed: counts requests, answers and articles annotated;
3. three items published on one feed: counts articles stored and alerts;
4. many unchanged polls: resident memory and traced Python memory, first vs last.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.watch_server import FixtureServer, Item  # noqa: E402

from dateline import get_pipeline  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.watch import FeedSpec, LineSink, Watcher, WatchSettings, parse_rule  # noqa: E402

PAIRS = [
    ("Accra", "Ghana", "Togo"),
    ("Lima", "Peru", "Chile"),
    ("Hanoi", "Vietnam", "Laos"),
    ("Riga", "Latvia", "Estonia"),
    ("Dhaka", "Bangladesh", "India"),
    ("Quito", "Ecuador", "Colombia"),
    ("Tunis", "Tunisia", "Algeria"),
    ("Warsaw", "Poland", "Lithuania"),
    ("Manila", "the Philippines", "Japan"),
]


def rss_kib() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * 4.0


def item(n: int, extra: str = "") -> Item:
    place, a, b = PAIRS[n % len(PAIRS)]
    return Item(
        f"story-{n}{extra}",
        f"Road works near {place} ({n}{extra})",
        f"{place}: {a} and {b} agreed on Monday to build border road number {n}{extra}, "
        "the foreign ministry said.",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--polls", type=int, default=200)
    parser.add_argument("--db", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()

    server = FixtureServer()
    tmp = Path(tempfile.mkdtemp())
    for n in range(args.feeds):
        server.feed(f"/f{n}.rss", [item(n)])
    loads: list[float] = []

    def load():  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        pipeline = get_pipeline()
        loads.append(time.perf_counter() - start)
        return pipeline

    store = Store(args.db or str(tmp / "bench.db"))
    watcher = Watcher(
        store,
        [FeedSpec(server.url(f"/f{n}.rss")) for n in range(args.feeds)],
        pipeline=load,
        settings=WatchSettings(host_delay=0.0, workers=4),
        rules=[parse_rule("all")],
        sinks=[LineSink(str(tmp / "alerts.jsonl"))],
    )
    out: dict[str, object] = {"feeds": args.feeds, "store": store.display_url}

    t = time.perf_counter()
    first = watcher.poll()
    out["poll1"] = {
        "seconds": round(time.perf_counter() - t, 2),
        "model_load_seconds": round(sum(loads), 2),
        "requests": first.requests,
        "stored": first.stored,
        "annotated": first.annotated,
        "alerts": first.alerts.new,
    }

    server.hits.clear()
    t = time.perf_counter()
    second = watcher.poll()
    statuses: dict[int, int] = {}
    for hit in server.hits:
        statuses[hit.status] = statuses.get(hit.status, 0) + 1
    out["poll2_unchanged"] = {
        "seconds": round(time.perf_counter() - t, 3),
        "requests": second.requests,
        "answers": statuses,
        "annotated": second.annotated,
        "stored": second.stored,
        "alerts": second.alerts.new + second.alerts.updates,
    }

    server.feed("/f0.rss", [item(0, "a"), item(0, "b"), item(0, "c"), item(0)])
    server.hits.clear()
    third = watcher.poll()
    out["poll3_three_new_items"] = {
        "requests": third.requests,
        "stored": third.stored,
        "annotated": third.annotated,
        "alerts_new": third.alerts.new,
        "alerts_update": third.alerts.updates,
        "articles_in_store": store.counts()["articles"],
    }

    t = time.perf_counter()
    for _ in range(10):
        watcher.poll()
    seconds_per_poll = (time.perf_counter() - t) / 10
    server.hits.clear()

    tracemalloc.start()
    samples = []
    for n in range(args.polls):
        watcher.poll()
        server.hits.clear()  # the fixture server's log lives in this process too
        if n in (9, args.polls - 1):
            gc.collect()
            samples.append((rss_kib(), tracemalloc.get_traced_memory()[0] / 1024))
    tracemalloc.stop()
    out["unchanged_polls"] = {
        "polls": args.polls,
        "seconds_per_poll": round(seconds_per_poll, 3),
        "rss_kib_after_10": samples[0][0],
        "rss_kib_at_end": samples[1][0],
        "traced_kib_after_10": round(samples[0][1]),
        "traced_kib_at_end": round(samples[1][1]),
    }
    server.close()
    store.close()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
