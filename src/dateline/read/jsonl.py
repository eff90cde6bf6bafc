"""JSON Lines: one article per line with ``id, published, title, text, url``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from dateline.errors import Code, ReadError
from dateline.read.base import Article, decode
from dateline.read.options import ReadOptions
from dateline.read.records import collect, to_article

NAME = "jsonl"
EXTENSIONS: tuple[str, ...] = (".jsonl", ".ndjson", ".jsonlines")


def sniff(head: str) -> bool:
    return head.lstrip().startswith("{")


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    text, warnings = decode(data, source)
    yield from warnings
    yield from collect(_records(text, source, options), source, options)


def _records(
    text: str, source: str, options: ReadOptions
) -> Iterator[tuple[int, Article | ReadError]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ReadError(
                    Code.E009, "the line is not a JSON object", path=source, line=number
                )
            yield number, to_article(record, source, number, options, NAME)
        except json.JSONDecodeError as exc:
            yield (
                number,
                ReadError(Code.E009, f"invalid JSON ({exc.msg})", path=source, line=number),
            )
        except ReadError as exc:
            yield number, exc
