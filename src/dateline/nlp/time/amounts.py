"""Resolvers for lengths, repetitions and vague references: durations ("two-day", "nearly a
month-and-a-half", "the past two months"), weekends, sets ("every Monday", "annually",
"twice a week") and PRESENT_REF, PAST_REF, FUTURE_REF ("now", "recently", "soon")."""

from __future__ import annotations

import re

from dateline.model import Interval
from dateline.nlp.time.context import (
    UNIT_GRAN,
    Anchor,
    Context,
    Reading,
    amount_of,
    mod_of,
    norm,
    resolver,
    unit_of_word,
)
from dateline.nlp.time.lexicon import (
    MONTHS,
    NUMBERS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)
from dateline.nlp.time.points import (
    Gran,
    Point,
    duration_value,
)

# -- durations -------------------------------------------------------------------------------
_DURATION_CUES = re.compile(
    r"\b(?:for|within|than|take|takes|took|taken|taking|lasted|last|lasts|lasting|spend|spent|spends|"
    r"nearly|almost|about|around|over|under|after|in|of|only|just|least|most|half|once|another|"
    r"extra|entire|whole|full|past|next|first|every|each|per|up\s+to)\s*$"
)


_FRACTION = re.compile(r"\s*of\s+(?:the|a|an|all|its|their|his|her|our|this|that|those|these)\b")


@resolver
def r_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    amt_text = norm(m["amt"])
    amount = amount_of(amt_text)
    unit = unit_of_word(m["unit"])
    det = norm(m["det"] or "")
    rel = norm(m["rel"] or "")
    if unit == "Q" and _FRACTION.match(ctx.after) and not (det or rel):
        return None  # "three-quarters of the vote" is a fraction, "several quarters of losses" not
    if (
        amt_text == "one"
        and unit == "D"
        and not (m["mod"] or det or rel or m["half"] or m["adj"] or m["orso"])
        and not _DURATION_CUES.search(ctx.before)
        and not re.match(
            r"\s*(?:after|before|later|earlier|into|of|ago|from|to|or|and)\b", ctx.after
        )
        and ctx.direction() == "future"
    ):
        # "Islam will one day be the second religion": some day to come
        return Reading("DATE", "FUTURE_REF", anchor="published", sets_reference=False)
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
    mod = mod_of(m["mod"])
    if m["orso"]:
        tail = norm(m["orso"])
        mod = mod or (
            "APPROX"
            if tail.endswith("so")
            else "EQUAL_OR_MORE"
            if tail.endswith(("more", "longer"))
            else "EQUAL_OR_LESS"
        )
    if det.startswith("each of"):
        # "each of the last three years": every one of them, a set whose quantifier is
        # part of it, as "every" is of "every year"
        return Reading("SET", duration_value(1, unit), sets_reference=False)
    value = duration_value(amount, unit)
    interval = None
    anchor: Anchor = None
    if (
        ctx.dct is not None
        and amount is not None
        and rel in ("past", "last", "previous", "preceding", "next", "coming", "following")
        and unit in UNIT_GRAN
    ):
        n = amount
        letter = unit
        if n != int(n):
            n, letter = (n * 12, "M") if letter == "Y" else (round(n * 30), "D")
        try:
            if rel in ("past", "last", "previous", "preceding"):
                start = Point.day(ctx.dct).shift(-int(n), letter).start
                interval = Interval(start=start, end=ctx.dct)
            else:
                end = Point.day(ctx.dct).shift(int(n), letter).start
                interval = Interval(start=ctx.dct, end=end)
            anchor = "published"
        except (ValueError, OverflowError):  # "the last 10000 centuries": before year 1
            interval = None
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
    unit_word = norm(m["unit"])
    if re.search(
        r"(?:\d|\b(?:" + "|".join(w for w in NUMBERS if " " not in w) + r"))[\s-]*$", ctx.before
    ):
        return None  # "37 years old", "five days": counted, not vague
    if re.search(r"\b(?:early|small|wee)\s*$", ctx.before) or (
        m["rel"] and norm(m["rel"]) == "early" and unit_word == "hours"
    ):
        return None  # "the early hours of Sunday": the day is the expression
    rel = norm(m["rel"] or "")
    det = norm(m["det"] or "")
    post = norm(m["post"] or "")
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
    if unit_word == "quarters" and not (rel or det or post):
        return None  # "such quarters", "living quarters": rooms, not periods
    return Reading("DURATION", duration_value(None, unit), sets_reference=False)


@resolver
def r_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.dct is None:
        return None
    rel = norm(m["rel"])
    dct = ctx.dct
    this = Point.weekend(dct)
    anchor: Anchor = "published"
    if rel in ("last", "this past", "the previous"):
        p = this.shift(-1, "W")
        if rel == "the previous":
            ref = ctx.ref(Gran.WEEK)
            if ref is None:
                return None
            p, anchor = Point.weekend(ref[0].start).shift(-1, "W"), ref[1]
    elif rel in ("next", "this coming"):
        p = this if dct < this.start and rel == "this coming" else this.shift(1, "W")
    elif rel == "this":
        p = this
    elif rel in ("that", "the following"):
        ref = ctx.ref(Gran.WEEK)
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
    what = norm(m["what"])
    n = amount_of(m["amt"]) if m["amt"] else 1.0
    if n is None:
        return None
    if m["other"] and norm(m["other"]) in ("other", "second"):
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
def r_seasons(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the past three summers": each of them, a set of summers (XXXX-SU)."""
    name = norm(m["season"]).removesuffix("s")
    return Reading("SET", f"XXXX-{SEASONS[name]}", sets_reference=False)


@resolver
def r_set_adverb(m: re.Match[str], ctx: Context) -> Reading | None:
    word = norm(m["word"])
    if word == "daily" and re.match(r"\s+[A-Z]", ctx.after_cased):
        return None  # "the Communist Party daily Granma": a newspaper
    return Reading("SET", _ADVERB_SETS[word], sets_reference=False)


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
    word = norm(m["word"])
    before = ctx.before
    after = ctx.after
    if word in ("soon", "shortly") and (
        re.search(r"\bas\s*$", before)
        or re.match(r"\s*(?:after|afterwards?|before|thereafter|as)\b", after)
    ):
        return None
    if word in ("once", "earlier", "formerly", "this time"):
        return None
    if word in ("soon", "shortly") and ctx.direction() == "past":
        return None  # "a trickle that soon became a flood": soon after then, not after now
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
