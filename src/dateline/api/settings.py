"""What ``dateline serve`` and :func:`dateline.api.create_app` are configured with."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

ENV_TOKEN = "DATELINE_API_TOKEN"
ENV_ASSETS = "DATELINE_ASSETS"
ENV_SETTINGS = "DATELINE_SERVE_SETTINGS"
"""How ``dateline serve --workers N`` hands its settings to the worker processes."""


@dataclass
class Settings:
    """Settings of the served app. ``token`` None keeps writes off."""

    db: str | None = None
    """Store URL or SQLite path (None: $DATELINE_DB, else the default store)."""
    token: str | None = None
    """Writes (``POST /api/v1/articles``) need ``Authorization: Bearer <token>``."""
    page_size: int = 50
    """Events per page when ``limit`` is not given (the page asks for 50 too)."""
    max_page_size: int = 500
    """Largest ``limit`` for JSON pages (and for actors and places)."""
    max_export_size: int = 10_000
    """Largest ``limit`` for ``format=ndjson`` and ``format=csv`` pages."""
    cache_seconds: float = 0.0
    """Reuse read answers (GET /api/v1/…) for this long (0: off; ``serve`` uses 1 s)."""
    count_seconds: float = 2.0
    """How long the total of a filter is reused by later pages (0: count every time)."""
    query_seconds: float = 5.0
    """A request's queries are aborted past this many seconds (E019)."""
    max_points: int = 1000
    """The map sends single events up to this many in view, grid clusters beyond."""
    max_body_bytes: int = 5_000_000
    """Largest article accepted by ``POST /api/v1/articles`` (E014 beyond)."""
    max_url_bytes: int = 8192
    """Longest URL (path and query string) accepted (E025, HTTP 414, beyond)."""
    max_header_bytes: int = 32_768
    """Largest total size of a request's headers (E025, HTTP 431, beyond)."""
    max_params: int = 200
    """Most query parameters in one request (E025 beyond)."""
    max_values: int = 50
    """Most values one filter may take (``actor=…&actor=…`` or comma-separated; E019)."""
    cors_origins: tuple[str, ...] = ()
    """Origins whose pages may call the API from a browser (CORS); none by default."""
    model: str | None = None
    """spaCy pipeline for posted articles (None: the default; loaded on the first write)."""
    assets: Path | None = None
    """node_modules folder holding the page's libraries (None: find it)."""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from $DATELINE_API_TOKEN and $DATELINE_ASSETS, then ``overrides``
        (None values ignored)."""
        settings = cls(
            token=os.environ.get(ENV_TOKEN) or None,
            assets=Path(os.environ[ENV_ASSETS]) if os.environ.get(ENV_ASSETS) else None,
        )
        for name, value in overrides.items():
            if value is not None:
                setattr(settings, name, value)
        return settings

    def to_json(self) -> str:
        data = asdict(self)
        data["assets"] = str(self.assets) if self.assets is not None else None
        data["cors_origins"] = list(self.cors_origins)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        settings.assets = Path(settings.assets) if settings.assets else None
        settings.cors_origins = tuple(settings.cors_origins)
        return settings
