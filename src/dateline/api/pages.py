"""The page (``/``), the article view, our own static files, the npm-installed libraries
(``/vendor``) and the offline API docs (``/docs``). Nothing is loaded from a CDN: the
libraries are served from the ``node_modules`` folder that ``npm ci`` fills at set-up."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.errors import Code, DatelineError

from .settings import ENV_ASSETS, Settings

WEB = Path(str(files("dateline.web")))

VENDOR: dict[str, str] = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
    "vis-timeline": "vis-timeline",
    "cytoscape": "cytoscape/dist",
    "topojson": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "swagger-ui": "swagger-ui-dist",
}
"""URL folder under /vendor → folder inside node_modules. Only these are served."""

REQUIRED = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
    "vis-timeline/styles/vis-timeline-graph2d.css",
    "cytoscape/dist/cytoscape.min.js",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json",
    "swagger-ui-dist/swagger-ui-bundle.js",
)
"""Files the page needs; their absence is error E020."""


def find_assets(settings: Settings) -> Path:
    """The node_modules folder: the configured one, else the checkout's (for an editable
    install), else the current folder's."""
    if settings.assets is not None:
        return settings.assets
    here = Path(__file__).resolve()
    for candidate in (here.parents[3] / "node_modules", Path.cwd() / "node_modules"):
        if (candidate / "leaflet").is_dir():
            return candidate
    return here.parents[3] / "node_modules"


def missing_assets(root: Path) -> list[str]:
    return [name for name in REQUIRED if not (root / name).is_file()]


def check_assets(root: Path) -> None:
    """Raise E020 naming what is missing and how to install it."""
    missing = missing_assets(root)
    if missing:
        raise DatelineError(
            Code.E020,
            f"{len(missing)} of the page's library files are not in {root} "
            f"(first: {missing[0]}): run `npm ci` (or `make setup`) in the Dateline "
            f"checkout, or set {ENV_ASSETS} to a node_modules folder that has them",
        )


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
"""The page may load nothing from another origin: the browser enforces what the tests
check. (Swagger UI's page has one inline script, allowed on /docs only.)"""
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def _template(name: str) -> str:
    return (
        (WEB / "templates" / name).read_text(encoding="utf-8").replace("{{version}}", __version__)
    )


def install(app: FastAPI, settings: Settings) -> None:
    root = find_assets(settings)
    app.state.assets = root
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for url, folder in VENDOR.items():
        app.mount(
            f"/vendor/{url}",
            StaticFiles(directory=root / folder, check_dir=False),
            name=f"vendor-{url}",
        )

    def page(name: str) -> Response:
        missing = missing_assets(root)
        if missing:
            try:
                check_assets(root)
            except DatelineError as exc:
                message = exc.message
            return HTMLResponse(
                "<!doctype html><meta charset=utf-8><title>Dateline: assets missing</title>"
                f"<h1>The page cannot load</h1><p><code>{_escape(message)}</code></p>"
                "<p>The JSON API works without them: <a href=/api/v1/events>/api/v1/events</a>."
                "</p>",
                status_code=503,
            )
        return HTMLResponse(_template(name), headers={"Content-Security-Policy": CSP})

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return page("index.html")

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article(article_id: str) -> Response:
        return page("article.html")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        missing = missing_assets(root)
        if missing:
            return page("index.html")
        response = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Dateline API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
        )
        response.headers["Content-Security-Policy"] = DOCS_CSP
        return response


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
