"""The JSON API with FastAPI's TestClient, on hand-annotated articles (no model) and on
synthetic stores; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.api import Settings, create_app
from dateline.model import Actor, ArticleRecord, Event, Place, SentenceSpan, Span, Timex, When
from dateline.read.base import Article
from dateline.store import Store
from dateline.store.synthetic import fill


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _day(value: str, timex: str | None = "t1", basis: str = "text") -> When:
    d = date.fromisoformat(value)
    return When(value=value, start=d, end=d, precision="day", timex=timex, basis=basis)  # type: ignore[arg-type]


def _article(
    text: str,
    published: str,
    source: str,
    *,
    actors: list[tuple[str, str, str | None, str | None]],
    places: list[tuple[str, float, float, str]],
    timexes: list[tuple[str, str]],
    events: list[dict[str, Any]],
    title: str | None = None,
) -> tuple[Article, ArticleRecord]:
    """An annotated article; actors (surface, kind, country, sector), places (surface,
    lat, lon, country), timexes (surface, value); events name actors by surface."""
    article = Article(text=text, published=date.fromisoformat(published), source=source)
    actor_records = [
        Actor(
            id=f"a{i + 1}",
            name=name,
            kind=kind,
            country=country,
            sector=sector,
            mentions=[_at(text, name)],
        )
        for i, (name, kind, country, sector) in enumerate(actors)
    ]
    ids = {a.name: a.id for a in actor_records}
    place_records = [
        Place(id=f"p{i + 1}", name=n, lat=lat, lon=lon, country=c, mentions=[_at(text, n)])
        for i, (n, lat, lon, c) in enumerate(places)
    ]
    timex_records = [
        Timex(
            id=f"t{i + 1}",
            text=surface,
            start=_at(text, surface)[0],
            end=_at(text, surface)[1],
            type="DATE",
            value=value,
        )
        for i, (surface, value) in enumerate(timexes)
    ]
    event_records = []
    for i, spec in enumerate(events):
        trigger = _at(text, spec["trigger"])
        sentence_start = text.rfind(". ", 0, trigger[0])
        sentence_start = 0 if sentence_start < 0 else sentence_start + 2
        sentence_end = text.index(".", trigger[1]) + 1
        event_records.append(
            Event(
                id=f"e{i + 1}",
                type=spec["type"],
                actors=[ids[a] for a in spec.get("actors", [])],
                recipients=[ids[a] for a in spec.get("recipients", [])],
                status=spec.get("status", "occurred"),
                when=spec["when"],
                where=spec.get("where"),
                trigger=Span(text=spec["trigger"], start=trigger[0], end=trigger[1]),
                sentence=SentenceSpan(start=sentence_start, end=sentence_end),
                confidence=spec.get("confidence", 0.8),
            )
        )
    record = ArticleRecord(
        id=article.article_id,
        title=title,
        source=source,
        published=article.published,
        timexes=timex_records,
        actors=actor_records,
        places=place_records,
        events=event_records,
    )
    return article, record


def corpus() -> list[tuple[Article, ArticleRecord]]:
    """Four events in three short articles written for these tests."""
    one = (
        "Norway's coast guard detained a trawler from Iceland off Tromso on Monday. "
        "Iceland's foreign ministry protested to Norway on Tuesday."
    )
    two = "Chile and Peru signed a fisheries accord in Lima in May 2024."
    three = "Kenya's president warned Uganda of new border tariffs, officials said."
    return [
        _article(
            one,
            "2024-03-06",
            "harbour.txt",
            title="Trawler held off Tromso",
            actors=[
                ("Norway's coast guard", "ORG", "NOR", "MIL"),
                ("Iceland", "COUNTRY", "ISL", "GOV"),
                ("Iceland's foreign ministry", "ORG", "ISL", "GOV"),
                ("Norway", "COUNTRY", "NOR", "GOV"),
            ],
            places=[("Tromso", 69.65, 18.96, "NOR")],
            timexes=[("Monday", "2024-03-04"), ("Tuesday", "2024-03-05")],
            events=[
                {
                    "type": "COERCE",
                    "trigger": "detained",
                    "actors": ["Norway's coast guard"],
                    "recipients": ["Iceland"],
                    "when": _day("2024-03-04", "t1"),
                    "where": "p1",
                    "confidence": 0.9,
                },
                {
                    "type": "PROTEST",
                    "trigger": "protested",
                    "actors": ["Iceland's foreign ministry"],
                    "recipients": ["Norway"],
                    "when": _day("2024-03-05", "t2"),
                    "confidence": 0.7,
                },
            ],
        ),
        _article(
            two,
            "2024-06-10",
            "accord.txt",
            actors=[("Chile", "COUNTRY", "CHL", "GOV"), ("Peru", "COUNTRY", "PER", "GOV")],
            places=[("Lima", -12.05, -77.04, "PER")],
            timexes=[("May 2024", "2024-05")],
            events=[
                {
                    "type": "AGREE",
                    "trigger": "signed",
                    "actors": ["Chile", "Peru"],
                    "when": When(
                        value="2024-05",
                        start=date(2024, 5, 1),
                        end=date(2024, 5, 31),
                        precision="month",
                        timex="t1",
                        basis="text",
                    ),
                    "where": "p1",
                }
            ],
        ),
        _article(
            three,
            "2023-11-20",
            "tariffs.txt",
            actors=[
                ("Kenya's president", "PERSON", "KEN", "GOV"),
                ("Uganda", "COUNTRY", "UGA", "GOV"),
            ],
            places=[],
            timexes=[],
            events=[
                {
                    "type": "THREATEN",
                    "trigger": "warned",
                    "actors": ["Kenya's president"],
                    "recipients": ["Uganda"],
                    "status": "planned",
                    "when": _day("2023-11-20", None, "published"),
                    "confidence": 0.6,
                }
            ],
        ),
    ]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    s.add(corpus(), pipeline="test")
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    """On SQLite and PostgreSQL: for what reads the store."""
    return TestClient(create_app(Settings(), store=store))


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "events.db")
    s.add(corpus(), pipeline="test")
    yield s
    s.close()


@pytest.fixture
def lite(sqlite_store: Store) -> TestClient:
    """On SQLite only: for what does not depend on the back-end."""
    return TestClient(create_app(Settings(), store=sqlite_store))


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def ids_of(body: dict[str, Any]) -> list[str]:
    return [e["id"] for e in body["events"]]


# -- events ------------------------------------------------------------------------------


def test_api_events_in_event_date_order(client: TestClient) -> None:
    body = get(client, "/api/v1/events")
    assert body["ok"] is True
    assert body["total"] == body["count"] == 4
    assert [e["type"] for e in body["events"]] == ["THREATEN", "COERCE", "PROTEST", "AGREE"]
    assert body["next"] is None
    agree = body["events"][-1]
    assert agree["when"]["precision"] == "month" and agree["when"]["end"] == "2024-05-31"
    assert [a["name"] for a in agree["actors"]] == ["Chile", "Peru"]


FILTER_CASES: list[tuple[str, list[str]]] = [
    ("actor=coast+guard", ["COERCE"]),
    ("actor=iceland", ["COERCE", "PROTEST"]),
    ("country=ISL", ["COERCE", "PROTEST"]),
    ("country=per,ken", ["THREATEN", "AGREE"]),
    ("pair=NOR-ISL", ["COERCE", "PROTEST"]),
    ("pair=CHL-PER", ["AGREE"]),
    ("type=agree&type=protest", ["PROTEST", "AGREE"]),
    ("type=COERCE,THREATEN", ["THREATEN", "COERCE"]),
    ("status=planned", ["THREATEN"]),
    ("basis=published", ["THREATEN"]),
    ("precision=month", ["AGREE"]),
    ("from=2024-03-05", ["PROTEST", "AGREE"]),
    ("from=2024-05-31&to=2024-05-31", ["AGREE"]),
    ("to=2024-03-04", ["THREATEN", "COERCE"]),
    ("bbox=0,60,30,75", ["COERCE"]),
    ("place=lim", ["AGREE"]),
    ("q=trawler", ["COERCE"]),
    ("q=TRAWLER+tromso", ["COERCE"]),
    ("q=trawler+accord", []),
    ("q=100%25", []),
    ("min_confidence=0.75", ["COERCE", "AGREE"]),
    ("between=Iceland's+foreign+ministry|Norway", ["PROTEST"]),
    ("between=Norway|Iceland's+foreign+ministry", ["PROTEST"]),
    ("between=Peru|Chile", ["AGREE"]),
]
"""(query, types of the events it finds, in timeline order)."""


def test_api_events_filters(client: TestClient) -> None:
    for query, types in FILTER_CASES:
        body = get(client, f"/api/v1/events?{query}")
        assert [e["type"] for e in body["events"]] == types, query
        assert body["total"] == len(types), query


def test_api_events_cursor_pages_walk_every_event_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "many.db")
    fill(store, 230, events_per_article=5)
    n = store.counts()["events"]  # canonical events: a few synthetic reports may merge
    assert n > 200
    client = TestClient(create_app(Settings(), store=store))
    for sort in ("date", "-date", "-confidence", "reports"):
        seen: list[dict[str, Any]] = []
        url: str | None = f"/api/v1/events?limit=40&sort={sort}&mentions=true"
        pages = 0
        while url:
            body = get(client, url)
            assert body["total"] == n
            assert len(body["events"]) <= 40
            seen += body["events"]
            url = body["next"]
            pages += 1
        assert pages == -(-n // 40)
        assert len({e["id"] for e in seen}) == len(seen) == n
        if sort == "date":
            keys = [(e["when"]["start"], e["when"]["end"], e["id"]) for e in seen]
            assert keys == sorted(keys)
        if sort == "-confidence":
            confidences = [e["confidence"] for e in seen]
            assert confidences == sorted(confidences, reverse=True)
        assert all(e["mentions"] for e in seen)
    store.close()


def test_api_events_ndjson_and_csv(client: TestClient) -> None:
    response = client.get("/api/v1/events?format=ndjson&limit=3")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [e["type"] for e in lines] == ["THREATEN", "COERCE", "PROTEST"]
    assert lines[1]["mentions"][0]["sentence"]["text"].startswith("Norway's coast guard")
    assert 'rel="next"' in response.headers["link"]
    follow = response.headers["link"].split(">")[0].lstrip("<")
    rest = client.get(follow.replace("http://testserver", ""))
    assert [json.loads(x)["type"] for x in rest.text.splitlines()] == ["AGREE"]
    assert "link" not in rest.headers

    response = client.get("/api/v1/events?format=csv&type=COERCE")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["plover_type"] == "COERCE" and row["event_date"] == "2024-03-04"
    assert row["actor1"] == "Norway's coast guard" and row["actor2_country"] == "ISL"
    assert row["latitude"] == "69.65" and row["location"] == "Tromso"
    assert "trawler" in row["notes"]
    from dateline.export.rows import COLUMN_NAMES

    assert tuple(rows[0]) == COLUMN_NAMES  # the columns of `dateline export --format csv`


@pytest.mark.parametrize(
    "query",
    [
        "type=FOO",
        "status=maybe",
        "limit=0",
        "limit=501",
        "limit=x",
        "from=2024-13-01",
        "from=2024-05-01&to=2024-01-01",
        "bbox=1,2,3",
        "bbox=0,80,10,70",
        "bbox=nan,0,1,1",
        "pair=IND",
        "between=Chile",
        "country=not+a+code",
        "min_confidence=2",
        "cursor=%%%",
        "cursor=eyJrIjoiYWN0b3JzIiwibyI6NX0",
        "sort=size",
        "format=xml",
    ],
)
def test_api_bad_parameters_share_the_error_envelope(lite: TestClient, query: str) -> None:
    body = get(lite, f"/api/v1/events?{query}", 400)
    assert body["ok"] is False
    assert body["status"] == 400
    assert body["code"] == "E012"
    assert body["error"] == "bad option"
    assert body["detail"]


def test_api_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    first = get(client, "/api/v1/events?limit=1")
    cursor = first["next_cursor"]
    body = get(client, f"/api/v1/events?limit=1&sort=-date&cursor={cursor}", 400)
    assert "sort" in body["detail"]


def test_api_not_found_is_coded(lite: TestClient) -> None:
    for url in ("/api/v1/events/ev-nope", "/api/v1/articles/nope", "/api/v1/nothing-here"):
        body = get(lite, url, 404)
        assert body["code"] == "E013" and body["ok"] is False


# -- one event, one article ----------------------------------------------------------------


def test_api_event_detail_highlights_trigger_actors_time_and_place(client: TestClient) -> None:
    coerce = get(client, "/api/v1/events?type=COERCE")["events"][0]
    body = get(client, f"/api/v1/events/{coerce['id']}")
    assert body["ok"] is True
    assert body["event"]["id"] == coerce["id"]
    [mention] = body["mentions"]
    assert mention["article"]["title"] == "Trawler held off Tromso"
    assert mention["article"]["published"] == "2024-03-06"
    [sentence] = mention["sentences"]
    assert sentence["text"] == (
        "Norway's coast guard detained a trawler from Iceland off Tromso on Monday."
    )
    marks = {(h["kind"], h["text"]) for h in sentence["highlights"]}
    assert marks == {
        ("trigger", "detained"),
        ("actor", "Norway's coast guard"),
        ("recipient", "Iceland"),
        ("place", "Tromso"),
        ("time", "Monday"),
    }
    time = next(h for h in sentence["highlights"] if h["kind"] == "time")
    assert time["label"] == "2024-03-04"
    text = get(client, "/api/v1/articles/" + mention["article"]["id"])["article"]["text"]
    for h in sentence["highlights"]:
        assert text[h["start"] : h["end"]] == h["text"]


def test_api_article_view_with_annotations_and_canonical_ids(client: TestClient) -> None:
    events = get(client, "/api/v1/events?country=NOR")["events"]
    article_id = events[0]["mentions"][0]["article"] if events[0]["mentions"] else None
    if article_id is None:
        detail = get(client, f"/api/v1/events/{events[0]['id']}")
        article_id = detail["mentions"][0]["article"]["id"]
    body = get(client, f"/api/v1/articles/{article_id}")["article"]
    assert body["text"].startswith("Norway's coast guard detained")
    assert [t["value"] for t in body["timexes"]] == ["2024-03-04", "2024-03-05"]
    assert {a["name"] for a in body["actors"]} >= {"Iceland", "Norway"}
    assert body["places"][0]["name"] == "Tromso"
    assert [e["type"] for e in body["events"]] == ["COERCE", "PROTEST"]
    assert set(body["canonical"].values()) == {e["id"] for e in events}


# -- aggregates --------------------------------------------------------------------------


def test_api_timeline_buckets_and_groups(client: TestClient) -> None:
    body = get(client, "/api/v1/timeline?bucket=month")
    assert body["bucket"] == "month" and body["total"] == 4
    assert [(b["start"], b["end"], b["count"]) for b in body["buckets"]] == [
        ("2023-11-01", "2023-11-30", 1),
        ("2024-03-01", "2024-03-31", 2),
        ("2024-05-01", "2024-05-31", 1),
    ]
    auto = get(client, "/api/v1/timeline?from=2024-03-01&to=2024-03-31")
    assert auto["bucket"] == "day"
    assert [(b["start"], b["count"]) for b in auto["buckets"]] == [
        ("2024-03-04", 1),
        ("2024-03-05", 1),
    ]
    by_type = get(client, "/api/v1/timeline?bucket=year&group=type")
    assert {(b["start"], b["group"], b["count"]) for b in by_type["buckets"]} == {
        ("2023-01-01", "THREATEN", 1),
        ("2024-01-01", "COERCE", 1),
        ("2024-01-01", "PROTEST", 1),
        ("2024-01-01", "AGREE", 1),
    }
    by_actor = get(client, "/api/v1/timeline?bucket=year&group=actor&top=2")
    groups = [g["id"] for g in by_actor["groups"]]
    assert len(groups) == 3 and groups[-1] == "(other actors)"
    assert (
        sum(b["count"] for b in by_actor["buckets"] if b["group"] == groups[-1])
        == (by_actor["groups"][-1]["count"])
    )
    empty = get(client, "/api/v1/timeline?type=AID")
    assert empty["total"] == 0 and empty["buckets"] == []


def test_api_timeline_refuses_too_many_buckets(tmp_path: Path) -> None:
    text = "Peru and Chile signed a border treaty in 1929. They signed a trade pact in 2024."
    pair = _article(
        text,
        "2024-06-01",
        "history.txt",
        actors=[("Peru", "COUNTRY", "PER", "GOV"), ("Chile", "COUNTRY", "CHL", "GOV")],
        places=[],
        timexes=[("1929", "1929"), ("2024", "2024")],
        events=[
            {
                "type": "AGREE",
                "trigger": "signed",
                "actors": ["Peru", "Chile"],
                "when": _day("1929-06-03", "t1"),
            },
            {
                "type": "AGREE",
                "trigger": "signed a trade",
                "actors": ["Peru", "Chile"],
                "when": _day("2024-01-15", "t2"),
            },
        ],
    )
    store = Store(tmp_path / "century.db")
    store.add([pair])
    client = TestClient(create_app(Settings(), store=store))
    body = get(client, "/api/v1/timeline?bucket=day", 400)
    assert body["code"] == "E019" and "day buckets" in body["detail"]
    assert get(client, "/api/v1/timeline")["bucket"] == "year"
    assert get(client, "/api/v1/timeline?bucket=day&from=2024-01-01")["total"] == 1
    store.close()


def test_api_network_edges_are_events_between_actors(client: TestClient) -> None:
    body = get(client, "/api/v1/network")
    edges = {(e["source"], e["target"], e["kind"]): e["events"] for e in body["edges"]}
    assert edges == {
        ("Norway's coast guard", "Iceland", "acts-on"): 1,
        ("Iceland's foreign ministry", "Norway", "acts-on"): 1,
        ("Kenya's president", "Uganda", "acts-on"): 1,
        ("Chile", "Peru", "together"): 1,
    }
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["Chile"]["country"] == "CHL" and nodes["Chile"]["events"] == 1
    only = get(client, "/api/v1/network?type=AGREE")
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("Chile", "Peru")]
    assert get(client, "/api/v1/network?limit=1")["truncated"] is True


def test_api_map_points(client: TestClient) -> None:
    body = get(client, "/api/v1/map")
    assert body["mode"] == "points"
    assert body["located"] == 2 and body["unlocated"] == 2
    assert {p["place"] for p in body["points"]} == {"Tromso", "Lima"}
    north = get(client, "/api/v1/map?bbox=-180,0,180,90")
    assert [p["place"] for p in north["points"]] == ["Tromso"] and north["unlocated"] == 2


def test_api_map_clusters_on_the_server(tmp_path: Path) -> None:
    store = Store(tmp_path / "many.db")
    fill(store, 600, events_per_article=6, n_places=40)
    n = store.counts()["events"]  # canonical events: a few synthetic reports may merge
    assert n > 500
    many = TestClient(create_app(Settings(max_points=100), store=store))
    body = get(many, "/api/v1/map?zoom=1")
    assert body["mode"] == "clusters" and body["located"] == n
    assert sum(c["count"] for c in body["clusters"]) == n
    assert body["cell"] == 360 / 8
    for c in body["clusters"]:
        min_lon, min_lat, max_lon, max_lat = c["bbox"]
        assert min_lon - 1e-9 <= c["lon"] <= max_lon + 1e-9
        assert min_lat - 1e-9 <= c["lat"] <= max_lat + 1e-9
    finer = get(many, "/api/v1/map?zoom=5")
    assert len(finer["clusters"]) > len(body["clusters"])
    assert get(many, "/api/v1/map?zoom=1&max_points=5000")["mode"] == "points"
    store.close()


def test_api_actors_and_places_pages(client: TestClient) -> None:
    names: list[str] = []
    url: str | None = "/api/v1/actors?limit=3"
    while url:
        body = get(client, url)
        assert len(body["actors"]) <= 3
        names += [a["name"] for a in body["actors"]]
        url = body["next"]
    assert len(names) == len(set(names)) == 8
    assert get(client, "/api/v1/actors?name=ICE")["actors"][0]["name"].startswith("Iceland")
    assert [a["name"] for a in get(client, "/api/v1/actors?type=AGREE")["actors"]] == [
        "Chile",
        "Peru",
    ]
    places = get(client, "/api/v1/places")["places"]
    assert {(p["name"], p["events"]) for p in places} == {("Tromso", 1), ("Lima", 1)}
    assert get(client, "/api/v1/places?country=CHL")["places"][0]["name"] == "Lima"


def test_api_query_time_limit_is_a_coded_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "slow.db")
    fill(store, 300)
    client = TestClient(create_app(Settings(query_seconds=1e-9), store=store))
    body = get(client, "/api/v1/events?q=officials+synthetic", 400)
    assert body["code"] == "E019"
    store.close()


# -- writes --------------------------------------------------------------------------------


def test_api_writes_are_off_without_a_token(lite: TestClient) -> None:
    response = lite.post("/api/v1/articles", json={"text": "x", "published": "2024-01-01"})
    assert response.status_code == 403
    assert response.json()["code"] == "E018"


def test_api_writes_need_the_right_token(sqlite_store: Store) -> None:
    client = TestClient(create_app(Settings(token="s3cret"), store=sqlite_store))
    article = {"text": "Peru thanked Chile.", "published": "2024-01-01"}
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic s3cret"}):
        response = client.post("/api/v1/articles", json=article, headers=headers)
        assert response.status_code == 401
        assert response.json()["code"] == "E018"
        assert response.headers["www-authenticate"] == "Bearer"
    assert get(client, "/api/v1/events")["total"] == 4


def test_api_writes_refuse_bad_bodies(sqlite_store: Store) -> None:
    client = TestClient(create_app(Settings(token="t", max_body_bytes=200), store=sqlite_store))
    auth = {"Authorization": "Bearer t"}
    cases = [
        ({"json": {"text": "No date here."}}, 400, "E009"),
        ({"json": {"text": "x", "published": "2024-02-30"}}, 400, "E005"),
        ({"content": b"not json", "headers": {"content-type": "application/json"}}, 400, "E009"),
        ({"content": b"   "}, 400, "E003"),
        ({"content": b"Plain text without a date."}, 400, "E004"),
        ({"content": b"x" * 500}, 413, "E014"),
    ]
    for kwargs, status, code in cases:
        headers = {**auth, **kwargs.pop("headers", {})}
        response = client.post("/api/v1/articles", headers=headers, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == status, (kwargs, response.text)
        assert response.json()["code"] == code
    assert get(client, "/api/v1/events")["total"] == 4


@pytest.mark.model
def test_api_post_article_ingests_like_the_cli(pipeline: Any, tmp_path: Path) -> None:
    store = Store(tmp_path / "write.db")
    client = TestClient(create_app(Settings(token="t"), store=store, pipeline=pipeline))
    auth = {"Authorization": "Bearer t"}
    text = (
        " date 2024-11-02\nLisbon: Portugal and Spain signed a water-sharing agreement in "
        "Lisbon on Friday, officials said.\n"
    )
    response = client.post("/api/v1/articles?source=water.txt", content=text.encode(), headers=auth)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] == 1 and body["events"] >= 1
    events = get(client, "/api/v1/events?q=water-sharing")["events"]
    assert events and events[0]["when"]["value"] == "2024-11-01"
    again = client.post("/api/v1/articles?source=water.txt", content=text.encode(), headers=auth)
    assert again.status_code == 200 and again.json()["skipped"] == 1
    as_json = client.post(
        "/api/v1/articles",
        json={
            "text": "Chile and Peru held talks in Lima on Monday.",
            "published": "2024-12-18",
            "id": "talks-1",
        },
        headers=auth,
    )
    assert as_json.status_code == 201 and as_json.json()["articles"] == ["talks-1"]
    assert get(client, "/api/v1/articles/talks-1")["article"]["published"] == "2024-12-18"
    store.close()


# -- the schema and the served files ---------------------------------------------------------


def test_api_openapi_documents_every_endpoint_with_the_envelope(lite: TestClient) -> None:
    schema = get(lite, "/openapi.json")
    paths = schema["paths"]
    for path in (
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/articles/{article_id}",
        "/api/v1/timeline",
        "/api/v1/network",
        "/api/v1/map",
        "/api/v1/actors",
        "/api/v1/places",
    ):
        assert "get" in paths[path], path
        responses = paths[path]["get"]["responses"]
        assert "422" not in responses
        assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorEnvelope"
        )
    assert "post" in paths["/api/v1/articles"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_api_missing_assets_is_a_clear_error(sqlite_store: Store, tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(assets=tmp_path / "node_modules"), store=sqlite_store))
    response = client.get("/")
    assert response.status_code == 503
    assert "E020" in response.text and "npm ci" in response.text
    assert get(client, "/api/v1/events")["total"] == 4  # the API works without them


def test_api_serve_refuses_to_start_without_the_libraries(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    db = str(tmp_path / "serve.db")
    result = CliRunner().invoke(app, ["serve", "--db", db, "--assets", str(tmp_path)])
    assert result.exit_code == 2
    assert "E020" in result.output and "npm ci" in result.output
    missing = tmp_path / "no-token"
    result = CliRunner().invoke(app, ["serve", "--db", db, "--token-file", str(missing)])
    assert result.exit_code == 2 and "E012" in result.output


def test_api_time_limit_aborts_long_statements(store_url: str) -> None:
    from sqlalchemy import text

    from dateline.errors import Code, StoreError
    from dateline.store.explore import time_limit

    slow = (
        "SELECT pg_sleep(0.5)"
        if store_url.startswith("postgresql")
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000)"
        " SELECT count(*) FROM n"
    )
    store = Store(store_url)
    with store.connect() as conn:
        with pytest.raises(StoreError) as caught, time_limit(conn, 0.05):
            conn.execute(text(slow)).all()
        assert caught.value.code is Code.E019
    with store.connect() as conn, time_limit(conn, 5):
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
    store.close()
