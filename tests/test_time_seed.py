"""Every time expression of the seed article (../shared/examples), resolved against its
publication date, Tuesday 2025-06-24. Skips when the article is not on this machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.read import read_path

pytestmark = pytest.mark.model

EXPECTED = [
    # text, type, value, mod, anchor
    ("two-day", "DURATION", "P2D", None, None),
    ("Wednesday", "DATE", "2025-06-25", None, "published"),
    ("nearly a month-and-a-half", "DURATION", "P1.5M", "APPROX", None),
    ("May 2020", "DATE", "2020-05", None, None),
    ("current", "DATE", "PRESENT_REF", None, "published"),
    ("May 2020", "DATE", "2020-05", None, None),
    ("June that year", "DATE", "2020-06", None, "t6"),
    ("October 21", "DATE", "2024-10-21", None, "published"),
    ("December", "DATE", "2024-12", None, "published"),
    ("October 23", "DATE", "2024-10-23", None, "published"),
    ("two days", "DURATION", "P2D", None, None),
]


@pytest.fixture
def seed_timexes(pipeline, seed_path: Path):  # type: ignore[no-untyped-def]
    (article,) = list(read_path(seed_path))
    return article.text, pipeline.annotate_one(article).timexes


def test_time_seed_every_timex(seed_timexes) -> None:  # type: ignore[no-untyped-def]
    text, timexes = seed_timexes
    got = [(t.text, t.type, t.value, t.mod, t.anchor) for t in timexes]
    assert got == EXPECTED
    for t in timexes:
        assert text[t.start : t.end] == t.text
    assert [t.id for t in timexes] == [f"t{i}" for i in range(1, len(EXPECTED) + 1)]


def test_time_seed_wednesday_offsets_and_interval(seed_timexes) -> None:  # type: ignore[no-untyped-def]
    _, timexes = seed_timexes
    wednesday = timexes[1]
    assert (wednesday.start, wednesday.end) == (317, 326)
    assert wednesday.interval is not None
    assert str(wednesday.interval.start) == str(wednesday.interval.end) == "2025-06-25"


def test_time_seed_precision_kept(seed_timexes) -> None:  # type: ignore[no-untyped-def]
    _, timexes = seed_timexes
    may, december = timexes[3], timexes[8]
    assert may.interval is not None and december.interval is not None
    assert (str(may.interval.start), str(may.interval.end)) == ("2020-05-01", "2020-05-31")
    assert (str(december.interval.start), str(december.interval.end)) == (
        "2024-12-01",
        "2024-12-31",
    )


def test_time_seed_pact_dated_from_the_meeting(seed_timexes) -> None:  # type: ignore[no-untyped-def]
    _, timexes = seed_timexes
    link = timexes[10].link
    assert link is not None
    assert (link.relation, link.offset) == ("after", "P2D")
    assert (
        link.anchored.text
        == "India and China firmed up a disengagement pact for Depsang and Demchok"
    )
    assert link.governor is not None and link.governor.text == "came"
    assert (link.value, link.reference) == ("2024-10-21", "t10")


def test_time_seed_strikes_dated_to_the_month(seed_timexes) -> None:  # type: ignore[no-untyped-def]
    _, timexes = seed_timexes
    link = timexes[2].link
    assert link is not None
    assert link.relation == "after"
    assert link.anchored.text.startswith("India carried out precision strikes")
    assert link.governor is not None and link.governor.text == "comes"
    assert link.value == "2025-05"
