"""A short-lived cache of read answers (``GET /api/v1/…``), off unless
``Settings.cache_seconds`` > 0 (``dateline serve --cache-seconds``).

Many people looking at the same store ask the same questions (the first page of events,
the timeline, the world map); each answer costs a few milliseconds of Python, the cached
copy almost nothing. An answer is reused for at most ``cache_seconds``, so a write by
another process (``dateline ingest``, ``dateline watch``) shows after that long at most;
writes through this server (``POST /api/v1/articles``) empty the cache at once.

Only successful (200) answers of up to 1 MB are kept, keyed by host, path and query
string, within 64 MB in all. It sits inside the CORS and security layers, which add their
headers to every answer, cached or not. Each worker process has its own.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ITEM = 1_000_000
MAX_TOTAL = 64_000_000


class ResponseCache:
    """The cached answers; :class:`CacheLayer` serves them. See the module's docstring."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._items: OrderedDict[tuple[bytes, str, bytes], tuple[float, Message, bytes]] = (
            OrderedDict()
        )
        self._size = 0
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def get(self, key: tuple[bytes, str, bytes]) -> tuple[Message, bytes] | None:
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            if found[0] <= now:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return found[1], found[2]

    def put(self, key: tuple[bytes, str, bytes], start: Message, body: bytes) -> None:
        with self._lock:
            self._drop(key)
            self._items[key] = (time.monotonic() + self.seconds, start, body)
            self._size += len(body)
            while self._size > MAX_TOTAL and self._items:
                self._drop(next(iter(self._items)))

    def _drop(self, key: tuple[bytes, str, bytes]) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._size -= len(old[2])


class CacheLayer:
    """ASGI middleware answering repeated reads from a :class:`ResponseCache`.

    When an answer is missing (or expired) and many ask for it at once, one request
    computes it and the others wait for that answer instead of computing it too (without
    this, every expiry under load started as many computations as there were waiting
    requests: a p99 of 125 ms instead of a few)."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self._inflight: dict[tuple[bytes, str, bytes], asyncio.Future[bool]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or self.cache.seconds <= 0
            or scope["method"] not in ("GET", "HEAD")
            or not scope["path"].startswith("/api/v1/")
        ):
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        key = (host, scope["method"] + " " + scope["path"], scope.get("query_string", b""))
        found = self.cache.get(key)
        if found is None and key in self._inflight:
            await asyncio.shield(self._inflight[key])  # another request is computing it
            found = self.cache.get(key)
        if found is not None:
            start, body = found
            await send(_copy(start))  # outer layers add their headers to the copy
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        leader = key not in self._inflight
        if leader:
            self._inflight[key] = asyncio.get_running_loop().create_future()
        try:
            await self._compute(key, scope, receive, send)
        finally:
            if leader:
                done = self._inflight.pop(key)
                done.set_result(True)

    async def _compute(
        self, key: tuple[bytes, str, bytes], scope: Scope, receive: Receive, send: Send
    ) -> None:
        start_message: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start_message, size, keep
            if message["type"] == "http.response.start":
                start_message = _copy(message)  # CORS adds headers in place: keep ours
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_ITEM:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start_message is not None:
            self.cache.put(key, start_message, b"".join(chunks))


def _copy(start: Message) -> Message:
    return {**start, "headers": list(start.get("headers", []))}
