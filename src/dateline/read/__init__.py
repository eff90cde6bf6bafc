"""Readers: every input format becomes the same :class:`Article`.

Each format is a module with ``NAME``, ``EXTENSIONS``, ``sniff(head)`` and
``read(data, source, options)``; :data:`READERS` registers them by name, and a new format
is added by writing one more module and registering it here (or with
:func:`register_reader`).
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

from dateline.errors import Code, ReadError
from dateline.read import csv, dateheader, feed, html, jsonl, plaintext
from dateline.read.base import Article, check_size, iter_files
from dateline.read.options import ReadOptions

__all__ = [
    "READERS",
    "Article",
    "ReadError",
    "ReadOptions",
    "read_bytes",
    "read_path",
    "read_paths",
    "register_reader",
]


class Reader(Protocol):
    NAME: str
    EXTENSIONS: tuple[str, ...]

    def sniff(self, head: str) -> bool: ...

    def read(
        self, data: bytes, source: str, options: ReadOptions
    ) -> Iterable[Article | ReadError]: ...


READERS: dict[str, ModuleType] = {
    m.NAME: m for m in (dateheader, jsonl, csv, html, feed, plaintext)
}
"""Readers by name, in sniffing order (plain text, which accepts anything, last)."""


def register_reader(module: ModuleType) -> None:
    """Add (or replace) a reader module, by its ``NAME``."""
    READERS[module.NAME] = module


def detect(data: bytes, source: str, options: ReadOptions) -> ModuleType:
    """The reader for some input: the one forced by ``options.format``, else by content
    (a date header, JSON object lines, a feed, an HTML page), else by file extension."""
    if options.format:
        try:
            return READERS[options.format]
        except KeyError:
            known = ", ".join(sorted(READERS))
            raise ReadError(
                Code.E006, f"no reader called {options.format!r} (known: {known})", path=source
            ) from None
    head = _head_text(data)
    suffix = Path(source).suffix.lower()
    by_suffix = [m for m in READERS.values() if suffix in m.EXTENSIONS and m is not plaintext]
    for module in by_suffix:
        if module.sniff(head):
            return module
    for module in READERS.values():
        if module is not plaintext and module.sniff(head):
            return module
    if len(by_suffix) == 1 and by_suffix[0] is not dateheader:
        return by_suffix[0]  # trust a specific extension (.csv, .jsonl, .html) over sniffing
    if suffix in plaintext.EXTENSIONS or suffix in ("", ".md"):
        return plaintext
    raise ReadError(
        Code.E006,
        f"cannot tell the format of a {suffix!r} file; use --format ({', '.join(sorted(READERS))})",
        path=source,
    )


def _head_text(data: bytes) -> str:
    """The first few kilobytes as text, for sniffing (BOM-aware, never failing)."""
    head = data[:8192]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def read_bytes(
    data: bytes, source: str, options: ReadOptions | None = None
) -> Iterator[Article | ReadError]:
    """Articles (and skipped-record warnings) from bytes already in memory."""
    options = options or ReadOptions()
    check_size(data, source, options.max_bytes)
    module = detect(data, source, options)
    yield from module.read(data, source, options)


def read_path(
    path: str | Path, options: ReadOptions | None = None
) -> Iterator[Article | ReadError]:
    """Articles from a file, a folder (recursively), a feed URL, or ``-`` (standard input).

    Errors that concern a whole file are raised as :class:`ReadError`; skipped records
    are yielded as :class:`ReadError` values so the caller can report them.
    """
    options = options or ReadOptions()
    name = str(path)
    if name == "-":
        yield from read_bytes(sys.stdin.buffer.read(options.max_bytes + 1), "<stdin>", options)
        return
    if name.startswith(("http://", "https://")):
        data = feed.fetch(name, options)
        yield from read_bytes(data, name, options)
        return
    p = Path(name)
    if p.is_dir():
        for child in iter_files(p):
            yield from read_path(child, options)
        return
    try:
        size = p.stat().st_size
        if size > options.max_bytes:
            raise ReadError(
                Code.E014,
                f"{size:,} bytes is over the limit of {options.max_bytes:,} bytes",
                path=name,
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(Code.E001, "no such file or folder", path=name) from None
    except IsADirectoryError:
        raise ReadError(Code.E001, "is a folder", path=name) from None
    except OSError as exc:
        raise ReadError(Code.E001, exc.strerror or str(exc), path=name) from exc
    yield from read_bytes(data, name, options)


def read_paths(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | ReadError]:
    """Like :func:`read_path` over several inputs, but a file-level error is yielded (and
    the next file read) instead of raised, so one bad file never stops a batch."""
    options = options or ReadOptions()
    for path in paths:
        if str(path) != "-" and Path(str(path)).is_dir():
            for child in iter_files(Path(str(path))):
                yield from _guarded(child, options)
        else:
            yield from _guarded(path, options)


def _guarded(path: str | Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    try:
        items = list(read_path(path, options))
    except ReadError as exc:
        yield exc
        return
    yield from items
