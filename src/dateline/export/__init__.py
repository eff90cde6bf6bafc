"""Exports, registered by name: ``csv`` (ACLED-like), ``parquet``, ``jsonl``, ``geojson``,
``gexf``, ``graphml`` and ``gdelt`` (a GDELT-like TSV).

An exporter is a function ``write(events, out) -> rows written`` registered with
:func:`register`. Third-party packages add one through the ``dateline.exporters``
entry-point group (``name = "package.module:function"``, the function decorated or
wrapped as an :class:`Exporter`); :func:`load_plugins` loads them, explicitly, when an
export is asked for.

>>> from dateline.export import export
>>> export(store, "geojson", "events.geojson", Filters(country=["IND"]))
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import Code, OptionError
from dateline.model import StoredEvent

if TYPE_CHECKING:
    from dateline.store import Store
    from dateline.store.query import Filters

ENTRY_POINT_GROUP = "dateline.exporters"
BUILTIN = ("csv", "jsonl", "parquet", "geojson", "graph", "gdelt")
"""Modules of this package that register the built-in exporters."""

Writer = Callable[[Iterable[StoredEvent], Path], int]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    description: str
    write: Writer
    needs_mentions: bool = True


_REGISTRY: dict[str, Exporter] = {}
_loaded = False


def register(
    name: str, *, suffix: str, description: str, needs_mentions: bool = True
) -> Callable[[Writer], Writer]:
    """Register a writer under ``name`` (a later registration of a name replaces it)."""

    def wrap(fn: Writer) -> Writer:
        _REGISTRY[name] = Exporter(name, suffix, description, fn, needs_mentions)
        return fn

    return wrap


def load_plugins() -> None:
    """Import the built-in exporters, then every ``dateline.exporters`` entry point."""
    global _loaded
    if _loaded:
        return
    for module in BUILTIN:
        importlib.import_module(f"{__name__}.{module}")
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if isinstance(obj, Exporter):
            _REGISTRY[ep.name] = obj
        elif ep.name not in _REGISTRY and callable(obj):
            _REGISTRY[ep.name] = Exporter(ep.name, "", f"{ep.value} (plugin)", obj)
    _loaded = True


def exporters() -> dict[str, Exporter]:
    load_plugins()
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Exporter:
    found = exporters().get(name)
    if found is None:
        raise OptionError(
            Code.E012, f"--format {name!r}: no such export ({', '.join(exporters())})"
        )
    return found


def iter_events(
    store: Store, filters: Filters | None, *, with_mentions: bool
) -> Iterator[StoredEvent]:
    """Canonical events in timeline order, a page at a time (memory stays flat)."""
    page = 2000
    offset = 0
    while True:
        batch = store.events(filters, limit=page, offset=offset, with_mentions=with_mentions)
        yield from batch
        if len(batch) < page:
            return
        offset += page


def export(store: Store, format: str, out: str | Path, filters: Filters | None = None) -> int:
    """Write the store's canonical events (filtered) to ``out``; returns rows written."""
    exporter = get(format)
    path = Path(out)
    if not path.parent.exists():
        raise OptionError(Code.E012, f"--out {path}: the folder {path.parent} does not exist")
    return exporter.write(iter_events(store, filters, with_mentions=exporter.needs_mentions), path)


__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "export",
    "exporters",
    "get",
    "load_plugins",
    "register",
]
