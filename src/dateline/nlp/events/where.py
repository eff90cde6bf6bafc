"""Where an event happened, and how we know (``Event.where_basis``).

``attached``: a place in a locative phrase of the event's own clause ("clashed in the
Galwan Valley", "visited Beijing", "strikes ... in Pakistani territories"); ``sentence``:
another place in the same sentence; ``dateline``: the article's dateline place;
``focus``: the place the article is about (the geo component's, else the place named most
often, if named at least twice).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from dateline.nlp.actors.tables import country_of
from dateline.nlp.events.compose import Candidate
from dateline.nlp.events.words import words
from dateline.nlp.state import DocState

PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "across",
        "along",
        "inside",
        "outside",
        "around",
        "throughout",
        "within",
        "into",
        "over",
        "on",
        "off",
        "from",
        "to",
    }
)
_TERRITORY_NOUNS = frozenset(
    words("territory territories soil side airspace waters land lands border region areas")
)
_VISIT_TYPES = ("CONSULT",)
_PLACE_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "parataxis"})


class PlaceFinder:
    def __init__(self, doc: Doc, st: DocState) -> None:
        self.doc = doc
        self.st = st
        self.place_of: dict[int, str] = {}
        for (start, end), pid in st.place_spans.items():
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.place_of.setdefault(tok.i, pid)
        self.countries: dict[str, str] = {}
        for place in st.places:
            if place.country and (place.feature_code or "").startswith("PCL"):
                self.countries.setdefault(place.country, place.id)
        self.focus = _focus(st)
        self.dateline_tokens: set[int] = set()
        if st.dateline_span is not None:
            span = doc.char_span(*st.dateline_span, alignment_mode="expand")
            if span is not None:
                self.dateline_tokens = {t.i for t in span}

    def find(
        self, cand: Candidate, sent: Span, exclude: set[int] | None = None
    ) -> tuple[str | None, str | None]:
        """The event's place and how it was chosen; ``exclude``: tokens naming the event's
        participants ("talks with China" does not place the talks in China)."""
        heads = [cand.trigger]
        if cand.pred is not None and cand.pred.i != cand.trigger.i:
            heads.append(cand.pred)
        if cand.frame is not None and cand.content is not None:
            heads.append(cand.content)
        for head in heads:
            found = self._attached(head, cand)
            if found is not None:
                return found, "attached"
        skip = (exclude or set()) | self.dateline_tokens
        in_sentence = [
            i for i in range(sent.start, sent.end) if i in self.place_of and i not in skip
        ]
        if in_sentence:
            near = min(in_sentence, key=lambda i: abs(i - cand.trigger.i))
            return self.place_of[near], "sentence"
        if self.st.dateline_span and self.st.dateline_span in self.st.place_spans:
            return self.st.place_spans[self.st.dateline_span], "dateline"
        if self.focus is not None:
            return self.focus, "focus"
        return None, None

    def _attached(self, head: Token, cand: Candidate) -> str | None:
        # "visited Beijing": the destination of a visit is where it happens.
        if cand.type in _VISIT_TYPES:
            for c in head.children:
                if c.dep_ in ("dobj",) and c.i in self.place_of:
                    return self.place_of[c.i]
        frontier = [c for c in head.children if c.dep_ == "prep"]
        for obj in head.children:
            if obj.dep_ in ("dobj", "nsubjpass", "pobj"):
                frontier += [c for c in obj.children if c.dep_ == "prep"]
        depth = 0
        while frontier and depth < 3:
            nxt: list[Token] = []
            for prep in frontier:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    found = self._in_phrase(prep)
                    if found is not None:
                        return found
                for c in prep.children:
                    if c.dep_ in _CLAUSES:
                        continue
                    nxt += [g for g in c.children if g.dep_ == "prep"]
                    if c.dep_ == "prep":
                        nxt.append(c)
            frontier = nxt
            depth += 1
        # A place that is the object of an attack or a seizure ("shelled Juba").
        if cand.type in _PLACE_OBJECT_TYPES:
            for c in head.children:
                if c.dep_ in ("dobj", "nsubjpass") and c.i in self.place_of:
                    return self.place_of[c.i]
        return None

    def _in_phrase(self, prep: Token) -> str | None:
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if pobj.i in self.place_of:
                return self.place_of[pobj.i]
            for tok in pobj.subtree:
                if tok.dep_ in _CLAUSES:
                    break
                if tok.i in self.place_of:
                    return self.place_of[tok.i]
            if pobj.lemma_.lower() in _TERRITORY_NOUNS:
                for mod in pobj.children:
                    if mod.dep_ in ("amod", "compound", "poss"):
                        code = country_of(mod.text)
                        if code and code in self.countries:
                            return self.countries[code]
        return None


def _focus(st: DocState) -> str | None:
    given = getattr(st, "focus", None)
    if isinstance(given, str):
        return given
    counts = Counter({p.id: len(p.mentions) for p in st.places})
    if not counts:
        return None
    pid, n = counts.most_common(1)[0]
    return pid if n >= 2 else None
