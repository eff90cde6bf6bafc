"""``POST /api/v1/articles``: ingest an article through the same path as ``dateline
ingest``. Off unless the server has a token; the request must carry it."""

from __future__ import annotations

import hmac
import json
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from dateline.errors import Code, DatelineError, ReadError
from dateline.read import ReadOptions, read_bytes
from dateline.read.base import Article

from .errors import ApiError, ErrorEnvelope
from .params import bad, get_settings, get_store

router = APIRouter(prefix="/api/v1", tags=["writes"])
_LOCK = threading.Lock()


class ArticleIn(BaseModel):
    """An article as JSON. Other bodies (date-header text, HTML, JSONL, CSV, a feed) are
    read as ``dateline ingest`` reads files."""

    text: str = Field(min_length=1, description="the article text; offsets index into it")
    published: str = Field(description="publication date, YYYY-MM-DD")
    title: str | None = None
    id: str | None = Field(default=None, description="your id (default: derived from source)")
    url: str | None = None
    source: str | None = Field(default=None, description="where it came from")


class Problem(BaseModel):
    code: str
    error: str
    detail: str
    path: str | None = None
    line: int | None = None


class IngestResponse(BaseModel):
    ok: Literal[True] = True
    stored: int = Field(description="articles stored")
    skipped: int = Field(description="articles already in the store (same content)")
    events: int = Field(description="events stored")
    articles: list[str] = Field(description="ids of the articles read from the body")
    warnings: list[Problem] = Field(default_factory=list)
    failures: list[Problem] = Field(default_factory=list)


def check_token(request: Request) -> None:
    token = get_settings(request).token
    if not token:
        raise ApiError(
            Code.E018,
            "writes are off: start `dateline serve` with a token ($DATELINE_API_TOKEN "
            "or --token-file) to accept articles",
            status=403,
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise ApiError(Code.E018, "a write needs the header `Authorization: Bearer <token>`")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(Code.E014, f"{int(declared):,} bytes is over the limit of {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(Code.E014, f"the body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _from_json(data: bytes) -> list[Article | ReadError]:
    from dateline.read.base import find_dateline, parse_published, require_text

    try:
        payload: Any = json.loads(data)
        item = ArticleIn.model_validate(payload)
    except (ValueError, ValidationError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid JSON"
        if isinstance(exc, ValidationError):
            message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ApiError(Code.E009, f"the JSON body is not an article ({message})") from None
    source = item.source or item.url or "<api>"
    require_text(item.text, source)
    found = find_dateline(item.text, 0)
    return [
        Article(
            text=item.text,
            published=parse_published(item.published, source),
            source=source,
            id=item.id,
            title=item.title,
            url=item.url,
            dateline=found[0] if found else None,
            dateline_span=found[1] if found else None,
            format="api",
        )
    ]


def _problem(e: DatelineError) -> Problem:
    return Problem(code=e.code.name, error=e.code.value, detail=e.detail, path=e.path, line=e.line)


@router.post(
    "/articles",
    response_model=IngestResponse,
    status_code=201,
    responses={
        400: {"model": ErrorEnvelope, "description": "the body is not a readable article"},
        401: {"model": ErrorEnvelope, "description": "missing or wrong token"},
        403: {"model": ErrorEnvelope, "description": "writes are off on this server"},
        413: {"model": ErrorEnvelope, "description": "the body is too large"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ArticleIn"}},
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    },
    summary="Ingest an article (needs the server's token)",
)
async def post_article(
    request: Request,
    published: Annotated[
        str | None, Query(description="publication date for text bodies without one")
    ] = None,
    source: Annotated[str | None, Query(description="a name for a text body")] = None,
    input_format: Annotated[
        str | None, Query(description="force a reader: dateheader, text, jsonl, csv, html, feed")
    ] = None,
) -> JSONResponse:
    check_token(request)
    settings = get_settings(request)
    data = await _body(request, settings.max_body_bytes)
    if not data.strip():
        raise ApiError(Code.E003, "the body is empty")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        items = _from_json(data)
    else:
        from dateline.read.base import parse_published

        options = ReadOptions(
            published=parse_published(published, "published") if published else None,
            format=input_format,
        )
        try:
            items = list(read_bytes(data, source or "<api>", options))
        except ReadError as exc:
            raise ApiError(exc.code, exc.detail) from None
    if not any(isinstance(i, Article) for i in items):
        first = next((i for i in items if isinstance(i, ReadError)), None)
        if first is not None:
            raise ApiError(first.code, first.detail)
        raise bad("body", "no article in the body")
    report = await run_in_threadpool(_ingest, request, items)
    ids = [i.article_id for i in items if isinstance(i, Article)]
    body = IngestResponse(
        stored=report.stored,
        skipped=report.skipped,
        events=report.events,
        articles=ids,
        warnings=[_problem(w) for w in report.warnings],
        failures=[_problem(f) for f in report.failures],
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=201 if report.stored else 200)


def _ingest(request: Request, items: list[Article | ReadError]) -> Any:
    from dateline import get_pipeline
    from dateline.ingest import ingest_items

    state = request.app.state
    with _LOCK:  # one pipeline, one writer at a time
        if state.pipeline is None:
            state.pipeline = get_pipeline(get_settings(request).model)
        report = ingest_items(items, get_store(request), state.pipeline, inputs=["<api>"])
        if getattr(state, "counts", None) is not None:
            state.counts.clear()  # totals include what was just stored
        if getattr(state, "response_cache", None) is not None:
            state.response_cache.clear()  # and so do the answers
        return report
