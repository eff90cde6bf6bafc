"""What every reader produces (:class:`Article`) and the checks they share."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as date_parser

from dateline.errors import Code, ReadError

MAX_BYTES = int(os.environ.get("DATELINE_MAX_BYTES", str(64 * 1024 * 1024)))
"""Inputs larger than this are refused with E014 (override with ``DATELINE_MAX_BYTES``)."""

MAX_CHARS = int(os.environ.get("DATELINE_MAX_CHARS", "1000000"))
"""Articles longer than this many characters are refused with E014: no news article is
that long, and the parser's memory grows with it. Split such texts first."""

MIN_YEAR, MAX_YEAR = 1800, 2200
"""Publication dates outside these years are treated as impossible (E005)."""


@dataclass(slots=True)
class Article:
    """One article as read, before annotation.

    ``text`` is exactly what the offsets in the output refer to. ``body_start`` is where
    the article body begins inside ``text`` (after a date header); everything before it is
    hidden from the NLP pipeline but kept so that offsets stay file offsets.
    """

    text: str
    published: date
    source: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    body_start: int = 0
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    format: str = "text"
    line: int | None = None

    @property
    def article_id(self) -> str:
        """The input's own id when it has one, else a stable id derived from the source."""
        if self.id:
            return self.id
        return derive_id(self.source, self.line)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def content_hash(self) -> str:
        """SHA-256 of the body with whitespace collapsed: the same story read twice (from a
        file, a feed or a JSONL dump) has the same hash."""
        return content_hash(self.body)


def content_hash(text: str) -> str:
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def derive_id(source: str, line: int | None = None) -> str:
    """A readable, stable id: the source's stem plus a short hash of the full source."""
    key = source if line is None else f"{source}#{line}"
    stem = Path(source.rstrip("/").split("?")[0]).stem or "article"
    slug = _SLUG.sub("-", stem).strip("-").lower()[:48] or "article"
    return f"{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def check_size(data: bytes, path: str, limit: int = MAX_BYTES) -> None:
    if len(data) > limit:
        raise ReadError(
            Code.E014,
            f"{len(data):,} bytes is over the limit of {limit:,} bytes",
            path=path,
        )


def decode(data: bytes, path: str, *, line: int | None = None) -> tuple[str, list[ReadError]]:
    """Bytes to text: BOMs honoured, UTF-8 preferred, Windows-1252 as a flagged fallback.

    Raises E002 for binary data. Returns the text and any warnings (W-coded ReadErrors,
    which readers yield before their articles).
    """
    warnings: list[ReadError] = []
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path, line), warnings
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[len(bom) :], enc, path, line), warnings
    if b"\x00" in data[:4096] or _looks_binary(data[:4096]):
        raise ReadError(Code.E002, "this looks like binary data, not text", path=path, line=line)
    if b"\x00" in data:  # past the sample: binary data appended to text
        at = data.index(b"\x00")
        raise ReadError(Code.E002, f"a NUL byte at byte {at}: not text", path=path, line=line)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        warnings.append(
            ReadError(
                Code.W002,
                f"not valid UTF-8 (byte {exc.start}); read as Windows-1252",
                path=path,
                line=line,
            )
        )
        return text, warnings


def _strict(data: bytes, encoding: str, path: str, line: int | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            Code.E010, f"invalid {encoding} at byte {exc.start}", path=path, line=line
        ) from exc
    if "\x00" in text:
        at = text.index("\x00")
        raise ReadError(Code.E002, f"a NUL character at {at}: not text", path=path, line=line)
    return text


_CONTROL = set(range(9)) | {11, 12} | set(range(14, 32)) | {127}


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    bad = sum(1 for b in sample if b in _CONTROL)
    return bad / len(sample) > 0.05


def require_text(text: str, path: str, *, line: int | None = None) -> None:
    """Refuse empty (E003) and absurdly long (E014) article texts."""
    if not text.strip():
        raise ReadError(Code.E003, "there is no text to read", path=path, line=line)
    if "\x00" in text:  # e.g. "\u0000" in a JSON string; no database stores it alike
        at = text.index("\x00")
        raise ReadError(Code.E002, f"a NUL character at {at}: not text", path=path, line=line)
    if len(text) > MAX_CHARS:
        raise ReadError(
            Code.E014,
            f"the article has {len(text):,} characters, over the limit of {MAX_CHARS:,}; "
            "split it into articles (or raise DATELINE_MAX_CHARS)",
            path=path,
            line=line,
        )


def parse_published(value: object, path: str, *, line: int | None = None) -> date:
    """A publication date from a header, a record field or an option.

    Accepts ISO dates and datetimes and the common written forms; refuses impossible
    dates (E005) rather than guessing.
    """
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        raw = str(value).strip() if value is not None else ""
        if not raw:
            raise ReadError(Code.E004, "no publication date", path=path, line=line)
        try:
            result = _parse_date_text(raw)
        except (ValueError, OverflowError) as exc:
            raise ReadError(
                Code.E005, f"cannot read {raw!r} as a date ({exc})", path=path, line=line
            ) from exc
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise ReadError(
            Code.E005,
            f"{result.isoformat()} is outside {MIN_YEAR}–{MAX_YEAR}",
            path=path,
            line=line,
        )
    return result


_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _parse_date_text(raw: str) -> date:
    m = _ISO_DAY.match(raw)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    # RFC 822 (feeds) and written forms; a missing day is an error, not day 1.
    sentinel = datetime(1, 1, 1)
    parsed = date_parser.parse(raw, default=sentinel)
    if parsed.year == 1:
        raise ValueError("no year")
    probe = date_parser.parse(raw, default=datetime(1, 1, 2))
    if probe.day != parsed.day:
        raise ValueError("no day")
    return parsed.date()


_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*){0,3})"
    r"(?:,[ ][A-Z][A-Za-z0-9.' ]{1,30})?"
    r"(?:[ ]?\([^)]{1,40}\))?"
    r"(?:[ ]*:|[ ]+[-–—]{1,2})[ ]"
)


def find_dateline(text: str, start: int) -> tuple[str, tuple[int, int]] | None:
    """A leading dateline such as ``New Delhi:`` or ``BEIJING, June 24 (Reuters) -``."""
    offset = start + (len(text[start:]) - len(text[start:].lstrip()))
    m = _DATELINE.match(text, offset)
    if not m:
        return None
    place = m.group("place")
    s = m.start("place")
    # All-caps wire datelines read better in title case; offsets still point at the text.
    name = place.title() if place.isupper() else place
    return name, (s, s + len(place))


def iter_files(path: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in a stable order, skipping hidden ones."""
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.is_file():
            yield child
