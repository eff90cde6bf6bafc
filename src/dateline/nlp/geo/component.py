"""The ``dateline_geo`` component: resolve place names to coordinates, offline.

Place names are the model's GPE/LOC/FAC entities. Among same-named candidates the one in
a country the article mentions wins, then the most populous.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.model import Place
from dateline.nlp.geo.gazetteer import Entry, Gazetteer, default_gazetteer, fold
from dateline.nlp.state import state

PLACE_LABELS = ("GPE", "LOC", "FAC")


@Language.factory("dateline_geo", assigns=["doc._.dateline"], default_config={})
def make_geo(nlp: Language, name: str) -> Geocoder:
    return Geocoder(nlp, name)


class Geocoder:
    """Writes ``state(doc).places`` and ``state(doc).place_spans``."""

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
        people = {a.id for a in st.actors if a.kind == "PERSON"}
        claimed = {span for span, aid in st.actor_spans.items() if aid in people}
        stripped = [_strip(e) for e in doc.ents if e.label_ in PLACE_LABELS]
        spans = [
            s
            for s in stripped
            if s is not None
            and s.start_char >= st.body_start
            and (s.start_char, s.end_char) not in claimed
        ]
        found: list[tuple[Span, list[Entry]]] = [(s, self.gazetteer.lookup(s.text)) for s in spans]
        if st.dateline and st.dateline_span:
            span = doc.char_span(*st.dateline_span, alignment_mode="expand")
            if span is not None and not any(s.start_char == span.start_char for s, _ in found):
                found.insert(0, (span, self.gazetteer.lookup(st.dateline)))
        context = {c[0].country3 for _, c in found if c and c[0].feature_code.startswith("PCL")}
        by_key: dict[int, Place] = {}
        places: list[Place] = []
        for span, cands in found:
            if not cands:
                continue
            best = sorted(cands, key=lambda e: (e.country3 not in context, -e.population))[0]
            place = by_key.get(best.geonameid)
            if place is None:
                place = Place(
                    id=f"p{len(places) + 1}",
                    name=best.name,
                    lat=round(best.lat, 5),
                    lon=round(best.lon, 5),
                    country=best.country3,
                    feature_class=best.feature_class,
                    feature_code=best.feature_code,
                    geonameid=best.geonameid,
                    admin1=best.admin1,
                )
                by_key[best.geonameid] = place
                places.append(place)
            place.mentions.append((span.start_char, span.end_char))
            st.place_spans[(span.start_char, span.end_char)] = place.id
        for place in places:
            place.mentions.sort()
        st.places = places
        return doc


def _strip(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive: "the Galwan Valley's" → "Galwan Valley"."""
    start, end = span.start, span.end
    doc = span.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    if end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end <= start or not fold(doc[start:end].text):
        return None
    return doc[start:end]
