"""When an event happened: the time expression tied to it, else its sentence's, else its
neighbours', else the publication date — and which of these it was (``When.basis``).

A time expression belongs to the nearest event above it in the parse ("visited Beijing
in December": the visit; "a standoff that began in May 2020": the standoff), so one
sentence with two events and two dates dates each correctly. Expressions attached to a
speech verb ("officials said on Tuesday") are the report's date: the events reported take
them only as an inference. Event-anchored expressions ("two days after India and China
firmed up a pact") date one event from another (:func:`find_links`, :func:`shift`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from dateline.model import Timex, When
from dateline.nlp.events.compose import Candidate
from dateline.nlp.events.lexicon import SPEECH_VERBS
from dateline.nlp.state import DocState, doc_text

_PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year", 3: "decade", 2: "century"}


@dataclass
class TimeSpan:
    timex: Timex
    span: Span


@dataclass
class Attachments:
    """The time expressions of one sentence, by the candidate they belong to."""

    owned: dict[int, list[TimeSpan]]
    free: list[TimeSpan]
    report: dict[int, TimeSpan]
    durations: dict[int, list[TimeSpan]]
    nearest: dict[str, int]
    """A sentence-level expression dates the candidate nearest to it."""


def time_spans(doc: Doc, st: DocState) -> list[TimeSpan]:
    out: list[TimeSpan] = []
    for timex in st.timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None:
            out.append(TimeSpan(timex, span))
    return out


def usable(timex: Timex) -> bool:
    """A calendar date or time with a known interval (not a duration or a vague 'now')."""
    return timex.type in ("DATE", "TIME") and timex.interval is not None


def attach(sent: Span, cands: list[Candidate], spans: list[TimeSpan]) -> Attachments:
    index: dict[int, int] = {}
    for k, cand in enumerate(cands):
        for i in sorted(cand.tokens):
            index.setdefault(i, k)
    owned: dict[int, list[TimeSpan]] = defaultdict(list)
    durations: dict[int, list[TimeSpan]] = defaultdict(list)
    free: list[TimeSpan] = []
    report: dict[int, TimeSpan] = {}
    for ts in spans:
        if not (sent.start <= ts.span.start < sent.end):
            continue
        inside = {t.i for t in ts.span}
        owner, speech = _owner(ts.span.root, index, inside, cands)
        if speech is not None and speech.pos_ in ("NOUN", "PROPN"):
            continue
        if ts.timex.type == "DURATION":
            if owner is not None:
                durations[owner].append(ts)
            continue
        if not usable(ts.timex):
            continue
        if owner is not None:
            owned[owner].append(ts)
        elif speech is not None:
            for k, cand in enumerate(cands):
                top = cand.frame or cand.pred or cand.trigger
                if top.i == speech.i or _under(top, speech):
                    report.setdefault(k, ts)
        else:
            free.append(ts)
    nearest: dict[str, int] = {}
    for ts in free:
        if cands:
            k = min(
                range(len(cands)),
                key=lambda j: min(abs(i - ts.span.root.i) for i in cands[j].tokens),
            )
            nearest[ts.timex.id] = k
    return Attachments(dict(owned), free, report, dict(durations), nearest)


def _owner(
    tok: Token, index: dict[int, int], inside: set[int], cands: list[Candidate]
) -> tuple[int | None, Token | None]:
    node = tok
    if (
        tok.dep_ in ("poss", "compound", "nmod", "amod")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.i not in index
    ):
        # "Tuesday's election", "the March 5 vote": the date of a noun that is no event
        # of ours, not of the clause around it.
        return None, tok.head
    for _ in range(12):
        if node.i in index and node.i not in inside:
            return index[node.i], None
        if node.pos_ == "VERB" and node.lemma_.lower() in SPEECH_VERBS and node.i not in inside:
            return None, node
        if node.head.i == node.i:
            return None, None
        if node.dep_ in ("acl", "relcl") and node.head.i in index:
            # "the ceasefire agreement signed in March 2001": the clause dates the noun,
            # which is the event only if it is reported by the noun itself.
            owner = cands[index[node.head.i]]
            own_clause = owner.pred is not None and owner.pred.i == node.i
            noun_event = owner.how == "noun" and owner.trigger.i == node.head.i
            if not own_clause and not noun_event:
                return None, node
        node = node.head
    return None, None


def _under(tok: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in tok.ancestors)


def precision_of(value: str) -> str:
    if "W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if "T" in value:
        return "day"
    return _PRECISION_BY_LENGTH.get(len(value), "approximate")


def when_from(timex: Timex, basis: str = "text") -> When:
    assert timex.interval is not None
    value = timex.value.split("T", 1)[0]
    precision = precision_of(value)
    if precision == "approximate" and timex.interval.start == timex.interval.end:
        value, precision = timex.interval.start.isoformat(), "day"
    return When(
        value=value,
        start=timex.interval.start,
        end=timex.interval.end,
        precision=precision,
        timex=timex.id,
        basis=basis,
    )


def published_when(published: date) -> When:
    return When(
        value=published.isoformat(),
        start=published,
        end=published,
        precision="day",
        timex=None,
        basis="published",
    )


def choose(
    cand: Candidate, k: int, att: Attachments, cands: list[Candidate] | None = None
) -> When | None:
    """The date a sentence gives a candidate, or None."""
    own = att.owned.get(k, [])
    if not own and cands is not None and cand.pred is not None and cand.pred.dep_ == "conj":
        # "visited Beijing in December and held talks": coordinated verbs share a date.
        for j, other in enumerate(cands):
            if other.pred is not None and other.pred.i == cand.pred.head.i:
                own = att.owned.get(j, [])
    if own:
        best = min(own, key=lambda ts: (_rank(ts.timex), abs(ts.span.start - cand.trigger.i)))
        when = when_from(best.timex)
        return _stretch(when, att.durations.get(k, []), cand)
    mine = [ts for ts in att.free if att.nearest.get(ts.timex.id) == k]
    if mine:
        best = min(mine, key=lambda ts: (_rank(ts.timex), abs(ts.span.start - cand.trigger.i)))
        return _stretch(when_from(best.timex), att.durations.get(k, []), cand)
    if k in att.report:
        return when_from(att.report[k].timex, basis="inferred")
    return None


def _rank(timex: Timex) -> int:
    """Prefer a day to a month, a date to a time of day."""
    value = timex.value
    return {10: 0, 7: 1, 4: 2}.get(len(value.split("T")[0]), 3)


def _stretch(when: When, durations: list[TimeSpan], cand: Candidate) -> When:
    """'a two-day conclave that begins on Wednesday' covers two days."""
    if when.precision != "day" or not durations:
        return when
    for ts in durations:
        days = _days(ts.timex.value)
        if days is None or not 1 < days <= 31:
            continue
        if ts.span.root.i < cand.trigger.i and ts.span.root.head.i in (cand.trigger.i,):
            return when.model_copy(update={"end": when.start + timedelta(days=days - 1)})
        if any(t.head.i == cand.trigger.i for t in ts.span):
            return when.model_copy(update={"end": when.start + timedelta(days=days - 1)})
    return when


def _days(value: str) -> int | None:
    m = re.fullmatch(r"P(\d+)D", value)
    return int(m.group(1)) if m else None


# -- event-anchored expressions -----------------------------------------------------------
@dataclass
class Link:
    """'<offset> <relation> <anchored clause>', governed by ``governor``."""

    relation: str
    offset: Offset | None
    governor: Token
    anchored: Span
    timex: str | None


@dataclass(frozen=True)
class Offset:
    amount: float
    unit: str  # D, W, M, Y
    approximate: bool = False


_NUMBER_WORDS = {
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
    "couple of": 2,
    "few": 3,
    "several": 3,
}
_DURATION_BEFORE = re.compile(
    r"(?P<approx>nearly|almost|about|around|roughly|some|barely|just over|just under|more than"
    r"|less than|over|under)?\s*"
    r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|couple of|few|several)\s*[- ]?\s*"
    r"(?P<unit>day|week|month|year)s?"
    r"(?P<half>(?:\s*-?\s*and\s*-?\s*a\s*-?\s*half))?\s*$",
    re.IGNORECASE,
)
_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def parse_offset(value: str) -> Offset | None:
    """A TIMEX3 duration ("P2D", "P1.5M") as an offset."""
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([DWMY])", value)
    if m is None:
        return None
    return Offset(float(m.group(1)), m.group(2))


def find_links(doc: Doc, st: DocState, spans: list[TimeSpan]) -> list[Link]:
    """Event-anchored expressions: from ``Timex.link`` where the time tagger gave one,
    else from "<duration> after/before <clause>" in the parse."""
    links: list[Link] = []
    covered: set[int] = set()
    for ts in spans:
        link = ts.timex.link
        if link is None:
            continue
        anchored = doc.char_span(link.anchored.start, link.anchored.end, alignment_mode="expand")
        governor: Token | None = None
        if link.governor is not None:
            gspan = doc.char_span(link.governor.start, link.governor.end, alignment_mode="expand")
            governor = gspan.root if gspan is not None else None
        if anchored is None:
            continue
        if governor is None:
            governor = _relation_head(ts.span)
        if governor is None:
            continue
        offset = parse_offset(link.offset) if link.offset else None
        links.append(Link(link.relation, offset, governor, anchored, ts.timex.id))
        covered.update(t.i for t in anchored)
    text = doc_text(doc)
    for tok in doc:
        if tok.lower_ not in ("after", "before") or tok.i in covered or tok.idx < st.body_start:
            continue
        found = _fallback_link(tok, spans, text)
        if found is not None:
            links.append(found)
    return links


def _relation_head(span: Span) -> Token | None:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ not in ("after", "before"):
        return None
    return after.head


def _fallback_link(rel: Token, spans: list[TimeSpan], text: str) -> Link | None:
    """'... came two days after India and China firmed up a pact'."""
    doc = rel.doc
    before_text = text[max(0, rel.idx - 60) : rel.idx]
    m = _DURATION_BEFORE.search(before_text)
    if m is None:
        return None
    num = _NUMBER_WORDS.get(m.group("num").lower())
    amount = float(num) if num is not None else float(m.group("num"))
    if m.group("half"):
        amount += 0.5
    approximate = bool(m.group("approx")) or m.group("num").lower() in ("few", "several")
    offset = Offset(amount, _UNIT[m.group("unit").lower()], approximate)
    timex_id = None
    start_char = rel.idx - len(before_text) + m.start()
    for ts in spans:
        if ts.timex.start <= start_char < ts.timex.end or start_char <= ts.timex.start < rel.idx:
            timex_id = ts.timex.id
    clause: Token | None = None
    governor: Token | None = None
    if rel.dep_ == "mark":
        clause = rel.head
        governor = clause.head if clause.head.i != clause.i else None
    elif rel.dep_ == "prep":
        governor = rel.head
        clause = next((c for c in rel.children if c.dep_ in ("pcomp", "pobj")), None)
    if clause is None or governor is None:
        return None
    if governor.pos_ in ("NOUN", "NUM") and governor.head.i != governor.i:
        governor = governor.head  # "two days after" parsed with "days" as the head
    anchored = doc[clause.left_edge.i : clause.right_edge.i + 1]
    return Link(rel.lower_, offset, governor, anchored, timex_id)


def shift(when: When, offset: Offset | None, relation: str, *, forward: bool) -> When | None:
    """The date ``offset`` away from ``when``: ``forward`` dates the governed event from
    the anchor ('two days after X' → X + 2 days); otherwise the anchor from the governed."""
    if offset is None:
        return None
    sign = 1 if (relation == "after") == forward else -1
    whole = int(offset.amount)
    frac = offset.amount - whole
    delta: relativedelta | timedelta
    if offset.unit == "D":
        delta = timedelta(days=offset.amount)
    elif offset.unit == "W":
        delta = timedelta(weeks=offset.amount)
    elif offset.unit == "M":
        delta = relativedelta(months=whole) + timedelta(days=round(frac * 30.4))
    else:
        delta = relativedelta(years=whole) + relativedelta(months=round(frac * 12))
    base = when.start
    day = base + delta if sign > 0 else base - delta
    precision = {"D": "day", "W": "day", "M": "month", "Y": "year"}[offset.unit]
    if offset.unit == "M" and not offset.approximate and frac == 0 and when.precision == "day":
        precision = "day"
    coarse = ["day", "week", "month", "year"]
    if when.precision in coarse and coarse.index(when.precision) > coarse.index(precision):
        precision = when.precision
    return _at_precision(day, precision, when.timex)


def _at_precision(day: date, precision: str, timex: str | None) -> When:
    if precision == "month":
        start = day.replace(day=1)
        end = (start + relativedelta(months=1)) - timedelta(days=1)
        value = f"{day.year:04d}-{day.month:02d}"
    elif precision == "year":
        start, end = date(day.year, 1, 1), date(day.year, 12, 31)
        value = f"{day.year:04d}"
    else:
        start = end = day
        value = day.isoformat()
        precision = "day"
    return When(
        value=value,
        start=start,
        end=end,
        precision=precision,
        timex=timex,
        basis="text",
    )
