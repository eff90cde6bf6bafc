"""What to watch: feed URLs, feed-list files with optional per-feed settings, durations.

A feeds file is either plain text, one URL per line with optional settings after it as a
TOML inline table::

    # comments and blank lines are ignored
    https://news.example.org/world.rss
    https://wire.example.com/atom.xml  {every = "5m", fetch_pages = true, name = "Wire"}

or a ``.toml`` file with one ``[[feed]]`` table per feed (same keys, plus ``url``).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dateline.errors import Code, OptionError

SETTINGS = ("name", "every", "fetch_pages", "timeout")
"""Per-feed settings a feeds file may give."""

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed to watch. Settings left as None follow the watch's own options."""

    url: str
    name: str | None = None
    every: float | None = None
    """Seconds between polls."""
    fetch_pages: bool | None = None
    timeout: float | None = None
    """Seconds to wait for this feed's server."""

    @property
    def label(self) -> str:
        return self.name or self.url


def parse_duration(
    value: str | float, what: str = "duration", *, allow_zero: bool = False
) -> float:
    """Seconds from ``"15m"``, ``"90s"``, ``"1h30m"``, ``"2d"``, ``"500ms"`` or a number of
    seconds. Raises :class:`OptionError` (E012) on anything else, and on zero unless
    ``allow_zero``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        text = str(value).strip().lower().replace(" ", "")
        try:
            seconds = float(text)
        except ValueError:
            parts = _DURATION.findall(text)
            if not parts or "".join(n + u for n, u in parts) != text:
                raise OptionError(
                    Code.E012, f"{what} {value!r}: expected a duration like 90s, 15m, 1h or 2d"
                ) from None
            seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if not math.isfinite(seconds):
        raise OptionError(Code.E012, f"{what} {value!r}: expected a finite duration")
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise OptionError(Code.E012, f"{what} {value!r}: must be longer than zero")
    return seconds


def check_url(url: str, where: str, *, line: int | None = None) -> str:
    """An absolute http(s) URL, or E015 naming the file (and line)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OptionError(Code.E015, f"{url!r} is not an http(s) URL", path=where, line=line)
    return url


def load_feeds(items: list[str]) -> list[FeedSpec]:
    """Feeds from the command line: each item is a URL or a feeds file. The first mention
    of a URL wins; order is kept."""
    specs: list[FeedSpec] = []
    for item in items:
        if item.startswith(("http://", "https://")):
            specs.append(FeedSpec(check_url(item, item)))
            continue
        path = Path(item)
        if not path.is_file():
            raise OptionError(
                Code.E015, "neither an http(s) URL nor a readable feeds file", path=item
            )
        specs.extend(read_feed_file(path))
    seen: set[str] = set()
    unique: list[FeedSpec] = []
    for spec in specs:
        if spec.url not in seen:
            seen.add(spec.url)
            unique.append(spec)
    return unique


def read_feed_file(path: Path) -> list[FeedSpec]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(Code.E015, f"cannot read the file ({exc})", path=str(path)) from exc
    if path.suffix.lower() == ".toml":
        return _from_toml(text, str(path))
    return _from_lines(text, str(path))


def _from_lines(text: str, where: str) -> list[FeedSpec]:
    specs: list[FeedSpec] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, _, rest = line.partition(" ")
        rest = rest.strip()
        settings: dict[str, Any] = {}
        if rest and not rest.startswith("#"):
            try:
                settings = tomllib.loads(f"settings = {rest}")["settings"]
            except tomllib.TOMLDecodeError as exc:
                raise OptionError(
                    Code.E015,
                    f"the settings after the URL are not a TOML inline table ({exc})",
                    path=where,
                    line=number,
                ) from exc
            if not isinstance(settings, dict):
                raise OptionError(
                    Code.E015,
                    "the settings after the URL must be a TOML inline table {key = value}",
                    path=where,
                    line=number,
                )
        specs.append(_spec(check_url(url, where, line=number), settings, where, number))
    return specs


def _from_toml(text: str, where: str) -> list[FeedSpec]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OptionError(Code.E015, f"not valid TOML ({exc})", path=where) from exc
    unknown = set(doc) - {"feed", "feeds"}
    if unknown:
        raise OptionError(
            Code.E015, f"unknown table {sorted(unknown)[0]!r} (expected [[feed]])", path=where
        )
    tables = doc.get("feed", []) + doc.get("feeds", [])
    if not isinstance(tables, list):
        raise OptionError(Code.E015, "feeds must be [[feed]] tables", path=where)
    specs: list[FeedSpec] = []
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict) or not isinstance(table.get("url"), str):
            raise OptionError(Code.E015, f"[[feed]] number {number} has no url", path=where)
        settings = {k: v for k, v in table.items() if k != "url"}
        specs.append(_spec(check_url(table["url"], where), settings, where, None))
    return specs


def _spec(url: str, settings: dict[str, Any], where: str, line: int | None) -> FeedSpec:
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise OptionError(
            Code.E015,
            f"unknown setting {sorted(unknown)[0]!r} (known: {', '.join(SETTINGS)})",
            path=where,
            line=line,
        )
    try:
        name = settings.get("name")
        if name is not None and not isinstance(name, str):
            raise OptionError(Code.E012, "name must be a string")
        fetch_pages = settings.get("fetch_pages")
        if fetch_pages is not None and not isinstance(fetch_pages, bool):
            raise OptionError(Code.E012, "fetch_pages must be true or false")
        every = settings.get("every")
        timeout = settings.get("timeout")
        return FeedSpec(
            url=url,
            name=name,
            every=None if every is None else parse_duration(every, "every"),
            fetch_pages=fetch_pages,
            timeout=None if timeout is None else parse_duration(timeout, "timeout"),
        )
    except OptionError as exc:
        raise OptionError(Code.E015, f"{url}: {exc.detail}", path=where, line=line) from None
