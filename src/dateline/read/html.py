"""HTML pages: main text, title and date extracted with trafilatura.

Scripts, styles, navigation and boilerplate are dropped; offsets refer to the extracted
text. The page's own date wins over ``--published``, which is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dateline.errors import Code, ReadError
from dateline.read.base import Article, decode, find_dateline, parse_published, require_text
from dateline.read.options import ReadOptions

NAME = "html"
EXTENSIONS: tuple[str, ...] = (".html", ".htm", ".xhtml")

_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p)[\s>]", re.IGNORECASE)


def sniff(head: str) -> bool:
    return _HTML.search(head[:2048]) is not None


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    text, warnings = decode(data, source)
    article = parse(text, source, options)
    yield from warnings
    yield article


def parse(html: str, source: str, options: ReadOptions, *, url: str | None = None) -> Article:
    import trafilatura

    require_text(html, source)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises a variety of lxml errors on broken pages
        raise ReadError(Code.E009, f"unreadable HTML ({exc})", path=source) from exc
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise ReadError(Code.E003, "no article text found in the page", path=source)
    title = getattr(doc, "title", None) or None
    page_date = getattr(doc, "date", None)
    if page_date:
        published = parse_published(page_date, source)
    elif options.published is not None:
        published = options.published
    else:
        raise ReadError(
            Code.E004, "the page carries no date; give one with --published", path=source
        )
    offset = len(title) + 1 if title and text.startswith(title + "\n") else 0
    found = find_dateline(text, offset)
    return Article(
        text=text,
        published=published,
        source=url or source,
        title=title,
        url=url,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
        format=NAME,
    )
