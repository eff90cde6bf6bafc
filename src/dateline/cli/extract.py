"""``dateline extract``: annotate files and print the output contract."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from dateline.cli._util import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_SOME_FAILED,
    ActorsOpt,
    FetchPagesOpt,
    FieldOpt,
    InputFormatOpt,
    ModelOpt,
    PublishedOpt,
    SkipBadOpt,
    app,
    console,
    err,
    handle_errors,
    parse_day,
    parse_fields,
    write_out,
)
from dateline.errors import ReadError
from dateline.model import ArticleRecord, Extraction
from dateline.nlp.pipeline import DEFAULT_MODEL


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    timeml = "timeml"


@app.command()
@handle_errors
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, feed URLs, or - for stdin.")],
    published: PublishedOpt = None,
    format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format", "-f", help="json (the contract), jsonl, table, or timeml (TIMEX3 only)."
        ),
    ] = ExtractFormat.json,
    model: ModelOpt = DEFAULT_MODEL,
    input_format: InputFormatOpt = None,
    field: FieldOpt = [],  # noqa: B006 - Typer reads the default, never mutates it
    skip_bad: SkipBadOpt = False,
    fetch_pages: FetchPagesOpt = False,
    actors: ActorsOpt = None,
) -> None:
    """Annotate articles and print timexes, actors, places and events (the JSON contract)."""
    from dateline import get_pipeline
    from dateline.read import ReadOptions, read_paths

    options = ReadOptions(
        published=parse_day(published, "--published"),
        fields=parse_fields(field),
        skip_bad=skip_bad,
        fetch_pages=fetch_pages,
        format=input_format,
    )
    failures = 0
    articles = []
    for item in read_paths(paths, options):
        if isinstance(item, ReadError):
            failures += not item.code.is_warning
            err.print(f"[yellow]{item.message}[/]", highlight=False, soft_wrap=True)
        else:
            articles.append(item)
    if not articles and failures:
        raise typer.Exit(EXIT_ERROR)
    pipeline = get_pipeline(model, actors=actors)
    pairs = list(pipeline.annotate(articles))
    records = [record for _, record in pairs]
    if format is ExtractFormat.timeml:
        from dateline.nlp.time.timeml import write_timeml

        for article, record in pairs:
            write_out(
                write_timeml(
                    article.text[article.body_start :],
                    record.timexes,
                    article.published,
                    doc_id=record.id,
                    offset=article.body_start,
                )
            )
    elif format is ExtractFormat.json:
        write_out(Extraction(articles=records).model_dump_json(indent=2))
    elif format is ExtractFormat.jsonl:
        for record in records:
            write_out(record.model_dump_json())
    else:
        for record in records:
            _table(record)
    raise typer.Exit(EXIT_SOME_FAILED if failures else EXIT_OK)


def _table(record: ArticleRecord) -> None:
    from rich.table import Table

    names = {a.id: a.name for a in record.actors}
    places = {p.id: p.name for p in record.places}
    table = Table(title=f"{record.id} ({record.published})", show_lines=False)
    for col in ("event", "type", "status", "when", "basis", "where", "actors", "recipients"):
        table.add_column(col)
    for e in record.events:
        table.add_row(
            e.trigger.text,
            f"{e.type}/{e.mode}" if e.mode else e.type,
            e.status,
            e.when.value,
            e.when.basis,
            places.get(e.where or "", ""),
            ", ".join(names[a] for a in e.actors),
            ", ".join(names[a] for a in e.recipients),
        )
    console.print(table)
