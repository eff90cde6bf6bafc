"""Shared logic of the record formats (JSONL, CSV): one record → one article.

A bad record stops the whole file before anything of it is written, unless the user asked
to skip bad records (``--skip-bad``), in which case each one becomes a W001 warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from dateline.errors import Code, ReadError
from dateline.read.base import Article, find_dateline, parse_published, require_text
from dateline.read.options import ReadOptions


def to_article(
    record: Mapping[str, object], source: str, line: int, options: ReadOptions, fmt: str
) -> Article:
    def get(name: str) -> str | None:
        value = record.get(options.column(name))
        if value is None:
            return None
        value = value if isinstance(value, str) else str(value)
        if "\x00" in value:
            raise ReadError(
                Code.E009,
                f"the {options.column(name)!r} field contains a NUL character",
                path=source,
                line=line,
            )
        return value

    text = get("text")
    if text is None:
        raise ReadError(Code.E009, f"no {options.column('text')!r} field", path=source, line=line)
    require_text(text, source, line=line)
    raw_date = get("published")
    if raw_date is None or not raw_date.strip():
        if options.published is None:
            raise ReadError(
                Code.E004,
                f"no {options.column('published')!r} field and no --published default",
                path=source,
                line=line,
            )
        published = options.published
    else:
        published = parse_published(raw_date, source, line=line)
    url = get("url")
    found = find_dateline(text, 0)
    return Article(
        text=text,
        published=published,
        source=url or source,
        id=get("id") or None,
        title=get("title"),
        url=url,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
        format=fmt,
        line=line,
    )


def collect(
    items: Iterable[tuple[int, Article | ReadError]], source: str, options: ReadOptions
) -> Iterator[Article | ReadError]:
    """Validate every record first; refuse the file on the first bad one unless skipping."""
    good: list[Article] = []
    skipped: list[ReadError] = []
    for _line, item in items:
        if isinstance(item, ReadError):
            if not options.skip_bad:
                raise ReadError(
                    item.code,
                    f"{item.detail} (nothing from this file was stored; "
                    "use --skip-bad to skip bad records)",
                    path=item.path,
                    line=item.line,
                )
            skipped.append(
                ReadError(
                    Code.W001,
                    f"{item.code.name} {item.code.value}: {item.detail}",
                    path=item.path,
                    line=item.line,
                )
            )
        else:
            good.append(item)
    if not good and not skipped:
        raise ReadError(Code.E003, "no records", path=source)
    yield from skipped
    yield from good
