"""The ``dateline_events`` component: each reported action → one typed, dated, placed
event with its status, arguments, provenance and a confidence.

Per sentence (:mod:`.compose`): triggers combined through frames and light verbs, so a
predicate chain yields one event. Per event: arguments (:mod:`.arguments`), date
(:mod:`.when`), status (:mod:`.status`), place (:mod:`.where`). Per article: dates
inferred from neighbouring events and event-anchored expressions, then the same event
mentioned twice merged (:mod:`.merge`). What is left without an argument, a date of its
own or another mention to join is dropped: precision first.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Actor, Event, SentenceSpan, When
from dateline.model import Span as TextSpan
from dateline.nlp.events.arguments import ArgumentFinder
from dateline.nlp.events.compose import Candidate, Composer
from dateline.nlp.events.confidence import confidence
from dateline.nlp.events.lexicon import TriggerType, _t
from dateline.nlp.events.merge import Draft, absorb, merge
from dateline.nlp.events.ontology import COOPERATIVE
from dateline.nlp.events.status import status_and_cue
from dateline.nlp.events.when import (
    Link,
    attach,
    choose,
    find_links,
    published_when,
    shift,
    time_spans,
)
from dateline.nlp.events.where import PlaceFinder
from dateline.nlp.events.words import words
from dateline.nlp.state import DocState, doc_text, state

_VAGUE = frozenset(
    words(
        "violence unrest confrontation hostilities bloodshed carnage aggression fighting tension "
        "tensions"
    )
)
_APPROVALS = frozenset({"approve", "approved", "support", "back", "endorse", "defend"})
_AT_PREPS = frozenset({"at", "during", "on", "for", "ahead", "after"})


@Language.factory("dateline_events", assigns=["doc._.dateline"], default_config={})
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)


class EventExtractor:
    """Writes ``state(doc).events``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st.events = extract_events(doc, st)
        return doc


def extract_events(doc: Doc, st: DocState) -> list[Event]:
    """The events of an annotated Doc (times, actors and places already found)."""
    return [_event(d, n) for n, d in enumerate(extract_drafts(doc, st), 1)]


def extract_drafts(doc: Doc, st: DocState) -> list[Draft]:
    """The events before they become records, with what supports them (for training the
    confidence model)."""
    published = st.published
    if published is None:
        return []
    finder = ArgumentFinder(doc, st)
    places = PlaceFinder(doc, st)
    spans = time_spans(doc, st)
    drafts: list[Draft] = []
    paragraph = 0
    last_end = st.body_start
    text = doc_text(doc)
    for index, sent in enumerate(doc.sents):
        if sent.end_char <= st.body_start:
            continue
        if "\n\n" in text[last_end : sent.start_char] or "\n\n" in sent.text.strip():
            paragraph += 1
        last_end = sent.end_char
        cands = [
            c
            for c in Composer(sent, finder.actor_of).candidates()
            if c.trigger.idx >= st.body_start
        ]
        att = attach(sent, cands, spans)
        for k, cand in enumerate(cands):
            when = choose(cand, k, att, cands)
            args = finder.find(cand)
            status, said = status_and_cue(cand, when, published)
            sense = _conditional_threat(cand, status)
            if sense is not cand.sense:
                cand = replace(cand, sense=sense)
                status = "occurred"
            participants = {
                i for i, aid in finder.actor_of.items() if aid in args.actors + args.recipients
            }
            where, where_basis = places.find(cand, sent, exclude=participants)
            drafts.append(
                Draft(
                    cand=cand,
                    sent=sent,
                    sent_index=index,
                    paragraph=paragraph,
                    args=args,
                    when=when or published_when(published),
                    status=status,
                    status_said=said,
                    where=where,
                    where_basis=where_basis,
                    trigger=_trigger_span(cand.trigger),
                    sentence=_sentence(text, sent, st.body_start),
                    type=cand.sense.type,
                    mode=cand.sense.mode,
                    cameo=cand.sense.cameo,
                )
            )
    drafts = _join_hosts(drafts)
    _infer_from_neighbours(drafts, published)
    links = find_links(doc, st, spans)
    _apply_links(drafts, links, published)
    actors = {a.id: a for a in st.actors}
    place_by_id = {p.id: p for p in st.places}
    merged = merge(drafts, actors, place_by_id)
    _apply_links(merged, links, published)
    merged = merge(merged, actors, place_by_id)
    for d in merged:
        if (
            d.when.basis == "text"
            and d.when.start > published
            and d.status in ("occurred", "ongoing")
            and not d.past
        ):
            d.status = "planned"
    for d in merged:
        _keep_interval_open(d, published)
    kept = [d for d in merged if _keep(d) and not _corporate(d, actors)]
    kept.sort(key=lambda d: min([d.trigger.start, *(m.trigger.start for m in d.mentions)]))
    for draft in kept:
        draft.confidence = confidence(draft)
    return kept


def _keep_interval_open(d: Draft, published: date) -> None:
    """A state under way ("the standoff that began in May 2020") covers the time from its
    start to the latest the article speaks for: the publication date."""
    under_way = d.status == "ongoing" and d.cand.durative and d.when.basis == "text"
    if under_way and d.when.start <= published and d.when.end < published:
        d.when = d.when.model_copy(update={"end": published})


def _keep(d: Draft) -> bool:
    """Precision first: an event needs an argument, or a date of its own, to stand."""
    if d.bare and d.merged == 0 and d.when.basis != "text":
        return False
    if d.cand.trigger.lemma_.lower() in _APPROVALS and not d.args.actors:
        return False  # "shareholders approved the split": approval needs a known approver
    if d.args.actors or d.args.recipients:
        return True
    if d.cand.trigger.lemma_.lower() in _VAGUE or d.cand.trigger.lower_ in _VAGUE:
        return False
    if d.when.basis == "text":
        return True
    return d.args.phrases


_COMPANY = re.compile(
    r"\b(?:inc|corp|corporation|co|ltd|plc|llc|ag|sa|nv|bv|gmbh|spa|group|holdings|bank|"
    r"securities|partners|fund|capital|industries)\b\.?>?$",
    re.IGNORECASE,
)
_BUSINESSLIKE = frozenset(
    {"AGREE", "SUPPORT", "CONSULT", "REQUEST", "CONCEDE", "AID", "RETREAT", "REJECT", "COOPERATE"}
)


def _corporate(d: Draft, actors: dict[str, Actor]) -> bool:
    """A deal, an approval or a meeting among companies only is business news, not a
    political event."""
    if d.type not in _BUSINESSLIKE:
        return False
    found = [actors[i] for i in d.args.actors + d.args.recipients if i in actors]
    political = [
        a for a in found if a.kind in ("COUNTRY", "IGO") or (a.sector or "") not in ("", "BUS")
    ]
    if political:
        return False
    names = [a.name for a in found] + d.args.names
    return any(_COMPANY.search(n.strip()) for n in names) or any(a.sector == "BUS" for a in found)


def _conditional_threat(cand: Candidate, status: str) -> TriggerType:
    """'X will withdraw its troops unless Y ...' is a threat, not a withdrawal."""
    if status not in ("planned", "hypothetical") or cand.frame is not None:
        return cand.sense
    pred = cand.pred
    if pred is None:
        return cand.sense
    for c in pred.children:
        if c.dep_ == "advcl":
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            negated = any(m.dep_ == "neg" for m in c.children)
            hostile = cand.sense.type in ("SANCTION", "ASSAULT", "COERCE")
            conditional = "unless" in marks or ("if" in marks and negated)
            if conditional and (cand.sense.type in COOPERATIVE or hostile):
                mode = "violence" if cand.sense.type == "ASSAULT" else "relations"
                return _t("THREATEN", mode)
    return cand.sense


def _join_hosts(drafts: list[Draft]) -> list[Draft]:
    """'Leaders will meet at a two-day summit': meeting at a summit is the summit."""
    by_token = {d.cand.trigger.i: d for d in drafts}
    out = []
    for d in drafts:
        host = _host_event(d, by_token)
        if host is not None and host.type == d.type and host is not d:
            absorb(host, d)
            continue
        out.append(d)
    return out


def _infer_from_neighbours(drafts: list[Draft], published: date) -> None:
    """Undated events take the date of an event they happen at ("press the SCO ... at a
    conclave that begins on Wednesday") or, in the same paragraph, of the event just
    before them with the same outlook (both planned, or both past)."""
    by_token = {d.cand.trigger.i: d for d in drafts}
    for i, d in enumerate(drafts):
        if d.when.basis != "published":
            continue
        host = _host_event(d, by_token)
        if host is not None and host.when.basis != "published":
            d.when = host.when.model_copy(update={"basis": "inferred", "timex": host.when.timex})
            if host.status == "planned" and d.status == "occurred":
                d.status = "planned"
            if host.where is not None and d.where_basis != "attached":
                d.where, d.where_basis = host.where, host.where_basis
            continue
        for prev in reversed(drafts[:i]):
            if prev.sent_index < d.sent_index - 1 or prev.paragraph != d.paragraph:
                break
            if prev.when.basis == "published" or prev.sent_index == d.sent_index:
                continue
            both_planned = prev.status == "planned" and d.status == "planned"
            shared = set(prev.args.actors) & set(d.args.actors)
            both_past = prev.status == "occurred" and d.status == "occurred" and shared
            if both_planned or both_past:
                d.when = prev.when.model_copy(update={"basis": "inferred"})
            break


def _host_event(d: Draft, by_token: dict[int, Draft]) -> Draft | None:
    """An event this one happens at: 'press the SCO ... at a conclave'."""
    heads = [t for t in (d.cand.frame, d.cand.pred, d.cand.trigger) if t is not None]
    frontier = list(heads)
    for _ in range(4):
        nxt = []
        for head in frontier:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in _AT_PREPS:
                    for pobj in child.children:
                        host = by_token.get(pobj.i)
                        if host is not None and host is not d:
                            return host
                if child.dep_ not in ("relcl", "nsubj", "nsubjpass", "ccomp", "punct"):
                    nxt.append(child)
        frontier = nxt
    return None


def _apply_links(drafts: list[Draft], links: list[Link], published: date) -> None:
    for link in links:
        governed = _draft_at(drafts, link.governor)
        anchored = _draft_in(drafts, link.anchored)
        if anchored is None and governed is None:
            continue
        gov_when = governed.when if governed is not None else _clause_date(link.governor, published)
        if gov_when is not None and gov_when.basis == "published" and governed is not None:
            gov_when = None
        if anchored is not None and gov_when is not None and anchored.when.basis != "text":
            found = shift(gov_when, link.offset, link.relation, forward=False)
            if found is not None:
                anchored.when = found.model_copy(update={"timex": link.timex or gov_when.timex})
                continue
        if (
            governed is not None
            and anchored is not None
            and governed.when.basis != "text"
            and anchored.when.basis == "text"
        ):
            found = shift(anchored.when, link.offset, link.relation, forward=True)
            if found is not None:
                governed.when = found.model_copy(update={"timex": link.timex})


def _draft_at(drafts: list[Draft], tok: Token) -> Draft | None:
    for d in drafts:
        if tok.i in d.tokens:
            return d
    doc = tok.doc
    for d in drafts:
        for i in d.triggers:
            if doc[i].head.i == tok.i and doc[i].dep_ in ("nsubj", "nsubjpass"):
                return d
    return None


def _draft_in(drafts: list[Draft], span: Span) -> Draft | None:
    inside = [d for d in drafts if any(span.start <= i < span.end for i in d.triggers)]
    if not inside:
        return None
    return min(inside, key=lambda d: (d.cand.how == "noun", d.cand.trigger.i))


def _clause_date(verb: Token, published: date) -> When | None:
    """The date of a clause with no event of its own: now, if it is in the present."""
    if verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG"
        and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    ):
        return published_when(published).model_copy(update={"basis": "text"})
    return None


def _trigger_span(tok: Token) -> TextSpan:
    return TextSpan(text=tok.text, start=tok.idx, end=tok.idx + len(tok))


def _sentence(doc_text: str, sent: Span, body_start: int) -> SentenceSpan:
    """The sentence's offsets without surrounding whitespace or anything before the body."""
    start = max(sent.start_char, body_start)
    text = doc_text[start : sent.end_char]
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return SentenceSpan(start=start, end=start + len(stripped), text=stripped)


def _parties(d: Draft) -> int:
    if "bilateral" in {c.lower_ for c in d.cand.trigger.children}:
        return 0
    return len(set(d.args.actors) | set(d.args.recipients))


def _event(d: Draft, number: int) -> Event:
    mode = d.mode
    cameo = d.cameo
    if d.type == "CONSULT" and mode is None and _parties(d) >= 3:
        mode = "multilateral"
    return Event(
        id=f"e{number}",
        type=d.type,
        mode=mode,
        cameo=cameo,
        actors=list(d.args.actors),
        recipients=list(d.args.recipients),
        status=d.status,
        when=d.when,
        where=d.where,
        where_basis=d.where_basis,
        trigger=d.trigger,
        sentence=d.sentence,
        confidence=d.confidence,
        mentions=d.mentions,
    )
