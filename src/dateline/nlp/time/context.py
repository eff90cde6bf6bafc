"""What resolvers share: the :class:`Reading` they return, the :class:`Context` they read,
the registry that maps rule names to them, and helpers that read the pieces of a match
(month names, numbers, units, mods) and choose a year or a day in a tense's direction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateline.model import Interval, TimexType
from dateline.nlp.time.lexicon import (
    AMOUNT_MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
)

Direction = Literal["past", "future", "present"] | None
Anchor = Literal["published", "reference", "period"] | None


@dataclass
class Reading:
    """What an expression means: TIMEX3 type and value, the stretch of calendar it names
    (if any), its mod, and what it was resolved against."""

    type: TimexType
    value: str
    point: Point | None = None
    mod: str | None = None
    anchor: Anchor = None
    interval: Interval | None = None
    sets_reference: bool = True
    sets_period: bool = True
    focus: Point | None = None
    """A period this expression puts under discussion without naming it as a date
    ("the first nine months" puts the year in focus)."""

    def __post_init__(self) -> None:
        if self.interval is None and self.point is not None:
            self.interval = self.point.interval


@dataclass
class Context:
    """What the resolvers know about the document so far."""

    dct: date | None
    direction: Callable[[], Direction] = lambda: None
    reference: Point | None = None
    """The last mentioned calendar time (for anaphora)."""
    period: Point | None = None
    """The last mentioned financial period (a quarter, a half, a fiscal year)."""
    before: str = ""
    """Text just before the expression (lower case), for cues such as "for", "in"."""
    after: str = ""
    """Text just after the expression (lower case)."""
    after_cased: str = ""
    """Text just after the expression, as written (for capitalised names)."""
    possessive: bool = False
    """The expression is followed by 's ("Friday's vote"): it names a time already past."""

    def ref(self, gran: Gran | None = None) -> tuple[Point, Anchor] | None:
        """The reference time: the last mentioned time, else the publication date. With
        ``gran``, a last mentioned time coarser than that does not count: "earlier in the
        week" after "in 2019" is the publication week, not a week of 2019."""
        if self.reference is not None and (gran is None or self.reference.gran >= gran):
            return self.reference, "reference"
        if self.dct is not None:
            return Point.day(self.dct), "published"
        return None


Resolver = Callable[[re.Match[str], Context], Reading | None]
RESOLVERS: dict[str, Resolver] = {}


def resolver(fn: Resolver) -> Resolver:
    RESOLVERS[fn.__name__.removeprefix("r_")] = fn
    return fn


# -- reading the pieces ---------------------------------------------------------------------
def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def month_of(text: str) -> int:
    return MONTHS[norm(text).rstrip(".")]


def weekday_of(text: str) -> int:
    return WEEKDAYS[norm(text).rstrip(".")]


def day_of(text: str) -> int:
    t = norm(text)
    if t in ORDINALS:
        return ORDINALS[t]
    return int(re.sub(r"\D", "", t))


_SPELLED_UNITS = {w: int(v) for w, v in NUMBERS.items() if v < 100 and v == int(v)}


def year_of(text: str) -> int:
    t = norm(text).replace("-", " ")
    if t.isdigit():
        return int(t)
    words = t.split()
    if words[:2] == ["two", "thousand"]:
        rest = " ".join(w for w in words[2:] if w != "and")
        return 2000 + (_spelled(rest) if rest else 0)
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[words[0]]
    rest = " ".join(words[1:])
    if rest == "hundred":
        return century
    if rest.startswith("oh "):
        return century + _spelled(rest[3:])
    return century + _spelled(rest)


def _spelled(text: str) -> int:
    text = text.strip()
    if text in _SPELLED_UNITS:
        return _SPELLED_UNITS[text]
    return sum(_SPELLED_UNITS[w] for w in text.split())


def amount_of(text: str) -> float | None:
    """A number of units; None for vague amounts ("several", "a few")."""
    t = norm(text).replace("-", " ")
    if t in VAGUE_AMOUNTS or t in ("a number of",):
        return None
    half = 0.0
    for tail in (" and a half", " and half", " a half"):
        if t.endswith(tail):
            half, t = 0.5, t[: -len(tail)].strip()
    for tail in (" and a quarter", " and quarter"):
        if t.endswith(tail):
            half, t = 0.25, t[: -len(tail)].strip()
    if t.startswith(("half a", "half an")):
        return 0.5
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", t):
        frac = int(m[2]) / int(m[3]) if m[2] else 0.0
        return float(m[1]) + frac + half
    if m := re.fullmatch(r"(\d)/(\d)", t):
        return int(m[1]) / int(m[2])
    if t in NUMBERS:
        return NUMBERS[t] + half
    if t.replace(" ", "-") in NUMBERS:
        return NUMBERS[t.replace(" ", "-")] + half
    if t in ("couple", "couple of", "a couple", "a couple of"):
        return 2.0 + half
    return None


def unit_of_word(text: str) -> str:
    """TIMEX3 duration letter for a unit word (plural or singular)."""
    t = norm(text)
    if t in ("centuries",):
        return "CE"
    if t in ("millennia", "millennium"):
        return "ML"
    t = t.removesuffix("s")
    return UNITS[t]


UNIT_GRAN = {
    "D": Gran.DAY,
    "W": Gran.WEEK,
    "WE": Gran.WEEKEND,
    "M": Gran.MONTH,
    "Q": Gran.QUARTER,
    "H": Gran.HALF,
    "Y": Gran.YEAR,
    "DE": Gran.DECADE,
    "CE": Gran.CENTURY,
}


def mod_of(text: str | None) -> str | None:
    if not text:
        return None
    t = norm(text)
    if t in AMOUNT_MODS:
        return AMOUNT_MODS[t]
    if t.startswith(("early", "earlier", "the beginning", "the start", "the dawn", "the turn")):
        return "START"
    if t.startswith(("mid", "the middle")):
        return "MID"
    if t.startswith(("late", "later", "the end", "the close")):
        return "END"
    if "first half" in t:
        return "START"
    if "last half" in t or "second half" in t:
        return "END"
    return None


# -- choosing a year or a day in the tense's direction -----------------------------------------
def nearest(candidates: list[date], dct: date, direction: Direction) -> date:
    """The candidate the tense points to: the latest on or before the DCT (past), the
    earliest on or after it (future), else the closest."""
    if direction == "past":
        past = [c for c in candidates if c <= dct]
        if past:
            return max(past)
    elif direction == "future":
        future = [c for c in candidates if c >= dct]
        if future:
            return min(future)
    return min(candidates, key=lambda c: (abs((c - dct).days), c > dct))


def month_day(month: int, day: int, dct: date, direction: Direction) -> date | None:
    """The year of a day named without one. The tense decides, unless the date it
    points away from is close: a year left out means the date is near, so "payable
    Dec. 7" in a past-tense sentence of late October is the coming December 7, and
    "by Jan. 14" in a future-tense one of January 15 is the day before."""
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return choose_day(candidates, dct, direction)


def choose_day(candidates: list[date], dct: date, direction: Direction) -> date | None:
    """One of the yearly occurrences of a day, by tense and nearness (see month_day)."""
    if not candidates:
        return None
    chosen = nearest(candidates, dct, direction)
    if direction == "past":
        ahead = [c for c in candidates if c > dct and (c - dct).days <= PAST_TO_FUTURE_DAYS]
        if ahead and (dct - chosen).days > PAST_TO_FUTURE_DAYS:
            return min(ahead)
    elif direction == "future":
        back = [c for c in candidates if c < dct and (dct - c).days <= FUTURE_TO_PAST_DAYS]
        if back and (chosen - dct).days > FUTURE_TO_PAST_DAYS:
            return max(back)
    return chosen


PAST_TO_FUTURE_DAYS = 90
"""A past-tense clause may still name a day up to this far ahead ("declared a dividend
payable Dec. 7")."""
FUTURE_TO_PAST_DAYS = 30
"""A forward-looking clause may still name a day this recent ("must leave by Jan. 14")."""


def month_point(month: int, dct: date, direction: Direction) -> Point:
    firsts = [date(y, month, 1) for y in (dct.year - 1, dct.year, dct.year + 1)]
    this_month = date(dct.year, dct.month, 1)
    if direction == "past":
        choice = max(d for d in firsts if d <= this_month)
        soon = [d for d in firsts if this_month < d and (d - dct).days <= 31]
        if soon and (this_month - choice).days > 62:
            choice = min(soon)  # "notified of a cutback in September", written in August
    elif direction == "future":
        choice = min(d for d in firsts if d >= this_month)
    else:
        choice = min(firsts, key=lambda d: (abs((d - this_month).days), d > this_month))
    return Point.month(choice.year, choice.month)


def weekday_date(wd: int, dct: date, direction: Direction, rel: str | None) -> date:
    back = (dct.weekday() - wd) % 7
    ahead = (wd - dct.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return dct - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return dct + timedelta(days=ahead or 7)
    if rel == "this":
        return dct - timedelta(days=dct.weekday()) + timedelta(days=wd)
    if back == 0:
        return dct
    if direction in ("future", "present"):
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


ENDED = re.compile(
    r"^\s*,?\s*(?:which\s+|that\s+)?(?:ended|ending|ends|to|through|that\s+ended|just\s+ended)\b"
)
"""Words after "the year", "the quarter" that make it a length: "for the year ended Sept. 30"."""
