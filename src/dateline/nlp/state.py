"""What Dateline's spaCy components read from and write to a ``Doc``.

Everything lives on one extension, ``doc._.dateline`` (a :class:`DocState`), so that our
components never collide with other packages' attributes. The pipeline sets it before
the components run (:func:`dateline.nlp.pipeline.Pipeline.make_doc`); a Doc made any
other way gets an empty state with no publication date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from dateline.model import Actor, Event, Place, Timex

ATTR = "dateline"


@dataclass
class DocState:
    published: date | None = None
    body_start: int = 0
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    timexes: list[Timex] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actor_spans: dict[tuple[int, int], str] = field(default_factory=dict)
    """Character span of each actor mention → actor id."""
    place_spans: dict[tuple[int, int], str] = field(default_factory=dict)
    """Character span of each place mention → place id."""
    focus: str | None = None
    """Id of the article's focus place: the dateline place, else the most mentioned place
    below country level, else the most mentioned country (events fall back to it)."""
    text: str | None = field(default=None, repr=False)
    """``doc.text``, kept by :func:`doc_text` (spaCy joins every token on each access)."""


if not Doc.has_extension(ATTR):
    Doc.set_extension(ATTR, default=None)


def state(doc: Doc) -> DocState:
    """The Doc's state, created empty on first access."""
    current: DocState | None = getattr(doc._, ATTR)
    if current is None:
        current = DocState()
        setattr(doc._, ATTR, current)
    return current


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text on each
    access, which the components would otherwise pay several times per article. Token
    texts never change after tokenisation (merging tokens keeps the text), so the copy
    stays exact."""
    st = state(doc)
    if st.text is None or (len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(st.text)):
        st.text = doc.text
    return st.text
