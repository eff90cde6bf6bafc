"""CSV (or TSV) with a header row naming ``id, published, title, text, url``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from dateline.errors import Code, ReadError
from dateline.read.base import Article, decode
from dateline.read.options import ReadOptions
from dateline.read.records import collect, to_article

NAME = "csv"
EXTENSIONS: tuple[str, ...] = (".csv", ".tsv")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def sniff(head: str) -> bool:
    first = head.split("\n", 1)[0].lower()
    return "text" in first and ("," in first or "\t" in first)


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    text, warnings = decode(data, source)
    delimiter = "\t" if source.lower().endswith(".tsv") else ","
    yield from warnings
    yield from collect(_records(text, source, options, delimiter), source, options)


def _records(
    text: str, source: str, options: ReadOptions, delimiter: str
) -> Iterator[tuple[int, Article | ReadError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ReadError(Code.E009, f"unreadable CSV header ({exc})", path=source, line=1) from exc
    if options.column("text") not in header:
        raise ReadError(
            Code.E009,
            f"no {options.column('text')!r} column in the header {header}",
            path=source,
            line=1,
        )
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield (
                reader.line_num,
                ReadError(Code.E009, f"malformed CSV ({exc})", path=source, line=reader.line_num),
            )
            continue
        line = reader.line_num
        if None in row:
            yield (
                line,
                ReadError(Code.E009, "more cells than header columns", path=source, line=line),
            )
            continue
        try:
            yield line, to_article(row, source, line, options, NAME)
        except ReadError as exc:
            yield line, exc
