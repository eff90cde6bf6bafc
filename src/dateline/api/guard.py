"""The outermost layer of the served app (a plain ASGI middleware, cheap per request):
limits on the request line and body, refusal of NUL characters, and security headers on
every response, errors included.

* a URL (path and query string) over ``Settings.max_url_bytes`` bytes, or with more than
  ``Settings.max_params`` query parameters: 414, E025; headers over
  ``Settings.max_header_bytes`` in all: 431, E025;
* a declared body (``Content-Length``) over ``Settings.max_body_bytes``: 413, E014, before
  any route reads it (``POST /api/v1/articles`` also counts chunked bodies as they come);
* a NUL character in the path or a query parameter: 400, E012 (PostgreSQL cannot compare
  text with NUL, and no id, name or word contains one);
* headers: ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``,
  ``Referrer-Policy: no-referrer``, ``Cross-Origin-Opener-Policy: same-origin``, and a
  ``Content-Security-Policy`` that allows nothing (JSON needs nothing) unless the route
  set its own (the page and the docs do, see :mod:`dateline.api.pages`).

An exception no handler caught becomes the 500 envelope here, so it carries the headers
too.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote

from dateline.errors import Code

from .errors import envelope

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from .settings import Settings

log = logging.getLogger("dateline.api")

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
"""For everything that is not a page: JSON, CSV, static files."""

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """Wraps the app; see the module's docstring."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", API_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        refusal = self.refuse(scope)
        if refusal is not None:
            status, code, detail = refusal
            await envelope(status, code, detail)(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s", scope.get("path"))
            response = envelope(
                500, None, "internal error (see the server log)", error="internal error"
            )
            await response(scope, receive, send_with_headers)

    def refuse(self, scope: Scope) -> tuple[int, Code, str] | None:
        """(status, code, detail) when the request is refused before routing."""
        settings = self.settings
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8", "replace")
        query: bytes = scope.get("query_string", b"")
        size = len(raw_path) + len(query)
        if size > settings.max_url_bytes:
            return (
                414,
                Code.E025,
                f"the URL has {size:,} bytes, over the limit of {settings.max_url_bytes:,}",
            )
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        if len(pairs) > settings.max_params:
            return (
                414,
                Code.E025,
                f"{len(pairs):,} query parameters, over the limit of {settings.max_params}",
            )
        if "\x00" in scope["path"] or "\x00" in unquote(raw_path.decode("latin-1")):
            return 400, Code.E012, "path: contains a NUL character"
        for name, value in pairs:
            if "\x00" in name or "\x00" in value:
                return 400, Code.E012, f"{name.strip(chr(0))}: contains a NUL character"
        headers = scope.get("headers", [])
        header_bytes = sum(len(name) + len(value) + 4 for name, value in headers)
        if header_bytes > settings.max_header_bytes:
            return (
                431,
                Code.E025,
                f"the headers have {header_bytes:,} bytes, over the limit of "
                f"{settings.max_header_bytes:,}",
            )
        for name, value in headers:
            if name == b"content-length":
                declared = value.decode("latin-1").strip()
                if declared.isdigit() and int(declared) > settings.max_body_bytes:
                    return (
                        413,
                        Code.E014,
                        f"{int(declared):,} bytes is over the limit of "
                        f"{settings.max_body_bytes:,} bytes",
                    )
        return None
