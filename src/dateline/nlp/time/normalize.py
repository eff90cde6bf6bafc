"""TIMEX3 normalisation: a time expression + the article date → type, value, interval.

Values follow TimeML: ``2024-10-21`` (day), ``2020-05`` (month), ``2019`` (year),
``199`` (decade), ``2024-W43`` (week), ``P2D`` (duration), ``PRESENT_REF``. Precision is
never invented: "May 2020" stays a month. Relative expressions are resolved against an
anchor (the publication date, or the last mentioned time for anaphora such as "that year"
or "two days later"), in the direction given by the sentence's tense.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from dateline.model import Interval, TimexType

Direction = Literal["past", "future"] | None

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "several": 3,
    "few": 3,
    "couple": 2,
}
UNITS = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "hour": "H",
    "minute": "M",
    "century": "CE",
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NUM = (
    r"(?P<num>\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|several|few|couple(?: of)?)"
)
_UNIT = r"(?P<unit>day|week|month|year|decade|hour|minute|century)s?"


@dataclass(frozen=True)
class Resolved:
    type: TimexType
    value: str
    interval: Interval | None = None
    anchor: str | None = None
    """'published', 'reference' (the last mentioned time), or None for absolute values."""
    mod: str | None = None


def _day(d: date, anchor: str | None) -> Resolved:
    return Resolved("DATE", d.isoformat(), Interval(start=d, end=d), anchor)


def _month(year: int, month: int, anchor: str | None) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(
        "DATE",
        f"{year:04d}-{month:02d}",
        Interval(start=date(year, month, 1), end=date(year, month, last)),
        anchor,
    )


def _year(year: int, anchor: str | None) -> Resolved:
    return Resolved(
        "DATE", f"{year:04d}", Interval(start=date(year, 1, 1), end=date(year, 12, 31)), anchor
    )


def _week(d: date, anchor: str | None) -> Resolved:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Resolved(
        "DATE",
        f"{iso.year:04d}-W{iso.week:02d}",
        Interval(start=monday, end=monday + timedelta(days=6)),
        anchor,
    )


def _number(word: str) -> float:
    word = word.lower().replace(" of", "")
    return float(word) if word[0].isdigit() else float(NUMBERS[word])


def _shift(ref: date, n: float, unit: str, sign: int) -> Resolved:
    amount = round(n) * sign
    if unit == "day":
        return _day(ref + timedelta(days=amount), None)
    if unit == "week":
        return _week(ref + timedelta(weeks=amount), None)
    if unit == "month":
        d = ref + relativedelta(months=amount)
        return _month(d.year, d.month, None)
    if unit == "year":
        return _year(ref.year + amount, None)
    return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")


def _month_in_direction(month: int, ref: date, direction: Direction) -> int:
    """The year of a bare month: the nearest one in the tense's direction."""
    if direction == "past":
        return ref.year if month <= ref.month else ref.year - 1
    if direction == "future":
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year


def _day_in_direction(month: int, day: int, ref: date, direction: Direction) -> date:
    year = ref.year
    candidate = date(year, month, day)
    if direction == "past" and candidate > ref:
        candidate = date(year - 1, month, day)
    elif direction == "future" and candidate < ref:
        candidate = date(year + 1, month, day)
    return candidate


def normalize(
    text: str,
    published: date | None,
    *,
    direction: Direction = None,
    reference: date | None = None,
) -> Resolved | None:
    """Resolve one time expression, or None when it is not one we can read honestly."""
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"^(?:on|in|at|by|since|during|from|until|the|of)\s+", "", t)
    t = re.sub(r"^(?:on|in|at|the)\s+", "", t)
    anchor_ref = reference or published

    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        return _safe(lambda: _day(date(int(m[1]), int(m[2]), int(m[3])), None))
    if m := re.fullmatch(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})", t
    ):
        return _safe(lambda: _day(date(int(m["year"]), MONTHS[m["month"]], int(m["day"])), None))
    if m := re.fullmatch(
        rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", t
    ):
        return _safe(lambda: _day(date(int(m["year"]), MONTHS[m["month"]], int(m["day"])), None))
    if m := re.fullmatch(rf"{_MONTH},?\s+(?P<year>\d{{4}})", t):
        return _month(int(m["year"]), MONTHS[m["month"]], None)
    if m := re.fullmatch(r"(?P<year>(?:1[89]|20)\d{2})", t):
        return _year(int(m["year"]), None)
    if m := re.fullmatch(r"(?P<dec>(?:1[89]|20)\d)0'?s", t):
        start = int(m["dec"]) * 10
        return Resolved(
            "DATE", m["dec"], Interval(start=date(start, 1, 1), end=date(start + 9, 12, 31))
        )
    m = re.fullmatch(rf"(?:{_NUM}[- ]){_UNIT}(?:[- ]long)?", t)
    if m and m["num"] and m["unit"] in UNITS:
        n = _number(m["num"])
        unit = UNITS[m["unit"]]
        prefix = "PT" if m["unit"] in ("hour", "minute") else "P"
        return Resolved("DURATION", f"{prefix}{n:g}{unit}")
    if t in ("now", "currently", "at present", "present"):
        return Resolved("DATE", "PRESENT_REF", anchor="published")
    if t in ("recently", "lately", "in the past", "formerly", "previously"):
        return Resolved("DATE", "PAST_REF", anchor="published")
    if t in ("soon", "in the future", "in the coming weeks", "in the coming months"):
        return Resolved("DATE", "FUTURE_REF", anchor="published")

    if published is None:
        return None  # everything below needs an anchor

    simple = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if t in simple:
        return _day(published + timedelta(days=simple[t]), "published")
    if m := re.fullmatch(
        r"(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>week|month|year)", t
    ):
        sign = {"this": 0, "coming": 1, "next": 1}.get(m["rel"], -1)
        res = _shift(published, 1 if sign else 0, m["unit"], sign or 1)
        return _with_anchor(res, "published")
    if m := re.fullmatch(rf"{_NUM}\s+{_UNIT}\s+ago", t):
        return _with_anchor(_shift(published, _number(m["num"]), m["unit"], -1), "published")
    if m := re.fullmatch(rf"{_NUM}\s+{_UNIT}\s+(?:later|after(?:wards)?)", t):
        ref = anchor_ref or published
        res = _shift(ref, _number(m["num"]), m["unit"], 1)
        return _with_anchor(res, "reference" if reference else "published")
    if m := re.fullmatch(r"(?:the\s+)?(?:next|following)\s+(?P<unit>day|week|month|year)", t):
        ref = anchor_ref or published
        return _with_anchor(_shift(ref, 1, m["unit"], 1), "reference" if reference else "published")
    if m := re.fullmatch(
        r"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?",
        t,
    ):
        wd = WEEKDAYS[m["wd"]]
        rel = m["rel"]
        forward = rel in ("next", "coming") or (rel is None and direction == "future")
        if rel == "this":
            forward = direction != "past"
        delta = (wd - published.weekday()) % 7
        if forward:
            d = published + timedelta(days=delta or 7)
        else:
            back = (published.weekday() - wd) % 7
            d = published - timedelta(days=back or 7)
        return _day(d, "published")
    if m := re.fullmatch(rf"{_MONTH}\s+(?:that|the same)\s+year", t):
        ref = anchor_ref or published
        return _month(ref.year, MONTHS[m["month"]], "reference" if reference else "published")
    if m := re.fullmatch(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?", t) or re.fullmatch(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", t
    ):
        return _safe(
            lambda: _day(
                _day_in_direction(MONTHS[m["month"]], int(m["day"]), published, direction),
                "published",
            )
        )
    if m := re.fullmatch(rf"(?:early|mid|late)?-?\s*{_MONTH}", t):
        month = MONTHS[m["month"]]
        return _month(_month_in_direction(month, published, direction), month, "published")
    return None


def _with_anchor(res: Resolved, anchor: str) -> Resolved:
    return Resolved(res.type, res.value, res.interval, anchor if res.interval else None, res.mod)


def _safe(make: object) -> Resolved | None:
    try:
        return make()  # type: ignore[operator,no-any-return]
    except (ValueError, KeyError):
        return None  # e.g. 31 February: not a date, so not a DATE timex
