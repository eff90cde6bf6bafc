"""Direction from tense, aspect, modals and cues (needs the parse: the model), and
event-anchored expressions. The team's own sentences; the publication date is Tuesday
2025-06-24."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.model import Timex
from dateline.nlp.time.links import anchored_point, shift_by
from dateline.nlp.time.points import Point
from dateline.read.base import Article

pytestmark = pytest.mark.model

DCT = date(2025, 6, 24)


def timexes(pipeline: object, text: str, published: date = DCT) -> list[Timex]:
    article = Article(text=text, published=published, source="test")
    return pipeline.annotate_one(article).timexes  # type: ignore[attr-defined, no-any-return]


def value_of(pipeline: object, text: str, expression: str) -> str:
    found = {t.text: t.value for t in timexes(pipeline, text)}
    return found[expression]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Delegates gather for a conclave that begins on Wednesday.", "Wednesday", "2025-06-25"),
        ("The accord was signed on Monday in Geneva.", "Monday", "2025-06-23"),
        ("The ministers will meet on Friday.", "Friday", "2025-06-27"),
        ("The envoy is expected to arrive on Thursday.", "Thursday", "2025-06-26"),
        ("The envoy is travelling to Beijing on Thursday.", "Thursday", "2025-06-26"),
        ("The envoy arrived in Beijing on Thursday.", "Thursday", "2025-06-19"),
        ("The rebels had withdrawn by Sunday.", "Sunday", "2025-06-22"),
        ("Relatives have until Friday to appeal.", "Friday", "2025-06-27"),
        ("The border has been closed since Saturday.", "Saturday", "2025-06-21"),
    ],
)
def test_time_tense_weekday_direction(
    pipeline: object, text: str, expression: str, value: str
) -> None:
    assert value_of(pipeline, text, expression) == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The pact was finalised on October 21.", "October 21", "2024-10-21"),
        ("The summit will open on October 21.", "October 21", "2025-10-21"),
        ("The board declared a dividend payable July 15.", "July 15", "2025-07-15"),
        ("In December, the envoy visited Beijing.", "December", "2024-12"),
        ("Elections will be held in December.", "December", "2025-12"),
        ("Turnout fell in April.", "April", "2025-04"),
        ("The new fiscal rules take effect in January.", "January", "2026-01"),
    ],
)
def test_time_tense_year_of_dates_without_one(
    pipeline: object, text: str, expression: str, value: str
) -> None:
    assert value_of(pipeline, text, expression) == value


def test_time_tense_event_anchored_offset(pipeline: object) -> None:
    text = (
        "Leaders met in Kazan on October 23. "
        "The meeting came two days after the two sides signed a border pact."
    )
    found = timexes(pipeline, text)
    offset = next(t for t in found if t.text == "two days")
    assert (offset.type, offset.value) == ("DURATION", "P2D")
    link = offset.link
    assert link is not None
    assert (link.relation, link.offset) == ("after", "P2D")
    assert link.anchored.text == "the two sides signed a border pact"
    assert text[link.anchored.start : link.anchored.end] == link.anchored.text
    assert link.governor is not None and link.governor.text == "came"
    assert (link.value, link.reference) == ("2024-10-21", "t1")


def test_time_tense_event_anchored_before(pipeline: object) -> None:
    text = "The rebels will withdraw three days before the elections are held."
    link = next(t for t in timexes(pipeline, text) if t.text == "three days").link
    assert link is not None
    assert link.relation == "before"
    assert link.anchored.text == "the elections are held"
    assert link.governor is not None and link.governor.text == "withdraw"


def test_time_tense_anchored_value_keeps_offset_precision(pipeline: object) -> None:
    text = "The plan comes nearly a month and a half after the army launched strikes."
    found = next(t for t in timexes(pipeline, text) if t.type == "DURATION")
    assert (found.value, found.mod) == ("P1.5M", "APPROX")
    assert found.link is not None
    assert found.link.value == "2025-05"  # a month, not an invented day


def test_time_tense_shift_helpers() -> None:
    assert shift_by(date(2024, 10, 23), "P2D", -1) == date(2024, 10, 21)
    assert shift_by(date(2024, 10, 23), "P1.5M", -1) == date(2024, 9, 8)
    assert shift_by(date(2024, 10, 23), "PXD", -1) is None
    from dateline.model import Span, TimexLink

    link = TimexLink(relation="after", offset="P2D", anchored=Span(text="x", start=0, end=1))
    point = anchored_point(link, Point.day(date(2024, 10, 23)))
    assert point is not None and point.value == "2024-10-21"
    assert anchored_point(link, Point.month(2024, 10)) is None


def test_time_tense_link_uses_the_date_in_the_governing_clause(pipeline: object) -> None:
    text = "The deal was signed on Monday, three weeks after talks began."
    offset = next(t for t in timexes(pipeline, text) if t.text == "three weeks")
    assert offset.link is not None
    assert offset.link.anchored.text == "talks began"
    assert (offset.link.value, offset.link.reference) == ("2025-06-02", "t1")


def test_time_tense_link_clause_ends_at_the_comma(pipeline: object) -> None:
    text = "A day after the summit ended, fighting resumed in the north."
    offset = next(t for t in timexes(pipeline, text) if t.text == "A day")
    assert (offset.type, offset.value) == ("DURATION", "P1D")
    assert offset.link is not None
    assert offset.link.anchored.text == "the summit ended"
    assert offset.link.governor is not None and offset.link.governor.text == "resumed"


def test_time_tense_said_weekday_is_the_saying(pipeline: object) -> None:
    text = "The president said on Wednesday he would not sign the bill."
    assert value_of(pipeline, text, "Wednesday") == "2025-06-18"


def test_time_tense_plan_to_act_in_a_past_sentence(pipeline: object) -> None:
    text = "The two sides accepted a plan to resume talks in Geneva in February."
    assert value_of(pipeline, text, "February") == "2025-02"


def test_time_tense_link_with_a_month_governing_time(pipeline: object) -> None:
    text = "Soldiers were hurt in clashes in May, three months after the two sides signed a plan."
    offset = next(t for t in timexes(pipeline, text) if t.text == "three months")
    assert offset.link is not None
    assert offset.link.value == "2025-02"
    assert offset.link.interval is not None
    assert str(offset.link.interval.end) == "2025-02-28"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The offer was extended; it had been due to expire Friday.", "Friday", "2025-06-20"),
        (
            "The truce had been scheduled to end at midnight Friday.",
            "midnight Friday",
            "2025-06-20T24:00",
        ),
        ("The strike, which cut output 3%, on Friday, ended.", "Friday", "2025-06-20"),
    ],
)
def test_time_tense_past_perfect_and_ambiguous_past_look_back(
    pipeline: object, text: str, expression: str, value: str
) -> None:
    assert value_of(pipeline, text, expression) == value


def test_time_tense_one_day_ahead_is_a_future_reference(pipeline: object) -> None:
    found = {
        t.text: (t.type, t.value)
        for t in timexes(pipeline, "The city will one day host the games.")
    }
    assert found["one day"] == ("DATE", "FUTURE_REF")


def test_time_tense_through_looks_ahead_in_a_present_perfect(pipeline: object) -> None:
    text = "The bank has extended the credit line through January."
    assert value_of(pipeline, text, "January") == "2026-01"


def test_time_tense_soon_in_a_past_story_is_not_a_future_reference(pipeline: object) -> None:
    assert timexes(pipeline, "Aid began as a trickle that soon became a flood.") == []
