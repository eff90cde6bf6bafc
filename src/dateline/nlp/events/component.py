"""The ``dateline_events`` component: triggers → typed, dated, placed events.

For each trigger word (verb or event noun) of the lexicon, the actors and recipients come
from the dependency parse and are coded through the actor component; the date is the time
expression attached to the trigger's clause, else one in its sentence, else the
publication date (``basis: "published"``, never disguised); the place likewise, falling
back to the dateline. A sentence with a trigger but no actor yields no event.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Event, Mention, SentenceSpan, Timex, When
from dateline.model import Span as TextSpan
from dateline.nlp.events.lexicon import TriggerType, lookup
from dateline.nlp.state import DocState, state

_PRECISION = {10: "day", 7: "month", 4: "year", 8: "week"}
_PLANNED = {
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
    "intend",
    "aim",
    "prepare",
}
_HYPOTHETICAL = {"may", "might", "could", "would", "should", "if", "unless", "consider"}
_NEGATION = {"not", "n't", "never", "no"}
_RECIPIENT_PREPS = {"with", "against", "on", "to", "at", "from", "into"}
_PLACE_PREPS = {"in", "at", "near", "across", "along", "inside", "outside", "to", "from"}


@Language.factory("dateline_events", assigns=["doc._.dateline"], default_config={})
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)


class EventExtractor:
    """Writes ``state(doc).events``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        events: list[Event] = []
        for sent in doc.sents:
            if sent.end_char <= st.body_start:
                continue
            for tok in sent:
                kind = lookup(tok.lemma_, tok.pos_)
                if kind is None or tok.idx < st.body_start:
                    continue
                event = self._event(tok, sent, kind, st, len(events) + 1)
                if event is not None:
                    _add_or_merge(events, event)
        st.events = events
        return doc

    def _event(
        self, trigger: Token, sent: Span, kind: TriggerType, st: DocState, number: int
    ) -> Event | None:
        actors, recipients = _arguments(trigger, st)
        if not actors and not recipients:
            return None
        when = _when(trigger, sent, st)
        place_id, where_basis = _where(trigger, sent, st)
        status = _status(trigger)
        confidence = 0.45 + 0.15 * bool(actors) + 0.1 * bool(recipients)
        confidence += 0.1 * (when.basis == "text") + 0.1 * (place_id is not None)
        return Event(
            id=f"e{number}",
            type=kind.type,
            mode=kind.mode,
            cameo=kind.cameo,
            actors=actors,
            recipients=recipients,
            status=status,
            when=when,
            where=place_id,
            where_basis=where_basis,
            trigger=TextSpan(text=trigger.text, start=trigger.idx, end=trigger.idx + len(trigger)),
            sentence=_sentence(sent, st.body_start),
            confidence=round(min(confidence, 0.95), 2),
        )


def _sentence(sent: Span, body_start: int) -> SentenceSpan:
    """The sentence's offsets without surrounding whitespace or anything before the body."""
    start = max(sent.start_char, body_start)
    text = sent.doc.text[start : sent.end_char]
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return SentenceSpan(start=start, end=start + len(stripped), text=stripped)


def _actor_at(tok: Token, st: DocState) -> str | None:
    for (start, end), aid in st.actor_spans.items():
        if start <= tok.idx < end:
            return aid
    return None


def _actors_under(tok: Token, st: DocState) -> list[str]:
    """Actors heading a phrase and its coordinated parts ("India and China")."""
    found: list[str] = []
    for t in [tok, *tok.conjuncts]:
        aid = _actor_at(t, st)
        if aid is None:
            for child in t.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    aid = aid or _actor_at(child, st)
        if aid is not None and aid not in found:
            found.append(aid)
    return found


def _arguments(trigger: Token, st: DocState) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recipients: list[str] = []
    verb = trigger
    if trigger.pos_ != "VERB":
        for child in trigger.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                actors += _actors_under(child, st)
            if child.dep_ == "prep" and child.lower_ == "between":
                for pobj in child.children:
                    actors += _actors_under(pobj, st)
        if trigger.dep_ in ("dobj", "nsubj", "pobj", "attr") and trigger.head.pos_ in (
            "VERB",
            "AUX",
        ):
            verb = trigger.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "agent"):
            target = child if child.dep_ == "nsubj" else next(iter(child.children), child)
            actors += _actors_under(target, st)
        elif child.dep_ in ("dobj", "nsubjpass") and child is not trigger:
            recipients += _actors_under(child, st)
    for head in {trigger, verb}:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and _actor_at(pobj, st) is not None:
                        recipients += _actors_under(pobj, st)
    if not actors and verb.dep_ == "xcomp":
        for child in verb.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                actors += _actors_under(child, st)
    actors = list(dict.fromkeys(actors))
    recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
    return actors, recipients


def _timex_token_ids(timex: Timex, sent: Span) -> set[int]:
    return {t.i for t in sent if timex.start <= t.idx < timex.end}


def _when(trigger: Token, sent: Span, st: DocState) -> When:
    in_sent = [
        t
        for t in st.timexes
        if sent.start_char <= t.start < sent.end_char
        and t.interval is not None
        and t.type == "DATE"
    ]
    clause = {t.i for t in (trigger.head if trigger.pos_ != "VERB" else trigger).subtree}
    clause |= {t.i for t in trigger.subtree}
    attached = [t for t in in_sent if _timex_token_ids(t, sent) & clause]
    pick = attached or in_sent
    if pick:
        timex = min(pick, key=lambda t: abs(t.start - trigger.idx))
        assert timex.interval is not None
        return When(
            value=timex.value,
            start=timex.interval.start,
            end=timex.interval.end,
            precision=_precision(timex.value),
            timex=timex.id,
            basis="text",
        )
    published = st.published
    assert published is not None, "the pipeline sets the publication date"
    return When(
        value=published.isoformat(),
        start=published,
        end=published,
        precision="day",
        timex=None,
        basis="published",
    )


def _precision(value: str) -> str:
    if "W" in value:
        return "week"
    return _PRECISION.get(len(value), "approximate")


def _where(trigger: Token, sent: Span, st: DocState) -> tuple[str | None, str | None]:
    in_sent = {
        span: pid
        for span, pid in st.place_spans.items()
        if sent.start_char <= span[0] < sent.end_char
    }
    heads = {trigger, trigger.head}
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                for t in child.subtree:
                    for (start, end), pid in in_sent.items():
                        if start <= t.idx < end:
                            return pid, "attached"
    if in_sent:
        span = min(in_sent, key=lambda s: abs(s[0] - trigger.idx))
        return in_sent[span], "sentence"
    if st.dateline_span and st.dateline_span in st.place_spans:
        return st.place_spans[st.dateline_span], "dateline"
    return None, None


def _status(trigger: Token) -> str:
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    chain = [verb, *verb.ancestors][:4]
    words = {c.lower_ for v in chain for c in v.children} | {v.lemma_.lower() for v in chain}
    if words & _NEGATION:
        return "negated"
    if words & _HYPOTHETICAL:
        return "hypothetical"
    if words & _PLANNED:
        return "planned"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" for c in verb.children):
        return "ongoing"
    return "occurred"


def _add_or_merge(events: list[Event], new: Event) -> None:
    """Same type, same date and shared actors in one article: one event, two mentions."""
    for old in events:
        same_actors = set(old.actors + old.recipients) & set(new.actors + new.recipients)
        if old.type == new.type and old.when.value == new.when.value and same_actors:
            if old.when.basis == "published" and new.when.basis == "text":
                old.when = new.when
            old.mentions.append(Mention(trigger=new.trigger, sentence=new.sentence))
            return
    events.append(new)
