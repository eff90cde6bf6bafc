"""The ``dateline_actors`` component: people, organisations and countries, coded to
country (ISO alpha-3) and PLOVER sector.

People take their role and country from the title words before the name ("Chinese
Foreign Minister Wang Yi", "India's Defence Minister Rajnath Singh"); a later surname
("Singh") is the same person even when the model tags it as a place. Countries and
capitals used as actors ("Beijing said") are coded to the country.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.model import Actor
from dateline.nlp.actors.tables import IGOS, SECTOR_NOUNS, country_of, is_capital, sectors_of
from dateline.nlp.geo.gazetteer import fold
from dateline.nlp.state import DocState, state

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@Language.factory("dateline_actors", assigns=["doc._.dateline"], default_config={})
def make_actors(nlp: Language, name: str) -> ActorTagger:
    return ActorTagger(nlp, name)


class _Index:
    def __init__(self, st: DocState) -> None:
        self.st = st
        self.by_key: dict[str, Actor] = {}
        self.surnames: dict[str, Actor] = {}

    def add(self, key: str, span: tuple[int, int], **fields: object) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(self.by_key) + 1}", **fields)
            self.by_key[key] = actor
            self.st.actors.append(actor)
        else:
            for name in ("country", "role"):
                if getattr(actor, name) is None and fields.get(name):
                    setattr(actor, name, fields[name])
            if not actor.sectors and fields.get("sectors"):
                actor.sectors = list(fields["sectors"])  # type: ignore[call-overload]
                actor.sector = actor.sectors[0]
        if span not in actor.mentions:
            actor.mentions.append(span)
        self.st.actor_spans[span] = actor.id
        return actor


class ActorTagger:
    """Writes ``state(doc).actors`` and ``state(doc).actor_spans``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st.actors = []
        index = _Index(st)
        for ent in doc.ents:
            if ent.start_char < st.body_start or ent.label_ not in ACTOR_LABELS:
                continue
            if st.dateline_span and ent.start_char == st.dateline_span[0]:
                continue  # the dateline is a place, not an actor
            self._entity(ent, index)
        self._sector_nouns(doc, index, st.body_start)
        for actor in st.actors:
            actor.mentions.sort()
        return doc

    def _entity(self, ent: Span, index: _Index) -> None:
        text = _clean(ent)
        key = fold(text)
        span = (
            (ent.start_char, ent.start_char + len(text))
            if ent.text.startswith(text)
            else (ent.start_char, ent.end_char)
        )
        if key in index.surnames:
            actor = index.surnames[key]
            index.add(fold(actor.name), span, name=actor.name, kind="PERSON")
            return
        if key in IGOS:
            igo, name = IGOS[key]
            index.add(
                f"igo:{igo}",
                span,
                name=name,
                kind="IGO",
                country=igo,
                sector="IGO",
                sectors=["IGO"],
            )
            return
        if ent.label_ == "ORG":
            words = text.split()
            title_len = _title_prefix(words)
            if title_len and title_len < len(words):
                self._person(ent, " ".join(words[title_len:]), " ".join(words[:title_len]), index)
                return
            secs = sectors_of(text)
            index.add(
                key,
                span,
                name=text,
                kind="ORG",
                country=_country_in(ent),
                sector=secs[0] if secs else None,
                sectors=list(secs),
            )
            return
        if ent.label_ == "PERSON":
            self._person(ent, text, None, index)
            return
        found = country_of(text, capitals=True)
        if found is None:
            return
        code = found
        if ent.label_ == "NORP":
            head = ent.root.head
            noun_secs = SECTOR_NOUNS.get(head.lemma_.lower()) or SECTOR_NOUNS.get(head.lower_)
            if head.i >= ent.end and noun_secs:
                secs = noun_secs
                phrase = ent.doc[ent.start : head.i + 1]
                index.add(
                    f"{code}:{head.lemma_.lower()}",
                    (phrase.start_char, phrase.end_char),
                    name=phrase.text,
                    kind="GROUP",
                    country=code,
                    sector=secs[0],
                    sectors=list(secs),
                )
            return
        capital = is_capital(text) and country_of(text) is None
        index.add(
            f"country:{code}",
            span,
            name=text,
            kind="COUNTRY",
            country=code,
            sector="GOV" if capital else None,
            sectors=["GOV"] if capital else [],
        )

    def _person(self, ent: Span, name: str, title: str | None, index: _Index) -> None:
        prefix = _prefix_tokens(ent)
        role_words = [t.text for t in prefix if fold(t.text) not in ("s",) and t.tag_ != "POS"]
        country = None
        for tok in prefix:
            country = country or country_of(tok.text, capitals=False)
        role_text = title or " ".join(w for w in role_words if country_of(w) is None) or None
        secs = sectors_of(role_text) if role_text else ()
        start = ent.start_char + ent.text.find(name)
        actor = index.add(
            fold(name),
            (start, start + len(name)),
            name=name,
            kind="PERSON",
            country=country,
            role=role_text,
            sector=secs[0] if secs else None,
            sectors=list(secs),
        )
        parts = name.split()
        if len(parts) > 1:
            index.surnames.setdefault(fold(parts[-1]), actor)

    def _sector_nouns(self, doc: Doc, index: _Index, body_start: int) -> None:
        for tok in doc:
            if tok.idx < body_start or tok.ent_type_:
                continue
            secs = SECTOR_NOUNS.get(tok.lemma_.lower()) or SECTOR_NOUNS.get(tok.lower_)
            if not secs or tok.pos_ != "NOUN":
                continue
            code = None
            first = tok
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < tok.i:
                    code = code or country_of(child.text)
                    first = min(first, child, key=lambda t: t.i)
            if code is None:
                continue
            phrase = doc[first.i : tok.i + 1]
            index.add(
                f"{code}:{tok.lemma_.lower()}",
                (phrase.start_char, phrase.end_char),
                name=phrase.text,
                kind="GROUP",
                country=code,
                sector=secs[0],
                sectors=list(secs),
            )


def _clean(ent: Span) -> str:
    text = ent.text
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if "(" in text and not text.endswith(")"):
        text = text.split("(")[0].strip()
    return text


def _title_prefix(words: list[str]) -> int:
    for n in range(min(4, len(words) - 1), 0, -1):
        if sectors_of(" ".join(words[:n])) and all(w[:1].isupper() for w in words[:n]):
            return n
    return 0


def _prefix_tokens(ent: Span) -> list[Token]:
    """Title words right before a name: capitalised words, demonyms and possessives."""
    doc = ent.doc
    out: list[Token] = []
    i = ent.start - 1
    while i >= 0 and len(out) < 6:
        tok = doc[i]
        if tok.tag_ == "POS" or (tok.text[:1].isupper() and not tok.is_sent_start):
            out.insert(0, tok)
            i -= 1
            continue
        if tok.is_sent_start and tok.text[:1].isupper():
            out.insert(0, tok)
        break
    while out and not (sectors_of(" ".join(t.text for t in out)) or country_of(out[0].text)):
        out.pop(0)
    return out


def _country_in(ent: Span) -> str | None:
    for tok in ent:
        code = country_of(tok.text)
        if code:
            return code
    return None
