"""``/api/v1/events``, ``/api/v1/events/{id}`` and ``/api/v1/articles/{id}``."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field
from pydantic_core import to_json
from sqlalchemy import Connection

from dateline.errors import Code
from dateline.model import StoredEvent
from dateline.store import explore

from .errors import ERROR_RESPONSES, NOT_FOUND, ApiError
from .params import (
    FiltersDep,
    bad,
    decode_cursor,
    encode_cursor,
    get_settings,
    next_link,
    read_store,
)

router = APIRouter(prefix="/api/v1", tags=["events"])


class CountCache:
    """Totals of recent filters, for ``Settings.count_seconds``: every page of a list asks
    for the same total, and counting is a scan of the matching events. Pages themselves
    are always read fresh; a total may lag a write by other processes by at most that
    long (writes through this server clear it)."""

    def __init__(self, seconds: float, size: int = 512) -> None:
        self.seconds = seconds
        self.size = size
        self._items: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, filters: object, compute: Callable[[], int]) -> int:
        if self.seconds <= 0:
            return compute()
        key = repr(filters)
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
        if found is not None and found[0] > now:
            return found[1]
        value = compute()
        with self._lock:
            if len(self._items) >= self.size:
                self._items.clear()
            self._items[key] = (now + self.seconds, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def counts(request: Request) -> CountCache:
    state = request.app.state
    if getattr(state, "counts", None) is None:
        state.counts = CountCache(state.settings.count_seconds)
    cache: CountCache = state.counts
    return cache


articles_router = APIRouter(prefix="/api/v1", tags=["articles"])


class Format(StrEnum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


class SortName(StrEnum):
    date = "date"
    date_desc = "-date"
    confidence = "confidence"
    confidence_desc = "-confidence"
    reports = "reports"
    reports_desc = "-reports"


class EventPage(BaseModel):
    """A page of canonical events; follow ``next`` for the following page."""

    ok: Literal[True] = True
    count: int = Field(description="events on this page")
    total: int = Field(description="events matching the filters")
    next: str | None = Field(description="URL of the next page; null on the last page")
    next_cursor: str | None = Field(description="the cursor in `next`, for clients")
    events: list[StoredEvent]


class EventDetailResponse(explore.EventDetail):
    ok: Literal[True] = True


class ArticleResponse(BaseModel):
    ok: Literal[True] = True
    article: explore.ArticleView


@router.get(
    "/events",
    response_model=EventPage,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "a page of events (JSON), or NDJSON / CSV with a `Link` header "
            "to the next page",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        },
    },
    summary="Canonical events matching the filters, one page at a time",
)
async def events(
    request: Request,
    filters: FiltersDep,
    sort: Annotated[
        SortName,
        Query(description="date (event date), confidence or reports; a leading - sorts descending"),
    ] = SortName.date,
    limit: Annotated[
        int | None,
        Query(ge=1, description="events per page (JSON: up to 500; NDJSON/CSV: up to 10,000)"),
    ] = None,
    cursor: Annotated[str | None, Query(description="from the previous page's `next` link")] = None,
    format: Annotated[Format, Query(description="json, ndjson or csv")] = Format.json,
    mentions: Annotated[
        bool, Query(description="include every mention (always on for ndjson/csv)")
    ] = False,
) -> Response:
    settings = get_settings(request)
    cap = settings.max_page_size if format is Format.json else settings.max_export_size
    size = limit if limit is not None else settings.page_size
    if size > cap:
        raise bad("limit", f"{size} is over the limit of {cap} for format={format.value}")
    payload = decode_cursor(cursor, "events")
    after = None
    if payload is not None:
        if payload.get("s") != sort.value:
            raise bad("cursor", "this cursor belongs to another sort order")
        after = payload.get("a")
    totals = counts(request)

    def page(conn: Connection) -> Response:
        try:
            records, last = explore.page_records(
                conn,
                filters,
                sort=sort.value,
                after=after,
                limit=size,
                with_mentions=mentions or format is not Format.json,
            )
        except ValueError as exc:
            raise bad("cursor", str(exc)) from None
        token = None if last is None else encode_cursor({"k": "events", "s": sort.value, "a": last})
        link = next_link(request, token)
        if format is Format.json:
            # EventPage's fields, serialised as FastAPI would serialise the model (pydantic's
            # JSON), without building and validating a model per event first
            body = {
                "ok": True,
                "count": len(records),
                "total": totals.get(filters, lambda: explore.count_events(conn, filters)),
                "next": link,
                "next_cursor": token,
                "events": records,
            }
            return Response(to_json(body, inf_nan_mode="null"), media_type="application/json")
        return _export(format, [StoredEvent.model_validate(r) for r in records], link)

    return await read_store(request, page, quick=format is Format.json)


def _export(format: Format, rows: list[StoredEvent], link: str | None) -> Response:
    """A page as NDJSON or CSV, with the next page in a ``Link`` header."""
    headers = {"Link": f'<{link}>; rel="next"'} if link else {}
    if format is Format.ndjson:

        def lines() -> Iterator[str]:
            for r in rows:
                yield json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n"

        return StreamingResponse(lines(), media_type="application/x-ndjson", headers=headers)
    from dateline.export.rows import COLUMN_NAMES, event_row, text_value

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_NAMES)  # the columns of `dateline export --format csv`
    for r in rows:
        values = event_row(r)
        writer.writerow([text_value(values[c]) for c in COLUMN_NAMES])
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/events/{event_id}",
    response_model=EventDetailResponse,
    responses={**ERROR_RESPONSES, **NOT_FOUND},
    summary="One event with every mention: article, sentences and highlighted spans",
)
async def event(
    request: Request,
    event_id: Annotated[str, Path(description="the canonical event id (ev-…)")],
) -> EventDetailResponse:
    found = await read_store(request, lambda conn: explore.event_detail(conn, event_id), quick=True)
    if found is None:
        raise ApiError(Code.E013, f"no event with id {event_id!r}")
    return EventDetailResponse(event=found.event, mentions=found.mentions)


@articles_router.get(
    "/articles/{article_id:path}",
    response_model=ArticleResponse,
    responses={**ERROR_RESPONSES, **NOT_FOUND},
    summary="An article's text with its time expressions, actors, places and events",
)
async def article(
    request: Request,
    article_id: Annotated[str, Path(description="the article's id")],
) -> ArticleResponse:
    found = await read_store(
        request, lambda conn: explore.article_view(conn, article_id), quick=True
    )
    if found is None:
        raise ApiError(Code.E013, f"no article with id {article_id!r}")
    return ArticleResponse(article=found)
