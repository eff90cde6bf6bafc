"""The ``dateline_time`` component: find time expressions and resolve them to TIMEX3.

1. :mod:`~dateline.nlp.time.recognize` finds expressions with our own grammar (not the
   model's DATE/TIME entities, which miss and mis-span many).
2. In text order, :mod:`~dateline.nlp.time.resolve` gives each a type, value, mod and
   interval, against the publication date in the direction of its clause's tense
   (:mod:`~dateline.nlp.time.tense`), or against the last mentioned time for anaphora.
3. :mod:`~dateline.nlp.time.links` links durations to the events they are counted from
   ("two days after …").

Writes ``state(doc).timexes``: ids t1, t2, … in text order; offsets slice ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Timex, TimexLink
from dateline.nlp.state import doc_text, state
from dateline.nlp.time.links import anchored_point, find_link
from dateline.nlp.time.points import Gran, Point
from dateline.nlp.time.recognize import Match, find
from dateline.nlp.time.resolve import RESOLVERS, Context, Direction, Reading
from dateline.nlp.time.tense import direction_of, governing_verb, verb_direction


@Language.factory("dateline_time", assigns=["doc._.dateline"], default_config={})
def make_time(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)


class TimeTagger:
    """Writes ``state(doc).timexes``: TIMEX3 records with type, value, interval, anchor."""

    def __init__(self, nlp: Language | None = None, name: str = "dateline_time") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st.timexes = tag(doc, st.published, st.body_start)
        return doc


def tag(doc: Doc, published: date | None, body_start: int = 0) -> list[Timex]:
    """All time expressions of ``doc`` after ``body_start``, resolved against the
    publication date ``published`` (None leaves relative expressions unresolved)."""
    text = doc_text(doc)
    ctx = Context(dct=published)

    def prepare(found: Match) -> None:
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        ctx.direction = _lazy_direction(span, text[max(body_start, found.start - 24) : found.start])
        ctx.before = text[max(body_start, found.start - 40) : found.start].lower()
        ctx.after_cased = text[found.end : found.end + 40]
        ctx.after = ctx.after_cased.lower()
        ctx.possessive = text[found.end : found.end + 2] in ("'s", "’s")

    def resolve(found: Match) -> Reading | None:
        try:
            return RESOLVERS[found.rule.resolver](found.match, ctx)
        except (ValueError, OverflowError):
            # "9999 years ago", "the year 0", "in 99 centuries": outside the years 1-9999
            # that a date can hold, so no calendar value; the words are no timex then
            return None

    def accept(found: Match) -> bool:
        prepare(found)
        return resolve(found) is not None

    timexes: list[Timex] = []
    points: dict[str, Point] = {}
    reference_id: str | None = None
    period_id: str | None = None
    for found in find(text, body_start, accept):
        prepare(found)
        reading = resolve(found)
        if reading is None:
            continue
        tid = f"t{len(timexes) + 1}"
        anchor = {
            "published": "published",
            "reference": reference_id or "published",
            "period": period_id or "published",
        }.get(reading.anchor or "")
        start, end, mod = _with_modifier(text, found, reading, ctx.possessive)
        start, mod = _without_outside_words(text, found, start, end, mod)
        start = _without_determiner(doc, text, start, end)
        timex = Timex(
            id=tid,
            text=text[start:end],
            start=start,
            end=end,
            type=reading.type,
            value=reading.value,
            interval=reading.interval,
            anchor=anchor,
            mod=mod,
        )
        timexes.append(timex)
        if reading.point is not None:
            points[tid] = reading.point
            if reading.sets_reference:
                ctx.reference = reading.point
                reference_id = tid
            if (
                reading.sets_period
                and reading.point.gran in (Gran.QUARTER, Gran.HALF)
                and reading.type == "DATE"
                and _reported_period(reading.point, ctx)
            ):
                ctx.period = reading.point
                period_id = tid
        elif reading.focus is not None and _reported_period(reading.focus, ctx, ended=False):
            ctx.period = reading.focus
            period_id = tid
    _link(doc, timexes, points)
    return timexes


def _reported_period(point: Point, ctx: Context, *, ended: bool = True) -> bool:
    """Is this the period a results story is about? The latest one reported on: over
    (unless ``ended`` is False), not a comparison ("the 1988 period"), a forecast ("the
    fourth quarter" written in October) or history."""
    if ctx.dct is not None:
        last = point.end if ended else point.start
        if not (last <= ctx.dct and (ctx.dct - point.end).days <= RECENT_PERIOD_DAYS):
            return False
    return ctx.period is None or point.end >= ctx.period.end


RECENT_PERIOD_DAYS = 400
"""How long after its end a period can still be the one a story reports on."""

_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this"})


def _without_determiner(doc: Doc, text: str, start: int, end: int) -> int:
    """Leave out a leading determiner when the expression only modifies a noun after it:
    "a [third-quarter] loss", "the [Oct. 23] slaying" (TimeML extents)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return start
    adjective = _HYPHENATED_LENGTH.search(text, start, end)
    nxt = doc[span.end] if span.end < len(doc) else None
    if adjective and adjective.start() > start and nxt is not None and _noun_like(nxt):
        return adjective.start()  # "the first [six-week] phase"
    if span[0].lower_ not in _DETERMINERS:
        return start
    if span[0].lower_ == "this" and span[1].pos_ != "NUM":
        return start
    root = span[1:].root
    if (
        root.head.i >= span.end
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.dep_
        in (
            "compound",
            "amod",
            "nmod",
            "npadvmod",
            "nummod",
        )
    ):
        return span[1].idx
    hyphenated = "-" in span[1:].text
    if nxt is not None and hyphenated and _noun_like(nxt):
        return span[1].idx  # "a [two-day] conclave", also without a parse
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if (
        span[0].lower_ in ("the", "a", "an")
        and _DATE_WITH_YEAR.search(span.text)
        and nxt is not None
        and nxt.text == ","
        and after is not None
        and _noun_like(after)
    ):
        return span[1].idx  # "the [Dec. 21, 1988], bombing": a date set off by commas
    return start


_DATE_WITH_YEAR = re.compile(r"\d,?\s+\d{4}$")


_HYPHENATED_LENGTH = re.compile(
    r"[\w.]+-(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)s?$",
    re.IGNORECASE,
)


def _noun_like(token: Token) -> bool:
    """A noun, or (without a parse) a lower-case word."""
    return token.pos_ == "NOUN" or (not token.pos_ and token.is_lower)


_FORWARD_CUE = re.compile(
    r"\b(?:as\s+(?:early|soon)\s+as|starting|beginning|effective|payable|no\s+later\s+than)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_WEAK_FORWARD_CUE = re.compile(r"\b(?:until|till|by|through)\s+(?:on\s+)?$", re.IGNORECASE)
_BACKWARD_CUE = re.compile(
    r"\b(?:since|ago|said|told|announced|reported|added|stated|confirmed|declared|warned"
    r"|disclosed|revealed)\s+(?:(?:reporters|journalists|parliament|the\s+\w+)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
"""Words right before an expression that say it looks back: "since Monday", and the news
convention "said Wednesday", "told reporters on Monday" (the date is the saying's, however
the parse attaches it)."""


def _lazy_direction(span: Span | None, before: str) -> Callable[[], Direction]:
    """The direction of the expression's clause, worked out on first use. A preposition
    right before it decides ("as early as Tuesday", "since Monday"); "until", "till"
    "by" and "through" look forward unless the verb is in the past ("had filed by
    Wednesday")."""
    cache: list[Direction] = []

    def direction() -> Direction:
        if not cache:
            if _FORWARD_CUE.search(before):
                cache.append("future")
            elif _BACKWARD_CUE.search(before):
                cache.append("past")
            else:
                parsed = direction_of(span) if span is not None else None
                if _WEAK_FORWARD_CUE.search(before) and (
                    parsed != "past" or (span is not None and _present_perfect(span))
                ):
                    parsed = "future"  # "has given them until Tuesday", not "had filed by Tuesday"
                cache.append(parsed)
        return cache[0]

    return direction


def _present_perfect(span: Span) -> bool:
    verb = governing_verb(span)
    return verb is not None and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in verb.children
    )


_APPROX_BEFORE = ("nearly ", "almost ", "approximately ", "roughly ")
"""Adverbs of approximation taken into a date's extent ("[nearly 1,000 years ago]" aside)."""
_APPROX_PREPOSITIONS = ("about ", "around ")
"""Prepositions of approximation: outside the extent (TimeML leaves prepositions out), but
they still give the expression mod APPROX ("around [Nov. 1]")."""


def _with_modifier(
    text: str, found: Match, reading: Reading, possessive: bool = False
) -> tuple[int, int, str | None]:
    """Take in an approximating adverb just before a date ("nearly a year ago" aside:
    "almost [Nov. 1]"); an approximating preposition ("around Nov. 1") only gives the mod.
    A possessive date modifies a noun and is never approximate: "get around [Wednesday]'s
    ruling"."""
    start, end, mod = found.start, found.end, reading.mod
    if possessive or not (reading.type in ("DATE", "TIME") and mod is None):
        return start, end, mod
    if reading.point is None:
        return start, end, mod
    before = text[max(0, start - 16) : start].lower()
    for word in _APPROX_BEFORE + _APPROX_PREPOSITIONS:
        if before.endswith(word) and (
            start - len(word) == 0 or not text[start - len(word) - 1].isalnum()
        ):
            if word in _APPROX_PREPOSITIONS:
                return start, end, "APPROX"
            return start - len(word), end, "APPROX"
    return start, end, mod


_OUTSIDE_WORDS = re.compile(
    r"(?P<cmp>earlier|later)(?:\s+(?:in|on))?\s+(?=\S)|(?P<prep>about|around)\s+(?=\S)",
    re.IGNORECASE,
)


def _without_outside_words(
    text: str, found: Match, start: int, end: int, mod: str | None
) -> tuple[int, str | None]:
    """Leave out words the rules read but TimeML leaves outside the extent: comparative
    adverbs ("Earlier [Friday]", "later [today]", "earlier in [the day]"), which order an
    event against another rather than name a part of the time (unlike "early", "late":
    mod START, END), and prepositions of approximation ("about [five hours]", "around
    [10:35 a.m.]"), whose meaning stays in mod APPROX. In "about two years ago" the
    amount is inside the adverbial phrase headed by "ago", and stays."""
    m = _OUTSIDE_WORDS.match(text, start, end)
    if m is None or m.end() >= end:
        return start, mod
    if m["prep"]:
        if found.rule.resolver == "ago":
            return start, mod
        return m.end(), mod
    groups = found.match.groupdict()
    if (groups.get("mod") or "").strip().lower() in ("earlier", "later"):
        mod = None
    return m.end(), mod


def _link(doc: Doc, timexes: list[Timex], points: dict[str, Point]) -> None:
    """Fill ``link`` for expressions anchored on events, and date the anchoring event
    when the governing event's time is known: a date in the governing clause, the
    publication date for a governing verb in the present or future, else the last day
    the story mentioned before ("The Modi-Xi meeting came two days after …" follows
    "… a meeting … on October 23")."""
    for i, timex in enumerate(timexes):
        link = find_link(doc, timex)
        if link is None:
            continue
        governing = _governing_time(doc, timex, link, timexes[:i], points)
        if governing is not None:
            point = anchored_point(link, governing[1])
            if point is not None:
                link = link.model_copy(
                    update={
                        "value": point.value,
                        "interval": point.interval,
                        "reference": governing[0],
                    }
                )
        timexes[i] = timex.model_copy(update={"link": link})


def _governing_time(
    doc: Doc, timex: Timex, link: TimexLink, earlier: list[Timex], points: dict[str, Point]
) -> tuple[str, Point] | None:
    if link.governor is None:
        return None
    governor = doc.char_span(link.governor.start, link.governor.end)
    if governor is None:
        return None
    verb = governor.root
    clause = {t.i for t in verb.subtree}
    for other in earlier:
        other_span = doc.char_span(other.start, other.end, alignment_mode="expand")
        if other.id in points and other_span is not None and other_span.root.i in clause:
            return other.id, points[other.id]
    published = state(doc).published
    if verb.pos_ in ("VERB", "AUX") and verb_direction(verb) in ("present", "future") and published:
        return "published", Point.day(published)
    days = [t for t in earlier if t.id in points and points[t.id].gran >= Gran.DAY]
    if days and timex.start - days[-1].end < RECENT_MENTION_CHARS:
        return days[-1].id, points[days[-1].id]
    return None


RECENT_MENTION_CHARS = 600
"""How far back (in characters) the last mentioned day still dates a governing event."""
