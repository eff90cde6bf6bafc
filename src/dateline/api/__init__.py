"""The served side: a JSON API under ``/api/v1`` and the page at ``/``.

>>> from dateline.api import Settings, create_app
>>> app = create_app(Settings(db="events.db"))      # an ASGI app; `dateline serve` runs it

Every endpoint reads the store through :mod:`dateline.store.explore` (aggregates and
keyset pages computed in SQL), so the page stays usable on large stores. Errors share one
envelope (:mod:`dateline.api.errors`). Writes are off unless a token is configured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from dateline import __version__
from dateline.store import Store

from . import aggregate, errors, events, pages, write
from .cache import CacheLayer, ResponseCache
from .guard import Guard
from .params import close_loop_connection
from .settings import Settings

if TYPE_CHECKING:
    from dateline.nlp.pipeline import Pipeline

__all__ = ["Settings", "app_from_env", "create_app"]

DESCRIPTION = """\
Dateline's events: who did what to whom, when and where, with the sentences that say so.

Every list takes the same filters (`actor`, `country`, `pair`, `type`, `status`, `from`,
`to`, `bbox`, `q`, …); pages continue through a `next` link; every error has the same
envelope `{"ok": false, "status", "code", "error", "detail"}` (codes in docs/errors.md).
"""


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The ASGI app. ``store`` and ``pipeline`` may be given (tests, embedding); else the
    store is opened from ``settings.db`` and the pipeline loaded on the first write."""
    settings = settings or Settings.from_env()
    own_store = store is None
    the_store = store or Store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        close_loop_connection(app.state)
        if own_store:
            the_store.close()

    app = FastAPI(
        title="Dateline",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served from npm-installed assets by pages.install, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = the_store
    app.state.pipeline = pipeline
    errors.install(app)
    app.include_router(events.router)
    app.include_router(events.articles_router)
    app.include_router(aggregate.router)
    app.include_router(write.router)
    pages.install(app, settings)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    # layers, innermost first: the answer cache, CORS, then the guard around everything
    app.state.response_cache = ResponseCache(settings.cache_seconds)
    app.add_middleware(CacheLayer, cache=app.state.response_cache)
    if settings.cors_origins:  # off unless `serve --cors-origin` names the origins
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Link"],
            max_age=600,
        )
    app.add_middleware(Guard, settings=settings)  # outermost: limits, NUL, headers
    return app


def app_from_env() -> FastAPI:
    """The app of one worker of ``dateline serve --workers N`` (a uvicorn factory): the
    settings come from the serving process through $DATELINE_SERVE_SETTINGS."""
    import os

    from .settings import ENV_SETTINGS

    text = os.environ.get(ENV_SETTINGS)
    _nodelay_on_shared_sockets()
    return create_app(Settings.from_json(text) if text else Settings.from_env())


def _nodelay_on_shared_sockets() -> None:
    """Turn Nagle's algorithm off on the workers' connections, as asyncio does for the
    sockets it creates itself. uvicorn's workers accept on a socket the parent bound with
    protocol 0, which asyncio's check (``proto == IPPROTO_TCP``) misses: every keep-alive
    answer, sent as headers then body, then waited for the client's delayed ACK (44 ms
    per request with ``--workers 2`` instead of 2 ms)."""
    import asyncio.base_events as base_events
    import socket

    def set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    base_events._set_nodelay = set_nodelay  # type: ignore[attr-defined]


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with request-validation errors documented as what they are:
    400 responses in our error envelope (FastAPI would say 422 with its own shape)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {})
            if responses.pop("422", None) is not None:
                responses.setdefault(
                    "400",
                    {
                        "description": "bad parameter",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ErrorEnvelope"}
                            }
                        },
                    },
                )
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    if "ArticleIn" not in components:
        components["ArticleIn"] = write.ArticleIn.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
    app.openapi_schema = schema
    return schema
