"""Event-anchored expressions: "two days after India and China firmed up a pact".

The duration "two days" is followed by a signal ("after", "before", "since", "until",
"following", "prior to") and the clause or noun phrase of an anchoring event. We record
the relation, the offset, the anchoring clause's span and the word whose event the
expression dates (its governor, "came" in "The meeting came two days after …"), so the
events component can date one event from the other. When the governing event's own time
is known (a date in its clause, or the time the story was last at), the anchored
event's date is worked out here too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from dateline.model import Interval, Timex, TimexLink
from dateline.model import Span as TextSpan
from dateline.nlp.time.points import Gran, Point

_SIGNALS = {
    "after": "after",
    "before": "before",
    "since": "since",
    "until": "until",
    "till": "until",
    "following": "after",
    "prior": "before",
    "ahead": "before",
    "into": "during",
}
"""Signal word → how the governing event relates to the anchoring one."""


def find_link(doc: Doc, timex: Timex) -> TimexLink | None:
    """The link for a duration directly followed by a signal and an event, or None ("on
    January 15 after weeks of talks" dates the talks' end, it is not counted from them)."""
    if timex.type != "DURATION":
        return None
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    signal = doc[span.end]
    relation = _SIGNALS.get(signal.lower_)
    if relation is None:
        return None
    first = span.end + 1
    if signal.lower_ in ("prior", "ahead") and first < len(doc) and doc[first].lower_ == "to":
        first += 1
    if signal.lower_ == "into" and timex.type != "DURATION":
        return None
    anchored = _anchored(doc, signal, first)
    if anchored is None:
        return None
    offset = timex.value if timex.type == "DURATION" and timex.value.startswith("P") else None
    governor = _governor(span, anchored)
    return TimexLink(
        relation=relation,
        offset=offset,
        anchored=TextSpan(text=anchored.text, start=anchored.start_char, end=anchored.end_char),
        governor=(
            TextSpan(text=governor.text, start=governor.idx, end=governor.idx + len(governor))
            if governor is not None
            else None
        ),
    )


def _anchored(doc: Doc, signal: Token, first: int) -> Span | None:
    """The clause or noun phrase after the signal, up to the end of its sentence part."""
    if first >= len(doc):
        return None
    sent_end = signal.sent.end if doc.has_annotation("SENT_START") else len(doc)
    subtree = [t.i for t in signal.subtree if t.i >= first]
    if subtree:
        last = max(subtree)
    else:
        last = first
        for t in doc[first:sent_end]:
            if t.is_punct and t.text in ".;:!?":
                break
            last = t.i
    for t in doc[first : last + 1]:
        if t.text in (",", ";", "--", "—", "–") and t.i > first:
            last = t.i - 1  # "Days after the summit ended, fighting resumed": the clause ends here
            break
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    piece = doc[first : last + 1]
    if not any(t.pos_ in ("VERB", "NOUN", "PROPN", "AUX") for t in piece):
        return None  # "two days after." has nothing to anchor on
    return piece


def _governor(span: Span, anchored: Span) -> Token | None:
    """The verb (or noun) whose event the expression dates: the nearest one above it in
    the parse that is outside the anchoring clause ("came" in "The meeting came two days
    after India and China firmed up a pact", not "firmed")."""
    inside = range(anchored.start, anchored.end)
    token = span.root
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            return token if token not in span and token.i not in inside else None
        if (
            head not in span
            and head.i not in inside
            and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
        ):
            return head
        token = head
    return None


def shift_by(day: date, offset: str, sign: int) -> date | None:
    """``day`` moved by a TIMEX3 duration such as P2D, P3W, P1.5M (None if unreadable)."""
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([DWMY])", offset)
    if not m:
        return None
    n = float(m[1])
    unit = m[2]
    if unit == "D":
        return day + timedelta(days=sign * round(n))
    if unit == "W":
        return day + timedelta(days=sign * round(7 * n))
    if unit == "M":
        whole = int(n)
        rest = round((n - whole) * 30)
        return day + relativedelta(months=sign * whole) + timedelta(days=sign * rest)
    whole = int(n)
    rest = round((n - whole) * 12)
    return day + relativedelta(years=sign * whole, months=sign * rest)


def anchored_point(link: TimexLink, governing: Point) -> Point | None:
    """When did the anchoring event happen, given the governing event's time? "Came two
    days after X" with "came" on 2024-10-23 puts X on 2024-10-21. The result is only as
    precise as the offset and the governing time: days and weeks give a day, months a
    month, years a year ("a month and a half after" does not name a day); "three months
    after X" with the governing event in May 2023 puts X in February 2023. None for a
    vague offset or one finer than the governing time."""
    sign = {"after": -1, "before": 1}.get(link.relation)
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([DWMY])", link.offset or "")
    if sign is None or m is None:
        return None
    amount, unit = float(m[1]), m[2]
    if governing.gran >= Gran.DAY:
        day = shift_by(governing.start, m[0], sign)
        if day is None:
            return None
        if unit == "M":
            return Point.month(day.year, day.month)
        if unit == "Y":
            return Point.year(day.year)
        return Point.day(day)
    whole = amount == int(amount)
    if governing.gran is Gran.MONTH and unit in ("M", "Y") and whole:
        return governing.shift(sign * int(amount), unit)
    if governing.gran is Gran.YEAR and unit == "Y" and whole:
        return governing.shift(sign * int(amount), "Y")
    return None


def interval_of(point: Point) -> Interval:
    return point.interval
