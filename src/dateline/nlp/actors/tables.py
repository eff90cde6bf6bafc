"""The actor coder's tables: countries (names, adjectives, capitals; shared with the
gazetteer), sectors of roles and group nouns, organisations, and a dated table of
office holders. All are the project's own files under ``data/``; users add theirs with
a dictionary (:mod:`dateline.nlp.actors.dictionary`).
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a table's many small objects are made:
    with a spaCy model in memory, the collections it would trigger cost more than the
    reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dateline.nlp.actors").joinpath("data", name).read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def _day(value: str) -> date | None:
    """A table date: YYYY-MM-DD, or YYYY-MM where we know only the month (read as its
    first day, so a successor named for that month holds it)."""
    value = value.strip()
    if not value:
        return None
    if len(value) == 7:
        value += "-01"
    return date.fromisoformat(value)


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
    with _bulk():
        return _read_organisations()


def _read_organisations() -> dict[str, list[Organisation]]:
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

OFFICES = {
    "HOS": "head of state",
    "HOG": "head of government",
    "VP": "vice president or deputy head of government",
    "FM": "foreign minister",
    "DM": "defence minister",
    "IM": "interior or home minister",
    "FIN": "finance minister",
    "NSA": "national security adviser",
    "MIL": "head of the armed forces or of the army",
    "SPY": "head of an intelligence service",
    "CB": "central bank governor",
    "OPP": "leader of the opposition",
    "LEG": "speaker or leader in the legislature",
    "SUB": "head of a state, province or region",
    "IGO": "head of an international organisation",
    "ARM": "leader of an armed group",
    "PTY": "party leader",
    "GOV": "other government post",
    "REL": "religious leader",
}
"""The offices of the people tables (column ``office``): what the table is complete
for is checked by office (tests/test_actors_people.py)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One office held by one person."""

    name: str
    country: str | None
    role: str
    sectors: tuple[str, ...]
    start: date | None
    end: date | None
    office: str = "GOV"

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def people_files() -> list[str]:
    """The people tables: data/people-*.tsv, one per region."""
    folder = resources.files("dateline.nlp.actors").joinpath("data")
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith("people") and p.name.endswith(".tsv")
    )


def terms() -> list[Term]:
    """Every term of office in the people tables, in file order."""
    return list(_terms())


@functools.lru_cache(maxsize=1)
def _terms() -> tuple[Term, ...]:
    out: list[Term] = []
    for filename in people_files():
        for row in _rows(filename):
            row = row + [""] * (8 - len(row))
            name, _aliases, country, office, role, sectors, start, end = row[:8]
            out.append(
                Term(
                    name.strip(),
                    country.strip() or None,
                    role.strip(),
                    tuple(sectors.split()),
                    _day(start),
                    _day(end),
                    office.strip() or "GOV",
                )
            )
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, ...]]:
    """Person's name → the folded forms they are known by (name and other names)."""
    out: dict[str, list[str]] = {}
    folded: dict[str, str] = {}  # rows repeat a person's names: fold each once
    for filename in people_files():
        for row in _rows(filename):
            name, aliases = row[0].strip(), (row[1] if len(row) > 1 else "")
            forms = out.setdefault(name, [])
            for alias in [name, *aliases.split("|")]:
                key = folded.get(alias)
                if key is None:
                    key = folded[alias] = fold(alias)
                if key and key not in forms:
                    forms.append(key)
    return {name: tuple(forms) for name, forms in out.items()}


def known_as(name: str) -> tuple[str, ...]:
    """The folded names a person of the tables is known by ("Narendra Modi" → "narendra
    modi", "modi", …); empty for a name the tables do not have."""
    return _aliases().get(name, ())


@functools.lru_cache(maxsize=1)
def people() -> dict[str, list[Term]]:
    """Folded name or alias → the person's terms of office (of every person known by it)."""
    with _bulk():
        by_name: dict[str, list[Term]] = {}
        for term in _terms():
            by_name.setdefault(term.name, []).append(term)
        index: dict[str, list[Term]] = {}
        for name, forms in _aliases().items():
            held = by_name.get(name, [])
            for key in forms:  # each form once per person (see _aliases)
                index.setdefault(key, []).extend(held)
    return index


@dataclass(frozen=True, slots=True)
class Standing:
    """Who someone is on a given day: their office, or a former office holder."""

    name: str
    country: str | None
    role: str | None
    sectors: tuple[str, ...]
    former: bool = False


# When someone holds two offices at once, the one news names them by comes first.
_OFFICE_RANK = {
    o: i
    for i, o in enumerate(
        ["HOS", "HOG", "IGO", "FM", "DM", "IM", "NSA", "MIL", "SPY", "CB", "VP", "FIN"]
    )
}


def standing(terms: list[Term], day: date | None) -> Standing:
    """The office held on ``day``; the latest office if none (then ``former``)."""
    people_named = {t.name for t in terms}
    if len(people_named) > 1:
        # Two people share an alias ("Kallas"): prefer whoever is in office that day,
        # else whoever held office most recently before it.
        current = [t for t in terms if day is not None and t.holds_on(day)]
        if current:
            terms = [t for t in terms if t.name == current[0].name]
        elif day is not None:
            began = [t for t in terms if t.start is None or t.start <= day]
            if began:
                last = max(began, key=lambda t: t.end or date.max)
                terms = [t for t in terms if t.name == last.name]
    if day is not None:
        held = [t for t in terms if t.holds_on(day)]
        if held:
            term = min(held, key=lambda t: _OFFICE_RANK.get(t.office, len(_OFFICE_RANK)))
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
