"""Find time expressions in a text: run every rule, keep the best non-overlapping matches.

Independent of spaCy: works on a string, so it can be tested and benchmarked alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.nlp.time.grammar import NAMED_WORDS, NEEDS, RULES, Rule, anchors

_UNIT = frozenset({"unit"})

_PREV_WORD = re.compile(r"([\w'’.-]+)\W*$")
_NEXT_WORD = re.compile(r"^\W*([\w'’.-]+)")
_BARE_MONTH_OK_BEFORE = frozenset(
    [
        "in",
        "during",
        "since",
        "until",
        "till",
        "by",
        "through",
        "throughout",
        "from",
        "of",
        "last",
        "this",
        "next",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "and",
        "or",
        "to",
        "between",
        "than",
        "that",
        "the",
        "each",
        "every",
        "until,",
        "around",
        "about,",
    ]
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”'‘`(\[\n]|--|_)\s*$")


@dataclass(frozen=True)
class Match:
    """A recognised expression: character span, the rule and its regex match (made on
    the lower-cased text)."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    order: int


def find(text: str, start: int = 0, accept: Callable[[Match], bool] | None = None) -> list[Match]:
    """Every rule's matches, then the longest non-overlapping ones, in text order.

    ``accept`` (if given) has the last word on a candidate before it is chosen: the
    resolver may find that a match is no time expression after all, and a shorter or
    other reading of the same words then gets its turn."""
    upper = text[start:].isupper()
    lowered = lower(text)
    found: list[Match] = []
    seen: set[tuple[int, int, int]] = set()
    found_anchors = anchors(lowered, start)
    regions: dict[frozenset[str], list[tuple[int, int]]] = {}
    for order, rule in enumerate(RULES):
        needs = NEEDS.get(rule.name, _UNIT)
        if needs not in regions:
            regions[needs] = _regions(found_anchors, needs, start, len(text))
        for m in _matches(rule, lowered, regions[needs]):
            if (order, m.start(), m.end()) in seen:
                continue
            seen.add((order, m.start(), m.end()))
            s, e = m.span("t") if "t" in m.re.groupindex and m.group("t") else m.span()
            s, e = _trim(text, s, e)
            if e <= s or not _plausible(text, s, e, rule, m, upper):
                continue
            found.append(Match(s, e, rule, m, order))
    found.sort(key=lambda x: (-(x.end - x.start), -x.rule.priority, x.order, x.start))
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        if accept is not None and not accept(cand):
            continue
        taken.append((cand.start, cand.end))
        chosen.append(cand)
    return sorted(chosen, key=lambda x: x.start)


BEFORE = 90
"""How far before an anchor word an expression may start ("at least the past 18 months")."""
AFTER = 70
"""How far after an anchor word an expression (and the context its rule looks at) may end."""


def lower(text: str) -> str:
    """Lower case with every character kept in place (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _regions(
    anchors: list[tuple[str, int, int]], kinds: frozenset[str], start: int, end: int
) -> list[tuple[int, int]]:
    """Stretches of text around anchors of the given kinds, merged: no expression a rule
    needing those kinds can find lies outside them."""
    regions: list[tuple[int, int]] = []
    for kind, a, b in anchors:
        if kind not in kinds:
            continue
        s = max(start, a - BEFORE)
        e = min(end, b + AFTER)
        if regions and s <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], e))
        else:
            regions.append((s, e))
    return regions


def _matches(rule: Rule, text: str, regions: list[tuple[int, int]]) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for s, e in regions:
        out += rule.pattern.finditer(text, s, e)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " \t\n,;:":
        e -= 1
    while s < e and text[s] in " \t\n":
        s += 1
    return s, e


def _plausible(text: str, s: int, e: int, rule: Rule, m: re.Match[str], upper: bool) -> bool:
    piece = text[s:e]
    if not upper:
        for word in NAMED_WORDS.finditer(piece):
            if word.group(0)[0].islower():
                return False
        if rule.name != "holiday" and _in_a_name(text, s, e):
            return False
    if rule.name == "month" and not (m["rel"] or m["mod"] or m["post"]):
        return _bare_month(text, s, e, m["mon"])
    if rule.name in ("year",) and not (m["pre"] or m["mod"]):
        return _bare_year(text, s, e)
    return True


_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def _in_a_name(text: str, s: int, e: int) -> bool:
    """Time words that are written in lower case, capitalised where no sentence starts,
    belong to a name or a title: "VOA [Today]", "High [Noon]", ABC's "[This Week]"."""
    words = [
        m
        for m in _WORD.finditer(text, s, e)
        if not NAMED_WORDS.fullmatch(m.group().rstrip("."))
        and not m.group().isupper()
        and not any(c.isdigit() for c in m.group())
    ]
    capital = [w for w in words if w.group()[0].isupper()]
    if not capital:
        return False
    if any(w.start() > s for w in capital):
        return True  # "This Week": a title, not "This week" opening a sentence
    before = text[max(0, s - 40) : s]
    prev = _PREV_WORD.search(before)
    return bool(
        prev
        and prev.group(1)[0].isupper()
        and not _SENTENCE_END.search(before)
        and prev.group(1).lower() not in _BARE_MONTH_OK_BEFORE
        and not NAMED_WORDS.fullmatch(prev.group(1).rstrip(".,"))
    )


def _bare_month(text: str, s: int, e: int, name: str) -> bool:
    """A month name standing alone is a date unless it is a name ("Theresa May", "June
    Carter") or a verb ("May I", "March on")."""
    before = text[max(0, s - 40) : s]
    after = text[e : e + 30]
    prev = _PREV_WORD.search(before)
    nxt = _NEXT_WORD.match(after)
    prev_word = prev.group(1) if prev else ""
    next_word = nxt.group(1) if nxt else ""
    sentence_start = bool(_SENTENCE_END.search(before)) or not before.strip()
    if (
        prev_word
        and prev_word[0].isupper()
        and not sentence_start
        and prev_word.lower() not in _BARE_MONTH_OK_BEFORE
    ):
        return False  # "Theresa May", "Prime Minister May"
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after):
        return False  # "the March of the Combatant Mothers"
    if (
        next_word
        and next_word[0].isupper()
        and not after.startswith((",", ".", ";", ":", "'", "’"))
        and next_word.lower() not in ("and", "or")
        and not re.match(r"\s*(?:\d|of\b)", after)
    ):
        return False  # "June Carter", "May Day"
    return not (
        name.lower() in ("may", "march")
        and prev_word.lower().rstrip(",") not in _BARE_MONTH_OK_BEFORE
        and not (sentence_start and re.match(r"\s*,", after))
    )  # "May I", "March on Rome"


def _bare_year(text: str, s: int, e: int) -> bool:
    """A four-digit number alone is a year unless it counts something."""
    after = text[e : e + 25]
    before = text[max(0, s - 12) : s]
    if _COUNTED.match(after) or _NUMBERED.search(before):
        return False
    # "1990 to 100" is a count; "1989-90" a span of years
    return not (
        re.match(r"\s*(?:to|-|–)\s*\d{1,3}\b(?!\d)", after)
        and not re.match(r"\s*(?:to|-|–)\s*\d{2}\b", after)
    )


_COUNTED = re.compile(
    r"\s*(?:[-–]\s*)?(?:people|persons|men|women|troops|soldiers|km|kilometers|kilometres|miles"
    r"|feet|meters|metres|tons|tonnes|acres|hectares|shares|units|cars|homes|houses|jobs|workers"
    r"|students|votes|seats|points|yards|hours|GMT|UTC|hrs|rooms|pages|delegates|members|dollars"
    r"|euros|pounds|yen|barrels)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"(?:No\.|number|Flight|flight|Route|route|Highway|Room|room|Suite|Box|page|p\.)\s*$"
)
