"""Resolvers for the periods of results reporting: quarters and halves ("the third
quarter", "Q3 2024", "the first half"), "the quarter", "the latest period", "the year-ago
quarter", "the first nine months"; the story's reported period is their reference."""

from __future__ import annotations

import re
from datetime import date

from dateline.nlp.time.context import (
    ENDED,
    Anchor,
    Context,
    Reading,
    amount_of,
    norm,
    resolver,
    unit_of_word,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
    duration_value,
    unit_of,
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
        rel = norm(yrel)
        if rel in ("this", "the current"):
            return ctx.dct.year, "published", False
        if rel == "last":
            return ctx.dct.year - 1, "published", False
        if rel == "next":
            return ctx.dct.year + 1, "published", False
        ref = ctx.ref(Gran.YEAR)
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
    what = norm(m["what"])
    ordinal = norm(m["ord"])
    if ordinal == "last" and what != "half":
        return None  # "the last quarter" is the one before: see r_relative
    n = 2 if ordinal == "last" else _ORD[ordinal]
    pre = norm(m["pre"] or "")
    det = norm(m["det"] or "")
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


@resolver
def r_period(m: re.Match[str], ctx: Context) -> Reading | None:
    what = norm(m["what"])
    pre = norm(m["pre"] or "")
    det = norm(m["det"])
    post = norm(m["post"] or "")
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
        if det == "a" and not pre.strip():
            return None  # "changed from a fiscal year to a calendar year": a kind of year
        if ENDED.match(ctx.after):
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
    pre = norm(m["pre"] or "")
    reading = Reading("DURATION", duration_value(amount, unit), sets_reference=False)
    if (
        ctx.dct is not None
        and unit == "M"
        and not re.search(r"year|ago|earlier|past|last|\d{4}", pre)
    ):
        year = ctx.period.start.year if ctx.period is not None else ctx.dct.year
        reading.focus = Point.year(year)  # results "for the nine months" are this year's
    return reading


@resolver
def r_first_part(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the first two quarters of 1990" is the first half of 1990, "the first three
    months of 1990" its first quarter; other stretches ("the first nine months of 1989")
    are a length and a year, each its own expression."""
    amount = amount_of(m["amt"]) or 0
    months = amount * (3 if norm(m["unit"]) == "quarters" else 1)
    year = int(m["year"])
    if months == 6:
        p = Point.half(year, 1)
    elif months == 3:
        p = Point.quarter(year, 1)
    else:
        return None
    return Reading("DATE", p.value, p)


@resolver
def r_year_ago_adj(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.period is not None:
        p = ctx.period.shift(-1, "Y")
        return Reading("DATE", p.value, p, anchor="period", sets_reference=False, sets_period=False)
    if ctx.dct is None:
        return None
    p = Point.year(ctx.dct.year - 1)
    return Reading("DATE", p.value, p, anchor="published", sets_reference=False, sets_period=False)
