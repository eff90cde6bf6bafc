"""``jsonl``: one canonical event per line, the full record with its mentions (the same
JSON as ``dateline events --format jsonl`` and the API)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.export import register
from dateline.model import StoredEvent


@register("jsonl", suffix=".jsonl", description="one event record (with mentions) per line")
def write_jsonl(events: Iterable[StoredEvent], out: Path) -> int:
    n = 0
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for event in events:
            fh.write(event.model_dump_json())
            fh.write("\n")
            n += 1
    tmp.replace(out)
    return n


def read_jsonl(path: Path) -> Iterator[StoredEvent]:
    """Read an export back."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield StoredEvent.model_validate_json(line)
