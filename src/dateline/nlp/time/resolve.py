"""The normaliser: a recognised expression + its context → TIMEX3 type, value, mod.

Context is what a reader uses to date an expression: the publication date (DCT), the
direction of the clause's tense ("begins on Wednesday" looks forward, "was signed on
Monday" back), the last mentioned time (for "the next day", "June that year", "two days
later") and the financial period under discussion (for "the quarter", "a year earlier"
in results reporting). Each resolver reads one rule's match (see
:mod:`dateline.nlp.time.grammar`) and returns a :class:`Reading`, or None when the match
is not a time expression after all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from dateline.model import Interval, TimexType
from dateline.nlp.time.lexicon import (
    AMOUNT_MODS,
    CLOCK_WORDS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
    duration_value,
    holiday,
    season_containing,
    unit_of,
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
    possessive: bool = False
    """The expression is followed by 's ("Friday's vote"): it names a time already past."""

    def ref(self) -> tuple[Point, Anchor] | None:
        """The reference time: the last mentioned time, else the publication date."""
        if self.reference is not None:
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
def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def month_of(text: str) -> int:
    return MONTHS[_norm(text).rstrip(".")]


def weekday_of(text: str) -> int:
    return WEEKDAYS[_norm(text).rstrip(".")]


def day_of(text: str) -> int:
    t = _norm(text)
    if t in ORDINALS:
        return ORDINALS[t]
    return int(re.sub(r"\D", "", t))


_SPELLED_UNITS = {w: int(v) for w, v in NUMBERS.items() if v < 100 and v == int(v)}


def year_of(text: str) -> int:
    t = _norm(text).replace("-", " ")
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
    t = _norm(text).replace("-", " ")
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
    t = _norm(text)
    if t in ("centuries",):
        return "CE"
    if t in ("millennia", "millennium"):
        return "ML"
    t = t.removesuffix("s")
    return UNITS[t]


_UNIT_GRAN = {
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


def _mod(text: str | None) -> str | None:
    if not text:
        return None
    t = _norm(text)
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
def _nearest(candidates: list[date], dct: date, direction: Direction) -> date:
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


def _month_day(month: int, day: int, dct: date, direction: Direction) -> date | None:
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
    return _choose_day(candidates, dct, direction)


def _choose_day(candidates: list[date], dct: date, direction: Direction) -> date | None:
    """One of the yearly occurrences of a day, by tense and nearness (see _month_day)."""
    if not candidates:
        return None
    chosen = _nearest(candidates, dct, direction)
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


def _month_point(month: int, dct: date, direction: Direction) -> Point:
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


def _weekday(wd: int, dct: date, direction: Direction, rel: str | None) -> date:
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


# -- absolute dates ------------------------------------------------------------------------------
@resolver
def r_iso(m: re.Match[str], ctx: Context) -> Reading | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["h"]:
        p = Point.clock(d, int(m["h"]), int(m["min"]))
        return Reading("TIME", p.value, p)
    return Reading("DATE", d.isoformat(), Point.day(d))


@resolver
def r_numeric(m: re.Match[str], ctx: Context) -> Reading | None:
    """24.06.2025 (day first with dots), 2025/06/24, and slashed forms only when the
    order cannot be mistaken (one part above 12, or both parts equal)."""
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4:
        y, mo, d = int(a), int(b), int(c)
    else:
        if len(a) > 2:
            return None
        if len(c) != 4:
            return None
        x, z, y = int(a), int(b), int(c)
        if m["sep"] == "." or x > 12 >= z:
            d, mo = x, z
        elif z > 12 >= x:
            mo, d = x, z
        elif x == z:
            d = mo = x
        else:
            return None
    if not 1000 <= y <= 2200:
        return None
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return Reading("DATE", day.isoformat(), Point.day(day))


@resolver
def r_month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    try:
        month = month_of(m["mon"])
        day = day_of(m["day"])
    except (KeyError, ValueError):
        return None
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        try:
            d = date(year_of(m["year"]), month, day)
        except (ValueError, KeyError):
            return None
        return Reading("DATE", d.isoformat(), Point.day(d))
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", sets_reference=False)
    if m["wd"]:
        wd = weekday_of(m["wd"])
        fits = []
        for year in range(ctx.dct.year - 3, ctx.dct.year + 4):
            try:
                cand = date(year, month, day)
            except ValueError:
                continue
            if cand.weekday() == wd:
                fits.append(cand)
        if fits:
            d = min(fits, key=lambda c: abs((c - ctx.dct).days))  # type: ignore[operator]
            return Reading("DATE", d.isoformat(), Point.day(d), anchor="published")
    found = _month_day(month, day, ctx.dct, ctx.direction())
    if found is None:
        return None
    return Reading("DATE", found.isoformat(), Point.day(found), anchor="published")


@resolver
def r_week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    month, day = month_of(m["mon"]), day_of(m["day"])
    if m["year"]:
        try:
            d: date | None = date(year_of(m["year"]), month, day)
        except ValueError:
            return None
        anchor: Anchor = None
    elif ctx.dct is None:
        return None
    else:
        d, anchor = _month_day(month, day, ctx.dct, ctx.direction()), "published"
    if d is None:
        return None
    p = Point.week(d)
    return Reading("DATE", p.value, p, anchor=anchor)


@resolver
def r_month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    try:
        p = Point.month(year_of(m["year"]), month_of(m["mon"]))
    except (KeyError, ValueError):
        return None
    return Reading("DATE", p.value, p, mod=_mod(m["mod"]))


@resolver
def r_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_of(m["mon"])
    rel = _norm(m["rel"]) if m["rel"] else None
    post = _norm(m["post"]).removeprefix("of ") if m["post"] else None
    mod = _mod(m["mod"])
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{month:02d}", mod=mod, sets_reference=False)
    dct = ctx.dct
    anchor: Anchor = "published"
    if post in (
        "that year",
        "the same year",
        "the following year",
        "the next year",
        "the previous year",
    ):
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        shift = {"the following year": 1, "the next year": 1, "the previous year": -1}.get(post, 0)
        p = Point.month(base.start.year + shift, month)
    elif post in ("last year", "this year", "next year"):
        p = Point.month(dct.year + {"last year": -1, "this year": 0, "next year": 1}[post], month)
    elif rel in ("last", "past", "this past"):
        year = dct.year if month < dct.month else dct.year - 1
        if rel == "last" and (dct.month - month) % 12 == 1:
            year -= 1  # in March, "last February" is a year ago ("last month" is the other)
        p = Point.month(year, month)
    elif rel in ("next", "coming", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
        if rel == "next" and (month - dct.month) % 12 == 1:
            year += 1
        p = Point.month(year, month)
    elif rel == "this":
        p = Point.month(dct.year, month)
    elif rel in ("that", "the same", "the following", "the previous"):
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        year = base.start.year
        if rel == "the following" and month <= base.start.month:
            year += 1
        if rel == "the previous" and month >= base.start.month:
            year -= 1
        p = Point.month(year, month)
    else:
        p = _month_point(month, dct, ctx.direction())
    return Reading("DATE", p.value, p, mod=mod, anchor=anchor)


@resolver
def r_year(m: re.Match[str], ctx: Context) -> Reading | None:
    try:
        year = year_of(m["year"])
    except (KeyError, ValueError):
        return None
    p = Point.year(year)
    mod = _mod(m["mod"])
    pre = _norm(m["pre"] or "")
    if pre.startswith("post"):
        mod = "AFTER"
    elif pre.startswith("pre"):
        mod = "BEFORE"
    post = _norm(m["post"] or "")
    if post.endswith(("beyond", "later", "after")):
        mod = "ON_OR_AFTER"
    elif post.endswith(("earlier", "before")):
        mod = "ON_OR_BEFORE"
    return Reading("DATE", p.value, p, mod=mod)


_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}


@resolver
def r_decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        tens = int(m["short"]) if m["short"] else _DECADE_WORDS[_norm(m["word"])]
        now = ctx.dct.year if ctx.dct else 2000
        start = (now // 100) * 100 + tens
        if start > now:
            start -= 100
    p = Point.decade(start)
    return Reading("DATE", p.value, p, mod=_mod(m["mod"]))


@resolver
def r_century(m: re.Match[str], ctx: Context) -> Reading | None:
    n = day_of(m["ord"])
    if not 1 <= n <= 30:
        return None
    p = Point.century((n - 1) * 100)
    return Reading("DATE", p.value, p, mod=_mod(m["mod"]))


# -- days, weekdays, times ------------------------------------------------------------------------
def _day_mod(text: str | None) -> str | None:
    return _mod(text)


@resolver
def r_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    wd = weekday_of(m["wd"])
    part = PARTS_OF_DAY[_norm(m["part"])] if m["part"] else None
    if m["pl"] or m["ppl"]:
        value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        return Reading("SET", value, sets_reference=False)
    rel = _norm(m["rel"]) if m["rel"] else None
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-WXX-{wd + 1}", sets_reference=False)
    anchor: Anchor = "published"
    if rel in ("the previous", "the preceding", "the following", "the next", "that"):
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        day = base.start if base.gran >= Gran.WEEK else base.end
        if rel in ("the previous", "the preceding"):
            d = day - timedelta(days=(day.weekday() - wd) % 7 or 7)
        elif rel == "that":
            d = day - timedelta(days=day.weekday()) + timedelta(days=wd)
        else:
            d = day + timedelta(days=(wd - day.weekday()) % 7 or 7)
    else:
        direction = None if ctx.possessive else ctx.direction()
        d = _weekday(wd, ctx.dct, direction, rel)
    mod = _day_mod(m["mod"])
    if part:
        p = Point.part_of(d, part)
        return Reading("TIME", p.value, p, mod=mod, anchor=anchor)
    return Reading("DATE", d.isoformat(), Point.day(d), mod=mod, anchor=anchor)


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@resolver
def r_deictic(m: re.Match[str], ctx: Context) -> Reading | None:
    word = _norm(m["word"])
    if ctx.dct is None:
        return Reading("DATE", "PRESENT_REF", sets_reference=False)
    d = ctx.dct + timedelta(days=_DEICTIC[word])
    part = PARTS_OF_DAY[_norm(m["part"])] if m["part"] else ("NI" if word == "tonight" else None)
    mod = _day_mod(m["mod"])
    if part:
        p = Point.part_of(d, part)
        return Reading("TIME", p.value, p, mod=mod, anchor="published")
    return Reading("DATE", d.isoformat(), Point.day(d), mod=mod, anchor="published")


@resolver
def r_deictic_far(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.dct is None:
        return None
    d = ctx.dct + timedelta(days=-2 if "before" in m["rel"].lower() else 2)
    return Reading("DATE", d.isoformat(), Point.day(d), anchor="published")


@resolver
def r_this_part(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.dct is None:
        return None
    rel = _norm(m["rel"])
    part = PARTS_OF_DAY[_norm(m["part"])]
    d = ctx.dct + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
    if rel == "last" and part != "NI":
        return None  # "last morning" is not an expression of its own
    p = Point.part_of(d, part)
    return Reading("TIME", p.value, p, mod=_day_mod(m["mod"]), anchor="published")


@resolver
def r_overnight(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.dct is None:
        return None
    d = ctx.dct if ctx.direction() in ("future", "present") else ctx.dct - timedelta(days=1)
    p = Point.part_of(d, "NI")
    return Reading("TIME", p.value, p, anchor="published")


def _clock(text: str) -> tuple[int, int] | None:
    t = _norm(text)
    if t in CLOCK_WORDS:
        return CLOCK_WORDS[t]
    m = re.match(r"(\d{1,2})(?:[:.]?(\d\d))?\s*([ap])?", t)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3] == "p" and hour < 12:
        hour += 12
    elif m[3] == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


@resolver
def r_clock(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["oc"]:
        word = _norm(m["oc"])
        hour = int(word) if word.isdigit() else int(NUMBERS.get(word, 0))
        hm: tuple[int, int] | None = (hour, 0) if 1 <= hour <= 12 else None
    else:
        hm = _clock(m["clock"])
    if hm is None:
        return None
    hour, minute = hm
    part = _norm(m["part"]) if m["part"] else None
    if part in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    clock_text = _norm(m["clock"] or "")
    bare = re.fullmatch(r"\d{1,2}[:.]\d\d", clock_text) is not None
    said_time = re.search(r"\b(?:at|by|until|before|after|from|since)\s*$", ctx.before)
    if bare and not (m["zone"] or m["dayref"] or part or said_time):
        return None  # "2:1" is a score unless something says it is a time
    d: date | None = None
    anchor: Anchor = "published"
    if m["dayref"]:
        day = _dayref(m["dayref"], ctx)
        if day is None:
            return None
        d, anchor = day
    elif ctx.reference is not None and ctx.reference.gran >= Gran.DAY:
        d, anchor = ctx.reference.start, "reference"
    elif ctx.dct is not None:
        d = ctx.dct
    if d is None:
        return Reading("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", sets_reference=False)
    p = Point.clock(d, hour, minute)
    mod = (
        "APPROX"
        if m["mod"] and _norm(m["mod"]) in ("about", "around", "approximately", "roughly")
        else None
    )
    return Reading("TIME", p.value, p, mod=mod, anchor=anchor)


def _dayref(text: str, ctx: Context) -> tuple[date, Anchor] | None:
    t = _norm(text)
    if t in _DEICTIC:
        return (ctx.dct + timedelta(days=_DEICTIC[t]), "published") if ctx.dct else None
    dm = re.search(r"([a-z]+)\.?\s+(\d{1,2})(?:\D+(\d{4}))?", t)
    if dm and dm[1] in MONTHS:
        month, day = MONTHS[dm[1]], int(dm[2])
        if dm[3]:
            try:
                return date(int(dm[3]), month, day), None
            except ValueError:
                return None
        if ctx.dct is None:
            return None
        found = _month_day(month, day, ctx.dct, ctx.direction())
        return (found, "published") if found else None
    wd = t.split(",")[0].rstrip(".")
    if wd in WEEKDAYS and ctx.dct is not None:
        return _weekday(WEEKDAYS[wd], ctx.dct, ctx.direction(), None), "published"
    return None


@resolver
def r_holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = _norm(m["name"]).replace(".", "")
    rel = _norm(m["rel"]) if m["rel"] else None
    if m["year"]:
        d = holiday(name, int(m["year"]))
        anchor: Anchor = None
    else:
        if ctx.dct is None:
            return None
        dct = ctx.dct
        options = [holiday(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
        cands = [c for c in options if c is not None]
        if not cands:
            return None
        if rel == "last":
            d = max(c for c in cands if c < dct)
        elif rel == "next":
            d = min(c for c in cands if c > dct)
        elif rel == "this":
            d = next((c for c in cands if c.year == dct.year), cands[0])
        else:
            d = _choose_day(cands, dct, ctx.direction())
        anchor = "published"
    if d is None:
        return None
    if m["week"]:
        week = Point.week(d - timedelta(days=6) if d.weekday() == 6 else d)
        return Reading("DATE", week.value, week, anchor=anchor)
    return Reading("DATE", d.isoformat(), Point.day(d), anchor=anchor)


# -- relative to now or to the story ---------------------------------------------------------------
_PAST_RELS = {
    "last",
    "past",
    "previous",
    "preceding",
    "prior",
    "this past",
    "the last",
    "the past",
    "latest",
    "the latest",
}
_NOW_RELS = {"this", "current", "present", "the current", "the present", "this same"}
_NEXT_RELS = {"next", "coming", "this coming", "the coming"}
_REF_SAME = {"the same", "that", "that same", "the very same", "this same"}
_REF_NEXT = {"the next", "the following"}
_REF_PREV = {"the previous", "the preceding", "the prior"}


def _unit_point(unit: str, d: date) -> Point | None:
    if unit in SEASONS:
        return season_containing(d) if season_containing(d).season == SEASONS[unit] else None
    gran = {
        "day": Gran.DAY,
        "week": Gran.WEEK,
        "weekend": Gran.WEEKEND,
        "month": Gran.MONTH,
        "quarter": Gran.QUARTER,
        "half": Gran.HALF,
        "year": Gran.YEAR,
        "decade": Gran.DECADE,
        "century": Gran.CENTURY,
    }.get(unit)
    if gran is None:
        return None
    return Point(gran, d).at(d)


def _season_shift(name: str, d: date, step: int) -> Point:
    """The season called ``name`` that contains ``d`` (step 0), the last one that ended
    before it (step -1) or the next one after it (step 1)."""
    code = SEASONS[name]
    here = Point.season_of(d.year, code)
    if code == "WI" and d.month <= 2:
        here = Point.season_of(d.year - 1, code)
    if step == 0:
        return here
    if step < 0:
        return here if here.end < d else here.shift(-1, "Y")
    return here if here.start > d else here.shift(1, "Y")


@resolver
def r_relative(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = _norm(m["rel"])
    unit = _norm(m["unit"])
    mod = _mod(m["mod"])
    if m["mod"] and _norm(m["mod"]) == "the rest of":
        mod = None
    if unit in ("night", "morning", "afternoon", "evening"):
        return _relative_part(rel, PARTS_OF_DAY[unit], ctx)
    if unit == "period":
        return None  # "the same period" and friends are financial: see r_period
    if unit == "season":
        return None
    if unit == "day" and rel in (
        "last",
        "past",
        "the last",
        "the past",
        "this",
        "latest",
        "the latest",
    ):
        return None  # "the last day of …" is an ordinal, not a date
    if rel in ("the next", "the coming") and re.search(
        r"\b(?:over|during|for|within|through|throughout|in)\s*$", ctx.before
    ):
        if unit in UNITS:
            return Reading("DURATION", duration_value(1, UNITS[unit]), sets_reference=False)
        return None
    if ctx.dct is None:
        return None
    dct = ctx.dct
    anchor: Anchor = "published"
    if rel in _REF_SAME or rel in _REF_NEXT or rel in _REF_PREV:
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        origin = base.start
        step = 0 if rel in _REF_SAME else (1 if rel in _REF_NEXT else -1)
        if unit == "quarter" and ctx.period is not None and ctx.period.gran is Gran.QUARTER:
            origin, anchor = ctx.period.start, "period"
    else:
        origin = dct
        if rel in _PAST_RELS:
            step = -1
        elif rel in _NOW_RELS:
            step = 0
        elif rel in _NEXT_RELS:
            step = 1
        else:
            return None
    if unit in SEASONS:
        p = _season_shift(unit, origin, step)
    else:
        here = _unit_point(unit, origin)
        if here is None:
            return None
        p = here.shift(step, unit_of(here.gran)) if step else here
    type_: TimexType = "DATE"
    return Reading(type_, p.value, p, mod=mod, anchor=anchor)


def _relative_part(rel: str, part: str, ctx: Context) -> Reading | None:
    """ "the next morning", "that evening", "last night"."""
    if rel in _REF_SAME or rel in _REF_NEXT or rel in _REF_PREV:
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        step = 0 if rel in _REF_SAME else (1 if rel in _REF_NEXT else -1)
        day = base.start + timedelta(days=step)
    elif ctx.dct is not None and (rel == "this" or (rel == "last" and part == "NI")):
        day, anchor = ctx.dct - timedelta(days=1 if rel == "last" else 0), "published"
    else:
        return None
    p = Point.part_of(day, part)
    return Reading("TIME", p.value, p, anchor=anchor)


@resolver
def r_the_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the year", "the week": the one the story is in (or a length: "the year ended
    Sept. 30")."""
    unit = _norm(m["unit"])
    if _ENDED.match(ctx.after):
        return Reading("DURATION", duration_value(1, UNITS[unit]), sets_reference=False)
    ref = ctx.ref()
    if ref is None:
        return None
    base, anchor = ref
    if unit == "year" and ctx.period is not None:
        base, anchor = ctx.period, "period"
    p = _unit_point(unit, base.start)
    if p is None or base.gran < p.gran:
        return None
    return Reading("DATE", p.value, p, anchor=anchor, sets_reference=False)


@resolver
def r_unit_long(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DURATION", duration_value(1, UNITS[_norm(m["unit"])]), sets_reference=False)


@resolver
def r_anaphoric_in(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = _norm(m["unit"])
    ref = ctx.ref()
    if ref is None:
        return None
    base, anchor = ref
    if unit == "quarter" and ctx.period is not None:
        base, anchor = ctx.period, "period"
    p = _unit_point(unit, base.start) if unit != "season" else None
    if p is None:
        return None
    return Reading("DATE", p.value, p, mod=_mod(m["mod"]), anchor=anchor)


@resolver
def r_end_of(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = _norm(m["unit"])
    ref = ctx.ref()
    if ref is None:
        return None
    base, anchor = ref
    if unit == "quarter" and ctx.period is not None:
        base, anchor = ctx.period, "period"
    p = _unit_point(unit, base.start)
    if p is None:
        return None
    return Reading("DATE", p.value, p, mod=_mod(m["mod"]), anchor=anchor)


@resolver
def r_year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    ref = ctx.ref()
    if ref is None:
        return None
    base, anchor = ref
    p = Point.year(base.start.year)
    return Reading("DATE", p.value, p, mod="END", anchor=anchor)


@resolver
def r_the_unit_around(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = _norm(m["unit"])
    direction = _norm(m["dir"])
    ref = ctx.ref()
    if ref is None:
        return None
    base, anchor = ref
    here = _unit_point(unit, base.start)
    if here is None:
        return None
    step = -1 if direction in ("before", "earlier", "prior") else 1
    p = here.shift(step, unit_of(here.gran))
    return Reading("DATE", p.value, p, anchor=anchor)


def _shifted_clock(
    ctx: Context, amount: float | None, unit: str, sign: int, from_dct: bool
) -> Reading | None:
    """ "Two hours later": a clock time when the story was at one, else just its day."""
    base = ctx.ref() if not from_dct else ((Point.day(ctx.dct), "published") if ctx.dct else None)
    if base is None:
        return None
    point, anchor = base
    if point.gran is Gran.TIME and amount is not None and unit in ("H", "MIN"):
        minutes = round(amount * (60 if unit == "H" else 1)) * sign
        moment = datetime.combine(point.start, time()) + timedelta(
            hours=point.hour or 0, minutes=(point.minute or 0) + minutes
        )
        p = Point.clock(moment.date(), moment.hour, moment.minute)
        return Reading("TIME", p.value, p, anchor=anchor)
    day = Point.day(point.start)
    return Reading("DATE", day.value, day, anchor=anchor)


def _shifted(
    ctx: Context, amount: float | None, unit: str, sign: int, from_dct: bool
) -> Reading | None:
    """``amount`` units before (sign -1) or after (1) the DCT or the reference time."""
    if unit in ("H", "MIN", "S"):
        return _shifted_clock(ctx, amount, unit, sign, from_dct)
    if amount is None:
        return Reading(
            "DATE",
            "PAST_REF" if sign < 0 else "FUTURE_REF",
            anchor="published",
            sets_reference=False,
        )
    anchor: Anchor
    if from_dct:
        if ctx.dct is None:
            return None
        base_point, anchor = Point.day(ctx.dct), "published"
    else:
        got: tuple[Point, Anchor] | None = ctx.ref()
        if got is None:
            return None
        base_point, anchor = got
    n = amount
    letter = unit
    if letter == "2W":
        n, letter = n * 2, "W"
    if letter == "WE":
        letter = "W"
    if n != int(n):
        # "a year and a half ago": move in months (or days) so nothing is invented
        if letter == "Y":
            n, letter = n * 12, "M"
        elif letter == "M":
            n, letter = n * 30, "D"
        else:
            n = round(n)
    gran = _UNIT_GRAN.get(letter, Gran.DAY)
    if gran < Gran.YEAR:
        gran = Gran.YEAR  # "a decade ago" is a year, not the decade it falls in
    # keep the reference's own precision when it is finer (a quarter a year earlier)
    if not from_dct and base_point.gran > gran and base_point.gran <= Gran.DAY:
        p = base_point.shift(sign * int(n), letter)
    else:
        start = Point.day(base_point.start).shift(sign * int(n), letter).start
        p = Point(gran, start).at(start) if gran is not Gran.WEEKEND else Point.week(start)
    return Reading("DATE", p.value, p, anchor=anchor)


@resolver
def r_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    direction = _norm(m["dir"])
    amount = amount_of(m["amt"])
    unit = unit_of_word(m["unit"])
    if unit == "ML":
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    from_dct = direction in ("ago", "back", "hence", "from now")
    financial = (
        ctx.period is not None
        and unit == "Y"
        and amount == 1
        and direction in ("ago", "earlier", "before")
    )
    if financial:
        assert ctx.period is not None
        p = ctx.period.shift(-1, "Y")
        reading: Reading | None = Reading("DATE", p.value, p, anchor="period", sets_period=False)
    else:
        reading = _shifted(ctx, amount, unit, sign, from_dct)
    if reading is None:
        return None
    mod = _mod(m["mod"]) if m["mod"] else ("APPROX" if m["orso"] else None)
    reading.mod = mod
    reading.sets_reference = not financial and reading.sets_reference
    return reading


@resolver
def r_season(m: re.Match[str], ctx: Context) -> Reading | None:
    name = _norm(m["season"])
    rel = _norm(m["rel"]) if m["rel"] else None
    mod = _mod(m["mod"]) or _mod(m["mod2"])
    if m["year"]:
        try:
            p = Point.season_of(year_of(m["year"]), SEASONS[name])
        except (KeyError, ValueError):
            return None
        return Reading("DATE", p.value, p, mod=mod)
    if rel is None and mod is None and not _SEASON_CUE.search(ctx.before):
        return None  # "prices fall", "a hot spring": not a season named as a time
    if ctx.dct is None:
        return None
    anchor: Anchor = "published"
    if rel in ("last", "this past", "the past"):
        p = _season_shift(name, ctx.dct, -1)
    elif rel in ("next", "this coming", "the coming"):
        p = _season_shift(name, ctx.dct, 1)
    elif rel == "this":
        p = _season_shift(name, ctx.dct, 0)
        if p.end < ctx.dct and ctx.direction() in ("future", "present"):
            p = p.shift(1, "Y")
    elif rel == "that":
        ref = ctx.ref()
        if ref is None:
            return None
        base, anchor = ref
        p = _season_shift(name, base.start, 0)
    else:
        here = _season_shift(name, ctx.dct, 0)
        direction = ctx.direction()
        if direction == "past" and here.start > ctx.dct:
            p = here.shift(-1, "Y")
        elif direction == "future" and here.end < ctx.dct:
            p = here.shift(1, "Y")
        else:
            p = here
    return Reading("DATE", p.value, p, mod=mod, anchor=anchor)


_SEASON_CUE = re.compile(
    r"\b(?:in|during|since|until|till|by|through|throughout|over|before|after|all|this|last|next"
    r"|from|of|early|late)\s*$"
)


# -- financial periods ---------------------------------------------------------------------
_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
}


def _quarter_year(q: int, ctx: Context) -> tuple[int, Anchor]:
    """The year of a quarter named without one: the period under discussion if it is that
    quarter, else the nearest in the tense's direction (results come out after the
    quarter ends)."""
    period = ctx.period
    if (
        period is not None
        and period.gran is Gran.QUARTER
        and (period.start.month - 1) // 3 + 1 == q
    ):
        return period.start.year, "period"
    assert ctx.dct is not None
    dct = ctx.dct
    current = (dct.month - 1) // 3 + 1
    direction = ctx.direction()
    if direction == "future":
        # results are reported after the quarter ends: "will report third-quarter results"
        # in October is this year's third quarter
        return (dct.year if q >= current - 1 else dct.year + 1), "published"
    if direction == "past":
        return (dct.year if q <= current else dct.year - 1), "published"
    return (dct.year if q <= current + 1 else dct.year - 1), "published"


def _year_from_words(pre: str, yrel: str | None, ctx: Context) -> tuple[int | None, Anchor, bool]:
    """The year named around a quarter: explicit digits, this/last/next year, or a year
    earlier than the period under discussion. Returns (year, anchor, year_ago)."""
    digits = re.search(r"\b(\d{4})\b", pre)
    if digits:
        return int(digits[1]), None, False
    if ctx.dct is None:
        return None, None, False
    words = set(re.split(r"[-\s]+", pre))
    if yrel:
        rel = _norm(yrel)
        if rel in ("this", "the current"):
            return ctx.dct.year, "published", False
        if rel == "last":
            return ctx.dct.year - 1, "published", False
        if rel == "next":
            return ctx.dct.year + 1, "published", False
        ref = ctx.ref()
        if ref is not None and rel in ("the same", "that", "the"):
            return ref[0].start.year, ref[1], False
        if ref is not None and rel == "the previous":
            return ref[0].start.year - 1, ref[1], False
    if "year's" in words or "year’s" in words:
        if "last" in words or "previous" in words:
            return ctx.dct.year - 1, "published", False
        if "next" in words:
            return ctx.dct.year + 1, "published", False
        return ctx.dct.year, "published", False
    if words & {
        "year-earlier",
        "yearearlier",
        "year-ago",
        "yearago",
        "year",
        "earlier",
        "ago",
    } and (
        "year-earlier" in pre or "year-ago" in pre or "year earlier" in pre or "year ago" in pre
    ):
        return None, "period", True
    return None, None, False


@resolver
def r_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    what = _norm(m["what"])
    ordinal = _norm(m["ord"])
    if ordinal == "last" and what != "half":
        return None  # "the last quarter" is the one before: see r_relative
    n = 2 if ordinal == "last" else _ORD[ordinal]
    pre = _norm(m["pre"] or "")
    det = _norm(m["det"] or "")
    if what == "half":
        if n > 2:
            return None
        unit_gran = Gran.HALF
    else:
        unit_gran = Gran.QUARTER
    if m["pl"]:
        value = f"XXXX-Q{n}" if unit_gran is Gran.QUARTER else f"XXXX-H{n}"
        return Reading("SET" if det == "" else "DATE", value, sets_reference=False)
    if ctx.dct is None and not (m["year"] or re.search(r"\d{4}", pre)):
        return None
    year: int | None
    year_ago = False
    if m["year"]:
        year, anchor = int(m["year"]), None
    else:
        year, anchor, year_ago = _year_from_words(
            pre + (" " + det if det in ("last", "next", "this") else ""), m["yrel"], ctx
        )
        if year is None:
            if unit_gran is Gran.HALF:
                assert ctx.dct is not None
                year, anchor = ctx.dct.year, "published"
                if ctx.direction() == "past" and n == 2 and ctx.dct.month < 7:
                    year -= 1
            else:
                year, anchor = _quarter_year(n, ctx)
            if year_ago:
                year -= 1
                anchor = "period"
    p = Point.quarter(year, n) if unit_gran is Gran.QUARTER else Point.half(year, n)
    return Reading("DATE", p.value, p, anchor=anchor, sets_period=not year_ago)


@resolver
def r_quarter_code(m: re.Match[str], ctx: Context) -> Reading | None:
    code = (m["q"] or m["q2"]).upper()
    n = int(code[1])
    year_text = m["year"] or m["year2"]
    if code[0] == "H" and n > 2:
        return None
    if year_text:
        year, anchor = int(year_text), None
    elif ctx.dct is None:
        return None
    elif code[0] == "Q":
        year, anchor = _quarter_year(n, ctx)
    else:
        year, anchor = ctx.dct.year, "published"
    p = Point.quarter(year, n) if code[0] == "Q" else Point.half(year, n)
    return Reading("DATE", p.value, p, anchor=anchor)


def _last_quarter(ctx: Context) -> tuple[Point, Anchor] | None:
    if ctx.period is not None and ctx.period.gran is Gran.QUARTER:
        return ctx.period, "period"
    if ctx.dct is None:
        return None
    here = Point.quarter(ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
    if ctx.direction() in ("future", "present"):
        return here, "published"
    return here.shift(-1, "Q"), "published"


_ENDED = re.compile(
    r"^\s*,?\s*(?:which\s+|that\s+)?(?:ended|ending|ends|to|through|that\s+ended|just\s+ended)\b"
)


@resolver
def r_period(m: re.Match[str], ctx: Context) -> Reading | None:
    what = _norm(m["what"])
    pre = _norm(m["pre"] or "")
    det = _norm(m["det"])
    post = _norm(m["post"] or "")
    words = set(re.split(r"[-\s]+", pre.strip()))
    ago = (
        bool(post)
        or bool(words & {"year-earlier", "year-ago", "yearearlier", "yearago"})
        or ("year" in words and ({"earlier", "ago"} & words))
        or "year-earlier" in pre
        or "year-ago" in pre
        or "yearearlier" in pre.replace("-", "")
    )
    digits = re.search(r"\b(\d{4})\b", pre)
    if what in ("fiscal year", "full year"):
        if _ENDED.match(ctx.after):
            return Reading("DURATION", "P1Y", sets_reference=False)
        if digits:
            p = Point.year(int(digits[1]))
            return Reading("DATE", p.value, p)
        if ctx.dct is None:
            return None
        year = ctx.dct.year
        if ctx.period is not None:
            year = ctx.period.start.year
        if ago or "previous" in words or "prior" in words or "latest" in words:
            year -= 1
        p = Point.year(year)
        return Reading("DATE", p.value, p, anchor="published")
    if what == "period" and not (pre.strip() or det == "this"):
        # "the period" alone names the period under discussion, if there is one
        if ctx.period is None:
            return None
        return Reading("DATE", ctx.period.value, ctx.period, anchor="period")
    if det == "a" and not pre.strip():
        return None
    if what == "period" and ctx.period is None and not (ago or digits):
        if words & {
            "latest",
            "current",
            "recent",
            "same",
            "comparable",
            "corresponding",
            "previous",
            "prior",
        }:
            found = _last_quarter(ctx)
            if found is None:
                return None
            base, anchor = found
        else:
            return None
    else:
        found = _last_quarter(ctx)
        if found is None:
            return None
        base, anchor = found
    if det == "this" or words & {"current"}:
        if ctx.dct is None:
            return None
        base = Point.quarter(ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
        anchor = "published"
    if ctx.period is not None and ctx.period.gran is not Gran.QUARTER and what == "period":
        base, anchor = ctx.period, "period"
    if digits:
        base = base.at(date(int(digits[1]), base.start.month, 1))
        anchor = None
    elif ago or (words & {"same", "comparable", "corresponding"} and "last year" in post):
        base = base.shift(-1, "Y")
        return Reading("DATE", base.value, base, anchor="period", sets_period=False)
    elif words & {"previous", "prior"}:
        base = base.shift(-1, unit_of(base.gran))
    return Reading("DATE", base.value, base, anchor=anchor)


@resolver
def r_months_period(m: re.Match[str], ctx: Context) -> Reading | None:
    amount = amount_of(m["amt"])
    unit = unit_of_word(m["unit"])
    if amount is None:
        return None
    reading = Reading("DURATION", duration_value(amount, unit), sets_reference=False)
    pre = _norm(m["pre"] or "")
    if (
        ctx.dct is not None
        and unit == "M"
        and not re.search(r"year|ago|earlier|past|last|\d{4}", pre)
    ):
        year = ctx.period.start.year if ctx.period is not None else ctx.dct.year
        reading.focus = Point.year(year)  # results "for the nine months" are this year's
    return reading


@resolver
def r_year_ago_adj(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.period is not None:
        p = ctx.period.shift(-1, "Y")
        return Reading("DATE", p.value, p, anchor="period", sets_reference=False, sets_period=False)
    if ctx.dct is None:
        return None
    p = Point.year(ctx.dct.year - 1)
    return Reading("DATE", p.value, p, anchor="published", sets_reference=False, sets_period=False)


# -- durations -------------------------------------------------------------------------------
_DURATION_CUES = re.compile(
    r"\b(?:for|within|than|take|takes|took|taken|taking|lasted|last|lasts|lasting|spend|spent|spends|"
    r"nearly|almost|about|around|over|under|after|in|of|only|just|least|most|half|once|another|"
    r"extra|entire|whole|full|past|next|first|every|each|per|up\s+to)\s*$"
)


@resolver
def r_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    amt_text = _norm(m["amt"])
    amount = amount_of(amt_text)
    unit = unit_of_word(m["unit"])
    det = _norm(m["det"] or "")
    rel = _norm(m["rel"] or "")
    if unit == "Q" and re.match(r"\s*of\b", ctx.after):
        return None  # "three-quarters of the vote" is a fraction
    bare_article = amt_text in ("a", "an") and not (m["mod"] or det or rel or m["half"] or m["adj"])
    if bare_article and not (
        _DURATION_CUES.search(ctx.before) or re.match(r"\s*(?:after|before|into)\b", ctx.after)
    ):
        return None  # "a year" alone is a duration only after "for", "within", "than", …
    if m["half"]:
        amount = (amount or 0) + 0.5
    if unit == "2W":
        amount, unit = (amount * 2 if amount is not None else None), "W"
    if unit == "WE":
        unit = "W"
    if unit == "ML":
        amount, unit = (amount * 1000 if amount is not None else None), "Y"
    if unit == "CE" and amount is not None:
        amount, unit = amount * 100, "Y"
    if unit == "DE" and amount is not None:
        amount, unit = amount * 10, "Y"
    mod = _mod(m["mod"])
    if m["orso"]:
        tail = _norm(m["orso"])
        mod = mod or (
            "APPROX"
            if tail.endswith("so")
            else "EQUAL_OR_MORE"
            if tail.endswith(("more", "longer"))
            else "EQUAL_OR_LESS"
        )
    value = duration_value(amount, unit)
    interval = None
    anchor: Anchor = None
    if (
        ctx.dct is not None
        and amount is not None
        and rel in ("past", "last", "previous", "preceding", "next", "coming", "following")
        and unit in _UNIT_GRAN
    ):
        n = amount
        letter = unit
        if n != int(n):
            n, letter = (n * 12, "M") if letter == "Y" else (round(n * 30), "D")
        if rel in ("past", "last", "previous", "preceding"):
            start = Point.day(ctx.dct).shift(-int(n), letter).start
            interval = Interval(start=start, end=ctx.dct)
        else:
            end = Point.day(ctx.dct).shift(int(n), letter).start
            interval = Interval(start=ctx.dct, end=end)
        anchor = "published"
    return Reading(
        "DURATION", value, mod=mod, interval=interval, anchor=anchor, sets_reference=False
    )


@resolver
def r_range_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """The first number of a range of lengths ("two to six days"): TimeML marks "two"
    and "six days" as two durations."""
    a = amount_of(m["a"])
    if a is None:
        return None
    unit = unit_of_word(m["unit"])
    if unit == "2W":
        a, unit = a * 2, "W"
    return Reading("DURATION", duration_value(a, unit), sets_reference=False)


@resolver
def r_vague_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    unit_word = _norm(m["unit"])
    if re.search(
        r"(?:\d|\b(?:" + "|".join(w for w in NUMBERS if " " not in w) + r"))[\s-]*$", ctx.before
    ):
        return None  # "37 years old", "five days": counted, not vague
    if re.search(r"\b(?:early|small|wee)\s*$", ctx.before) or (
        m["rel"] and _norm(m["rel"]) == "early" and unit_word == "hours"
    ):
        return None  # "the early hours of Sunday": the day is the expression
    rel = _norm(m["rel"] or "")
    det = _norm(m["det"] or "")
    post = _norm(m["post"] or "")
    if rel in ("next", "coming") or post in ("ahead", "to come"):
        return Reading("DATE", "FUTURE_REF", anchor="published", sets_reference=False)
    if rel in ("past", "last") and det:
        return Reading("DATE", "PAST_REF", anchor="published", sets_reference=False)
    unit = unit_of_word(unit_word)
    if unit == "2W":
        unit = "W"
    if m["adj"]:
        return Reading("DURATION", duration_value(None, unit), sets_reference=False)
    if rel in ("early", "first", "ensuing", "following", "subsequent") and not det:
        return None
    return Reading("DURATION", duration_value(None, unit), sets_reference=False)


@resolver
def r_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.dct is None:
        return None
    rel = _norm(m["rel"])
    dct = ctx.dct
    this = Point.weekend(dct)
    anchor: Anchor = "published"
    if rel in ("last", "this past", "the previous"):
        p = this.shift(-1, "W")
        if rel == "the previous":
            ref = ctx.ref()
            if ref is None:
                return None
            p, anchor = Point.weekend(ref[0].start).shift(-1, "W"), ref[1]
    elif rel in ("next", "this coming"):
        p = this if dct < this.start and rel == "this coming" else this.shift(1, "W")
    elif rel == "this":
        p = this
    elif rel in ("that", "the following"):
        ref = ctx.ref()
        if ref is None:
            return None
        p, anchor = Point.weekend(ref[0].start), ref[1]
        if rel == "the following":
            p = p if ref[0].start < p.start else p.shift(1, "W")
    else:
        ahead = dct >= this.start or ctx.direction() in ("future", "present")
        p = this if ahead else this.shift(-1, "W")
    return Reading("DATE", p.value, p, anchor=anchor)


# -- sets ------------------------------------------------------------------------------------
@resolver
def r_set_every(m: re.Match[str], ctx: Context) -> Reading | None:
    what = _norm(m["what"])
    n = amount_of(m["amt"]) if m["amt"] else 1.0
    if n is None:
        return None
    if m["other"] and _norm(m["other"]) in ("other", "second"):
        n *= 2
    if what.rstrip("s") in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[what.rstrip('s')] + 1}", sets_reference=False)
    if what in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[what]:02d}", sets_reference=False)
    if what in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}", sets_reference=False)
    if what in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[what]}", sets_reference=False)
    if what == "weekday":
        return Reading("SET", "XXXX-WXX-WD", sets_reference=False)
    unit = unit_of_word(what)
    if unit == "WE":
        return Reading("SET", "XXXX-WXX-WE", sets_reference=False)
    if unit == "2W":
        n, unit = n * 2, "W"
    return Reading("SET", duration_value(n, unit), sets_reference=False)


_ADVERB_SETS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
    "quarterly": "P3M",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "bimonthly": "P2M",
    "semiannually": "P6M",
    "semi-annually": "P6M",
    "biannually": "P6M",
    "twice yearly": "P1Y",
    "twice-yearly": "P1Y",
    "twice monthly": "P1M",
    "twice-monthly": "P1M",
    "twice weekly": "P1W",
    "twice-weekly": "P1W",
}


@resolver
def r_set_adverb(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", _ADVERB_SETS[_norm(m["word"])], sets_reference=False)


@resolver
def r_set_freq(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of_word(m["unit"])
    if unit == "2W":
        return Reading("SET", "P2W", sets_reference=False)
    return Reading("SET", duration_value(1, unit), sets_reference=False)


@resolver
def r_set_rate(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of_word(m["unit"])
    return Reading("SET", duration_value(1, unit), sets_reference=False)


# -- references to now, the past, the future -------------------------------------------------
_PRESENT = {
    "now",
    "right now",
    "just now",
    "nowadays",
    "currently",
    "current",
    "at present",
    "presently",
    "at the moment",
    "these days",
    "this time",
    "the time being",
}
_PAST = {
    "recently",
    "recent",
    "lately",
    "of late",
    "more recently",
    "until recently",
    "formerly",
    "previously",
    "in the past",
    "the past",
    "then current",
    "once",
    "earlier",
}


@resolver
def r_ref(m: re.Match[str], ctx: Context) -> Reading | None:
    word = _norm(m["word"])
    before = ctx.before
    after = ctx.after
    if word in ("soon", "shortly") and (
        re.search(r"\bas\s*$", before)
        or re.match(r"\s*(?:after|afterwards?|before|thereafter|as)\b", after)
    ):
        return None
    if word in ("once", "earlier", "formerly", "this time"):
        return None
    if word == "now" and re.match(r"\s*that\b", after) and not re.search(r"[,;]\s*$", before):
        pass
    if word == "future" and not re.search(r"\b(?:in|the|near|for)\s*$", before):
        return None
    if word == "current" and re.match(
        r"\s*(?:account|affairs|events|and\s+former|or\s+former|,?\s*former)\b", after
    ):
        return None
    if word in _PRESENT:
        value = "PRESENT_REF"
    elif word in _PAST or word.startswith("recent "):
        value = "PAST_REF"
    elif (
        word.startswith(("coming", "the coming"))
        or "ahead" in word
        or "future" in word
        or word
        in (
            "soon",
            "shortly",
            "as soon as possible",
            "a later date",
            "any time soon",
        )
        or word.endswith(("near term", "short term", "long term", "medium term"))
    ):
        value = "FUTURE_REF"
    else:
        return None
    reading = Reading("DATE", value, anchor="published", sets_reference=False)
    if value == "PRESENT_REF" and ctx.dct is not None:
        reading.interval = Interval(start=ctx.dct, end=ctx.dct)
    return reading
