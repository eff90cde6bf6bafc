"""The actor coder's tables: countries (names, adjectives, capitals; shared with the
gazetteer), sectors of roles and group nouns, organisations, and a dated table of
office holders. All are the project's own files under ``data/``; users add theirs with
a dictionary (:mod:`dateline.nlp.actors.dictionary`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

from dateline.nlp.geo.countries import adjective_index, capital_index, name_index
from dateline.nlp.geo.gazetteer import fold

# Abbreviated titles and ranks, as written before names.
ABBREVIATIONS = {
    "lt": "lieutenant",
    "gen": "general",
    "col": "colonel",
    "maj": "major",
    "brig": "brigadier",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "sgt": "sergeant",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "amb": "ambassador",
    "sec": "secretary",
    "supt": "superintendent",
    "insp": "inspector",
    "dep": "deputy",
    "pm": "prime minister",
    "fm": "foreign minister",
}

ELITE_MODIFIERS = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time"})


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dateline.nlp.actors").joinpath("data", name).read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def _day(value: str) -> date | None:
    value = value.strip()
    return date.fromisoformat(value) if value else None


def singular(word: str) -> str:
    """A rough English singular for matching role nouns ("policemen" → "policeman")."""
    w = word.lower()
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def normalise(words: list[str]) -> tuple[str, ...]:
    """Words as the sector lexicon keys them: folded, abbreviations spelt out."""
    out: list[str] = []
    for word in words:
        key = fold(word)
        if not key:
            continue
        out.extend(ABBREVIATIONS.get(key, key).split())
    return tuple(out)


# --- sectors -----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def sector_lexicon() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Role or group noun (folded words, singular) → sectors, primary first."""
    lexicon: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase, codes in _rows("sectors.tsv"):
        words = tuple(re.split(r"[\s]+", phrase.strip().lower()))
        key = tuple(fold(w) for w in words if fold(w))
        lexicon[key] = tuple(codes.split())
        # Hyphenated forms also match written apart ("self-defense force").
        spaced = tuple(" ".join(key).split())
        lexicon.setdefault(spaced, tuple(codes.split()))
    return lexicon


@functools.lru_cache(maxsize=1)
def _max_phrase() -> int:
    return max(len(k) for k in sector_lexicon())


def match_sectors(words: list[str], end: int | None = None) -> tuple[tuple[str, ...], int]:
    """The longest lexicon phrase ending at ``words[end - 1]`` (default: the last word),
    trying the last word as written and in the singular. Returns (sectors, length)."""
    lex = sector_lexicon()
    norm = list(normalise(words[:end] if end is not None else words))
    if not norm:
        return (), 0
    for n in range(min(_max_phrase(), len(norm)), 0, -1):
        head = norm[-n:]
        word = head[-1]
        forms = [word, singular(word)]
        if word.endswith("s"):
            forms.append(word[:-1])  # "jihadis"
        for last in dict.fromkeys(forms):
            key = (*head[:-1], last)
            if key in lex:
                return lex[key], n
    return (), 0


def sectors_of(title: str) -> tuple[str, ...]:
    """Sectors of a title or role ("Defence Minister" → GOV, MIL): the longest phrase of
    the lexicon found in it, preferring one that ends at its last word."""
    words = title.split()
    for end in range(len(words), 0, -1):
        found, _ = match_sectors(words, end)
        if found:
            return found
    return ()


# --- countries ---------------------------------------------------------------------


def country_of(text: str, *, capitals: bool = False) -> str | None:
    """ISO alpha-3 for a country name, short form, adjective or demonym (singular or
    plural), and for a capital if asked ("Beijing" → CHN)."""
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    code = name_index().get(key) or adjective_index().get(key)
    if code is None and capitals:
        code = capital_index().get(key)
    return code


def is_capital(text: str) -> bool:
    return fold(text) in capital_index()


# --- organisations -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    country: str | None
    sectors: tuple[str, ...]
    kind: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@functools.lru_cache(maxsize=1)
def organisations() -> dict[str, list[Organisation]]:
    """Folded name or abbreviation → organisations (several when a coding is dated)."""
    index: dict[str, list[Organisation]] = {}
    for row in _rows("organisations.tsv"):
        row = row + [""] * (7 - len(row))
        name, aliases, country, sectors, kind, start, end = row[:7]
        org = Organisation(
            name=name,
            country=country or None,
            sectors=tuple(sectors.split()),
            kind=kind,
            start=_day(start),
            end=_day(end),
        )
        for alias in [name, *aliases.split("|")]:
            key = fold(alias)
            if key:
                index.setdefault(key, []).append(org)
                if key.startswith("the "):
                    index.setdefault(key[4:], []).append(org)
    return index


def organisation(text: str, day: date | None = None) -> Organisation | None:
    key = fold(text)
    found = organisations().get(key) or organisations().get(key.removeprefix("the "))
    if not found:
        return None
    dated = [o for o in found if o.valid_on(day)]
    return (dated or found)[-1 if day is None else 0]


# --- people ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One office held by one person."""

    name: str
    country: str | None
    role: str
    sectors: tuple[str, ...]
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@functools.lru_cache(maxsize=1)
def people() -> dict[str, list[Term]]:
    """Folded name or alias → the person's terms of office."""
    index: dict[str, list[Term]] = {}
    for row in _rows("people.tsv"):
        row = row + [""] * (7 - len(row))
        name, aliases, country, role, sectors, start, end = row[:7]
        term = Term(name, country or None, role, tuple(sectors.split()), _day(start), _day(end))
        for alias in [name, *aliases.split("|")]:
            key = fold(alias)
            if key and term not in index.get(key, []):
                index.setdefault(key, []).append(term)
    return index


@dataclass(frozen=True, slots=True)
class Standing:
    """Who someone is on a given day: their office, or a former office holder."""

    name: str
    country: str | None
    role: str | None
    sectors: tuple[str, ...]
    former: bool = False


def standing(terms: list[Term], day: date | None) -> Standing:
    """The office held on ``day``; the latest office if none (then ``former``)."""
    people_named = {t.name for t in terms}
    if len(people_named) > 1:
        # Two people share an alias ("Kallas"): prefer whoever is in office that day.
        current = [t for t in terms if day is not None and t.holds_on(day)]
        if current:
            terms = [t for t in terms if t.name == current[0].name]
    if day is not None:
        for term in terms:
            if term.holds_on(day):
                return Standing(term.name, term.country, term.role, term.sectors)
        started = [t for t in terms if t.start is None or t.start <= day]
        if not started:
            latest = min(terms, key=lambda t: t.start or date.min)
            return Standing(latest.name, latest.country, None, (), former=False)
        latest = max(started, key=lambda t: t.end or date.max)
        return Standing(latest.name, latest.country, f"former {latest.role}", ("ELI",), True)
    latest = max(terms, key=lambda t: t.end or date.max)
    if latest.end is None:
        return Standing(latest.name, latest.country, latest.role, latest.sectors)
    return Standing(latest.name, latest.country, f"former {latest.role}", ("ELI",), True)
