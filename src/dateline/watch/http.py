"""Polite HTTP for ``dateline watch``: conditional GET, a per-host rate limit, a timeout
that bounds the whole download, a descriptive User-Agent, gzip, size limits, and
redirects followed one hop at a time (each hop rate-limited, http(s) only).

Only the standard library: urllib for the requests, threads for concurrency.
"""

from __future__ import annotations

import email.utils
import http.client
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from dateline import __version__
from dateline.errors import Code, FetchError
from dateline.read.base import MAX_BYTES

USER_AGENT = (
    f"Dateline/{__version__} (+https://github.com/dateline/dateline; news event extraction; "
    "polls feeds politely: conditional GET, per-host rate limit, robots.txt for pages)"
)
"""Sent with every request; ``--user-agent`` replaces it (add a contact address)."""

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(slots=True)
class Response:
    """A finished download: 200 with a body, or 304 (not modified) without one."""

    url: str
    """The final URL, after redirects."""
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def moved_to(self) -> str | None:
        """The new address when every redirect on the way was permanent (301/308)."""
        if self.redirects and all(status in (301, 308) for status, _ in self.redirects):
            return self.url
        return None


class HostLimiter:
    """At most one request per ``delay`` seconds to each host, across threads.

    A request reserves the next free slot for its host and sleeps until then, so
    concurrent workers queue up instead of bursting. Slots in the past are forgotten,
    which keeps the table as small as the set of recently used hosts."""

    def __init__(self, delay: float) -> None:
        self.delay = max(0.0, delay)
        self._next: dict[str, float] = {}
        self._extra: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        """A longer delay for one host (a robots.txt Crawl-delay), capped at a minute."""
        with self._lock:
            self._extra[host] = min(max(0.0, seconds), 60.0)

    def wait(self, host: str) -> float:
        """Block until this host may be contacted; returns the seconds slept."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + max(self.delay, self._extra.get(host, 0.0))
            if len(self._next) > 256:
                self._next = {h: t for h, t in self._next.items() if t > now}
        pause = slot - now
        if pause > 0:
            time.sleep(pause)
        return pause


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to :class:`Fetcher`, which follows it itself."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Fetcher:
    """Downloads for the watcher. Thread-safe; counts what it did in :attr:`stats`."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        host_delay: float = 1.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = 5,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.limiter = HostLimiter(host_delay)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._stats_lock = threading.Lock()
        self.stats: dict[str, int] = {}

    def _count(self, key: str) -> None:
        with self._stats_lock:
            self.stats[key] = self.stats.get(key, 0) + 1

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        timeout: float | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET a URL. With ``etag``/``last_modified`` the request is conditional and a
        304 answer comes back as ``Response(status=304)``. Raises :class:`FetchError`."""
        limit = timeout or self.timeout
        redirects: list[tuple[int, str]] = []
        current = url
        for _ in range(self.max_redirects + 1):
            headers = {
                "User-Agent": self.user_agent,
                "Accept": accept,
                "Accept-Encoding": "gzip",
            }
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            status, response_headers, body = self._once(current, headers, limit, url)
            if status in REDIRECTS:
                location = response_headers.get("Location")
                if not location:
                    raise FetchError(
                        Code.E016, f"HTTP {status} without a Location", path=url, status=status
                    )
                target = urljoin(current, location.strip())
                redirects.append((status, target))
                current = target
                continue
            if status == 304:
                return Response(
                    url=current,
                    status=304,
                    etag=response_headers.get("ETag") or etag,
                    last_modified=response_headers.get("Last-Modified") or last_modified,
                    redirects=redirects,
                )
            return Response(
                url=current,
                status=status,
                body=body,
                etag=response_headers.get("ETag"),
                last_modified=response_headers.get("Last-Modified"),
                content_type=response_headers.get("Content-Type"),
                redirects=redirects,
            )
        raise FetchError(
            Code.E016, f"more than {self.max_redirects} redirects (last: {current})", path=url
        )

    def post_json(self, url: str, body: bytes, *, timeout: float | None = None) -> int:
        """POST a JSON document (webhooks); returns the 2xx status or raises FetchError."""
        headers = {"User-Agent": self.user_agent, "Content-Type": "application/json"}
        status, _, _ = self._once(url, headers, timeout or self.timeout, url, data=body)
        if status in REDIRECTS:
            raise FetchError(Code.E016, f"HTTP {status}: webhooks must not redirect", path=url)
        return status

    def _once(
        self,
        url: str,
        headers: dict[str, str],
        timeout: float,
        origin: str,
        *,
        data: bytes | None = None,
    ) -> tuple[int, Message, bytes]:
        """One request, no redirects followed: (status, headers, body)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(Code.E016, f"not an http(s) URL: {url}", path=origin)
        self.limiter.wait(parts.hostname.lower())
        self._count("requests")
        request = urllib.request.Request(url, data=data, headers=headers)
        deadline = time.monotonic() + timeout
        try:
            with self._opener.open(request, timeout=timeout) as response:
                status = int(response.status)
                body = self._read(response, deadline, origin, timeout)
                response_headers = response.headers
        except urllib.error.HTTPError as exc:
            status = exc.code
            response_headers = exc.headers
            exc.close()
            if status == 304 or status in REDIRECTS:
                self._count(str(status))
                return status, response_headers, b""
            self._count("errors")
            raise FetchError(
                Code.E016,
                f"HTTP {status} {exc.reason}".strip(),
                path=origin,
                status=status,
                retry_after=retry_after(response_headers.get("Retry-After")),
            ) from None
        except TimeoutError as exc:
            self._count("errors")
            raise FetchError(Code.E016, f"no answer within {timeout:g} s", path=origin) from exc
        except urllib.error.URLError as exc:
            self._count("errors")
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                detail = f"no answer within {timeout:g} s"
            else:
                detail = f"cannot connect ({reason})"
            raise FetchError(Code.E016, detail, path=origin) from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            self._count("errors")
            raise FetchError(
                Code.E016, f"broken answer ({exc.__class__.__name__}: {exc})", path=origin
            ) from exc
        self._count(str(status))
        encoding = (response_headers.get("Content-Encoding") or "").strip().lower()
        if encoding == "gzip":
            body = self._gunzip(body, origin)
        return status, response_headers, body

    def _read(self, response: Any, deadline: float, origin: str, timeout: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise FetchError(Code.E016, f"download took longer than {timeout:g} s", path=origin)
            chunk = response.read(65536)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    Code.E014, f"more than {self.max_bytes:,} bytes", path=origin, status=200
                )
            chunks.append(chunk)

    def _gunzip(self, body: bytes, origin: str) -> bytes:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(body, self.max_bytes + 1)
        except zlib.error as exc:
            raise FetchError(
                Code.E016, f"broken gzip encoding ({exc})", path=origin, status=200
            ) from exc
        if len(out) > self.max_bytes:
            raise FetchError(
                Code.E014,
                f"more than {self.max_bytes:,} bytes once decompressed",
                path=origin,
                status=200,
            )
        return out


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
