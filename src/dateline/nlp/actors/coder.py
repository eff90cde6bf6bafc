"""Coding one actor description to a country and PLOVER sectors.

:class:`Coder` reads a phrase — a name ("Hezbollah", "Vladimir Putin"), a title and a
name ("Chinese Foreign Minister Wang Yi"), or a description ("Chile's Defense Ministry",
"a former CIA official", "members of SANDF", "Muslim leaders in France") — and codes it
from, in this order: the user's dictionary, the table of office holders (at the
article's date), the table of organisations, countries and capitals, and finally the
words of the description: country names, adjectives and possessives, places (through the
gazetteer), organisations named inside it, and the role or group noun at its head.
The actor component codes entities with it; ``dateline eval actors`` codes phrases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dateline.nlp.actors.dictionary import ActorDictionary
from dateline.nlp.actors.tables import (
    ELITE_MODIFIERS,
    country_of,
    is_capital,
    match_sectors,
    organisation,
    people,
    standing,
)
from dateline.nlp.geo.countries import adjective_index, name_index
from dateline.nlp.geo.gazetteer import Gazetteer, fold

# Heads that say little by themselves: the phrase after "of" tells who they are.
GENERIC_HEADS = frozenset(
    [
        "member",
        "members",
        "team",
        "group",
        "groups",
        "several",
        "some",
        "many",
        "most",
        "part",
        "head",
        "heads",
        "leader",
        "leaders",
        "chief",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "representatives",
        "delegation",
        "officials",
        "official",
        "unit",
        "units",
        "body",
        "bodies",
        "wing",
        "arm",
        "one",
        "two",
        "three",
        "dozens",
        "hundreds",
        "thousands",
    ]
)
# Sectors an organisation named in the phrase overrides ("Boko Haram gunmen" → REB).
WEAK_SECTORS = frozenset({"UAF", "UNK", "CVL"})
LOCATIVE = frozenset({"in", "from", "at", "near", "inside", "across"})
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "some",
        "several",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "thousands",
    ]
)
PLACE_KINDS = ("countries", "features")


@dataclass
class Coding:
    name: str
    kind: str
    country: str | None = None
    sectors: tuple[str, ...] = ()
    role: str | None = None
    known: bool = False
    """Found in a table or the user's dictionary (not pieced together from words)."""
    notes: list[str] = field(default_factory=list)

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None


class Coder:
    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        gazetteer: Callable[[], Gazetteer] | None = None,
    ) -> None:
        self.dictionary = dictionary or ActorDictionary()
        self._gazetteer = gazetteer
        self._names: frozenset[str] = frozenset()
        self.context: dict[str, float] = {}
        """Countries the document is about (ISO alpha-3 → weight): a place name that
        several countries have ("Punjab") is taken as the one of these."""

    # -- whole names -----------------------------------------------------------------
    def lookup(self, text: str, day: date | None) -> Coding | None:
        """A name the dictionary or the tables know, coded as of ``day``."""
        key = fold(text).removeprefix("the ")
        if not key:
            return None
        entry = self.dictionary.lookup(text, day)
        if entry is not None:
            return Coding(
                entry.name,
                entry.kind,
                entry.country,
                entry.sectors,
                entry.role,
                known=True,
            )
        terms = people().get(key)
        if terms:
            st = standing(terms, day)
            kind = "PERSON"
            return Coding(st.name, kind, st.country, st.sectors, st.role, known=True)
        org = organisation(text, day)
        if org is not None:
            kind = "IGO" if org.kind == "IGO" else "ORG"
            return Coding(org.name, kind, org.country, org.sectors, known=True)
        code = name_index().get(key)
        if code is not None:
            return Coding(text, "COUNTRY", code, (), known=True)
        if is_capital(text):
            # A capital named as an actor stands for its government ("Beijing said").
            return Coding(text, "COUNTRY", country_of(text, capitals=True), ("GOV",), known=True)
        return None

    def place_country(self, text: str) -> str | None:
        """The country of a well-known place of this name (a region, a city of 50,000+
        known by this name or of 200,000+ by another, or a feature of our tables)."""
        if self._gazetteer is None or not fold(text):
            return None
        if fold(text) in adjective_index():
            return None
        country = None
        candidates = []
        for e in self._gazetteer().lookup(text):
            if e.is_country and country is None:
                country = e.country3
            elif (
                e.source in PLACE_KINDS
                or e.feature_code == "ADM1"
                or (e.is_city and e.population >= (200_000 if e.alias else 50_000))
            ) and e.country3:
                candidates.append(e)
        ctx = self.context
        if country is not None:
            # A country's name, unless the article is about another country that has a
            # region of that name ("Georgia" in an American story) and not about it.
            local = [e for e in candidates if e.country3 in ctx]
            if local and country not in ctx:
                return max(local, key=lambda e: (ctx[e.country3], e.population)).country3
            return country
        if candidates:
            # "Punjab": India's or Pakistan's, whichever the article is about.
            best = max(candidates, key=lambda e: (ctx.get(e.country3, 0.0), e.population))
            return best.country3
        if text[:1].isupper():
            fuzzy = [e for e in self._gazetteer().fuzzy(text) if e.country3]
            if fuzzy and not match_sectors([text])[0]:
                return fuzzy[0].country3  # a misspelt well-known place ("Dehli police")
        return None

    # -- descriptions ----------------------------------------------------------------
    def describe(
        self, words: list[str], day: date | None, names: frozenset[str] = frozenset()
    ) -> Coding:
        """Country, sectors and role from the words of a description. Words in ``names``
        (people's names) are not taken for places ("Feliciano Valencia")."""
        words = [w for w in words if w.strip()]
        self._names = names
        coding = Coding(" ".join(words), "GROUP")
        if not words:
            return coding
        core, place = _split_locative(words)
        country, org = self._country_and_org(words, day)
        coding.country = country
        sectors, role = _head_sectors(core)
        lowered = [w.lower() for w in core]
        if "of" in lowered and 0 < lowered.index("of") < len(core) - 1:
            k = lowered.index("of")
            if fold(core[k - 1]) in GENERIC_HEADS:
                # "members of SANDF", "president of the Riigikogu": who they belong to
                _, inner_org = self._country_and_org(core[k + 1 :], day)
                if inner_org is not None and inner_org.sectors:
                    sectors, role = inner_org.sectors, " ".join(core[: k + 1] + core[k + 1 :])
                    org = None
        if org is not None and org.sectors and (not sectors or sectors[0] in WEAK_SECTORS):
            sectors = org.sectors
            coding.kind = "ORG" if org.kind != "IGO" else "IGO"
        if any(fold(w) in ELITE_MODIFIERS for w in core):
            sectors = ("ELI", *[s for s in sectors if s != "ELI"])
            role = f"former {role}" if role and not role.startswith("former") else role
        coding.sectors = tuple(dict.fromkeys(sectors))
        coding.role = role
        if place and coding.country is None:
            coding.country = self._country_and_org(place, day)[0]
        return coding

    def _country_and_org(
        self, words: list[str], day: date | None
    ) -> tuple[str | None, Coding | None]:
        """The first country (names, adjectives, possessives, places) and the first known
        organisation named among the words, longest names first."""
        country: str | None = None
        org: Coding | None = None
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(6, len(words) - i), 0, -1):
                chunk = words[i : i + n]
                lower = not chunk[0][:1].isupper() and not chunk[0][:1].isdigit()
                if lower and (n > 1 or fold(chunk[0]) not in adjective_index()):
                    continue
                text = " ".join(chunk)
                known = self.lookup(text, day)
                if n == 1 and match_sectors([text])[0]:
                    known = None  # a title ("NSA Ajit Doval"), not the agency
                if known is not None and known.kind != "PERSON":
                    hit = (n, known.country, known if known.kind != "COUNTRY" else None)
                    break
                code = country_of(text)
                if code is not None:
                    hit = (n, code, None)
                    break
                if chunk[0][:1].isupper() and not set(chunk) & self._names:
                    code = self.place_country(text)
                    if code is not None:
                        hit = (n, code, None)
                        break
            if hit is None:
                i += 1
                continue
            n, code, found = hit
            country = country or code
            if found is not None and org is None:
                org = found
            i += n
        return country, org

    def code_words(
        self, words: list[str], day: date | None, names: frozenset[str] = frozenset()
    ) -> Coding | None:
        """Code a whole phrase given as words (no parse needed)."""
        words = [w for w in words if w.strip()]
        while words and fold(words[0]) in DETERMINERS:
            words = words[1:]
        if not words:
            return None
        text = " ".join(words)
        known = self.lookup(text, day)
        if known is not None:
            return known
        coding = self.describe(words, day, names)
        if not coding.sectors and coding.country is None:
            return None
        return coding


def _split_locative(words: list[str]) -> tuple[list[str], list[str]]:
    """ "Muslim leaders in France" → (["Muslim", "leaders"], ["France"])."""
    for i, w in enumerate(words):
        if i > 0 and w.lower() in LOCATIVE:
            return words[:i], words[i + 1 :]
    return words, []


def _head_sectors(words: list[str]) -> tuple[tuple[str, ...], str | None]:
    """Sectors of the role or group noun heading a phrase; through "of" when the head is
    generic ("members of the national guard", "president of the Riigikogu")."""
    lowered = [w.lower() for w in words]
    cut = len(words)
    if "," in words:
        cut = words.index(",")
    core = words[:cut]
    found, n = match_sectors(core)
    if found:
        return found, " ".join(core[-n:])
    if "of" in lowered[:cut]:
        k = lowered.index("of")
        head = core[:k]
        rest = core[k + 1 :]
        inner, m = match_sectors(rest)
        outer, o = match_sectors(head)
        if head and fold(head[-1]) in GENERIC_HEADS and inner:
            return inner, " ".join(rest[-m:])
        if outer:
            return outer, " ".join(head[-o:])
        if inner:
            return inner, " ".join(rest[-m:])
    # The head may be followed by words the lexicon does not know ("police station").
    for end in range(len(core) - 1, 0, -1):
        found, n = match_sectors(core, end)
        if found:
            return found, " ".join(core[end - n : end])
    return (), None
