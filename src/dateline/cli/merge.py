"""``dateline merge``: see why reports were merged, undo or force a merge, re-merge."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from dateline.cli._util import DbOpt, app, console, handle_errors, write_out

merge_app = typer.Typer(
    name="merge",
    help="Cross-article merging: explain, split, join, rebuild (docs/merge.md).",
    no_args_is_help=True,
)
app.add_typer(merge_app, name="merge")

EventArg = Annotated[str, typer.Argument(help="A canonical event id (ev-…).")]


@merge_app.command("explain")
@handle_errors
def explain(
    event: EventArg,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Each report of an event with the stored decision that put it there and its evidence."""
    from dateline.store import Store

    with Store(db) as store:
        rows = store.explain(event)
    if as_json:
        write_out(json.dumps(rows, default=str, indent=2))
        return
    from rich.table import Table

    table = Table(title=event)
    for col in ("article", "event", "published", "decision", "score", "evidence"):
        table.add_column(col)
    for r in rows:
        evidence = (r["evidence"] or {}).get("evidence") or {}
        parts = ", ".join(f"{k} {v:.2f}" for k, v in (evidence.get("parts") or {}).items())
        if r["manual"]:
            parts = "by hand"
        table.add_row(
            r["article"],
            r["eid"],
            str(r["published"]),
            r["decision"],
            "" if r["score"] is None else f"{r['score']:.2f}",
            parts,
        )
    console.print(table)


@merge_app.command("split")
@handle_errors
def split(
    event: EventArg,
    article: Annotated[str, typer.Option("--article", help="The report's article id.")],
    eid: Annotated[str, typer.Option("--eid", help="The event's id in that article (e1…).")],
    db: DbOpt = None,
) -> None:
    """Take one report out of an event; it stays on its own until joined by hand."""
    from dateline.store import Store

    with Store(db) as store:
        new = store.split(event, article, eid)
    console.print(f"{article} {eid} is now event {new}", highlight=False)


@merge_app.command("join")
@handle_errors
def join(
    event: EventArg,
    other: Annotated[str, typer.Argument(help="The event to merge into the first.")],
    db: DbOpt = None,
) -> None:
    """Merge a second event into the first, by hand (kept across rebuilds)."""
    from dateline.store import Store

    with Store(db) as store:
        store.join(event, other)
    console.print(f"{other} merged into {event}", highlight=False)


@merge_app.command("rebuild")
@handle_errors
def rebuild(db: DbOpt = None) -> None:
    """Forget automatic decisions and merge every report again (decisions by hand stay)."""
    from dateline.store import Store

    with Store(db) as store:
        counts = store.remerge()
        events = store.counts()["events"]
    console.print(
        f"{counts['mentions']} reports merged again: {counts['attached']} attached, "
        f"{counts['new']} started an event; {events} events.",
        highlight=False,
    )
