"""The records Dateline produces: one model feeds the JSON output, the store, the API and
the exports (see docs/contract.md and ``dateline schema``).

Offsets are character offsets into the article text *as read*: for the date-header format
that is the whole file, for JSONL/CSV the ``text`` field, for HTML the extracted text.
Intervals are inclusive: ``end`` is the last day covered.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Status = Literal["occurred", "ongoing", "planned", "hypothetical", "negated"]
Basis = Literal["text", "inferred", "published"]
Precision = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "century", "approximate"
]
EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER event types."""


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Interval(Record):
    """First and last day covered (both inclusive)."""

    start: date
    end: date


class Span(Record):
    text: str
    start: int
    end: int


class TimexLink(Record):
    """An event-anchored expression: "two days after India and China firmed up a pact".

    The time tagger records the relation; the event component dates the anchored event
    from the governing one (the meeting on 2024-10-23 → the pact on 2024-10-21)."""

    relation: Literal["before", "after", "since", "until", "during"]
    offset: str | None = Field(default=None, description="TIMEX3 duration, e.g. P2D")
    anchored: Span = Field(description="the clause of the anchoring event")
    governor: Span | None = Field(
        default=None, description="the word whose event the expression dates"
    )


class Timex(Record):
    """A TimeML TIMEX3 time expression found in the text."""

    id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2024-10-21, 2020-05, 2024-W43, P2D, PAST_REF…")
    interval: Interval | None = None
    anchor: str | None = Field(
        default=None,
        description="What the value was resolved against: 'published', another timex id, "
        "an event id, or null for absolute expressions.",
    )
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX…")
    link: TimexLink | None = Field(
        default=None, description="for event-anchored expressions: what it is relative to"
    )


class Actor(Record):
    """Someone or something that acts or is acted upon, coded to country and sector."""

    id: str
    name: str
    kind: str = Field(description="PERSON, ORG, COUNTRY, IGO, GROUP")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, or IGO code")
    sector: str | None = Field(default=None, description="Primary PLOVER sector (GOV, MIL, …)")
    sectors: list[str] = Field(default_factory=list, description="All sectors, primary first")
    role: str | None = None
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Place(Record):
    """A resolved toponym, in GeoNames vocabulary."""

    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    feature_class: str | None = None
    feature_code: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class SentenceSpan(Record):
    start: int
    end: int
    text: str | None = None


class When(Record):
    """The event's date with its precision and where it came from."""

    value: str
    start: date
    end: date
    precision: Precision
    timex: str | None = None
    basis: Basis


class Mention(Record):
    """A further place in the same article where the same event is mentioned."""

    trigger: Span
    sentence: SentenceSpan


class Event(Record):
    """Who did what to whom, when and where: one PLOVER event in one article."""

    id: str
    type: str = Field(description="PLOVER event type")
    mode: str | None = None
    cameo: str | None = None
    actors: list[str] = Field(default_factory=list, description="actor ids")
    recipients: list[str] = Field(default_factory=list, description="actor ids")
    status: Status = "occurred"
    when: When
    where: str | None = Field(default=None, description="place id")
    where_basis: Literal["attached", "sentence", "dateline", "focus"] | None = None
    trigger: Span
    sentence: SentenceSpan
    confidence: float = Field(ge=0.0, le=1.0)
    mentions: list[Mention] = Field(
        default_factory=list, description="other mentions of this event in the article"
    )


class ArticleRecord(Record):
    """One article with everything Dateline found in it."""

    id: str
    title: str | None = None
    source: str
    url: str | None = None
    published: date
    dateline: str | None = Field(default=None, description="dateline place, e.g. 'New Delhi'")
    timexes: list[Timex] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class ActorRef(Record):
    """An actor as stored with an event: name and codes, no article-local id."""

    name: str
    kind: str
    country: str | None = None
    sector: str | None = None


class PlaceRef(Record):
    """A stored event's place."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None


class EventMention(Record):
    """One report of a canonical event: the article, the sentence and the spans."""

    article: str = Field(description="article id")
    source: str
    published: date
    event: str = Field(description="the event's id inside the article (e1, e2, …)")
    trigger: Span
    sentence: SentenceSpan
    confidence: float


class Conflict(Record):
    """A value some mentions of a canonical event give that disagrees with the chosen one."""

    value: str
    precision: str | None = None
    mentions: int = Field(description="how many mentions give it")


class StoredEvent(Record):
    """A canonical event in the store: one real-world happening with every report of it.
    Returned by ``dateline events --format json``, ``Store.events()`` and the API."""

    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    status: Status
    when: When
    where: PlaceRef | None = None
    actors: list[ActorRef] = Field(default_factory=list)
    recipients: list[ActorRef] = Field(default_factory=list)
    confidence: float
    mention_count: int = Field(description="number of mentions (NumMentions)")
    article_count: int = Field(description="number of distinct articles (NumArticles)")
    source_count: int = Field(description="number of distinct sources")
    first_reported: date
    last_reported: date
    conflicts: dict[str, list[Conflict]] = Field(
        default_factory=dict,
        description="what mentions disagree on (type, status, when, where), never hidden",
    )
    mentions: list[EventMention] = Field(default_factory=list)


class Extraction(Record):
    """The output of ``dateline extract``."""

    articles: list[ArticleRecord] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Extraction`, the output contract."""
    schema = Extraction.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Dateline extraction"
    return schema


def dumps(model: BaseModel, *, indent: int | None = None) -> str:
    """Serialise a record as JSON (dates as ISO strings, no nulls dropped)."""
    return json.dumps(model.model_dump(mode="json"), indent=indent, ensure_ascii=False)
