"""The ``dateline_geo`` component: find place names and resolve them to coordinates,
offline.

Place names are the model's GPE/LOC/FAC entities, repaired with the gazetteer: a
country, region or well-known feature that the model took for a person or organisation
(and that the actor component did not claim as a person) is a place, and names from the
project's own tables (countries, curated features) are found even when the model misses
them. Each name is resolved in the article's context (:mod:`dateline.nlp.geo.resolve`).
The article's focus — the dateline place, else its most mentioned place — is recorded
for the events component's fallback.
"""

from __future__ import annotations

import functools
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.model import Place
from dateline.nlp.geo.countries import adjective_index, name_index, read_tsv
from dateline.nlp.geo.gazetteer import Entry, Gazetteer, default_gazetteer, fold
from dateline.nlp.geo.resolve import (
    ADMIN_WORDS,
    CITY_WORDS,
    FACILITY_WORDS,
    Context,
    Mention,
    Resolver,
)
from dateline.nlp.state import DocState, state

PLACE_LABELS = ("GPE", "LOC", "FAC")
REPAIR_LABELS = ("PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT")
MAX_SCAN = 6
# Words after a name that make it a state or province: "New York Gov. Cuomo".
STATE_OFFICES = frozenset(
    ["gov", "gov.", "governor", "governors", "legislature", "statehouse", "premier"]
)


@Language.factory("dateline_geo", assigns=["doc._.dateline"], default_config={})
def make_geo(nlp: Language, name: str) -> Geocoder:
    return Geocoder(nlp, name)


@functools.lru_cache(maxsize=1)
def table_names() -> frozenset[str]:
    """Folded names from the project's own tables, found in text even without NER."""
    names = set(name_index())
    for row in read_tsv("features.tsv"):
        names.add(fold(row[0]))
        names.update(fold(a) for a in row[1].split("|") if a)
    names.discard("")
    return frozenset(names)


class Geocoder:
    """Writes ``state(doc).places``, ``state(doc).place_spans`` and ``state(doc).focus``."""

    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer | None = None) -> None:
        self.name = name
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        spans = self._spans(doc, st)
        mentions = [_mention(s) for s in spans]
        _link(doc, spans, mentions)
        dateline = None
        if st.dateline and st.dateline_span:
            span = doc.char_span(*st.dateline_span, alignment_mode="expand")
            if span is not None and not any(s.start_char == span.start_char for s in spans):
                m = Mention(span.start_char, span.end_char, st.dateline, "GPE", "P", weight=8)
                mentions.insert(0, m)
                for other in mentions[1:]:
                    for attr in ("within", "contains"):
                        if getattr(other, attr) is not None:
                            setattr(other, attr, getattr(other, attr) + 1)
                dateline = m
            elif span is not None:
                dateline = next(m for m in mentions if m.start == span.start_char)
                dateline.weight, dateline.hint = 8, "P"
        evidence = _country_evidence(doc, st, mentions)
        for span in self._unlabelled(doc, st, spans, evidence):
            mentions.append(_mention(span))
        ctx = Context(countries=evidence)
        chosen = Resolver(self.gazetteer).resolve(mentions, ctx)
        self._write(st, mentions, chosen, dateline)
        return doc

    def _spans(self, doc: Doc, st: DocState) -> list[Span]:
        people = {a.id for a in st.actors if a.kind == "PERSON"}
        claimed = [span for span, aid in st.actor_spans.items() if aid in people]
        out: list[Span] = []
        for ent in doc.ents:
            if ent.start_char < st.body_start:
                continue
            if ent.label_ in PLACE_LABELS or (
                ent.label_ in REPAIR_LABELS and self._strong(ent.text)
            ):
                if _part_of_longer_name(ent):
                    continue
                for part in _parts(ent):
                    if not any(s <= part.start_char < e for s, e in claimed):
                        out.append(part)
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        out += [s for s in _scan(doc, st.body_start) if not taken & set(range(s.start, s.end))]
        return sorted(out, key=lambda s: s.start)

    def _unlabelled(
        self, doc: Doc, st: DocState, spans: list[Span], evidence: Counter[str]
    ) -> list[Span]:
        """Proper nouns the model did not label that name a town or region of a country
        the article is about ("the Pahalgam terror attack" in a story about India)."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        taken |= {
            i
            for e in doc.ents
            if e.label_ not in REPAIR_LABELS or len(e) > 1
            for i in range(e.start, e.end)
        }
        for start, end in st.actor_spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                taken.update(range(span.start, span.end))
        out = []
        for tok in doc:
            if tok.i in taken or tok.idx < st.body_start or tok.pos_ != "PROPN":
                continue
            if not tok.text[:1].isupper() or tok.is_sent_start or not tok.is_alpha:
                continue
            for e in self.gazetteer.lookup(tok.text):
                if e.alias or e.country3 not in evidence or e.population < 5000:
                    continue
                if e.is_city or e.feature_code in ("ADM1", "ADM2"):
                    out.append(doc[tok.i : tok.i + 1])
                    break
        return out

    def _strong(self, text: str) -> bool:
        """A name that is almost surely a place: a country, a region, a curated feature,
        a continent, or a city of 100,000+ known by that very name."""
        if fold(text) in adjective_index() and fold(text) not in name_index():
            return False
        for e in self.gazetteer.lookup(text):
            if e.source in ("countries", "features") or e.feature_code in ("CONT", "ADM1"):
                return True
            if e.is_city and e.population >= (200_000 if e.alias else 100_000):
                return True
        return False

    def _write(
        self,
        st: DocState,
        mentions: list[Mention],
        chosen: list[Entry | None],
        dateline: Mention | None,
    ) -> None:
        places: list[Place] = []
        by_key: dict[tuple[str, int | None, str], Place] = {}
        st.place_spans = {}
        for m, entry in zip(mentions, chosen, strict=True):
            if entry is None:
                continue
            place = by_key.get(entry.key)
            if place is None:
                place = Place(
                    id=f"p{len(places) + 1}",
                    name=entry.name,
                    lat=round(entry.lat, 5),
                    lon=round(entry.lon, 5),
                    country=entry.country3 or None,
                    feature_class=entry.feature_class,
                    feature_code=entry.feature_code,
                    geonameid=entry.geonameid,
                    admin1=entry.admin1,
                )
                by_key[entry.key] = place
                places.append(place)
            if (m.start, m.end) not in place.mentions:
                place.mentions.append((m.start, m.end))
            st.place_spans[(m.start, m.end)] = place.id
        for place in places:
            place.mentions.sort()
        st.places = places
        st.focus = _focus(places, mentions, chosen, dateline, by_key)


def _focus(
    places: list[Place],
    mentions: list[Mention],
    chosen: list[Entry | None],
    dateline: Mention | None,
    by_key: dict[tuple[str, int | None, str], Place],
) -> str | None:
    """The dateline place, else the most mentioned place below country level, else the
    most mentioned country."""
    if dateline is not None:
        i = mentions.index(dateline)
        entry = chosen[i]
        if entry is not None:
            return by_key[entry.key].id
    local = [
        p for p in places if p.feature_class in ("P", "S") or p.feature_code in ("ADM1", "ADM2")
    ]
    for pool in (local, [p for p in places if p.feature_code and p.feature_code.startswith("PCL")]):
        if pool:
            return max(pool, key=lambda p: (len(p.mentions), -p.mentions[0][0])).id
    return None


def _parts(ent: Span) -> list[Span]:
    """An entity without a leading "the" or trailing possessive, split at commas
    ("Qingdao, China" → "Qingdao", "China")."""
    doc = ent.doc
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].text == ",":
            pieces.append(doc[start:i])
            start = i + 1
    out = []
    for piece in pieces:
        s, e = piece.start, piece.end
        if s < e and doc[s].lower_ == "the":
            s += 1
        if e > s and doc[e - 1].tag_ == "POS":
            e -= 1
        if e > s and fold(doc[s:e].text):
            out.append(doc[s:e])
    return out


def _scan(doc: Doc, body_start: int) -> list[Span]:
    """Capitalised word sequences that are country or curated feature names."""
    names = table_names()
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.idx < body_start or not tok.text[:1].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(MAX_SCAN, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if not span[-1].text[:1].isalpha():
                continue
            if fold(span.text) in names:
                hit = span
                break
        if hit is not None and _inside_name(hit):
            hit = None
        if hit is not None:
            out.append(hit)
            i = hit.end
        else:
            i += 1
    return out


def _part_of_longer_name(ent: Span) -> bool:
    """ "St. Peter's" in "St. Peter's Basilica"; "Portugal" in "Little Portugal"."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if doc[ent.end - 1].tag_ == "POS" and after is not None and after.text[:1].isupper():
        return after.lower_ in FACILITY_WORDS or after.pos_ == "PROPN"
    if len(ent) == 1 and ent.start > 0:
        before = doc[ent.start - 1]
        return (
            before.is_alpha
            and before.text[:1].isupper()
            and not before.is_sent_start
            and before.pos_ in ("PROPN", "ADJ")
            and not before.ent_type_
            and fold(before.text) not in adjective_index()
        )
    return False


def _inside_name(span: Span) -> bool:
    """Part of a longer name: "Little Portugal", "Stade de France", "Portugal Street"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in ("de", "du", "des", "di", "da", "del"):
        return True
    if (
        before is not None
        and before.text[:1].isupper()
        and before.is_alpha
        and not before.is_sent_start
        and fold(before.text) not in adjective_index()
    ):
        return True
    return after is not None and after.text[:1].isupper() and after.lower_ in FACILITY_WORDS


def _mention(span: Span) -> Mention:
    doc = span.doc
    m = Mention(span.start_char, span.end_char, span.text, span.label_ or "GPE")
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in ADMIN_WORDS or nxt.lower_ in STATE_OFFICES):
        m.hint = "A"
    elif nxt is not None and nxt.lower_ in CITY_WORDS:
        m.hint = "P"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        before = doc[span.start - 2].lower_
        m.hint = m.hint or ("A" if before in ADMIN_WORDS else "P" if before in CITY_WORDS else None)
    if span.start >= 2 and doc[span.start - 1].tag_ == "POS":
        owner = fold(doc[span.start - 2].text)
        if owner in name_index():
            m.within_country = name_index()[owner]
    return m


def _link(doc: Doc, spans: list[Span], mentions: list[Mention]) -> None:
    """ "Helena, Mont." and "Qingdao, China": the first lies in the second."""
    names = name_index()
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        if fold(a.text) in names:
            continue  # a list of countries ("Britain, France, Russia")
        after = doc[b.end] if b.end < len(doc) else None
        if after is not None and after.lower_ in ("and", "or", "&"):
            continue  # a list of places ("Washington, New York and Boston")
        if (
            after is not None
            and after.text == ","
            and i + 2 < len(spans)
            and (spans[i + 2].start == b.end + 1)
        ):
            continue  # a list of places ("Paris, Lyon, Nice")
        if b.start == a.end + 1 and doc[a.end].text == ",":
            mentions[i].within = i + 1
            mentions[i + 1].contains = i


def _country_evidence(doc: Doc, st: DocState, mentions: list[Mention]) -> Counter[str]:
    """Countries the article names or describes ("China", "Chinese"), with counts."""
    found: Counter[str] = Counter()
    names, adjectives = name_index(), adjective_index()
    for m in mentions:
        code = names.get(fold(m.text))
        if code:
            found[code] += m.weight
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.idx >= st.body_start and tok.text[:1].isupper():
            two = fold(doc[i : i + 2].text) if i + 1 < len(doc) else ""
            if two in adjectives:
                found[adjectives[two]] += 2
                i += 2
                continue
            code = adjectives.get(fold(tok.text))
            if code:
                found[code] += 2
        i += 1
    return found
