"""Sample articles bundled with Dateline, written by the team for the demo and the tests.

They are short news reports in the date-header format, in our own words, about real or
fictional events in diplomacy, conflict, protest and agreements.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_paths() -> list[Path]:
    """The bundled sample files, in name order."""
    root = Path(str(files("dateline.samples")))
    return sorted(root.glob("*.txt"))
