"""A quick count of the articles in some inputs, for progress bars and ETAs.

Only bytes are scanned (no parsing, no NLP): JSONL lines, CSV lines, feed items; other
files count as one. Inputs that cannot be counted (stdin, URLs) make the total unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from dateline.read.base import iter_files
from dateline.read.options import ReadOptions

_ITEM = re.compile(rb"<(?:item|entry)[\s>]")


def estimate_count(paths: Iterable[str], options: ReadOptions | None = None) -> int | None:
    total = 0
    for name in paths:
        if name == "-" or name.startswith(("http://", "https://")):
            return None
        path = Path(name)
        files = list(iter_files(path)) if path.is_dir() else [path]
        for file in files:
            total += _count_file(file)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson", ".jsonlines"):
            with open(path, "rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix in (".csv", ".tsv"):
            with open(path, "rb") as fh:
                return max(sum(1 for _ in fh) - 1, 0)
        if suffix in (".rss", ".atom", ".xml", ".rdf"):
            return len(_ITEM.findall(path.read_bytes())) or 1
    except OSError:
        return 1
    return 1
