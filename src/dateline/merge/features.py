"""What the merger knows about one event mention: a small, JSON-serialisable record built
from the contract's :class:`~dateline.model.Event` (or, in the ECB+ evaluation, from a
gold mention and its sentence). The store keeps it with the mention's merge decision, so
merging never has to re-read articles."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from dateline.model import ArticleRecord, Event

FAMILIES: dict[str, str] = {
    # The four classic quadrants, grouping PLOVER types by how they relate.
    "AGREE": "verbal-cooperation",
    "CONSULT": "verbal-cooperation",
    "SUPPORT": "verbal-cooperation",
    "CONCEDE": "verbal-cooperation",
    "COOPERATE": "material-cooperation",
    "AID": "material-cooperation",
    "RETREAT": "material-cooperation",
    "REQUEST": "verbal-conflict",
    "ACCUSE": "verbal-conflict",
    "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "PROTEST": "material-conflict",
    "SANCTION": "material-conflict",
    "MOBILIZE": "material-conflict",
    "COERCE": "material-conflict",
    "ASSAULT": "material-conflict",
}
"""PLOVER type → family. Mentions of different families never merge."""

# Words too common in news sentences to say anything about which happening is meant.
_STOP = """
    a about above according after again against all also am an and any are as at be
    because been before being below between both but by can could day days did do does
    doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just last me month months
    more most my myself new no nor not now of off official officials on once one only
    or other our ours out over own report reported reports said same says she should so
    some such than that the their theirs them themselves then there these they this
    those through to told too two under until up very was we week weeks were what when
    where which while who whom why will with would year years you your
"""
STOPWORDS = frozenset(_STOP.split())

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "ied", "ed", "es", "s")

# How far before its publication day a report with no date in the text may describe.
PUBLISHED_LOOKBACK = timedelta(days=7)


def words(text: str) -> frozenset[str]:
    """Content words of a sentence, lower-cased and crudely stemmed."""
    return frozenset(
        stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS
    )


def stem(word: str) -> str:
    """A crude, deterministic stem: "meeting"/"meetings"/"meet" → "meet"."""
    w = word.lower().strip("'’-")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "shelled" → "shell", "planned" → "plan"
    return w


LEAD_CHARS = 600


def lead_words(title: str | None, text: str | None) -> frozenset[str]:
    """The story an article tells, as the content words of its title and lead."""
    return words(" ".join(x for x in (title, (text or "")[:LEAD_CHARS]) if x))


def name_tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name.lower()) if len(w) > 1)


def source_key(source: str, url: str | None = None) -> str:
    """The outlet an article came from: a URL's host (without ``www.``), else the source
    string (a file or feed path) as given."""
    for candidate in (url, source):
        if candidate and "://" in candidate:
            host = urlsplit(candidate).hostname or ""
            if host:
                return host.removeprefix("www.")
    return source


@dataclass(frozen=True)
class Party:
    """An actor or recipient as the merger compares it."""

    name: str
    country: str | None = None

    @property
    def tokens(self) -> frozenset[str]:
        return name_tokens(self.name)


@dataclass(frozen=True)
class MergeMention:
    """One event mention, with what merging needs and what canonical fields come from."""

    key: str
    """Unique within one merge (the store's mention key, or ``doc:markable``)."""
    article: str
    """Mentions of one article only merge when their types agree."""
    source: str
    published: date
    order: tuple[str, ...]
    """Deterministic processing order (publication day, content hash, event number)."""
    type: str | None = None
    mode: str | None = None
    cameo: str | None = None
    status: str = "occurred"
    value: str | None = None
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    basis: str | None = None
    timex: str | None = None
    actors: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_country: str | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    place_basis: str | None = None
    trigger: str = ""
    words: frozenset[str] = field(default_factory=frozenset)
    context: frozenset[str] = field(default_factory=frozenset)
    """Content words of the article's title and lead: what story it is."""
    confidence: float = 0.5
    mentions: int = 1
    """How many times the article mentions it (1 + the contract's ``mentions``)."""

    @property
    def family(self) -> str | None:
        return FAMILIES.get(self.type or "")

    @property
    def dated(self) -> bool:
        """Dated from the text (not the publication-date fallback, not unknown)."""
        return self.start is not None and self.basis in ("text", "inferred")

    def window(self) -> tuple[date, date] | None:
        """The days the event may fall on: its interval when dated from the text; a week
        up to the publication day when the publication date stands in."""
        if self.start is None or self.end is None:
            return None
        if self.basis == "published":
            if self.status == "planned":
                return self.start, self.end + PUBLISHED_LOOKBACK * 4
            return self.start - PUBLISHED_LOOKBACK, self.end
        return self.start, self.end

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p.country for p in (*self.actors, *self.recipients) if p.country)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["order"] = list(self.order)
        data["words"] = sorted(self.words)
        data["context"] = sorted(self.context)
        data["actors"] = [asdict(p) for p in self.actors]
        data["recipients"] = [asdict(p) for p in self.recipients]
        for name in ("published", "start", "end"):
            value = data[name]
            data[name] = value.isoformat() if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergeMention:
        values = dict(data)
        values["order"] = tuple(values["order"])
        values["words"] = frozenset(values["words"])
        values["context"] = frozenset(values.get("context", ()))
        values["actors"] = tuple(Party(**p) for p in values["actors"])
        values["recipients"] = tuple(Party(**p) for p in values["recipients"])
        for name in ("published", "start", "end"):
            if values.get(name) is not None:
                values[name] = date.fromisoformat(values[name])
        return cls(**values)


def from_event(
    key: str,
    record: ArticleRecord,
    event: Event,
    *,
    content_hash: str,
    text: str | None = None,
    lead: str | None = None,
) -> MergeMention:
    """The merger's view of one extracted event (``text``: the article text, for the
    sentence when the record does not carry it; ``lead``: the start of the article's
    body, defaults to ``text``)."""
    by_id = {a.id: a for a in record.actors}
    place = next((p for p in record.places if p.id == event.where), None)
    sentence = event.sentence.text
    if sentence is None and text is not None:
        sentence = text[event.sentence.start : event.sentence.end]
    number = int(event.id[1:]) if event.id[1:].isdigit() else 0
    return MergeMention(
        key=key,
        article=content_hash,
        source=source_key(record.source, record.url),
        published=record.published,
        order=(record.published.isoformat(), content_hash, f"{number:06d}", event.id),
        type=event.type,
        mode=event.mode,
        cameo=event.cameo,
        status=event.status,
        value=event.when.value,
        start=event.when.start,
        end=event.when.end,
        precision=event.when.precision,
        basis=event.when.basis,
        timex=event.when.timex,
        actors=tuple(Party(by_id[a].name, by_id[a].country) for a in event.actors if a in by_id),
        recipients=tuple(
            Party(by_id[a].name, by_id[a].country) for a in event.recipients if a in by_id
        ),
        place=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        place_country=place.country if place else None,
        geonameid=place.geonameid if place else None,
        feature_code=place.feature_code if place else None,
        place_basis=event.where_basis,
        trigger=stem(event.trigger.text),
        words=words(sentence or ""),
        context=lead_words(record.title, lead if lead is not None else text),
        confidence=event.confidence,
        mentions=1 + len(event.mentions),
    )
