"""Property tests (hypothesis): the time normalizer on arbitrary text and publication
dates never raises, every value it emits is a TimeML TIMEX3 value whose interval covers
what it denotes, and every span of the full pipeline slices the text it claims."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.model import ArticleRecord, Timex
from dateline.nlp.time.component import tag

_NLP = spacy.blank("en")

# -- the TimeML value grammar (TIMEX3 value attribute, TimeML 1.2.1 / ISO-TimeML) ---------

_YEAR = r"(?:\d{4}|X{4})"
_PART = r"(?:MO|MI|AF|EV|NI|DT)"
_CLOCK = r"(?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d)?"
_CALENDAR = (
    rf"{_YEAR}(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?)?"
    rf"|{_YEAR}-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE|X))?"
    rf"|{_YEAR}-Q(?:[1-4]|X)|{_YEAR}-H(?:[12]|X)|{_YEAR}-(?:SP|SU|FA|WI)"
    r"|\d{3}|\d{2}"
)
DATE_VALUE = re.compile(rf"^(?:(?:{_CALENDAR})(?:T(?:{_CLOCK}|{_PART}))?)$")
REF_VALUE = re.compile(r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF)$")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
DURATION_VALUE = re.compile(
    rf"^P(?:(?:{_AMOUNT}(?:Y|M|W|D|Q|H|DE|CE|ML|WE))+(?:T(?:{_AMOUNT}(?:H|M|S))+)?"
    rf"|T(?:{_AMOUNT}(?:H|M|S))+)$"
)


def valid_value(timex: Timex) -> bool:
    value = timex.value
    if timex.type in ("DATE", "TIME"):
        return bool(DATE_VALUE.match(value) or REF_VALUE.match(value))
    if timex.type == "DURATION":
        return bool(DURATION_VALUE.match(value))
    if timex.type == "SET":
        return bool(DURATION_VALUE.match(value) or DATE_VALUE.match(value))
    return False


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def denotes(value: str) -> tuple[date, date] | None:
    """First and last day a fully specified calendar value names (None: not one)."""
    base = value.split("T", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", base):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d\d)", base):
            return date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", base):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", base):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", base):
            first = 3 * int(m[2]) - 2
            return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 2)
        if m := re.fullmatch(r"(\d{4})-H([12])", base):
            first = 6 * int(m[2]) - 5
            return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 5)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", base):
            a, b = _SEASON_MONTHS[m[2]]
            return date(int(m[1]), a, 1), _month_end(int(m[1]), b)
        if m := re.fullmatch(r"(\d{3})", base):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", base):
            first = max(1, int(m[1]) * 100)
            return date(first, 1, 1), date(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None  # e.g. a week 53 in a year without one: caught by the interval check
    return None


_UNIT_DAYS = {"D": 1, "W": 7, "M": 28, "Q": 89, "Y": 365, "DE": 3652, "CE": 36524}


def check_timex(text: str, t: Timex, published: date | None) -> None:
    assert text[t.start : t.end] == t.text, (t, text)
    assert t.text.strip() == t.text and t.text, t
    assert valid_value(t), (t.type, t.value, t.text)
    if t.interval is None:
        return
    assert t.interval.start <= t.interval.end, t
    span = denotes(t.value)
    if t.type in ("DATE", "TIME") and span is not None:
        assert t.interval.start <= span[0] and span[1] <= t.interval.end, (t.value, t.interval)
    elif t.type == "DATE" and t.value == "PRESENT_REF" and published is not None:
        assert t.interval.start <= published <= t.interval.end, t
    elif t.type == "DURATION" and published is not None:
        # "the past three weeks": a stretch that ends (or starts) on the publication day
        assert published in (t.interval.start, t.interval.end), t
        m = re.fullmatch(r"P(\d+)(D|W|M|Q|Y|DE|CE)", t.value)
        if m:
            days = (t.interval.end - t.interval.start).days + 1
            assert days >= int(m[1]) * _UNIT_DAYS[m[2]], (t.value, t.interval)


def test_reliability_props_value_grammar_accepts_and_refuses() -> None:
    """The checker itself: it must tell TimeML values from others."""

    def ok(kind: str, value: str) -> bool:
        return valid_value(Timex(id="t1", text="x", start=0, end=1, type=kind, value=value))  # type: ignore[arg-type]

    for value in ("2024", "2024-10", "2024-10-21", "2024-W43", "2024-W43-WE", "2024-Q3",
                  "2024-H1", "2024-SU", "199", "20", "2024-10-21TMO", "2024-10-21T14:30",
                  "XXXX-10", "2024-XX-XX", "PRESENT_REF", "PAST_REF"):  # fmt: skip
        assert ok("DATE", value), value
    for value in ("P2D", "P1Y6M", "PXY", "PT3H", "P1.5Y", "P2DE"):
        assert ok("DURATION", value), value
    for value in ("P1W", "XXXX-WXX-1", "XXXX-XX-XXTNI"):
        assert ok("SET", value), value
    for kind, value in (("DATE", "2024-13"), ("DATE", "2024-02-32"), ("DATE", "24-10-21"),
                        ("DATE", "2024-W54"), ("DATE", "2024-Q5"), ("DATE", "NOW"),
                        ("DATE", "2024-10-21T25:00"), ("DURATION", "2D"), ("DURATION", "P"),
                        ("DURATION", "P2"), ("DATE", "P2D"), ("DURATION", "2024-10"),
                        ("DATE", "")):  # fmt: skip
        assert not ok(kind, value), (kind, value)
    assert denotes("2024-W01") == (date(2024, 1, 1), date(2024, 1, 7))
    assert denotes("2024-WI") == (date(2024, 12, 1), date(2025, 2, 28))
    assert denotes("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert denotes("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))


# -- the normalizer on arbitrary input -----------------------------------------------------

TIME_WORDS = [
    "on", "in", "the", "a", "of", "last", "next", "this", "that", "early", "late", "mid",
    "about", "nearly", "since", "until", "by", "ago", "later", "earlier", "before", "after",
    "two", "3", "12", "0", "00", "31", "32", "99", "1998", "2025", "0000", "9999", "10000",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "quarter", "decade",
    "century", "night", "morning", "weekend", "spring", "winter", "fall", "summer",
    "Monday", "Friday's", "May", "June", "February", "Feb.", "Oct.", "31st", "30th", "29",
    "23,", "24th", "1990s", "the 1900s", "40th", "century", "BC", "AD", "Q3", "Q5", "H2",
    "W53", "fiscal", "every", "each", "daily", "weekly", "today", "tomorrow", "yesterday",
    "now", "recently", "soon", "2024-02-30", "2024-02-29", "0000-00-00", "2023-02-29",
    "12/31/99", "31/02/2024", "13/13/2013", "2024-W53", "10:30", "25:61", "a.m.", "p.m.",
    "noon", "midnight", "Christmas", "Easter", "Ramadan", "year 0", "31 February",
    "February 30", "the year 3000", "the 22nd century", ".", ",", "-", "–", "\n",
]  # fmt: skip

PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(
        [
            date(1800, 1, 1),
            date(2200, 12, 31),
            date(2024, 2, 29),
            date(2020, 12, 31),
            date(2021, 1, 3),
            date(2026, 12, 28),
            date(1900, 3, 1),
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(TIME_WORDS), max_size=30), published=PUBLISHED)
def test_reliability_props_time_words(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    for t in tag(_NLP(text), published):
        check_timex(text, t, published)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The site was settled 9999 years ago.", date(2048, 6, 27), [("DURATION", "P9999Y")]),
        ("Results came in 0000 third-quarter filings.", None, []),
        ("Growth over the next 99 centuries.", date(1932, 7, 5), [("DURATION", "P9900Y")]),
        ("It happened 2025 years ago, they said.", date(1800, 1, 1), [("DURATION", "P2025Y")]),
        ("Over the last 10000 centuries.", date(1800, 1, 1), [("DURATION", "P1000000Y")]),
    ],
)
def test_reliability_props_dates_beyond_the_calendar(
    text: str, published: date | None, expected: list[tuple[str, str]]
) -> None:
    """Found by the properties below: arithmetic past year 1 or 9999 raised ValueError
    and failed the whole article. Now there is no date, at most a duration without an
    interval."""
    found = tag(_NLP(text), published)
    for t in found:
        check_timex(text, t, published)
        assert t.interval is None
    assert [(t.type, t.value) for t in found] == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), published=PUBLISHED)
def test_reliability_props_arbitrary_text(text: str, published: date | None) -> None:
    for t in tag(_NLP(text), published):
        check_timex(text, t, published)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    words=st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=8),
    published=PUBLISHED,
    body_start=st.integers(min_value=0, max_value=60),
)
def test_reliability_props_after_a_header(
    prefix: str, words: list[str], published: date | None, body_start: int
) -> None:
    """With a header before the body, nothing is found in the header and offsets still
    index the whole text."""
    text = prefix + " " + " ".join(words)
    start = min(body_start, len(text))
    for t in tag(_NLP(text), published, start):
        assert t.start >= start
        check_timex(text, t, published)


# -- the full pipeline: spans slice the text they claim -------------------------------------

ACTORS = ["India", "China", "the Kenyan police", "Russia's army", "Ukrainian forces",
          "Prime Minister Narendra Modi", "Hamas", "the United Nations", "protesters"]  # fmt: skip
VERBS = ["attacked", "met", "signed an agreement with", "accused", "arrested", "shelled",
         "criticised", "held talks with", "warned", "condemned"]  # fmt: skip
PLACES = ["in Nairobi", "near Kharkiv", "in New Delhi", "in Gaza", "at the border", ""]
WHEN = ["on Monday", "last week", "on 3 March 2024", "in early May", "two days ago",
        "yesterday", "on 31 February", "in the year 0", "in 9999", "9999 years ago",
        "two days after the summit", "in the next 99 centuries", "on 29 February 2023",
        ""]  # fmt: skip
NOISE = ["", " ", "  ", "\n", "\t", " — ", "…", "\u00a0", "😀 ", "«", "‘", "\u200b"]


@st.composite
def articles(draw: Any) -> str:
    sentences = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        parts = [
            draw(st.sampled_from(ACTORS)),
            draw(st.sampled_from(VERBS)),
            draw(st.sampled_from(ACTORS)),
            draw(st.sampled_from(PLACES)),
            draw(st.sampled_from(WHEN)),
        ]
        sep = draw(st.sampled_from(NOISE))
        sentence = " ".join(p for p in parts if p)
        if draw(st.booleans()):
            sentence = sentence.upper() if draw(st.booleans()) else sentence.lower()
        sentences.append(sep + sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def check_record(text: str, record: ArticleRecord, published: date) -> None:
    n = len(text)
    for t in record.timexes:
        check_timex(text, t, published)
    for who in (*record.actors, *record.places):
        assert who.mentions, who
        for s, e in who.mentions:
            assert 0 <= s < e <= n and text[s:e].strip(), (who.name, s, e)
    for event in record.events:
        for trigger, sentence in [
            (event.trigger, event.sentence),
            *((m.trigger, m.sentence) for m in event.mentions),
        ]:
            assert text[trigger.start : trigger.end] == trigger.text, (event.id, trigger)
            assert 0 <= sentence.start <= trigger.start < trigger.end <= sentence.end <= n
            if sentence.text is not None:
                assert text[sentence.start : sentence.end] == sentence.text
        assert event.when.start <= event.when.end
        ids = {a.id for a in record.actors}
        assert set(event.actors) <= ids and set(event.recipients) <= ids
        assert event.where is None or event.where in {p.id for p in record.places}
        assert event.when.timex is None or event.when.timex in {t.id for t in record.timexes}


@pytest.mark.model
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=articles(),
    published=st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    header=st.booleans(),
)
def test_reliability_props_pipeline_spans_slice_the_text(
    pipeline: Any, text: str, published: date, header: bool
) -> None:
    from dateline.read.base import Article

    body_start = 0
    if header:  # a date-header file: offsets are file offsets, the header is not read
        head = f" date {published.isoformat()} "
        text, body_start = head + text, len(head)
    article = Article(text=text, published=published, source="prop.txt", body_start=body_start)
    record = pipeline.annotate_one(article)
    check_record(text, record, published)
    for t in record.timexes:
        assert t.start >= body_start


JUNK = st.text(
    alphabet=st.sampled_from(
        [
            *"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:-'\"()\n",
            *("\u00a0", "\u00ad", "\u200b", "\u202e", "\ufeff", "\u0301", "😀", "é", "中", "א"),
        ]
    ),
    min_size=1,
    max_size=200,
)


@pytest.mark.model
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    junk=st.lists(st.one_of(JUNK, st.sampled_from(TIME_WORDS + ACTORS + VERBS)), max_size=12),
    published=st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
)
def test_reliability_props_pipeline_on_junk(
    pipeline: Any, junk: list[str], published: date
) -> None:
    from dateline.read.base import Article

    text = " ".join(junk)
    if not text.strip():
        return
    record = pipeline.annotate_one(Article(text=text, published=published, source="junk.txt"))
    check_record(text, record, published)
