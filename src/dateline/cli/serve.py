"""``dateline serve``: the JSON API and the page, with uvicorn."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli._util import DbOpt, app, console, handle_errors
from dateline.errors import Code, OptionError


@app.command()
@handle_errors
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File holding the token that writes (POST /api/v1/articles) must carry "
            "(default: $DATELINE_API_TOKEN; neither: writes are off).",
        ),
    ] = None,
    assets: Annotated[
        Path | None,
        typer.Option(
            "--assets",
            help="node_modules folder with the page's libraries "
            "(default: $DATELINE_ASSETS, else the checkout's, filled by npm ci).",
        ),
    ] = None,
    query_seconds: Annotated[
        float, typer.Option("--query-seconds", min=0.1, help="Abort a request's queries after.")
    ] = 5.0,
    model: Annotated[
        str | None, typer.Option("--model", help="spaCy pipeline for posted articles.")
    ] = None,
    cache_seconds: Annotated[
        float,
        typer.Option(
            "--cache-seconds",
            min=0.0,
            help="Reuse an answer to the same read for this long (0: compute every one).",
        ),
    ] = 1.0,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Worker processes answering requests (each opens the store itself).",
        ),
    ] = 1,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="Let pages from this origin (https://host[:port]) call the API from a "
            "browser; repeatable. Default: none (CORS off).",
        ),
    ] = None,
) -> None:
    """Serve the JSON API (/api/v1, docs at /docs) and the page (/) over a store."""
    try:
        import uvicorn

        from dateline.api import Settings, create_app
        from dateline.api.pages import check_assets, find_assets
    except ImportError as exc:
        raise OptionError(
            Code.E012, f"serve needs the web extra: pip install 'dateline[web]' ({exc})"
        ) from None
    token = None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise OptionError(
                Code.E012, f"--token-file {token_file}: {exc.strerror or exc}"
            ) from None
        if not token:
            raise OptionError(Code.E012, f"--token-file {token_file}: the file is empty")
    settings = Settings.from_env(
        db=db,
        token=token,
        assets=assets,
        query_seconds=query_seconds,
        model=model,
        cache_seconds=cache_seconds,
        cors_origins=tuple(_origin(o) for o in cors_origin or ()),
    )
    check_assets(find_assets(settings))
    application = create_app(settings)
    writes = "on (token required)" if settings.token else "off"
    console.print(
        f"Dateline on http://{host}:{port}/  (API docs: /docs; writes {writes}; "
        f"store: {application.state.store.display_url})",
        highlight=False,
        soft_wrap=True,
    )
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    application.state.store.close()  # each worker opens its own
    from dateline.api.settings import ENV_SETTINGS

    os.environ[ENV_SETTINGS] = settings.to_json()  # inherited by the workers only
    uvicorn.run(
        "dateline.api:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


def _origin(value: str) -> str:
    """An origin as browsers send it: scheme, host and port, nothing else (no wildcard)."""
    origin = value.strip().rstrip("/")
    if not _ORIGIN.match(origin):
        raise OptionError(
            Code.E012,
            f"--cors-origin {value!r}: expected an origin like https://example.org:8443 "
            "(scheme, host and optional port; no path, no wildcard)",
        )
    return origin
