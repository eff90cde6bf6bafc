"""Dateline: dated news articles in; a geocoded, deduplicated timeline of who did what to
whom, when and where out.

>>> import dateline
>>> result = dateline.extract("India and China held talks on Monday.", published="2025-06-24")
>>> store = dateline.Store("sqlite:///events.db")
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dateline.model import ArticleRecord
    from dateline.nlp.pipeline import Pipeline
    from dateline.store import Store

__all__ = ["Pipeline", "Store", "__version__", "extract", "get_pipeline"]

_PIPELINES: dict[str, Pipeline] = {}


def get_pipeline(model: str | None = None, *, actors: str | None = None) -> Pipeline:
    """A loaded pipeline, cached per model name and actor dictionary (loading takes about
    a second). ``actors`` is a user actor dictionary, CSV or YAML."""
    from dateline.nlp.pipeline import DEFAULT_MODEL, Pipeline

    name = model or DEFAULT_MODEL
    key = name if actors is None else f"{name}|{actors}"
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(name, actors=actors)
    return _PIPELINES[key]


def extract(
    text: str,
    published: date | str,
    *,
    title: str | None = None,
    source: str = "<text>",
    id: str | None = None,
    model: str | None = None,
    actors: str | None = None,
) -> ArticleRecord:
    """Annotate one article's text; offsets in the result index into ``text``."""
    from dateline.read.base import Article, find_dateline, parse_published, require_text

    require_text(text, source)
    day = parse_published(published, source)
    found = find_dateline(text, 0)
    article = Article(
        text=text,
        published=day,
        source=source,
        id=id,
        title=title,
        dateline=found[0] if found else None,
        dateline_span=found[1] if found else None,
    )
    return get_pipeline(model, actors=actors).annotate_one(article)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from dateline.store import Store

        return Store
    if name == "Pipeline":
        from dateline.nlp.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
