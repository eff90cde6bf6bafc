"""The ``dateline_time`` component: find time expressions and resolve them to TIMEX3.

Candidates are the model's DATE/TIME entities plus what a pattern pass finds that the
model misses (weekdays, "two days later", ISO dates). Each is resolved against the
publication date in the direction of its clause's tense, or against the last mentioned
time for anaphoric expressions ("June that year", "two days later").
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Timex
from dateline.nlp.state import state
from dateline.nlp.time.normalize import Direction, Resolved, normalize

_EXTRA = re.compile(
    r"\b(?:(?:last|next|this|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:two|three|four|five|six|seven|\d+)\s+(?:days|weeks|months|years)\s+(?:later|earlier|ago)\b"
    r"|\b(?:the\s+)?(?:next|following)\s+(?:day|week|month|year)\b",
    re.IGNORECASE,
)
_FUTURE_CUES = {
    "will",
    "'ll",
    "shall",
    "set",
    "expected",
    "scheduled",
    "plan",
    "plans",
    "due",
    "going",
    "to",
}
_LEADING = {"on", "in", "at", "by", "since", "during", "the", "from", "until"}


@Language.factory("dateline_time", assigns=["doc._.dateline"], default_config={})
def make_time(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)


class TimeTagger:
    """Writes ``state(doc).timexes``: TIMEX3 records with type, value, interval, anchor."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        timexes: list[Timex] = []
        last: tuple[str, date] | None = None
        for span in candidates(doc, st.body_start):
            direction = tense_direction(span)
            res = normalize(
                span.text, st.published, direction=direction, reference=last[1] if last else None
            )
            if res is None:
                continue
            tid = f"t{len(timexes) + 1}"
            anchor = res.anchor
            if anchor == "reference" and last is not None:
                anchor = last[0]
            elif anchor == "reference":
                anchor = "published"
            timexes.append(_timex(tid, span, res, anchor))
            if res.interval is not None and res.type == "DATE":
                last = (tid, res.interval.start)
        st.timexes = timexes
        return doc


def _timex(tid: str, span: Span, res: Resolved, anchor: str | None) -> Timex:
    return Timex(
        id=tid,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        type=res.type,
        value=res.value,
        interval=res.interval,
        anchor=anchor,
        mod=res.mod,
    )


def candidates(doc: Doc, body_start: int = 0) -> list[Span]:
    """DATE/TIME entities and pattern matches, without overlaps, in text order."""
    spans: list[Span] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in _EXTRA.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        span = _trim(span)
        if span is None or span.start_char < body_start:
            continue
        if taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _LEADING:
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end] if end > start else None


def tense_direction(span: Span) -> Direction:
    """'past' or 'future' from the clause that governs the expression, or None."""
    verb: Token | None = span.root
    while verb is not None and verb.pos_ not in ("VERB", "AUX"):
        if verb.head.i == verb.i:
            verb = None
            break
        verb = verb.head
    if verb is None:
        return None
    around = [c.lower_ for c in verb.children] + [verb.lower_]
    if any(w in _FUTURE_CUES for w in around if w != "to") or verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "future" if not any(c.tag_ == "VBD" for c in verb.children) else "past"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    return None
