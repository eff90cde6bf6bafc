"""``dateline schema``: print the JSON Schema of the output contract."""

from __future__ import annotations

import json

from dateline.cli._util import app, write_out


@app.command()
def schema() -> None:
    """Print the JSON Schema of ``dateline extract --format json`` output."""
    from dateline.model import json_schema

    write_out(json.dumps(json_schema(), indent=2))
