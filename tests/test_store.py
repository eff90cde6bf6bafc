"""The store on both back-ends: migrations, idempotent writes, filters, timeline order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from dateline.errors import Code, StoreError
from dateline.model import Actor, ArticleRecord, Event, Place, SentenceSpan, Span, Timex, When
from dateline.read.base import Article
from dateline.store import Filters, Store, tables


def make_pair(
    text: str = "India and China held talks in Beijing on Monday.",
    *,
    published: date = date(2024, 12, 18),
    when: When | None = None,
    type_: str = "CONSULT",
    source: str = "a.txt",
) -> tuple[Article, ArticleRecord]:
    """A hand-built annotated article (no model needed)."""
    article = Article(text=text, published=published, source=source)
    when = when or When(
        value="2024-12-16",
        start=date(2024, 12, 16),
        end=date(2024, 12, 16),
        precision="day",
        timex="t1",
        basis="text",
    )
    record = ArticleRecord(
        id=article.article_id,
        source=source,
        published=published,
        timexes=[Timex(id="t1", text="Monday", start=41, end=47, type="DATE", value=when.value)],
        actors=[
            Actor(id="a1", name="India", kind="COUNTRY", country="IND", mentions=[(0, 5)]),
            Actor(id="a2", name="China", kind="COUNTRY", country="CHN", mentions=[(10, 15)]),
        ],
        places=[
            Place(
                id="p1",
                name="Beijing",
                lat=39.9,
                lon=116.4,
                country="CHN",
                geonameid=1816670,
                mentions=[(30, 37)],
            )
        ],
        events=[
            Event(
                id="e1",
                type=type_,
                actors=["a1", "a2"],
                status="occurred",
                when=when,
                where="p1",
                trigger=Span(text="talks", start=21, end=26),
                sentence=SentenceSpan(start=0, end=len(text)),
                confidence=0.8,
            )
        ],
    )
    return article, record


def test_store_migrations_build_the_declared_schema(store_url: str) -> None:
    store = Store(store_url)
    with store.connect() as conn:
        found = set(inspect(conn).get_table_names())
        for table in tables.metadata.tables.values():
            assert table.name in found
            columns = {c["name"] for c in inspect(conn).get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
    assert store.schema_version() is not None
    store.close()


def test_store_autogenerate_finds_no_drift(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store(store_url)
    with store.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    assert diff == []
    store.close()


def test_store_add_is_idempotent(store_url: str) -> None:
    store = Store(store_url)
    pair = make_pair()
    assert store.add([pair]) == (1, 0, 1)
    assert store.add([pair]) == (0, 1, 0)
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["events"] == 1
    assert counts["timexes"] == 1
    store.close()


def test_store_reopen_keeps_data(store_url: str) -> None:
    with Store(store_url) as store:
        store.add([make_pair()])
    with Store(store_url) as store:
        assert store.counts()["articles"] == 1


def test_store_events_carry_mentions_and_codes(store_url: str) -> None:
    with Store(store_url) as store:
        store.add([make_pair()])
        (event,) = store.events()
    assert event.type == "CONSULT"
    assert [a.country for a in event.actors] == ["IND", "CHN"]
    assert event.where is not None and event.where.name == "Beijing"
    assert event.when.value == "2024-12-16"
    (mention,) = event.mentions
    assert mention.trigger.text == "talks"
    assert mention.sentence.text == "India and China held talks in Beijing on Monday."


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["e-may", "e-day"]),
        ({"country": ["CHN"]}, ["e-may", "e-day"]),
        ({"country": ["PAK"]}, []),
        ({"actor": ["indi"]}, ["e-may", "e-day"]),
        ({"pair": [("CHN", "IND")]}, ["e-may", "e-day"]),
        ({"type": ["ASSAULT"]}, ["e-may"]),
        ({"start": date(2020, 5, 31), "end": date(2020, 6, 1)}, ["e-may"]),
        ({"start": date(2024, 1, 1)}, ["e-day"]),
        ({"basis": ["text"], "precision": ["day"]}, ["e-day"]),
        ({"place": ["beij"]}, ["e-may", "e-day"]),
        ({"bbox": (100.0, 30.0, 120.0, 45.0)}, ["e-may", "e-day"]),
        ({"bbox": (0.0, 0.0, 10.0, 10.0)}, []),
        ({"actor": ["%"]}, []),
    ],
)
def test_store_filters(sqlite_url: str, filters: dict[str, object], expected: list[str]) -> None:
    may = When(
        value="2020-05",
        start=date(2020, 5, 1),
        end=date(2020, 5, 31),
        precision="month",
        basis="text",
    )
    pairs = {
        "e-day": make_pair(source="day.txt"),
        "e-may": make_pair(
            "India and China clashed in Beijing in May 2020.",
            when=may,
            type_="ASSAULT",
            source="may.txt",
        ),
    }
    with Store(sqlite_url) as store:
        store.add(pairs.values())
        by_source = {e.id: e.mentions[0].source for e in store.events()}
        found = [by_source[e.id] for e in store.events(Filters(**filters))]  # type: ignore[arg-type]
    names = {"day.txt": "e-day", "may.txt": "e-may"}
    assert [names[s] for s in found] == expected


def test_store_timeline_orders_by_event_date_not_publication(sqlite_url: str) -> None:
    older = When(
        value="2019", start=date(2019, 1, 1), end=date(2019, 12, 31), precision="year", basis="text"
    )
    with Store(sqlite_url) as store:
        store.add(
            [
                make_pair(published=date(2020, 1, 1), source="early.txt"),
                make_pair(
                    "India and China met in Beijing in 2019.",
                    when=older,
                    published=date(2025, 1, 1),
                    source="late.txt",
                ),
            ]
        )
        order = [e.when.value for e in store.timeline()]
    assert order == ["2019", "2024-12-16"]


def test_store_keyword_filters(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([make_pair()])
        assert len(store.events(country="IND")) == 1
        with pytest.raises(TypeError):
            store.events(colour="red")


def test_store_unreachable_database_is_a_coded_error() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql://nobody@127.0.0.1:1/nothing")
    assert info.value.code is Code.E008


def test_store_missing_folder_is_a_coded_error(tmp_path: object) -> None:
    with pytest.raises(StoreError) as info:
        Store("/no/such/folder/events.db")
    assert info.value.code is Code.E008


def test_store_plain_path_means_sqlite(tmp_path: object) -> None:
    path = Path(str(tmp_path)) / "x.db"
    with Store(str(path)) as store:
        assert store.dialect == "sqlite"
    assert path.exists()


def test_store_runs_are_recorded(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        run = store.start_run(["a.txt"], "test")
        store.finish_run(run, status="done", articles_read=1)
        (row,) = store.runs()
    assert row["status"] == "done"
    assert row["articles_read"] == 1


def test_store_batch_is_one_transaction(store_url: str) -> None:
    """A batch that fails midway stores nothing (SQLite savepoints included)."""
    first = make_pair(source="1.txt")
    second = make_pair("China and India held talks in Beijing on Monday again.", source="2.txt")

    def batch():  # type: ignore[no-untyped-def]
        yield first
        yield second
        raise RuntimeError("the pipeline failed on the third article")

    with Store(store_url) as store:
        with pytest.raises(RuntimeError):
            store.add(batch())
        assert store.counts()["articles"] == 0
        assert store.add([first, second])[0] == 2


def test_store_synthetic_fill_to_reaches_the_canonical_events_asked(tmp_path: Path) -> None:
    from dateline.store.synthetic import describe, fill_to

    with Store(tmp_path / "synthetic.db") as store:
        written, counts = fill_to(store, 120, slack=5)
        assert counts == store.counts()
        assert counts["events"] >= 120 and written >= 120
        assert fill_to(store, 120) == (0, counts)  # already there: nothing more written
        assert describe(counts, "x.db").startswith(f"store: {counts['events']:,} canonical")
