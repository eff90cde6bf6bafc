"""RSS and Atom feeds (feedparser): one article per entry.

An entry's text is its content or summary (HTML stripped). With ``fetch_pages`` the
linked page is downloaded and its main text read with the HTML reader instead.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from dateline.errors import Code, ReadError
from dateline.read import html as html_reader
from dateline.read.base import (
    MAX_BYTES,
    Article,
    check_size,
    decode,
    find_dateline,
    require_text,
)
from dateline.read.options import ReadOptions

NAME = "feed"
EXTENSIONS: tuple[str, ...] = (".rss", ".atom", ".xml", ".rdf")
USER_AGENT = "Dateline/0.1 (+https://github.com/dateline/dateline; news event extraction)"

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|br|div|li|h[1-6])[^>]*>", re.IGNORECASE)


def sniff(head: str) -> bool:
    return _FEED.search(head[:4096]) is not None


def read(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    entries, problem = parse_feed(data, source, max_bytes=options.max_bytes)
    if not entries:
        raise ReadError(Code.E003, "the feed has no entries", path=source)
    if problem is not None:
        yield ReadError(Code.W004, f"malformed feed read leniently ({problem})", path=source)
    for number, entry in enumerate(entries, start=1):
        try:
            yield entry_article(entry, source, number, options)
        except ReadError as exc:
            yield exc


def parse_entries(
    data: bytes,
    source: str,
    *,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Any]:
    """A feed document's entries (feedparser dicts), in document order; E011 when the
    document is unreadable and has no entries. ``content_type`` is the HTTP header, which
    feedparser uses to find the encoding."""
    return parse_feed(data, source, content_type=content_type, max_bytes=max_bytes)[0]


def parse_feed(
    data: bytes,
    source: str,
    *,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[list[Any], str | None]:
    """Like :func:`parse_entries`, also saying why the document was only readable
    leniently (malformed XML whose entries were recovered), or None."""
    import feedparser

    # feedparser wants bytes and sniffs the encoding itself; check the size first.
    check_size(data, source, max_bytes)
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(
        data, sanitize_html=True, resolve_relative_uris=False, response_headers=headers
    )
    entries: list[Any] = list(parsed.get("entries", []))
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        raise ReadError(Code.E011, f"not a readable RSS/Atom feed ({problem})", path=source)
    if not entries and not parsed.get("version"):
        raise ReadError(Code.E011, "not an RSS/Atom feed (no channel or feed element)", path=source)
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    return entries, problem


def entry_article(entry: Any, source: str, number: int, options: ReadOptions) -> Article:
    link = entry.get("link") or None
    where = f"{source} entry {number}"
    published = _entry_date(entry) or options.published
    if published is None:
        raise ReadError(Code.E004, "the entry has no date", path=where)
    title = html_lib.unescape(_TAG.sub("", entry.get("title", ""))).strip() or None
    if options.fetch_pages and link:
        return page_article(entry, fetch(link, options), number, options, published=published)
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    body = body or entry.get("summary", "")
    text = html_to_text(body)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    require_text(text, where)
    offset = len(title) + 2 if title and text.startswith(title + "\n\n") else 0
    found = find_dateline(text, offset)
    return Article(
        text=text,
        published=published,
        source=link or where,
        id=entry.get("id") or link,
        title=title,
        url=link,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
        format=NAME,
        line=number,
    )


def page_article(
    entry: Any, page: bytes, number: int, options: ReadOptions, *, published: date | None = None
) -> Article:
    """The article an entry links to, read from its downloaded page with the HTML reader.

    The page's own date wins; the entry's date (``published``) stands in when the page
    carries none, then ``options.published``."""
    link = entry.get("link") or f"entry {number}"
    fallback = published or _entry_date(entry) or options.published
    page_options = replace(options, published=fallback) if fallback else options
    article = html_reader.parse(decode(page, link)[0], link, page_options, url=link)
    article.id = entry.get("id") or link
    title = html_lib.unescape(_TAG.sub("", entry.get("title", ""))).strip() or None
    article.title = article.title or title
    return article


def html_to_text(fragment: str) -> str:
    """Entry HTML to plain text: block tags become line breaks, entities are decoded."""
    text = _BLOCK.sub("\n", fragment)
    text = html_lib.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(*value[:3])  # feedparser gives UTC struct_time
            except (ValueError, TypeError):
                continue
    return None


def fetch(url: str, options: ReadOptions) -> bytes:
    """Download a feed or page (only ever called when the user gives a URL or asks for
    pages)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            data: bytes = response.read(options.max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise ReadError(Code.E001, f"cannot fetch ({exc})", path=url) from exc
    check_size(data, url, options.max_bytes)
    return data
