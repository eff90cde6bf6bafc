"""One error envelope for every error the API returns:
``{"ok": false, "status": 404, "code": "E013", "error": "not found", "detail": "…"}``."""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from dateline.errors import Code, DatelineError

log = logging.getLogger("dateline.api")

STATUS: dict[Code, int] = {
    Code.E008: 503,
    Code.E013: 404,
    Code.E014: 413,
    Code.E018: 401,
    Code.E020: 503,
    Code.E025: 414,
}
"""HTTP status of each coded error; any other code is the client's input: 400."""


class ErrorItem(BaseModel):
    """One problem with one parameter."""

    loc: list[str | int] = Field(description="where: e.g. ['query', 'limit']")
    msg: str


class ErrorEnvelope(BaseModel):
    """Every error response has this shape."""

    ok: Literal[False] = False
    status: int = Field(description="the HTTP status, repeated")
    code: str | None = Field(description="Dateline's error code (docs/errors.md), e.g. E012")
    error: str = Field(description="short name of the error")
    detail: str
    errors: list[ErrorItem] = Field(default_factory=list)


class ApiError(DatelineError):
    """A coded error with an explicit HTTP status."""

    def __init__(self, code: Code, detail: str, *, status: int | None = None) -> None:
        super().__init__(code, detail)
        self.status = status or STATUS.get(code, 400)


def envelope(
    status: int,
    code: Code | None,
    detail: str,
    *,
    error: str | None = None,
    errors: list[ErrorItem] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorEnvelope(
        status=status,
        code=code.name if code else None,
        error=error or (code.value if code else "error"),
        detail=detail,
        errors=errors or [],
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Route every error through :func:`envelope`."""

    @app.exception_handler(DatelineError)
    async def coded(_request: Request, exc: DatelineError) -> JSONResponse:
        status = exc.status if isinstance(exc, ApiError) else STATUS.get(exc.code, 400)
        detail = f"{exc.where}: {exc.detail}" if exc.where else exc.detail
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return envelope(status, exc.code, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        items = [
            ErrorItem(
                loc=[str(x) if not isinstance(x, int) else x for x in e.get("loc", ())],
                msg=str(e.get("msg", "invalid")),
            )
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(map(str, i.loc))}: {i.msg}" for i in items)
        return envelope(400, Code.E012, detail, errors=items)

    @app.exception_handler(HTTPException)
    async def http(_request: Request, exc: HTTPException) -> JSONResponse:
        code = {404: Code.E013, 405: Code.E012}.get(exc.status_code)
        detail = str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such page or API endpoint (see /docs)"
        return envelope(
            exc.status_code,
            code,
            detail,
            error=None if code else detail.lower(),
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return envelope(500, None, "internal error (see the server log)", error="internal error")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "bad parameter or too costly a query"},
    503: {"model": ErrorEnvelope, "description": "the store is unreachable"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorEnvelope, "description": "no such record"}
}
