"""Whether an event happened: occurred, ongoing, planned, hypothetical or negated.

Read from the event's own clause and the clauses that govern it: negation ("did not",
"never", "denied attacking", "failed to"), modals ("will" → planned, "may", "could",
"would" outside reported speech → hypothetical), planning verbs ("is set to", "plans to",
"is expected to"), conditions ("if", "unless"), the progressive ("are continuing") and,
last, a date after publication (a meeting "on Wednesday" written on Tuesday is planned).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from dateline.model import When
from dateline.nlp.events.compose import Candidate
from dateline.nlp.events.lexicon import (
    HYPOTHETICAL_VERBS,
    MODAL_HYPOTHETICAL,
    MODAL_PLANNED,
    NEGATING_VERBS,
    NEGATIONS,
    PLANNING_VERBS,
    SPEECH_VERBS,
)
from dateline.nlp.events.words import words

_PLANNED_NOUN_MODIFIERS = frozenset(
    words(
        "planned proposed upcoming scheduled expected future forthcoming prospective next "
        "impending imminent intended"
    )
)
_HYPOTHETICAL_NOUN_MODIFIERS = frozenset(
    ["possible", "potential", "likely", "would-be", "eventual"]
)
_CONDITIONS = frozenset({"if", "unless", "whether"})
_TRYING = frozenset(["try", "attempt", "seek", "manage"])


def status_of(cand: Candidate, when: When | None, published: date | None) -> str:
    return status_and_cue(cand, when, published)[0]


def status_and_cue(cand: Candidate, when: When | None, published: date | None) -> tuple[str, bool]:
    """The status, and whether the text said it (False: "occurred" by default, as for a
    bare noun: "the conclave")."""
    pred = cand.frame or cand.pred
    found = _verbal(pred) if pred is not None else _nominal(cand.trigger)
    explicit = found is not None or (pred is not None and pred.tag_ in ("VBD", "VBN", "VBZ", "VBP"))
    found = _status_default(found, cand, when, published, pred)
    return found, explicit or found != "occurred"


def _status_default(
    found: str | None,
    cand: Candidate,
    when: When | None,
    published: date | None,
    pred: Token | None,
) -> str:
    if found is None:
        found = "occurred"
    ahead = (
        when is not None
        and published is not None
        and when.basis == "text"
        and when.start > published
        and not _past(pred)
    )
    if found in ("occurred", "ongoing") and ahead:
        return "planned"
    began = pred is not None and pred.lemma_.lower() in ("begin", "start", "erupt")
    if found == "occurred" and cand.durative and began and pred.tag_ in ("VBD", "VBN"):  # type: ignore[union-attr]
        return "ongoing"
    return found


def _verbal(pred: Token) -> str | None:
    if pred.pos_ in ("NOUN", "PROPN"):
        return _nominal(pred)
    if _negated(pred):
        return "negated"
    own = _own_modality(pred)
    if own is not None:
        return own
    node = pred
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            break
        dep = node.dep_
        lemma = head.lemma_.lower()
        if dep == "advcl" and _mark(node) & _CONDITIONS:
            return "hypothetical"
        if dep == "advcl" and "until" in _mark(node) and not _past(node):
            return "hypothetical"  # "until their demands are met": not yet
        infinitive = dep in ("advcl", "ccomp", "acl") and _infinitive(node)
        if infinitive and not _governs(head) and head.pos_ == "VERB":
            # "is visiting China to attend a conclave": the purpose lies ahead.
            outer = _verbal(head)
            if outer in ("planned", "ongoing"):
                return "planned"
            return outer
        if dep in ("xcomp", "pcomp", "pobj", "prep") or infinitive:
            if lemma in NEGATING_VERBS:
                return "negated"
            if lemma in HYPOTHETICAL_VERBS:
                return "hypothetical"
            if lemma in PLANNING_VERBS or head.lower_ in ("set", "due", "expected", "scheduled"):
                return "planned"
            if lemma == "be" and _infinitive(node):
                return "planned"  # "Hamas is to release 33 hostages"
            if lemma in ("continue", "keep"):
                return "ongoing"
        elif dep != "conj":
            break
        if _negated(head):
            return "negated"
        own = _own_modality(head)
        if own is not None:
            return own
        node = head
    if _progressive(pred):
        return "ongoing"
    return None


def _own_modality(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes} | {c.lemma_.lower() for c in auxes}
    if words & MODAL_PLANNED:
        return "planned"
    if "going" in {c.lower_ for c in verb.head.children} and verb.dep_ == "xcomp":
        return "planned"
    if words & MODAL_HYPOTHETICAL:
        if "would" in words and _reported(verb):
            return "planned"
        return "hypothetical"
    if verb.lower_ in ("set", "due", "scheduled", "expected", "slated", "poised", "likely") and any(
        c.dep_ == "xcomp" for c in verb.children
    ):
        return "planned"
    return None


def _past(verb: Token | None) -> bool:
    """The clause is in a past tense: trust it over a date that seems to lie ahead."""
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ == "VBD":
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had", "was", "were"})


def _governs(head: Token) -> bool:
    """Whether a verb says something about the status of its complement."""
    lemma = head.lemma_.lower()
    return (
        lemma in NEGATING_VERBS
        or lemma in HYPOTHETICAL_VERBS
        or lemma in PLANNING_VERBS
        or lemma in ("continue", "keep")
        or head.lower_ in ("set", "due", "expected", "scheduled")
    )


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _progressive(verb: Token) -> bool:
    if verb.tag_ != "VBG":
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _negated(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS):
            return True
    return False


def _reported(verb: Token) -> bool:
    node = verb
    for _ in range(6):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _mark(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "mark"}


def _nominal(noun: Token) -> str | None:
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return "negated"
    if mods & _PLANNED_NOUN_MODIFIERS:
        return "planned"
    if mods & _HYPOTHETICAL_NOUN_MODIFIERS:
        return "hypothetical"
    head = noun.head
    if noun.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and head.i != noun.i:
        verb = head.head if noun.dep_ == "pobj" else head
        if verb.pos_ in ("VERB", "AUX"):
            lemma = verb.lemma_.lower()
            planning = lemma in ("plan", "propose", "schedule", "prepare", "arrange", "announce")
            if planning and noun.dep_ == "dobj":
                return "planned"
            if lemma in HYPOTHETICAL_VERBS:
                return "hypothetical"
            if noun.dep_ in ("nsubj", "nsubjpass"):
                return _verbal(verb)
    return None
