"""Which way a clause looks from the publication date: past, future or present.

"was signed on Monday" → past (the Monday before); "begins on Wednesday", "will meet on
Wednesday", "is expected to arrive on Wednesday" → future; "said Friday" → past. The
parse gives the verb that governs the expression; its tense, aspect, modals and the verb
that governs *it* ("is set to press", "plans to visit") decide.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.nlp.time.context import Direction

_FUTURE_AUX = frozenset(
    {"will", "'ll", "shall", "wo", "’ll", "would", "might", "may", "should", "must", "can", "ca"}
)
_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "’ve", "'d", "’d"})
_SCHEDULING = frozenset({"schedule", "plan", "slate", "postpone", "delay", "reschedule"})
"""Verbs that put their object's date ahead: "has scheduled a news conference Thursday"."""
_FUTURE_HEADS = frozenset(
    {
        "set",
        "expect",
        "schedule",
        "plan",
        "intend",
        "aim",
        "hope",
        "want",
        "seek",
        "prepare",
        "due",
        "slate",
        "poise",
        "go",
        "agree",
        "decide",
        "vow",
        "promise",
        "pledge",
        "threaten",
        "likely",
        "ready",
        "about",
        "propose",
        "wish",
        "try",
        "need",
        "have",
    }
)
_STATIVE = frozenset(
    {
        "be",
        "have",
        "remain",
        "stay",
        "seem",
        "appear",
        "know",
        "believe",
        "think",
        "own",
        "hold",
        "want",
        "need",
        "mean",
        "include",
        "contain",
        "cost",
        "worth",
        "continue",
        "exist",
        "lie",
    }
)
_REPORTING = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "add",
        "note",
        "claim",
        "insist",
        "warn",
        "argue",
        "state",
        "confirm",
        "deny",
        "write",
        "quote",
        "explain",
        "acknowledge",
        "admit",
        "show",
    }
)
"""Present-tense verbs that do not announce a schedule ("says Friday", "is worth")."""
_SAME_IN_PAST = frozenset(
    [
        "bet",
        "bid",
        "broadcast",
        "burst",
        "cast",
        "cost",
        "cut",
        "forecast",
        "hit",
        "hurt",
        "let",
        "put",
        "quit",
        "read",
        "rid",
        "set",
        "shed",
        "shut",
        "split",
        "spread",
        "thrust",
        "upset",
    ]
)
"""Verbs whose past tense is written as their present: a tagger's VBP may be a past."""
_FUTURE_WORDS = frozenset({"next", "coming", "upcoming", "forthcoming", "future", "tomorrow"})
_PAST_MARKERS = frozenset({"since", "ago", "earlier", "previously"})


def governing_verb(span: Span) -> Token | None:
    """The nearest verb (or auxiliary) above the expression in the parse."""
    token: Token = span.root
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX") and token not in span:
            return token
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        seen += 1
    return None


def direction_of(span: Span) -> Direction:
    """'past', 'future', 'present' or None (no verb to go by)."""
    verb = governing_verb(span)
    if verb is None:
        return _nominal(span)
    return verb_direction(verb)


def verb_direction(verb: Token) -> Direction:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {c.lower_ for c in aux}
    if lowers & {"had", "'d", "’d"} and verb.tag_ == "VBN":
        return "past"  # "had been scheduled to expire Friday"
    if verb.lemma_.lower() in _SCHEDULING:
        return "future"
    if (
        verb.lower_ == "set"
        and verb.tag_ == "VBN"
        and any(c.lower_ == "for" for c in verb.children)
    ):
        return "future"  # "a summit set for April"
    if lowers & _FUTURE_AUX:
        if (
            lowers & {"have", "'ve", "’ve"}
            and verb.tag_ == "VBN"
            and lowers & {"would", "could", "might", "should", "must", "may"}
        ):
            return "past"  # "would have signed"
        return "future"
    if any(c.lower_ == "to" for c in aux) or (verb.tag_ == "VB" and verb.dep_ == "xcomp"):
        head = verb.head
        nominal = head.pos_ in ("NOUN", "PROPN")
        if not nominal and (
            head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in ("going", "about", "set", "due")
        ):
            if _past_perfect(head):
                return "past"  # "had been due to expire Friday", "had been scheduled to end"
            return "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return verb_direction(head)
        above = _verb_above(head)
        if above is not None and verb_direction(above) == "past":
            return "past"  # "accepted a plan to normalise relations in February"
        return "future"
    if lowers & _PERFECT_AUX:
        return "past"  # "has signed", "have been searching", "had left"
    if verb.tag_ == "VBD":
        return "past"
    if any(c.tag_ == "VBD" for c in aux):
        # "was signed", "did not meet", "had left"
        return "past"
    if verb.tag_ == "VBN" and lowers & {"has", "have", "'s", "'ve", "’s", "’ve"}:
        return "past"
    if verb.tag_ == "VBN" and not aux:
        # a reduced relative: "an agreement finalised on October 21"
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        if verb.tag_ == "VBG" and not aux:
            return verb_direction(verb.head) if verb.head.i != verb.i else None
        if verb.tag_ == "VBP" and not aux and verb.lower_ in _SAME_IN_PAST:
            return None  # "hurt", "cut", "set": a past tense as likely as a present
        if verb.tag_ in ("VBZ", "VBP") and not aux and verb.pos_ == "VERB":
            lemma = verb.lemma_.lower()
            if lemma not in _STATIVE and lemma not in _REPORTING:
                return "future"  # news present for a schedule: "the rules take effect in January"
        return "present"
    if verb.tag_ == "VB" and verb.head.i != verb.i:
        return verb_direction(verb.head)
    return None


def _past_perfect(token: Token) -> bool:
    """Is the word in a past perfect ("had been due", "had been scheduled")? The
    auxiliaries hang on it or on the copula above it."""
    words = [token] if token.head.i == token.i else [token, token.head]
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d", "’d")
        for word in words
        for c in word.children
    )


def _verb_above(token: Token) -> Token | None:
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _nominal(span: Span) -> Direction:
    """Without a verb: "next", "upcoming" and the like look forward, else nothing."""
    head = span.root.head
    words = {t.lower_ for t in head.subtree} if head is not None else set()
    if words & _FUTURE_WORDS:
        return "future"
    if words & _PAST_MARKERS:
        return "past"
    return None
