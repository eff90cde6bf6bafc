"""One code path for events read from the store: the plain records the JSON API
serialises (``explore.page_records``, ``query.event_records``) are exactly the
``StoredEvent`` records that ``Store.events()``, the exports and ``explore.page_events``
return, key for key, in the same order and with the same JSON; on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from pydantic_core import to_json

from dateline.api import Settings, create_app
from dateline.api.events import EventPage
from dateline.model import StoredEvent
from dateline.store import Filters, Store, explore
from dateline.store.synthetic import fill
from tests.builders import meeting_a, meeting_b, month, report
from tests.test_api import corpus


def _varied(store: Store) -> None:
    """Merged reports with conflicts (status and date), month-precision dates, a place
    and none, actors with and without a country, titles and URLs and none, and a few
    hundred synthetic events (day, month and year precision, every status)."""
    vague = report(
        "Narendra Modi and Xi Jinping are expected to hold talks in Kazan in October.",
        published="2024-10-20",
        source="c.txt",
        actors=[("Narendra Modi", "IND"), ("Xi Jinping", "CHN")],
        trigger="talks",
        when=month("2024-10"),
        status="planned",
    )
    store.add([vague])
    store.add([meeting_a(), meeting_b()])
    store.add(
        [
            report(
                "Unknown gunmen protested against the Mayor of Lima in March.",
                published="2024-04-02",
                source="lima.txt",
                actors=[("Unknown gunmen", None)],
                recipients=[("Mayor of Lima", "PER")],
                trigger="protested",
                type_="PROTEST",
                when=month("2024-03"),
                place=None,
            )
        ]
    )
    store.add(corpus(), pipeline="test")
    fill(store, 300, seed=11)


def _json(record: dict[str, Any]) -> bytes:
    return to_json(record, inf_nan_mode="null")


def test_store_records_are_the_stored_events_fields(store_url: str) -> None:
    with Store(store_url) as store:
        _varied(store)
        events = store.events()
        assert any(e.conflicts for e in events) and any(e.where is None for e in events)
        assert any(e.when.precision == "month" for e in events)
        assert any(a.country is None for e in events for a in e.actors)
        with store.connect() as conn:
            for sort in explore.SORTS:
                for with_mentions in (False, True):
                    records, last = explore.page_records(
                        conn, Filters(), sort=sort, limit=1000, with_mentions=with_mentions
                    )
                    models, last_too = explore.page_events(
                        conn, Filters(), sort=sort, limit=1000, with_mentions=with_mentions
                    )
                    assert last is None and last_too is None
                    assert len(records) == len(events)
                    for record, model in zip(records, models, strict=True):
                        assert record == model.model_dump()
                        assert list(record) == list(StoredEvent.model_fields)
                        assert _json(record) == model.model_dump_json().encode()
            # a page of the API's order is the Store's (and the exports') timeline order
            dated, _ = explore.page_records(conn, Filters(), limit=1000, with_mentions=True)
        assert [StoredEvent.model_validate(r) for r in dated] == events


def test_store_records_api_page_is_the_models_json(store_url: str) -> None:
    """The JSON API's page, byte for byte, is what FastAPI made of the model before."""
    with Store(store_url) as store:
        _varied(store)
        client = TestClient(create_app(Settings(count_seconds=0), store=store))
        events = store.events()
        for query, page in (
            ("limit=500&mentions=true", events),
            ("limit=500", store.events(with_mentions=False)),
            ("limit=5&type=CONSULT", store.events(type=["CONSULT"], with_mentions=False)[:5]),
        ):
            response = client.get(f"/api/v1/events?{query}")
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json"
            body = response.json()
            expected = EventPage(
                count=len(page),
                total=body["total"],
                next=body["next"],
                next_cursor=body["next_cursor"],
                events=page,
            )
            assert response.content == expected.model_dump_json().encode()
        assert client.get("/api/v1/events?type=CONSULT").json()["total"] == len(
            store.events(type=["CONSULT"])
        )
