"""The ``dateline_actors`` component: people, organisations, countries and groups, coded
to country (ISO alpha-3) and PLOVER sectors.

- People take their role and country from the words around the name ("Chinese Foreign
  Minister Wang Yi", "India's Defence Minister Rajnath Singh", "Harry Tseng, Taiwan's
  deputy foreign minister") and from the dated table of office holders (at the article's
  date); later mentions by surname ("Singh", even when the model calls it a place) or by
  role ("the defence minister") are the same person.
- Organisations come from the tables (IGOs, agencies, parties, armed groups) or from
  their words ("Chile's Ministry of Mines").
- Countries, and capitals used for governments ("Beijing said"), are actors unless they
  are only where something happened ("in Beijing").
- Groups are role nouns with or without a country ("Chinese troops", "protesters").
- Names the model took for a person that are well-known places ("Ladakh") are left to
  the geo component.

Writes ``DocState.actors`` (ids a1…, mentions sorted) and ``DocState.actor_spans``.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Actor
from dateline.nlp.actors.coder import GENERIC_HEADS, Coder, Coding
from dateline.nlp.actors.dictionary import ActorDictionary, load
from dateline.nlp.actors.tables import (
    ABBREVIATIONS,
    ELITE_MODIFIERS,
    country_of,
    known_as,
    match_sectors,
    people,
)
from dateline.nlp.geo.countries import adjective_index
from dateline.nlp.geo.gazetteer import default_gazetteer, fold
from dateline.nlp.state import DocState, doc_text, state

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
TITLE_EXTRAS = frozenset(
    [
        "former",
        "ex",
        "deputy",
        "vice",
        "acting",
        "senior",
        "chief",
        "top",
        "junior",
        "assistant",
        "first",
        "second",
        "outgoing",
        "incoming",
        "interim",
        "retired",
        "foreign",
        "defence",
        "defense",
        "home",
        "interior",
        "finance",
        "external",
        "affairs",
        "security",
        "national",
        "state",
        "prime",
        "general",
    ]
)
# Verbs whose object is where someone goes, not someone acted upon ("visited Beijing").
MOTION_VERBS = frozenset(
    ["visit", "travel", "arrive", "reach", "leave", "return", "tour", "fly", "head", "enter"]
)
LOCATIVE_PREPS = frozenset(
    [
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "into",
        "within",
        "around",
        "throughout",
        "toward",
        "towards",
        "from",
        "through",
        "along",
    ]
)
# Group nouns that are not actors on their own.
NOT_GROUPS = frozenset({"UNK", "JNK"})


@Language.factory(
    "dateline_actors",
    assigns=["doc._.dateline"],
    default_config={"dictionary": None},
)
def make_actors(nlp: Language, name: str, dictionary: str | None) -> ActorTagger:
    return ActorTagger(nlp, name, dictionary=dictionary)


class ActorTagger:
    """Writes ``state(doc).actors`` and ``state(doc).actor_spans``."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        dictionary: str | ActorDictionary | None = None,
    ) -> None:
        self.name = name
        if isinstance(dictionary, str):
            dictionary = load(dictionary)
        self.coder = Coder(dictionary, default_gazetteer)
        self.prior: dict[str, float] = {}
        """Countries known from outside the text (ISO alpha-3 → weight), added to those
        the document names when a place name is ambiguous."""

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        context = document_countries(doc)
        for code, weight in self.prior.items():
            context[code] = context.get(code, 0.0) + weight
        self.coder.context = context
        run = _Run(doc, st, self.coder)
        run.entities()
        run.titled_names()
        run.groups()
        run.finish()
        return doc


class _Run:
    """One document's actors."""

    def __init__(self, doc: Doc, st: DocState, coder: Coder) -> None:
        self.doc, self.st, self.coder = doc, st, coder
        self.text = doc_text(doc)
        self.day: date | None = st.published
        self.by_key: dict[str, Actor] = {}
        self.names: dict[str, Actor] = {}
        """Folded surnames, first names and aliases of people in this document."""
        self.used: set[int] = set()
        """Tokens already part of an actor mention or a person's title."""
        st.actors = []
        st.actor_spans = {}

    # -- bookkeeping -------------------------------------------------------------------
    def add(self, key: str, start: int, end: int, coding: Coding) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(
                id=f"a{len(self.by_key) + 1}",
                name=coding.name,
                kind=coding.kind,
                country=coding.country,
                sector=coding.sector,
                sectors=list(coding.sectors),
                role=coding.role,
            )
            self.by_key[key] = actor
            self.st.actors.append(actor)
        else:
            if actor.country is None and coding.country:
                actor.country = coding.country
            if not actor.sectors and coding.sectors:
                actor.sectors = list(coding.sectors)
                actor.sector = actor.sectors[0]
            if actor.role is None and coding.role:
                actor.role = coding.role
        self.mention(actor, start, end)
        return actor

    def mention(self, actor: Actor, start: int, end: int) -> None:
        text = self.text[start:end]
        stripped = text.strip()
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        if end <= start:
            return
        if (start, end) not in actor.mentions:
            actor.mentions.append((start, end))
        self.st.actor_spans[(start, end)] = actor.id
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            self.used.update(range(span.start, span.end))

    def finish(self) -> None:
        for actor in self.st.actors:
            actor.mentions.sort()

    # -- entities ----------------------------------------------------------------------
    def entities(self) -> None:
        for ent in _joined_people(self.doc):
            if ent.start_char < self.st.body_start or ent.label_ not in ACTOR_LABELS:
                continue
            if self.st.dateline_span and ent.start_char == self.st.dateline_span[0]:
                continue  # the dateline is a place, not an actor
            span = _clean(ent)
            if span is None:
                continue
            key = fold(span.text)
            if key in self.names and ent.label_ != "NORP":
                self.mention(self.names[key], span.start_char, span.end_char)
                continue
            if ent.label_ == "PERSON":
                self.person(span)
            elif ent.label_ == "ORG":
                abbrev = _abbreviation(ent)
                nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
                if nxt is not None and nxt.ent_type_ == "PERSON" and _title_only(span):
                    continue  # "NSA" in "NSA Ajit Doval": the person's title
                self.organisation(span)
                if abbrev is not None:
                    aid = self.st.actor_spans.get((span.start_char, span.end_char))
                    actor = next((a for a in self.st.actors if a.id == aid), None)
                    if actor is not None:  # "(SCO)" names the same organisation
                        self.mention(actor, abbrev.start_char, abbrev.end_char)
                        key = fold(abbrev.text)
                        self.names.setdefault(key, actor)
            elif ent.label_ == "NORP":
                self.demonym(span)
            else:
                self.place(span)

    def person(self, span: Span) -> None:
        doc = self.doc
        words = [t.text for t in span]
        # A title inside the entity: "NSA Ajit Doval", "President Kassym-Jomart Tokayev".
        title_len = _title_length(words)
        if title_len and title_len < len(words):
            name = doc[span.start + title_len : span.end]
            inner_title = list(span[:title_len])
        else:
            name, inner_title = span, []
        prefix = [*_prefix_tokens(name if not inner_title else span), *inner_title]
        appos = _apposition(name)
        known = self.coder.lookup(name.text, self.day)
        if known is not None and known.kind != "PERSON":
            if not prefix:  # "Hezbollah", "Kremlin": the model's PERSON is an organisation
                self.add(f"o:{fold(known.name)}", span.start_char, span.end_char, known)
                return
            known = None
        bare = known is None and not prefix and len(name) <= 2
        if bare and self.coder.place_country(name.text) and fold(name.text) not in people():
            return  # "Ladakh": a place the model took for a person
        described = self.coder.describe([t.text for t in prefix + appos], self.day)
        coding = _combine(name.text, known, described)
        actor = self.add(f"p:{fold(coding.name)}", name.start_char, name.end_char, coding)
        self.used.update(t.i for t in prefix)
        self._remember(name, actor)

    def titled_names(self) -> None:
        """Names the model missed after a title: "NSA Ajit Doval is also visiting"."""
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.i in self.used or tok.ent_type_ or tok.idx < self.st.body_start:
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
                if not doc[j].text[:1].isupper() or doc[j].i in self.used:
                    break
                j += 1
            if (
                j - i >= 2
                and i > 0
                and _is_title_word(doc[i - 1])
                and doc[i - 1].text[:1].isupper()
            ):
                name = doc[i:j]
                if not _is_title_word(name[0]):
                    self.person(name)
                    i = j
                    continue
            i += 1

    def _remember(self, name: Span, actor: Actor) -> None:
        tokens = [t for t in name if t.is_alpha]
        if len(tokens) > 1:
            self.names.setdefault(fold(tokens[-1].text), actor)  # "Singh"
            if len(tokens) == 2:
                self.names.setdefault(fold(tokens[0].text), actor)  # "Xi", "Wang"
        self.names.setdefault(fold(name.text), actor)
        for alias in known_as(actor.name):
            self.names.setdefault(alias, actor)

    def organisation(self, span: Span) -> None:
        known = self.coder.lookup(span.text, self.day)
        if known is not None:
            key = "o:" if known.kind != "PERSON" else "p:"
            actor = self.add(f"{key}{fold(known.name)}", span.start_char, span.end_char, known)
            if known.kind == "PERSON":
                self._remember(span, actor)
            return
        words = [t.text for t in span]
        title_len = _title_length(words)
        if title_len and title_len < len(words) and span[title_len:].root.pos_ == "PROPN":
            # "Defence Minister Rajnath Singh" tagged as one organisation
            self.person(span)
            return
        if self.coder.place_country(span.text) and fold(span.text) not in people():
            return  # a place the model took for an organisation
        described = self.coder.describe(words, self.day)
        prefix = _prefix_tokens(span)
        if prefix:
            # Whose it is comes first: "Chile's Ministry of Mines", "Russia's Baltic Fleet".
            owner = self.coder.describe([t.text for t in prefix], self.day).country
            described.country = owner or described.country
        described.name, described.kind = span.text, "ORG"
        self.add(f"o:{fold(span.text)}", span.start_char, span.end_char, described)

    def demonym(self, span: Span) -> None:
        code = country_of(span.text)
        if code is None:
            return
        head = span.root.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
            return  # "Chinese troops": the group pass takes it
        if span[-1].tag_ in ("NNS", "NNPS") or span.text.endswith("s"):
            # "the Americans", "two Russians"
            coding = Coding(span.text, "GROUP", code, ())
            self.add(f"g:{code}:", span.start_char, span.end_char, coding)

    def place(self, span: Span) -> None:
        known = self.coder.lookup(span.text, self.day)
        if known is None:
            return
        if known.kind == "COUNTRY" and _is_locative(span):
            return  # "talks in Beijing": where, not who
        if known.kind == "COUNTRY":
            key = f"c:{known.country}:{'gov' if known.sectors else ''}"
            known.name = span.text if not known.sectors else known.name
            self.add(key, span.start_char, span.end_char, known)
        elif known.kind != "PERSON" and not _is_locative(span):
            self.add(f"o:{fold(known.name)}", span.start_char, span.end_char, known)

    # -- groups and roles --------------------------------------------------------------
    def groups(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.idx < self.st.body_start or tok.i in self.used:
                continue
            if tok.pos_ not in ("NOUN", "PROPN") or (tok.ent_type_ and tok.ent_type_ != "NORP"):
                continue
            if _in_hyphenated(tok):
                continue  # "people-to-people"
            words = _modifiers(tok)
            sectors, _ = match_sectors([t.text for t in words])
            if not sectors or sectors[0] in NOT_GROUPS:
                continue
            if self._role_mention(tok, words):
                continue
            if any(t.ent_type_ == "PERSON" for t in words):
                continue
            tail = _tail(tok, generic=fold(tok.text) in GENERIC_HEADS)
            phrase = doc[words[0].i : (tail[-1].i if tail else tok.i) + 1]
            names = frozenset(t.text for t in phrase if t.ent_type_ == "PERSON")
            described = self.coder.describe([t.text for t in phrase], self.day, names)
            if not described.sectors:
                continue
            described.name = phrase.text
            described.kind = "GROUP" if described.kind == "GROUP" else described.kind
            head = fold(described.role or tok.lemma_ or tok.text)
            key = f"g:{described.country or ''}:{head}"
            if described.country is None:
                # "the troops" after "Chinese troops": the same group
                earlier = [k for k in self.by_key if k.startswith("g:") and k.endswith(f":{head}")]
                if len(earlier) == 1:
                    key = earlier[0]
            self.add(key, phrase.start_char, phrase.end_char, described)

    def _role_mention(self, tok: Token, words: list[Token]) -> bool:
        """ "the defence minister" after "Defence Minister Rajnath Singh": that person."""
        definite = any(t.lower_ == "the" for t in tok.children)
        if not definite and tok.i > 0 and tok.doc[words[0].i - 1].lower_ != "the":
            return False
        role = fold(" ".join(t.text for t in words))
        matches = [
            a
            for a in self.st.actors
            if a.kind == "PERSON" and a.role and fold(a.role).endswith(role)
        ]
        if len({a.id for a in matches}) != 1:
            return False
        span = tok.doc[words[0].i : tok.i + 1]
        self.mention(matches[0], span.start_char, span.end_char)
        return True


def document_countries(doc: Doc) -> dict[str, float]:
    """Countries an article is about, with weights: those it names, describes or
    stands for by a capital ("China", "Chinese", "Beijing"), and those of the office
    holders it names ("Narendra Modi" → IND). An ambiguous place name ("Punjab chief
    minister") is read as the place of the country with the most weight."""
    found: dict[str, float] = {}
    table = people()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            code = country_of(ent.text, capitals=True)
        elif ent.label_ == "PERSON":
            terms = table.get(fold(ent.text))
            codes = {t.country for t in terms} if terms else set()
            code = codes.pop() if len(codes) == 1 else None
        else:
            continue
        if code:
            found[code] = found.get(code, 0.0) + 1.0
    return found


def _combine(name: str, known: Coding | None, described: Coding) -> Coding:
    """A person from the table (if known) and from the words around the name."""
    country = described.country or (known.country if known else None)
    if known is not None and known.country:
        country = known.country
    sectors = described.sectors or (known.sectors if known else ())
    role = described.role or (known.role if known else None)
    if known is not None and known.sectors and "ELI" not in described.sectors:
        # The table knows the office held that day; the words around the name may be
        # partial ("Secretary-General" read as a general) or say "former".
        sectors, role = known.sectors, known.role or role
    return Coding(
        known.name if known else name,
        "PERSON",
        country,
        tuple(sectors),
        role,
        known=known is not None,
    )


def _joined_people(doc: Doc) -> list[Span]:
    """The model's entities, with a name it split in two put together ("Jam Kamal" +
    "Khan Alyani" → "Jam Kamal Khan Alyani")."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.label_ == "PERSON"
            and prev.label_ == "PERSON"
            and prev.end == ent.start
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _clean(ent: Span) -> Span | None:
    """Without a leading "the" or a trailing possessive or parenthesis."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    for i in range(start, end):
        if doc[i].text == "(":
            end = i
            break
    if end <= start or not fold(doc[start:end].text):
        return None
    return doc[start:end]


def _is_title_word(tok: Token | str) -> bool:
    text = tok if isinstance(tok, str) else tok.text
    key = fold(text)
    if not key:
        return False
    return (
        key in TITLE_EXTRAS
        or key in ELITE_MODIFIERS
        or key in ABBREVIATIONS
        or bool(match_sectors([text])[0])
    )


def _abbreviation(ent: Span) -> Span | None:
    """ "SCO" in "the Shanghai Cooperation Organisation (SCO)"."""
    doc = ent.doc
    for i in range(ent.start, ent.end):
        if doc[i].text == "(":
            j = i + 1
            while j < len(doc) and j < i + 4 and doc[j].text != ")":
                j += 1
            inner = doc[i + 1 : j]
            if len(inner) and inner.text.replace(".", "").replace("-", "").isupper():
                return inner
    return None


def _title_only(span: Span) -> bool:
    return all(_is_title_word(t) or t.text == "." for t in span)


def _title_length(words: list[str]) -> int:
    """How many leading words of an entity are a title ("Defence Minister ...")."""
    n = 0
    while n < len(words) - 1 and (_is_title_word(words[n]) or words[n] == "."):
        n += 1
    if n and match_sectors(words[:n])[0]:
        return n
    return 0


def _prefix_tokens(span: Span) -> list[Token]:
    """Title words right before a name: roles, demonyms, possessives ("India's Defence
    Minister", "Chinese Foreign Minister", "former President")."""
    doc = span.doc
    out: list[Token] = []
    i = span.start - 1
    while i >= 0 and len(out) < 8:
        tok = doc[i]
        if (
            tok.tag_ == "POS"
            or tok.text in ("'s", "’s", ".")
            or _is_title_word(tok)
            or fold(tok.text) in adjective_index()
            or (tok.text[:1].isupper() and tok.ent_type_ in ("GPE", "NORP", "ORG"))
        ):
            out.insert(0, tok)
        else:
            break
        i -= 1
    while out and not (_is_title_word(out[0]) or country_of(out[0].text) or out[0].ent_type_):
        out.pop(0)
    if out and not any(_is_title_word(t) or country_of(t.text) for t in out):
        return []
    return out


def _apposition(name: Span) -> list[Token]:
    """A description set off after the name: "Harry Tseng, Taiwan's deputy foreign
    minister," → its words."""
    doc = name.doc
    if name.end >= len(doc) - 1 or doc[name.end].text != ",":
        return []
    out: list[Token] = []
    closed = False
    for tok in doc[name.end + 1 : name.end + 12]:
        if tok.text in (",", ".", ";", ":", "(", ")") or tok.is_sent_end:
            closed = tok.text != "." or bool(tok.is_sent_end)
            if tok.is_sent_end and tok.text not in (",", ".", ";", ":", "(", ")"):
                out.append(tok)
            break
        if tok.pos_ in ("VERB", "AUX"):
            return []  # ", officials said": a new clause, not a description
        out.append(tok)
    if closed and out and match_sectors([t.text for t in out])[0]:
        return out
    return []


def _modifiers(tok: Token) -> list[Token]:
    """A noun with the words before it that describe it ("India's border troops")."""
    doc = tok.doc
    start = tok.i
    for child in tok.children:
        if child.i < tok.i and child.dep_ in ("amod", "compound", "poss", "nmod", "nummod"):
            start = min(start, child.left_edge.i)
    while start < tok.i and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return list(doc[start : tok.i + 1])


def _in_hyphenated(tok: Token) -> bool:
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return any(
        t is not None
        and t.text == "-"
        and not t.whitespace_
        and t.idx in (tok.idx + len(tok), tok.idx - 1)
        for t in (before, after)
    )


def _tail(tok: Token, *, generic: bool) -> list[Token]:
    """What follows a group noun and says who it is: "of the Riigikogu" after a generic
    head, "in Denmark" after any."""
    out: list[Token] = []
    for child in tok.children:
        if child.i < tok.i or child.dep_ != "prep":
            continue
        if (child.lower_ == "of" and generic) or child.lower_ in ("in", "from"):
            sub = list(child.subtree)
            if len(sub) <= 8 and not any(t.pos_ == "VERB" for t in sub):
                out = list(tok.doc[tok.i + 1 : sub[-1].i + 1])
        break
    return out


def _is_locative(span: Span) -> bool:
    head = span.root.head
    if span.root.dep_ == "dobj" and head.lemma_.lower() in MOTION_VERBS:
        return True
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS
