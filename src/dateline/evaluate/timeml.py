"""TempEval-3 Task A scoring: time expression extents, types and values.

For each document the system's timexes are aligned one-to-one with the gold ones:
a *strict* match has exactly the same character span, a *relaxed* match overlaps
(largest overlap first). Type and value accuracy are taken over relaxed matches, and
their F1 is accuracy × relaxed F1 (as in the TempEval-3 paper). Values are compared
after rewriting equal notations the same way (``2000-W7`` = ``2000-W07``, ``T17`` =
``T17:00``, the older decade and century notation ``199X`` = ``199``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.model import Timex
from dateline.nlp.time.timeml import GoldTimex, TimeMLDoc


@dataclass
class Alignment:
    """One document's alignment: pairs of (gold, system) plus what is left over."""

    pairs: list[tuple[GoldTimex, Timex]] = field(default_factory=list)
    missed: list[GoldTimex] = field(default_factory=list)
    spurious: list[Timex] = field(default_factory=list)


def align(gold: Sequence[GoldTimex], system: Sequence[Timex]) -> Alignment:
    """Pair overlapping gold and system timexes, largest overlap first."""
    overlaps: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                overlaps.append((overlap, gi, si))
    overlaps.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    result = Alignment()
    for _, gi, si in overlaps:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        result.pairs.append((gold[gi], system[si]))
    result.pairs.sort(key=lambda p: p[0].start)
    result.missed = [g for i, g in enumerate(gold) if i not in used_g]
    result.spurious = [s for i, s in enumerate(system) if i not in used_s]
    return result


def canonical_value(value: str) -> str:
    """Rewrite equal TIMEX3 notations one way: zero-padded week numbers and hours with
    minutes."""
    v = value.strip()
    v = re.sub(r"^(\d{2,3})X+$", r"\1", v)  # 199X (TIMEX2 style) = 199, 19XX = 19
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)
    return re.sub(r"T(\d\d:\d\d):00$", r"T\1", v)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: Sequence[GoldTimex], system: Sequence[Timex], al: Alignment) -> None:
        self.gold += len(gold)
        self.system += len(system)
        self.relaxed += len(al.pairs)
        for g, s in al.pairs:
            self.strict += (g.start, g.end) == (s.start, s.end)
            self.type_ok += g.type == s.type
            self.value_ok += canonical_value(g.value) == canonical_value(s.value)


def _prf(hits: int, system: int, gold: int) -> dict[str, float]:
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def measures(counts: Counts, documents: int, seconds: float) -> dict[str, Any]:
    """The TempEval-3 Task A table as a plain dict (the ``--json`` shape)."""
    strict = _prf(counts.strict, counts.system, counts.gold)
    relaxed = _prf(counts.relaxed, counts.system, counts.gold)
    type_acc = counts.type_ok / counts.relaxed if counts.relaxed else 0.0
    value_acc = counts.value_ok / counts.relaxed if counts.relaxed else 0.0
    return {
        "strict": strict,
        "relaxed": relaxed,
        "type": {"accuracy": round(type_acc, 4), "f1": round(type_acc * relaxed["f1"], 4)},
        "value": {"accuracy": round(value_acc, 4), "f1": round(value_acc * relaxed["f1"], 4)},
        "documents": documents,
        "timexes": counts.gold,
        "docs_per_second": round(documents / seconds, 2) if seconds > 0 else 0.0,
    }


@dataclass
class ErrorLine:
    """One mistake, for ``--errors``: kind is value, type, span, missed or spurious."""

    kind: str
    doc: str
    gold: str
    system: str
    context: str


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def errors_of(doc: TimeMLDoc, al: Alignment) -> list[ErrorLine]:
    out: list[ErrorLine] = []
    for g, s in al.pairs:
        if canonical_value(g.value) != canonical_value(s.value):
            out.append(
                ErrorLine(
                    "value",
                    doc.id,
                    f"{g.text!r} {g.type} {g.value}",
                    f"{s.text!r} {s.type} {s.value}",
                    _context(doc.text, g.start, g.end),
                )
            )
        elif g.type != s.type:
            out.append(
                ErrorLine(
                    "type",
                    doc.id,
                    f"{g.text!r} {g.type}",
                    f"{s.text!r} {s.type}",
                    _context(doc.text, g.start, g.end),
                )
            )
        if (g.start, g.end) != (s.start, s.end):
            out.append(
                ErrorLine(
                    "span", doc.id, repr(g.text), repr(s.text), _context(doc.text, g.start, g.end)
                )
            )
    for g in al.missed:
        out.append(
            ErrorLine(
                "missed",
                doc.id,
                f"{g.text!r} {g.type} {g.value}",
                "",
                _context(doc.text, g.start, g.end),
            )
        )
    for s in al.spurious:
        out.append(
            ErrorLine(
                "spurious",
                doc.id,
                "",
                f"{s.text!r} {s.type} {s.value}",
                _context(doc.text, s.start, s.end),
            )
        )
    return out


Tagger = Callable[[Iterable[TimeMLDoc]], Iterable[list[Timex]]]


def pipeline_tagger(model: str) -> Tagger:
    """The product's tagger for TimeML documents: the spaCy model and ``dateline_time``
    (the other Dateline components are not needed for time expressions), each document
    read with its creation time as the publication date."""
    from dateline import get_pipeline
    from dateline.nlp.state import state
    from dateline.read.base import Article

    pipeline = get_pipeline(model)
    others = [
        n for n in pipeline.nlp.pipe_names if n.startswith("dateline_") and n != "dateline_time"
    ]

    def tagger(items: Iterable[TimeMLDoc]) -> Iterator[list[Timex]]:
        articles = (Article(text=d.text, published=d.dct, source=d.path, id=d.id) for d in items)
        with pipeline.nlp.select_pipes(disable=others):
            for doc in pipeline.nlp.pipe(
                (pipeline.make_doc(a) for a in articles), batch_size=pipeline.batch_size
            ):
                yield state(doc).timexes

    return tagger


def evaluate(docs: Sequence[TimeMLDoc], tagger: Tagger) -> tuple[dict[str, Any], list[ErrorLine]]:
    """Run ``tagger`` over the documents (one list of timexes per document, in order) and
    score it; also return every mistake."""
    counts = Counts()
    errors: list[ErrorLine] = []
    started = time.perf_counter()
    results = list(tagger(docs))
    seconds = time.perf_counter() - started
    for doc, system in zip(docs, results, strict=True):
        al = align(doc.timexes, system)
        counts.add(doc.timexes, system, al)
        errors += errors_of(doc, al)
    return measures(counts, len(docs), seconds), errors
