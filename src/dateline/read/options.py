"""Options shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dateline.read.base import MAX_BYTES

FIELDS = ("id", "published", "title", "text", "url")
"""Record fields the JSONL and CSV readers look for; map them with ``--field NAME=COLUMN``."""


@dataclass(slots=True)
class ReadOptions:
    published: date | None = None
    """Publication date for inputs that carry none (plain text, undated records)."""
    fields: dict[str, str] = field(default_factory=dict)
    """Our field name → the column/key name in the input."""
    skip_bad: bool = False
    """Skip bad JSONL/CSV records with a warning instead of refusing the whole file."""
    fetch_pages: bool = False
    """For feeds: download each entry's page and read its main text."""
    format: str | None = None
    """Force a reader by name instead of detecting it."""
    max_bytes: int = MAX_BYTES
    timeout: float = 20.0

    def column(self, name: str) -> str:
        return self.fields.get(name, name)
