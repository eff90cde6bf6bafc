"""Hand-built annotated articles for merge and export tests (no model needed)."""

from __future__ import annotations

from datetime import date, timedelta

from dateline.model import Actor, ArticleRecord, Event, Place, SentenceSpan, Span, When
from dateline.read.base import Article

PLACES = {
    "Kazan": (55.79, 49.12, "RUS", 551487, "PPLA"),
    "Lima": (-12.04, -77.03, "PER", 3936456, "PPLC"),
    "Oslo": (59.91, 10.75, "NOR", 3143244, "PPLC"),
}


def day(value: str, basis: str = "text") -> When:
    d = date.fromisoformat(value)
    return When(value=value, start=d, end=d, precision="day", basis=basis)


def month(value: str) -> When:
    y, m = (int(x) for x in value.split("-"))
    following = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return When(
        value=value,
        start=date(y, m, 1),
        end=following - timedelta(days=1),
        precision="month",
        basis="text",
    )


def report(
    sentence: str,
    *,
    published: str,
    source: str,
    actors: list[tuple[str, str | None]],
    recipients: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    trigger: str,
    type_: str = "CONSULT",
    when: When | None = None,
    place: str | None = "Kazan",
    status: str = "occurred",
    title: str | None = None,
    url: str | None = None,
) -> tuple[Article, ArticleRecord]:
    """One article whose only sentence reports one event."""
    text = sentence
    article = Article(text=text, published=date.fromisoformat(published), source=source, url=url)
    people = [*actors, *recipients]
    actor_records = [
        Actor(
            id=f"a{i + 1}",
            name=name,
            kind="PERSON" if country is None or " " in name else "COUNTRY",
            country=country,
            sector="GOV",
            mentions=[(text.find(name), text.find(name) + len(name))] if name in text else [],
        )
        for i, (name, country) in enumerate(people)
    ]
    places = []
    if place is not None:
        lat, lon, country, gid, code = PLACES[place]
        places.append(
            Place(
                id="p1",
                name=place,
                lat=lat,
                lon=lon,
                country=country,
                geonameid=gid,
                feature_code=code,
                mentions=[(text.find(place), text.find(place) + len(place))],
            )
        )
    start = text.find(trigger)
    event = Event(
        id="e1",
        type=type_,
        cameo={"CONSULT": "040", "AGREE": "057", "PROTEST": "140"}.get(type_),
        actors=[f"a{i + 1}" for i in range(len(actors))],
        recipients=[f"a{len(actors) + i + 1}" for i in range(len(recipients))],
        status=status,  # type: ignore[arg-type]
        when=when or day("2024-10-23"),
        where="p1" if place else None,
        where_basis="attached" if place else None,
        trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        sentence=SentenceSpan(start=0, end=len(text), text=text),
        confidence=0.8,
    )
    record = ArticleRecord(
        id=article.article_id,
        title=title,
        source=source,
        url=url,
        published=article.published,
        actors=actor_records,
        places=places,
        events=[event],
    )
    return article, record


def meeting_a() -> tuple[Article, ArticleRecord]:
    return report(
        "Prime Minister Narendra Modi and President Xi Jinping held talks in Kazan on Wednesday.",
        published="2024-10-24",
        source="https://www.example-news.in/modi-xi",
        url="https://www.example-news.in/modi-xi",
        actors=[("Narendra Modi", "IND"), ("Xi Jinping", "CHN")],
        trigger="talks",
        title="Modi and Xi meet in Kazan",
    )


def meeting_b() -> tuple[Article, ArticleRecord]:
    return report(
        "Modi and Xi sat down for their first formal talks in five years in Kazan on October 23.",
        published="2024-10-25",
        source="https://wire.example.org/kazan",
        url="https://wire.example.org/kazan",
        actors=[("Modi", "IND"), ("Xi", "CHN")],
        trigger="talks",
        title="India and China leaders hold talks in Kazan",
    )
