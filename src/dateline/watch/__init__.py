"""``dateline watch``: keep a store current from live RSS/Atom feeds and alert on what is
new. See docs/watch.md.

>>> from dateline.watch import Watcher, load_feeds, parse_rule
>>> watcher = Watcher(store, load_feeds(["feeds.txt"]), pipeline=get_pipeline,
...                   rules=[parse_rule("country=IND type=ASSAULT")], sinks=[LineSink("-")])
>>> watcher.run(stop_event)
"""

from __future__ import annotations

from dateline.watch.alerts import Alerter, AlertReport, LineSink
from dateline.watch.config import FeedSpec, load_feeds, parse_duration
from dateline.watch.http import USER_AGENT, Fetcher
from dateline.watch.rules import AlertRule, parse_rule
from dateline.watch.state import health
from dateline.watch.watcher import FeedResult, PollReport, Watcher, WatchSettings

__all__ = [
    "USER_AGENT",
    "AlertReport",
    "AlertRule",
    "Alerter",
    "FeedResult",
    "FeedSpec",
    "Fetcher",
    "LineSink",
    "PollReport",
    "WatchSettings",
    "Watcher",
    "health",
    "load_feeds",
    "parse_duration",
    "parse_rule",
]
