"""The Typer app and what the commands share: option types, error handling, output."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from dateline.errors import Code, DatelineError, OptionError

app = typer.Typer(
    name="dateline",
    help="Dated news articles in; a geocoded, deduplicated timeline of who did what to "
    "whom, when and where out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_SOME_FAILED, EXIT_ERROR = 0, 1, 2


def handle_errors(fn: F) -> F:
    """Print Dateline's coded errors plainly (no traceback) and exit with code 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DatelineError as exc:
            err.print(f"[bold red]error[/]: {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    from dateline.read.base import parse_published

    try:
        return parse_published(value, option)
    except DatelineError as exc:
        raise OptionError(Code.E012, f"{option} {value!r}: {exc.detail}") from None


def parse_fields(values: list[str]) -> dict[str, str]:
    from dateline.read.options import FIELDS

    out: dict[str, str] = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or name not in FIELDS or not column:
            raise OptionError(
                Code.E012, f"--field {value!r}: expected NAME=COLUMN with NAME one of {FIELDS}"
            )
        out[name] = column
    return out


def write_out(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a SQLite file or a database URL "
        "(default: $DATELINE_DB, else a SQLite file in your data folder).",
    ),
]
ModelOpt = Annotated[
    str, typer.Option("--model", help="Any installed spaCy pipeline, by name or path.")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs without one."),
]
InputFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format", help="Force a reader: dateheader, text, jsonl, csv, html, feed."
    ),
]
FieldOpt = Annotated[
    list[str],
    typer.Option("--field", help="Map a record field to a column: NAME=COLUMN (repeatable)."),
]
SkipBadOpt = Annotated[
    bool,
    typer.Option("--skip-bad", help="Skip bad JSONL/CSV records instead of refusing the file."),
]
ActorsOpt = Annotated[
    str | None,
    typer.Option(
        "--actors",
        help="Your own actor dictionary (CSV or YAML: name, aliases, kind, country, "
        "sectors, role, from, until); it wins over the built-in tables.",
    ),
]
FetchPagesOpt = Annotated[
    bool, typer.Option("--fetch-pages", help="For feeds: download and read each entry's page.")
]
