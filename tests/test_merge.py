"""Cross-article merging in the store: two reports of one meeting become one canonical
event; different happenings stay apart; decisions are stored, reversible, deterministic."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.merge import MergeMention, Party, cluster, compare
from dateline.merge.score import DEFAULT
from dateline.store import Store
from tests.builders import day, meeting_a, meeting_b, month, report


def test_merge_two_reports_of_one_meeting_make_one_event(store_url: str) -> None:
    with Store(store_url) as store:
        store.add([meeting_a()])
        store.add([meeting_b()])
        (event,) = store.events()
    assert event.type == "CONSULT"
    assert event.mention_count == 2
    assert event.article_count == 2
    assert event.source_count == 2
    assert (event.first_reported, event.last_reported) == (date(2024, 10, 24), date(2024, 10, 25))
    assert [a.name for a in event.actors] == ["Narendra Modi", "Xi Jinping"]
    assert {m.trigger.text for m in event.mentions} == {"talks"}


def test_merge_in_one_batch_is_the_same_as_incremental(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([meeting_b(), meeting_a()])
        (event,) = store.events()
    assert event.article_count == 2


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (
            {"type_": "AGREE", "trigger": "pact", "when": day("2024-10-21")},
            "a pact two days earlier is another happening",
        ),
        ({"when": day("2024-12-18")}, "a meeting two months later"),
        (
            {"actors": [("Vladimir Putin", "RUS")], "recipients": [("Joko Widodo", "IDN")]},
            "other parties",
        ),
        ({"type_": "ASSAULT", "trigger": "talks"}, "another family of event"),
        ({"place": "Lima"}, "a place on another continent"),
        ({"status": "negated"}, "a denial is not a report of it"),
    ],
)
def test_merge_keeps_different_happenings_apart(
    sqlite_url: str, other: dict[str, object], why: str
) -> None:
    base = {
        "published": "2024-10-25",
        "source": "b.txt",
        "actors": [("Narendra Modi", "IND"), ("Xi Jinping", "CHN")],
        "trigger": "talks",
    }
    base.update(other)
    sentence = "Narendra Modi and Xi Jinping: talks, pact in Kazan and Lima."
    with Store(sqlite_url) as store:
        store.add([meeting_a()])
        store.add([report(sentence, **base)])  # type: ignore[arg-type]
        assert store.counts()["events"] == 2, why


def test_merge_canonical_fields_take_the_most_precise_and_keep_conflicts(sqlite_url: str) -> None:
    vague = report(
        "Narendra Modi and Xi Jinping are expected to hold talks in Kazan in October.",
        published="2024-10-20",
        source="c.txt",
        actors=[("Narendra Modi", "IND"), ("Xi Jinping", "CHN")],
        trigger="talks",
        when=month("2024-10"),
        status="planned",
    )
    with Store(sqlite_url) as store:
        store.add([vague])
        store.add([meeting_a(), meeting_b()])
        (event,) = store.events()
    assert event.when.value == "2024-10-23"
    assert event.when.precision == "day"
    assert event.status == "occurred"  # the latest report's
    assert [c.value for c in event.conflicts["status"]] == ["planned"]
    assert event.article_count == 3


def test_merge_decisions_explain_why(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([meeting_a()])
        store.add([meeting_b()])
        (event,) = store.events()
        rows = store.explain(event.id)
    assert [r["decision"] for r in rows] == ["new", "attach"]
    evidence = rows[1]["evidence"]["evidence"]
    assert {"type", "date", "actors", "place"} <= set(evidence["parts"])
    assert rows[1]["score"] >= rows[1]["evidence"]["threshold"]


def test_merge_split_join_and_rebuild_are_reversible(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([meeting_a()])
        store.add([meeting_b()])
        (event,) = store.events()
        later = max(event.mentions, key=lambda m: m.published)
        new_id = store.split(event.id, later.article, later.event)
        assert new_id != event.id
        assert store.counts()["events"] == 2
        store.remerge()
        assert store.counts()["events"] == 2  # a split by hand survives a rebuild
        store.join(event.id, new_id)
        (joined,) = store.events()
        assert joined.id == event.id
        assert joined.article_count == 2
        store.remerge()
        assert store.counts()["events"] == 1


def test_merge_split_of_the_founder_keeps_ids_derived_from_founders(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        store.add([meeting_a()])
        store.add([meeting_b()])
        (event,) = store.events()
        first = min(event.mentions, key=lambda m: m.published)
        kept = store.split(event.id, first.article, first.event)
        assert kept == event.id
        assert len(store.events()) == 2


def test_merge_rebuild_does_not_depend_on_ingest_order(tmp_path: object) -> None:
    from pathlib import Path

    base = Path(str(tmp_path))
    third = report(
        "Xi Jinping met Narendra Modi in Kazan, the Russian city hosting the summit.",
        published="2024-10-23",
        source="d.txt",
        actors=[("Xi Jinping", "CHN"), ("Narendra Modi", "IND")],
        trigger="met",
    )
    ids = []
    for name, order in (("one", [meeting_a, meeting_b]), ("two", [meeting_b, meeting_a])):
        with Store(base / f"{name}.db") as store:
            store.add([third])
            for make in order:
                store.add([make()])
            store.remerge()
            ids.append(sorted((e.id, e.article_count) for e in store.events()))
    assert ids[0] == ids[1]
    assert ids[0][0][1] == 3


def test_merge_pending_mentions_written_elsewhere_are_merged(sqlite_url: str) -> None:
    from dateline.store import write

    with Store(sqlite_url) as store:
        store.add([meeting_a()])
        article, record = meeting_b()
        with store.engine.begin() as conn:  # a bulk writer that bypasses Store.add
            write.insert_article(conn, article, record, pipeline="", run_id=None)
        assert store.counts()["events"] == 2
        assert store.merge() == {"mentions": 1, "attached": 1, "new": 0}
        assert store.counts()["events"] == 1


def _m(key: str, **kw: object) -> MergeMention:
    values: dict[str, object] = {
        "article": key,
        "source": key,
        "published": date(2024, 1, 2),
        "order": ("2024-01-02", key, "000001", "e1"),
        "type": "ASSAULT",
        "start": date(2024, 1, 1),
        "end": date(2024, 1, 1),
        "value": "2024-01-01",
        "precision": "day",
        "basis": "text",
        "actors": (Party("Russia", "RUS"),),
        "recipients": (Party("Ukraine", "UKR"),),
        "trigger": "shell",
    }
    values.update(kw)
    return MergeMention(key=key, **values)  # type: ignore[arg-type]


def test_merge_compare_vetoes_and_evidence() -> None:
    a = _m("a")
    assert compare(a, _m("b")).veto is None
    assert "date" in compare(a, _m("b")).parts
    assert compare(a, _m("b", type="AGREE")).veto
    assert compare(a, _m("b", actors=(Party("Peru", "PER"),), recipients=())).veto
    far = _m("b", start=date(2024, 1, 9), end=date(2024, 1, 9), value="2024-01-09")
    assert compare(a, far).veto
    assert compare(a, _m("b", start=date(2024, 1, 2), end=date(2024, 1, 2))).veto is None


def test_merge_same_article_needs_same_type_and_text_dates() -> None:
    a = _m("a")
    fallback = _m("a", basis="published", order=("2024-01-02", "a", "000002", "e2"))
    assert compare(a, fallback).veto


def test_merge_cluster_is_deterministic() -> None:
    mentions = [_m(k) for k in "dcba"] + [_m("x", type="CONSULT", trigger="meet")]
    first, _ = cluster(mentions)
    second, _ = cluster(list(reversed(mentions)))
    assert first == second
    assert len(set(first.values())) == 2


def test_merge_type_and_date_alone_never_merge() -> None:
    a = _m("a", actors=(), recipients=())
    b = _m("b", actors=(), recipients=(), trigger="strike")
    evidence = compare(a, b)
    assert set(evidence.parts) == {"type", "date"}
    assert evidence.score >= DEFAULT.threshold  # enough points, too few kinds of evidence
    assert len(set(cluster([a, b])[0].values())) == 2
    same_word = _m("b", actors=(), recipients=())  # the same trigger is a third kind
    assert len(set(cluster([a, same_word])[0].values())) == 1


@pytest.mark.model
def test_merge_sample_and_seed_report_one_meeting(
    tmp_path: object, pipeline: object, seed_path: object
) -> None:
    """Sample 05 and the seed article both report the Modi–Xi meeting in Kazan: one
    canonical event with two mentions; the seed's pact stays one event of its own."""
    from pathlib import Path

    from dateline.ingest import ingest
    from dateline.samples import sample_paths

    sample = next(p for p in sample_paths() if p.name.startswith("05-"))
    with Store(Path(str(tmp_path)) / "events.db") as store:
        ingest([str(sample), str(seed_path)], store, pipeline)  # type: ignore[arg-type]
        events = store.events()
    meetings = [
        e
        for e in events
        if e.type == "CONSULT" and {"Narendra Modi", "Xi Jinping"} <= {a.name for a in e.actors}
    ]
    assert len(meetings) == 1
    (meeting,) = meetings
    assert meeting.article_count == 2
    assert len(meeting.mentions) == 2
    assert meeting.when.value == "2024-10-23"
    pacts = [e for e in events if any(m.trigger.text == "pact" for m in e.mentions)]
    assert len(pacts) == 1
    assert pacts[0].type == "SUPPORT"  # finalising a pact (PLOVER codebook)
    assert pacts[0].id != meeting.id
    assert all(m.trigger.text != "pact" for m in meeting.mentions)


@pytest.mark.postgres
def test_merge_concurrent_writers_on_postgresql(postgres_url: str) -> None:
    """Two writers storing reports of one meeting at once: the advisory lock serialises
    their merges, so the second sees the first's event and joins it."""
    from concurrent.futures import ThreadPoolExecutor

    Store(postgres_url).close()  # migrate once

    def write(make: object) -> None:
        with Store(postgres_url) as store:
            store.add([make()])  # type: ignore[operator]

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(write, [meeting_a, meeting_b]))
    with Store(postgres_url) as store:
        (event,) = store.events()
    assert event.article_count == 2


def test_timeline_cli_shows_merged_reports_and_filters_by_bbox(tmp_path: object) -> None:
    from pathlib import Path

    from typer.testing import CliRunner

    from dateline.cli import app

    db = str(Path(str(tmp_path)) / "events.db")
    with Store(db) as store:
        store.add([meeting_a(), meeting_b()])
    inside = CliRunner().invoke(app, ["timeline", "--db", db, "--bbox", "40,50,60,60"])
    assert inside.exit_code == 0, inside.output
    assert "2 reports, 2 sources" in inside.output
    assert "2024-10-23" in inside.output
    outside = CliRunner().invoke(app, ["timeline", "--db", db, "--bbox", "-80,-20,-70,0"])
    assert "No events match." in outside.output
