"""Query parameters shared by the endpoints: the event filters, cursors, the store
connection with its time limit."""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from dateline.errors import Code, DatelineError, StoreError
from dateline.model import EVENT_TYPES
from dateline.store import Filters, Store
from dateline.store.explore import time_limit

from .errors import ApiError
from .settings import Settings

T = TypeVar("T")

STATUSES = ("occurred", "ongoing", "planned", "hypothetical", "negated")
BASES = ("text", "inferred", "published")
PRECISIONS = (
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
    "century",
    "approximate",
)


def bad(param: str, detail: str) -> ApiError:
    return ApiError(Code.E012, f"{param}: {detail}")


def _codes(param: str, values: list[str], allowed: tuple[str, ...], *, upper: bool) -> list[str]:
    """Repeated or comma-separated codes, checked against ``allowed``."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper() if upper else part.strip().lower()
            if not code:
                continue
            if code not in allowed:
                raise bad(param, f"{part.strip()!r} is not one of {', '.join(allowed)}")
            out.append(code)
    return out


def _day(param: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    from dateline.read.base import parse_published

    try:
        return parse_published(value, param)
    except DatelineError as exc:
        raise bad(param, f"{value!r}: {exc.detail}") from None


def _country(param: str, values: list[str]) -> list[str]:
    out = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not (2 <= len(code) <= 8 and code.isalnum()):
                raise bad(param, f"{part!r} is not a country code like IND")
            out.append(code)
    return out


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(x) for x in parts):
        raise bad("bbox", f"{value!r}: expected min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-90 <= min_lat <= max_lat <= 90) or min_lon > max_lon:
        raise bad("bbox", f"{value!r}: need min_lat ≤ max_lat within ±90 and min_lon ≤ max_lon")
    return min_lon, min_lat, max_lon, max_lat


def _count_values(request: Request, **values: list[str]) -> None:
    """Refuse a filter with more values than the server allows (E019): each one is a
    condition the database has to test."""
    limit = get_settings(request).max_values
    for name, given in values.items():
        n = sum(len([p for p in v.split(",") if p.strip()]) for v in given)
        if n > limit:
            raise ApiError(Code.E019, f"{name}: {n} values, over the limit of {limit}")


async def event_filters(
    request: Request,
    actor: Annotated[
        list[str], Query(description="Actor name contains (case-insensitive); repeat: any.")
    ] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    country: Annotated[
        list[str],
        Query(description="An actor or recipient from this ISO alpha-3 country; repeat: any."),
    ] = [],  # noqa: B006
    pair: Annotated[
        list[str], Query(description="Country dyad like IND-CHN (either direction); repeat: all.")
    ] = [],  # noqa: B006
    between: Annotated[
        list[str],
        Query(description="Actor-name dyad NAME|NAME (exact names, either direction)."),
    ] = [],  # noqa: B006
    type: Annotated[
        list[str], Query(description="PLOVER event type; repeat or comma-separate: any.")
    ] = [],  # noqa: B006
    status: Annotated[
        list[str], Query(description="occurred, ongoing, planned, hypothetical, negated.")
    ] = [],  # noqa: B006
    basis: Annotated[
        list[str], Query(description="Where the date came from: text, inferred, published.")
    ] = [],  # noqa: B006
    precision: Annotated[
        list[str], Query(description="Date precision: day, week, month, year, …")
    ] = [],  # noqa: B006
    start: Annotated[
        str | None, Query(alias="from", description="Events on or after this day (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", description="Events on or before this day (YYYY-MM-DD).")
    ] = None,
    place: Annotated[
        list[str], Query(description="Place name contains (case-insensitive); repeat: any.")
    ] = [],  # noqa: B006
    bbox: Annotated[
        str | None, Query(description="Located in min_lon,min_lat,max_lon,max_lat.")
    ] = None,
    q: Annotated[
        str | None,
        Query(description="Full text: every word occurs in a source sentence of the event."),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Confidence at least this.")
    ] = None,
) -> Filters:
    _count_values(
        request,
        actor=actor,
        country=country,
        pair=pair,
        between=between,
        type=type,
        status=status,
        basis=basis,
        precision=precision,
        place=place,
    )
    pairs: list[tuple[str, str]] = []
    for p in pair:
        a, sep, b = p.upper().replace(":", "-").partition("-")
        if not sep or not a.strip() or not b.strip():
            raise bad("pair", f"{p!r}: expected two codes like IND-CHN")
        pairs.append((a.strip(), b.strip()))
    dyads: list[tuple[str, str]] = []
    for d in between:
        a, sep, b = d.partition("|")
        if not sep or not a.strip() or not b.strip():
            raise bad("between", f"{d!r}: expected two actor names like India|China")
        dyads.append((a.strip(), b.strip()))
    f = Filters(
        actor=[a.strip() for a in actor if a.strip()],
        country=_country("country", country),
        pair=pairs,
        type=_codes("type", type, EVENT_TYPES, upper=True),
        status=_codes("status", status, STATUSES, upper=False),
        basis=_codes("basis", basis, BASES, upper=False),
        precision=_codes("precision", precision, PRECISIONS, upper=False),
        start=_day("from", start),
        end=_day("to", end),
        place=[p.strip() for p in place if p.strip()],
        bbox=_bbox(bbox),
        min_confidence=min_confidence,
        text=(q or "").split()[:10],
        between=dyads,
    )
    if f.start and f.end and f.start > f.end:
        raise bad("from", f"{f.start} is after to={f.end}")
    return f


FiltersDep = Annotated[Filters, Depends(event_filters)]


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


QUICK_SECONDS = 0.02
"""How long a quick read may run on the event loop before it is interrupted and run
again in the thread pool (see :func:`read_store`)."""


async def read_store(
    request: Request, work: Callable[[Connection], T], *, quick: bool = False
) -> T:
    """``work(conn)`` on a store connection whose statements are aborted past the time
    limit (E019).

    It runs in the thread pool in one trip: the connection is taken, used and given back
    there, and nothing else of the request leaves the event loop. Taking the connection
    in the thread pool is on purpose: there, waiting for a free pooled connection blocks
    one thread. (Taken on the event loop from the pool, the 16th concurrent request
    waited for a connection that only the blocked loop could give back:
    tests/test_reliability_serve.py::test_reliability_serve_many_at_once.)

    ``quick`` (a page of events, one event, one article) on SQLite: first on the event
    loop, on a connection of its own that nothing else uses, within
    :data:`QUICK_SECONDS`; a read that takes longer is interrupted and run again in the
    thread pool. On two cores, threads that hand the interpreter lock back and forth (the
    sqlite3 module releases it around every step) cost three to five times the CPU of the
    same work in one thread, so the common short read stays in one."""
    store = get_store(request)
    seconds = get_settings(request).query_seconds
    if quick and store.engine.dialect.name == "sqlite":
        conn = _loop_connection(request)
        budget = min(QUICK_SECONDS, seconds)
        try:
            with time_limit(conn, budget):
                return work(conn)
        except StoreError as exc:
            if exc.code is not Code.E019 or budget >= seconds:
                raise
        finally:
            conn.rollback()  # end the read: the next one sees what was written since

    def run() -> T:
        with store.connect() as conn, time_limit(conn, seconds):
            return work(conn)

    return await run_in_threadpool(run)


def _loop_connection(request: Request) -> Connection:
    """The event loop's own store connection (opened on first use, closed with the app)."""
    state = request.app.state
    conn: Connection | None = getattr(state, "loop_connection", None)
    if conn is None or conn.closed or conn.invalidated:
        conn = state.loop_connection = get_store(request).engine.connect()
    return conn


def close_loop_connection(state: Any) -> None:
    conn: Connection | None = getattr(state, "loop_connection", None)
    if conn is not None:
        conn.close()
        state.loop_connection = None


# -- cursors ----------------------------------------------------------------------------


def encode_cursor(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, kind: str) -> dict[str, Any] | None:
    """A cursor's payload (None for no cursor); E012 if it is not one of ours."""
    if token is None or token == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad("cursor", "not a cursor from a `next` link") from None
    if not isinstance(payload, dict) or payload.get("k") != kind:
        raise bad("cursor", "not a cursor from a `next` link of this endpoint")
    return payload


def offset_from(token: str | None, kind: str) -> int:
    payload = decode_cursor(token, kind)
    if payload is None:
        return 0
    offset = payload.get("o")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= 10_000_000:
        raise bad("cursor", "not a cursor from a `next` link of this endpoint")
    return offset


def next_link(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return str(request.url.include_query_params(cursor=cursor))
