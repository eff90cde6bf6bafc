"""Resolvers for expressions relative to the publication date or to the story's last
mentioned time: "last week", "the following month", "June that year", "two days later",
"three years ago", "earlier in the day", "last summer"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from dateline.model import TimexType
from dateline.nlp.time.context import (
    ENDED,
    UNIT_GRAN,
    Anchor,
    Context,
    Reading,
    amount_of,
    mod_of,
    norm,
    resolver,
    unit_of_word,
    year_of,
)
from dateline.nlp.time.lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
    duration_value,
    season_containing,
    unit_of,
)

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


_UNIT_GRANS = {
    "day": Gran.DAY,
    "week": Gran.WEEK,
    "weekend": Gran.WEEK,
    "month": Gran.MONTH,
    "quarter": Gran.QUARTER,
    "half": Gran.HALF,
    "year": Gran.YEAR,
    "decade": Gran.DECADE,
    "century": Gran.CENTURY,
}
"""The precision a reference needs for "that week", "earlier in the month", …"""


def unit_point(unit: str, d: date) -> Point | None:
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
    rel = norm(m["rel"])
    unit = norm(m["unit"])
    mod = mod_of(m["mod"])
    if m["mod"] and norm(m["mod"]) == "the rest of":
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
        r"\b(?:over|during|for|within|through|throughout)\s*$", ctx.before
    ):
        if unit in UNITS:
            return Reading("DURATION", duration_value(1, UNITS[unit]), sets_reference=False)
        return None
    if ctx.dct is None:
        return None
    dct = ctx.dct
    anchor: Anchor = "published"
    if rel in _REF_SAME or rel in _REF_NEXT or rel in _REF_PREV:
        ref = ctx.ref(_UNIT_GRANS.get(unit))
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
        here = unit_point(unit, origin)
        if here is None:
            return None
        p = here.shift(step, unit_of(here.gran)) if step else here
    type_: TimexType = "DATE"
    return Reading(type_, p.value, p, mod=mod, anchor=anchor)


def _relative_part(rel: str, part: str, ctx: Context) -> Reading | None:
    """ "the next morning", "that evening", "last night"."""
    if rel in _REF_SAME or rel in _REF_NEXT or rel in _REF_PREV:
        ref = ctx.ref(Gran.DAY)
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
    unit = norm(m["unit"])
    if ENDED.match(ctx.after):
        return Reading("DURATION", duration_value(1, UNITS[unit]), sets_reference=False)
    ref = ctx.ref(_UNIT_GRANS.get(unit))
    if ref is None:
        return None
    base, anchor = ref
    if unit == "year" and ctx.period is not None:
        base, anchor = ctx.period, "period"
    p = unit_point(unit, base.start)
    if p is None or base.gran < p.gran:
        return None
    return Reading("DATE", p.value, p, anchor=anchor, sets_reference=False)


@resolver
def r_unit_long(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DURATION", duration_value(1, UNITS[norm(m["unit"])]), sets_reference=False)


def _unit_of_reference(m: re.Match[str], ctx: Context, *, seasons: bool) -> Reading | None:
    """The unit ("the year", "the quarter") that holds the last mentioned time (for a
    quarter, the financial period in force), with the phrase's mod."""
    unit = norm(m["unit"])
    if unit == "season" and not seasons:
        return None
    ref = ctx.ref(_UNIT_GRANS.get(unit))
    if ref is None:
        return None
    base, anchor = ref
    if unit == "quarter" and ctx.period is not None:
        base, anchor = ctx.period, "period"
    p = unit_point(unit, base.start)
    if p is None:
        return None
    return Reading("DATE", p.value, p, mod=mod_of(m["mod"]), anchor=anchor)


@resolver
def r_anaphoric_in(m: re.Match[str], ctx: Context) -> Reading | None:
    return _unit_of_reference(m, ctx, seasons=False)


@resolver
def r_end_of(m: re.Match[str], ctx: Context) -> Reading | None:
    return _unit_of_reference(m, ctx, seasons=True)


@resolver
def r_year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "The end of the year" is the end of the year under discussion; a bare "year-end"
    is the publication year's ("by year-end"), or the last one before it in a clause
    that looks back ("the change since year-end")."""
    word = norm(m["word"])
    if word.startswith(("year", "the year")) and ctx.dct is not None:
        year = ctx.dct.year
        deadline = re.search(r"\b(?:by|until|till|before|to|around)\s*$", ctx.before)
        looks_back = re.search(r"\bsince\s*$", ctx.before) or (
            ctx.direction() == "past" and not deadline
        )
        if looks_back and (ctx.dct.month, ctx.dct.day) != (12, 31):
            year -= 1
        p = Point.year(year)
        return Reading("DATE", p.value, p, mod="END", anchor="published")
    ref = ctx.ref(Gran.YEAR)
    if ref is None:
        return None
    base, anchor = ref
    p = Point.year(base.start.year)
    return Reading("DATE", p.value, p, mod="END", anchor=anchor)


@resolver
def r_the_unit_around(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = norm(m["unit"])
    direction = norm(m["dir"])
    ref = ctx.ref(_UNIT_GRANS.get(unit))
    if ref is None:
        return None
    base, anchor = ref
    here = unit_point(unit, base.start)
    if here is None:
        return None
    step = -1 if direction in ("before", "earlier", "prior") else 1
    p = here.shift(step, unit_of(here.gran))
    return Reading("DATE", p.value, p, anchor=anchor)


def _shifted_clock(
    ctx: Context, amount: float | None, unit: str, sign: int, from_dct: bool
) -> Reading | None:
    """ "Two hours later": a clock time when the story was at one, else just its day."""
    if from_dct:
        base: tuple[Point, Anchor] | None = (Point.day(ctx.dct), "published") if ctx.dct else None
    else:
        base = ctx.ref(Gran.DAY)
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
    gran = UNIT_GRAN.get(letter, Gran.DAY)
    if gran < Gran.YEAR:
        gran = Gran.YEAR  # "a decade ago" is a year, not the decade it falls in
    if not from_dct and base_point.gran < gran:
        # "two days later" after "in May 2020": May 2020 is as precise as it gets
        return Reading("DATE", base_point.value, base_point, anchor=anchor)
    # keep the reference's own precision when it is finer (a quarter a year earlier)
    if not from_dct and base_point.gran > gran and base_point.gran <= Gran.DAY:
        p = base_point.shift(sign * int(n), letter)
    else:
        start = Point.day(base_point.start).shift(sign * int(n), letter).start
        p = Point(gran, start).at(start) if gran is not Gran.WEEKEND else Point.week(start)
    return Reading("DATE", p.value, p, anchor=anchor)


@resolver
def r_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    direction = norm(m["dir"])
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
    mod = mod_of(m["mod"]) if m["mod"] else ("APPROX" if m["orso"] else None)
    reading.mod = mod
    reading.sets_reference = not financial and reading.sets_reference
    return reading


@resolver
def r_season(m: re.Match[str], ctx: Context) -> Reading | None:
    name = norm(m["season"])
    rel = norm(m["rel"]) if m["rel"] else None
    mod = mod_of(m["mod"]) or mod_of(m["mod2"])
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
        ref = ctx.ref(Gran.SEASON)
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
