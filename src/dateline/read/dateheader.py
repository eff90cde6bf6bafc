"""The date-header text format: a first line `` date YYYY-MM-DD``, then the article.

The body may start on the same line as the header and may open with a dateline
(``New Delhi:``), which becomes the article's dateline place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dateline.errors import Code, ReadError
from dateline.read.base import Article, decode, find_dateline, parse_published, require_text
from dateline.read.options import ReadOptions

NAME = "dateheader"
EXTENSIONS: tuple[str, ...] = (".txt", ".text")

HEADER = re.compile(r"\A[ \t\ufeff]*date[ \t]+(?P<date>\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)


def sniff(head: str) -> bool:
    return HEADER.match(head) is not None


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    text, warnings = decode(data, source)
    article = parse(text, source)
    yield from warnings
    yield article


def parse(text: str, source: str) -> Article:
    m = HEADER.match(text)
    if m is None:
        raise ReadError(Code.E004, "no ' date YYYY-MM-DD' header on the first line", path=source)
    published = parse_published(m.group("date"), source, line=1)
    body_start = m.end()
    require_text(text[body_start:], source)
    found = find_dateline(text, body_start)
    return Article(
        text=text,
        published=published,
        source=source,
        body_start=body_start,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
        format=NAME,
    )
