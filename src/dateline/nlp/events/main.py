"""An article's main event: who did what, when and where, as a reader of the lead sees it.

News puts the main event in the lead. The main event is the most confident event that
happened (not negated or hypothetical) in the first lead sentence that reports one; its
date, when the event itself is dated only by publication, is the first calendar day named
in the lead (the inverted pyramid: "Clinton blamed Comey ... On a call Saturday, she
said ..."). An article whose lead reports no political event still has a main event for
the 5W questions: the lead sentence's actors, places and day, with the publication date as
the fallback. Picture credits, share buttons and subscription prompts are not the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.model import Event, Place, Timex, When
from dateline.nlp.events.when import published_when, when_from
from dateline.nlp.state import DocState, state

LEAD_SENTENCES = 3
_BOILERPLATE = re.compile(
    r"click to share|subscribe|image copyright|image caption|opens in new window|"
    r"invalid email|getty images|pic\.twitter|^\(?photo\b|\bphoto:|^media caption|"
    r"share this|follow us|sign up|newsletter|all rights reserved",
    re.IGNORECASE,
)


@dataclass
class MainEvent:
    """The answers to who, what, when and where for an article's main event."""

    who: list[str] = field(default_factory=list)
    what: str = ""
    when: When | None = None
    where: Place | None = None
    event: Event | None = None
    """The Dateline event it is, if the lead reports a political event."""
    sentence: tuple[int, int] = (0, 0)


def lead(doc: Doc, st: DocState, n: int = LEAD_SENTENCES) -> list[Span]:
    """The first ``n`` sentences of the body that are news, not page furniture."""
    out = []
    for sent in doc.sents:
        if sent.end_char <= st.body_start:
            continue
        text = sent.text.strip()
        words = [t for t in sent if t.is_alpha]
        if (
            len(words) < 5
            or _BOILERPLATE.search(text)
            or not any(t.pos_ in ("VERB", "AUX") for t in sent)
        ):
            continue
        out.append(sent)
        if len(out) == n:
            break
    return out


def main_event(doc: Doc) -> MainEvent | None:
    """The main event of an annotated Doc (the pipeline must have run)."""
    st = state(doc)
    if st.published is None:
        return None
    sentences = lead(doc, st)
    if not sentences:
        return None
    actors = {a.id: a for a in st.actors}
    places = {p.id: p for p in st.places}
    for sent in sentences:
        found = [
            e for e in st.events if _in(e, sent) and e.status not in ("negated", "hypothetical")
        ]
        if found:
            # The main clause's event first ("A gunman opened fire ... not far from
            # protests": the shooting), then the most confident.
            event = min(found, key=lambda e: (_depth(doc, e), -e.confidence, e.trigger.start))
            when = event.when
            if when.basis == "published" or when.precision != "day":
                when = _lead_day(st, sentences, sent) or when
            where = places.get(event.where) if event.where else None
            if where is None or event.where_basis in ("dateline", "focus"):
                where = _lead_place(st, sentences, places) or where
            who = [actors[a].name for a in event.actors + event.recipients if a in actors]
            return MainEvent(
                who=who or _subject_phrase(doc, event.trigger.start),
                what=event.trigger.text,
                when=when,
                where=where,
                event=event,
                sentence=(event.sentence.start, event.sentence.end),
            )
    first = sentences[0]
    who = []
    for (start, _end), aid in sorted(st.actor_spans.items()):
        if first.start_char <= start < first.end_char and aid in actors:
            name = actors[aid].name
            if name not in who:
                who.append(name)
    root = first.root
    return MainEvent(
        who=who or _subject_phrase(doc, root.idx),
        what=root.text,
        when=_lead_day(st, sentences, first) or published_when(st.published),
        where=_lead_place(st, sentences, places),
        event=None,
        sentence=(first.start_char, first.end_char),
    )


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _depth(doc: Doc, event: Event) -> int:
    tok = _token_at(doc, event.trigger.start)
    if tok is None:
        return 99
    depth = len(list(tok.ancestors))
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("VERB", "AUX"):
        depth -= 1  # "held talks": the noun stands for its verb
    return depth


def _subject_phrase(doc: Doc, offset: int) -> list[str]:
    """Who acts when no actor was coded: the subject phrase of the event's clause ("A
    gunman", "Several people")."""
    tok = _token_at(doc, offset)
    if tok is None:
        return []
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ != "PRON":
            chunk = next((nc for nc in doc.noun_chunks if nc.start <= subj.i < nc.end), None)
            return [chunk.text if chunk is not None else subj.text]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def _in(event: Event, sent: Span) -> bool:
    return any(
        sent.start_char <= t.start < sent.end_char
        for t in [event.trigger, *(m.trigger for m in event.mentions)]
    )


def _lead_day(st: DocState, sentences: list[Span], main: Span) -> When | None:
    """The first calendar day named in the main sentence, else in the rest of the lead."""
    ordered = [main, *(s for s in sentences if s is not main and s.start >= main.start)]
    for sent in ordered:
        days = [t for t in st.timexes if sent.start_char <= t.start < sent.end_char and _day(t)]
        if days:
            return when_from(days[0])
    return None


def _day(timex: Timex) -> bool:
    return (
        timex.type in ("DATE", "TIME")
        and timex.interval is not None
        and timex.interval.start == timex.interval.end
    )


def _lead_place(st: DocState, sentences: list[Span], places: dict[str, Place]) -> Place | None:
    for sent in sentences:
        spans = sorted(s for s in st.place_spans if sent.start_char <= s[0] < sent.end_char)
        if spans:
            return places.get(st.place_spans[spans[0]])
    if st.dateline_span and st.dateline_span in st.place_spans:
        return places.get(st.place_spans[st.dateline_span])
    return None
