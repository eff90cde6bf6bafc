"""A local HTTP server on 127.0.0.1 for the watch tests, serving feeds and pages written
for them, plus a guard that fails any attempt to reach another host.

Routes are mutable between polls: ``server.feed("/a.rss", items)`` (re)publishes a feed
with an ETag and a Last-Modified, answering 304 to matching conditional requests;
``server.route(...)`` sets any status, body, headers, delay or redirect.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    location: str | None = None
    then: list[int] = field(default_factory=list)
    """Statuses for the next requests, in order (then ``status`` again)."""


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float
    status: int = 0


@dataclass
class Item:
    """One feed entry written for the tests."""

    slug: str
    title: str
    text: str
    day: str = "Tue, 05 Mar 2024 09:30:00 GMT"
    link: str | None = None
    content: str | None = None  # full text (content:encoded) when the feed carries it


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                hit = Hit(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    time.monotonic(),
                )
                with server._lock:
                    server.hits.append(hit)
                    route = server.routes.get(self.path)
                    status = route.then.pop(0) if route and route.then else None
                if route is None:
                    hit.status = 404
                    self._send(404, b"not here", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                status = status or route.status
                headers = dict(route.headers)
                if route.location:
                    hit.status = status
                    headers["Location"] = route.location
                    self._send(status, b"", headers)
                    return
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified
                    and not route.etag
                    and self.headers.get("If-Modified-Since") == route.last_modified
                )
                if status == 200 and fresh:
                    hit.status = 304
                    self._send(304, b"", headers)
                    return
                hit.status = status
                self._send(status, route.body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304 and self.command != "HEAD":
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            do_GET = _serve
            do_POST = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # type: ignore[attr-defined]
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, **kw: object) -> Route:
        route = Route(**kw)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def feed(self, path: str, items: list[Item], *, title: str = "Test Wire") -> Route:
        """Publish (or republish) an RSS feed; its ETag changes with its content."""
        body = rss(title, items).encode("utf-8")
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        return self.route(
            path,
            body=body,
            etag=tag,
            last_modified=formatdate(1_700_000_000 + len(items), usegmt=True),
            headers={"Content-Type": "application/rss+xml; charset=utf-8"},
        )

    def page(self, path: str, html: str) -> Route:
        return self.route(
            path, body=html.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"}
        )

    def requests(self, path: str | None = None, method: str = "GET") -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.method == method and (path is None or h.path == path)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(title: str, items: list[Item]) -> str:
    entries = []
    for item in items:
        link = item.link or f"https://wire.example.org/{item.slug}"
        content = (
            f"<content:encoded>{escape(item.content)}</content:encoded>" if item.content else ""
        )
        entries.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(item.slug)}</guid><pubDate>{item.day}</pubDate>"
            f"<description>{escape(item.text)}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://wire.example.org/</link>"
        f"<description>Written for Dateline's tests.</description>{''.join(entries)}"
        "</channel></rss>"
    )


def page_html(title: str, paragraphs: list[str], day: str = "2024-03-05") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title><meta property="article:published_time" content="{day}T08:00:00Z"></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>{body}'
        "</article><footer>Test footer</footer></body></html>"
    )


def serve() -> Iterator[FixtureServer]:
    """A running server for one test (use in a fixture: ``yield from serve()``)."""
    srv = FixtureServer()
    try:
        yield srv
    finally:
        srv.close()


def guard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse (and record) every attempt to resolve or reach a host other than loopback:
    the watch tests must fetch nothing from anywhere else."""
    attempts: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: object, *args: object, **kw: object) -> object:
        if str(host) not in LOOPBACK:
            attempts.append(f"resolve {host}")
            raise socket.gaierror(f"the watch tests do not resolve {host}")
        return real_getaddrinfo(host, *args, **kw)  # type: ignore[arg-type]

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"the watch tests do not connect to {address}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts
