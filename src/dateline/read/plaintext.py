"""Plain text with the publication date given as an option (``--published``)."""

from __future__ import annotations

from collections.abc import Iterator

from dateline.errors import Code, ReadError
from dateline.read.base import Article, decode, find_dateline, require_text
from dateline.read.options import ReadOptions

NAME = "text"
EXTENSIONS: tuple[str, ...] = (".txt", ".text")


def sniff(head: str) -> bool:
    return True


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    text, warnings = decode(data, source)
    require_text(text, source)
    if options.published is None:
        raise ReadError(
            Code.E004,
            "plain text has no date header; give one with --published YYYY-MM-DD "
            "or start the file with ' date YYYY-MM-DD'",
            path=source,
        )
    found = find_dateline(text, 0)
    yield from warnings
    yield Article(
        text=text,
        published=options.published,
        source=source,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
        format=NAME,
    )
