"""``dateline watch``: follow RSS/Atom feeds into a store, alert on new events."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType
from typing import Annotated

import typer

from dateline.cli._util import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    DbOpt,
    ModelOpt,
    app,
    err,
    handle_errors,
)
from dateline.errors import Code, OptionError
from dateline.nlp.pipeline import DEFAULT_MODEL


@app.command()
@handle_errors
def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(
            help="RSS/Atom URLs, or files listing them (one per line, optional TOML "
            "settings after each; or a .toml file of [[feed]] tables)."
        ),
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls of a feed: 90s, 15m, 1h, …")
    ] = "15m",
    db: DbOpt = None,
    fetch_pages: Annotated[
        bool,
        typer.Option(
            "--fetch-pages",
            help="For entries that carry only a summary, read the linked page "
            "(robots.txt respected).",
        ),
    ] = False,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed once (those not backing off), exit.")
    ] = False,
    alert: Annotated[
        list[str],
        typer.Option(
            "--alert",
            help="Alert on new events matching these filters, e.g. 'country=IND,PAK "
            "type=ASSAULT' (names as the events options; repeatable; 'all' for every event).",
        ),
    ] = [],  # noqa: B006 - Typer reads the default, never mutates it
    alert_file: Annotated[
        str,
        typer.Option("--alert-file", help="Write alerts as JSON lines here; - = standard output."),
    ] = "-",
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="Also POST each alert (JSON) to this URL.")
    ] = None,
    timeout: Annotated[
        str, typer.Option("--timeout", help="Give up on a server after this long.")
    ] = "20s",
    host_delay: Annotated[
        str,
        typer.Option("--host-delay", help="At least this long between requests to one host."),
    ] = "1s",
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Feeds downloaded at the same time.")
    ] = 4,
    user_agent: Annotated[
        str | None,
        typer.Option("--user-agent", help="Replace the User-Agent (add a contact address)."),
    ] = None,
    model: ModelOpt = DEFAULT_MODEL,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors on standard error.")
    ] = False,
) -> None:
    """Keep a store current from RSS/Atom feeds: conditional GET, only new items are
    read and annotated, per-feed health kept in the store; alerts on new events.

    Runs until SIGTERM or Ctrl-C (the current poll is finished first); --once for cron.
    """
    from dateline import get_pipeline
    from dateline.store import Store
    from dateline.watch import (
        LineSink,
        Watcher,
        WatchSettings,
        load_feeds,
        parse_duration,
        parse_rule,
    )
    from dateline.watch.http import USER_AGENT
    from dateline.watch.watcher import PollReport

    specs = load_feeds(feeds)
    if not specs:
        raise OptionError(Code.E015, "no feeds to watch", path=" ".join(feeds))
    rules = [parse_rule(text) for text in alert]
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise OptionError(Code.E012, f"--webhook {webhook!r}: expected an http(s) URL")
    if (webhook or alert_file != "-") and not rules:
        raise OptionError(Code.E012, "--alert-file and --webhook need at least one --alert rule")
    settings = WatchSettings(
        every=parse_duration(every, "--every"),
        fetch_pages=fetch_pages,
        timeout=parse_duration(timeout, "--timeout"),
        host_delay=parse_duration(host_delay, "--host-delay", allow_zero=True),
        workers=workers,
        user_agent=user_agent or USER_AGENT,
    )
    sinks = [LineSink(alert_file)] if rules else []
    _logging(quiet)
    store = Store(db)
    watcher = Watcher(
        store,
        specs,
        pipeline=lambda: get_pipeline(model),
        settings=settings,
        rules=rules,
        sinks=sinks,
        webhook=webhook,
    )
    failed = 0

    def report(poll: PollReport) -> None:
        nonlocal failed
        failed = poll.failed
        if not quiet:
            err.print(
                f"[dim]{poll.finished or poll.started:%Y-%m-%d %H:%M:%S}[/] {poll.summary()}",
                highlight=False,
                soft_wrap=True,
            )

    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second signal: stop now (stored data stays whole)
        stop.set()
        if not quiet:
            err.print(f"{signal.Signals(signum).name}: finishing the current poll, then exiting")

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        if not quiet:
            err.print(
                f"watching {len(specs)} feeds every {every} into {store.display_url}"
                + (f"; alerts: {', '.join(r.text for r in rules)}" if rules else ""),
                highlight=False,
                soft_wrap=True,
            )
        watcher.run(stop, once=once, on_poll=report)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        store.close()
    raise typer.Exit(EXIT_SOME_FAILED if once and failed else EXIT_OK)


def _logging(quiet: bool) -> None:
    """Feed problems go to standard error as they happen, one line each."""
    logger = logging.getLogger("dateline.watch")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False


class _Stderr(logging.Handler):
    """Log lines to whatever standard error is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)
