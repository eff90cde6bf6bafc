"""Resolvers for calendar dates, weekdays, days named relative to today, clock times and
holidays: "24 June 2025", "October 21", "May 2020", "Wednesday", "yesterday", "3 pm local
time", "Thanksgiving"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.nlp.time.context import (
    Anchor,
    Context,
    Reading,
    choose_day,
    day_of,
    mod_of,
    month_day,
    month_of,
    month_point,
    norm,
    resolver,
    weekday_date,
    weekday_of,
    year_of,
)
from dateline.nlp.time.lexicon import (
    CLOCK_WORDS,
    MONTHS,
    NUMBERS,
    PARTS_OF_DAY,
    WEEKDAYS,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
    holiday,
)


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
    found = month_day(month, day, ctx.dct, ctx.direction())
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
        d, anchor = month_day(month, day, ctx.dct, ctx.direction()), "published"
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
    return Reading("DATE", p.value, p, mod=mod_of(m["mod"]))


@resolver
def r_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_of(m["mon"])
    rel = norm(m["rel"]) if m["rel"] else None
    post = norm(m["post"]).removeprefix("of ") if m["post"] else None
    mod = mod_of(m["mod"])
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
        ref = ctx.ref(Gran.YEAR)
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
        ref = ctx.ref(Gran.YEAR)
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
        p = month_point(month, dct, ctx.direction())
    return Reading("DATE", p.value, p, mod=mod, anchor=anchor)


@resolver
def r_year(m: re.Match[str], ctx: Context) -> Reading | None:
    try:
        year = year_of(m["year"])
    except (KeyError, ValueError):
        return None
    p = Point.year(year)
    mod = mod_of(m["mod"])
    pre = norm(m["pre"] or "")
    if pre.startswith("post"):
        mod = "AFTER"
    elif pre.startswith("pre"):
        mod = "BEFORE"
    post = norm(m["post"] or "")
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
        tens = int(m["short"]) if m["short"] else _DECADE_WORDS[norm(m["word"])]
        now = ctx.dct.year if ctx.dct else 2000
        start = (now // 100) * 100 + tens
        if start > now:
            start -= 100
    p = Point.decade(start)
    return Reading("DATE", p.value, p, mod=mod_of(m["mod"]))


@resolver
def r_century(m: re.Match[str], ctx: Context) -> Reading | None:
    n = day_of(m["ord"])
    if not 1 <= n <= 30:
        return None
    p = Point.century((n - 1) * 100)
    return Reading("DATE", p.value, p, mod=mod_of(m["mod"]))


# -- days, weekdays, times ------------------------------------------------------------------------
def _day_mod(text: str | None) -> str | None:
    return mod_of(text)


@resolver
def r_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    wd = weekday_of(m["wd"])
    part = PARTS_OF_DAY[norm(m["part"])] if m["part"] else None
    if m["pl"] or m["ppl"]:
        value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        return Reading("SET", value, sets_reference=False)
    rel = norm(m["rel"]) if m["rel"] else None
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-WXX-{wd + 1}", sets_reference=False)
    anchor: Anchor = "published"
    if rel in ("the previous", "the preceding", "the following", "the next", "that"):
        ref = ctx.ref(Gran.WEEK)
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
        d = weekday_date(wd, ctx.dct, direction, rel)
    mod = _day_mod(m["mod"])
    if part:
        p = Point.part_of(d, part)
        return Reading("TIME", p.value, p, mod=mod, anchor=anchor)
    return Reading("DATE", d.isoformat(), Point.day(d), mod=mod, anchor=anchor)


DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@resolver
def r_deictic(m: re.Match[str], ctx: Context) -> Reading | None:
    word = norm(m["word"])
    if ctx.dct is None:
        return Reading("DATE", "PRESENT_REF", sets_reference=False)
    d = ctx.dct + timedelta(days=DEICTIC[word])
    part = PARTS_OF_DAY[norm(m["part"])] if m["part"] else ("NI" if word == "tonight" else None)
    mod = _day_mod(m["mod"])
    if part:
        p = Point.part_of(d, part)
        return Reading("TIME", p.value, p, mod=mod, anchor="published")
    return Reading("DATE", d.isoformat(), Point.day(d), mod=mod, anchor="published")


@resolver
def r_day_around(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the day before last Tuesday", "the day after Oct. 23": a day next to a named one."""
    if ctx.dct is None:
        return None
    ref = norm(m["ref"])
    words = ref.split()
    day: date | None
    if ref in DEICTIC:
        day = ctx.dct + timedelta(days=DEICTIC[ref])
    elif words[-1].rstrip(".") in WEEKDAYS:
        rel = words[0] if len(words) > 1 else None
        day = weekday_date(WEEKDAYS[words[-1].rstrip(".")], ctx.dct, ctx.direction(), rel)
    else:
        found = _dayref(ref, ctx)
        day = found[0] if found else None
    if day is None:
        return None
    d = day + timedelta(days=-1 if norm(m["dir"]) == "before" else 1)
    return Reading("DATE", d.isoformat(), Point.day(d), anchor="published")


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
    rel = norm(m["rel"])
    part = PARTS_OF_DAY[norm(m["part"])]
    d = ctx.dct + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
    if rel == "last" and part != "NI":
        return None  # "last morning" is not an expression of its own
    p = Point.part_of(d, part)
    return Reading("TIME", p.value, p, mod=_day_mod(m["mod"]), anchor="published")


@resolver
def r_overnight(m: re.Match[str], ctx: Context) -> Reading | None:
    """The night before the story's day: the last mentioned day when the story has moved
    to a day of the week before publication ("London shares fell Friday, depressed by overnight
    losses in New York": Thursday night), else the night before publication (or the
    coming one, for a clause that looks ahead)."""
    if ctx.dct is None:
        return None
    ref = ctx.reference
    anchor: Anchor = "published"
    if ref is not None and ref.gran >= Gran.DAY and 0 < (ctx.dct - ref.start).days <= 7:
        d, anchor = ref.start - timedelta(days=1), "reference"
    elif ctx.direction() in ("future", "present"):
        d = ctx.dct
    else:
        d = ctx.dct - timedelta(days=1)
    p = Point.part_of(d, "NI")
    return Reading("TIME", p.value, p, anchor=anchor)


def _clock(text: str) -> tuple[int, int] | None:
    t = norm(text)
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
        word = norm(m["oc"])
        hour = int(word) if word.isdigit() else int(NUMBERS.get(word, 0))
        hm: tuple[int, int] | None = (hour, 0) if 1 <= hour <= 12 else None
    else:
        hm = _clock(m["clock"])
    if hm is None:
        return None
    hour, minute = hm
    part = norm(m["part"]) if m["part"] else None
    if part in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    clock_text = norm(m["clock"] or "")
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
        if m["mod"] and norm(m["mod"]) in ("about", "around", "approximately", "roughly")
        else None
    )
    return Reading("TIME", p.value, p, mod=mod, anchor=anchor)


def _dayref(text: str, ctx: Context) -> tuple[date, Anchor] | None:
    t = norm(text)
    if t in DEICTIC:
        return (ctx.dct + timedelta(days=DEICTIC[t]), "published") if ctx.dct else None
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
        found = month_day(month, day, ctx.dct, ctx.direction())
        return (found, "published") if found else None
    wd = t.split(",")[0].rstrip(".")
    if wd in WEEKDAYS and ctx.dct is not None:
        return weekday_date(WEEKDAYS[wd], ctx.dct, ctx.direction(), None), "published"
    return None


@resolver
def r_holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = norm(m["name"]).replace(".", "")
    rel = norm(m["rel"]) if m["rel"] else None
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
            d = choose_day(cands, dct, ctx.direction())
        anchor = "published"
    if d is None:
        return None
    if m["week"]:
        week = Point.week(d - timedelta(days=6) if d.weekday() == 6 else d)
        return Reading("DATE", week.value, week, anchor=anchor)
    return Reading("DATE", d.isoformat(), Point.day(d), anchor=anchor)
