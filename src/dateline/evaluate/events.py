"""Score event extraction on the PLOVER gold-standard records (``dateline eval events``).

Each record is one sentence with its gold event type, mode, source and target actors and
the words of the event marked ``(EVT: ...)``. The sentence is run through the pipeline as
a one-sentence article; the predicted event scored for the record is the one whose
trigger lies in a marked event phrase (the record's first such phrase), else the most
confident event. Records coded with PLOVER 0.5 names are mapped to the current ones
(DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT).

PLOVER codes a statement of intent by its type (a promised meeting is AGREE, a promised
attack THREATEN, a refused concession REJECT); Dateline keeps the action's own type and
says "planned" or "negated" in ``status``. ``type_accuracy`` compares the gold type with
:func:`dateline.nlp.events.ontology.plover_view` of the predicted type and status (the
coding the gold standard follows); ``type_accuracy_raw`` compares the type alone.

Measures: type accuracy and macro-F1 over the 16 types (a sentence with no event counts as
a wrong "NONE"), per-type precision/recall/F1, actor- and recipient-country accuracy (of
gold actors with a code, the share found among the scored event's actors' countries),
events per sentence with the counts of sentences with none and with more than two, and
the calibration of the confidence (Brier score, expected calibration error) against
whether the type is right.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, ReadError
from dateline.model import EVENT_TYPES, ArticleRecord, Event
from dateline.nlp.events.ontology import current_type, plover_view

_MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC):\s*")
# Old CAMEO-style country codes in the records → ISO 3166 alpha-3.
_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "UK": "GBR", "ROM": "ROU"}
PUBLISHED = date(2000, 1, 1)
"""The records' (placeholder) date; every record is dated 2000-01-01."""


@dataclass
class GoldRecord:
    id: str
    text: str
    type: str
    mode: str | None
    sources: list[str] = field(default_factory=list)
    """Gold actor codes (ISO alpha-3, or IGO/NGO)."""
    targets: list[str] = field(default_factory=list)
    events: list[tuple[int, int]] = field(default_factory=list)
    """Character spans of the marked event words in ``text``."""


def load(path: Path) -> list[GoldRecord]:
    """The records of a PLOVER gold-standard JSON file (a list of records)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReadError(
            Code.E001, f"cannot read the file ({exc.strerror})", path=str(path)
        ) from exc
    except json.JSONDecodeError as exc:
        raise ReadError(Code.E006, f"not JSON ({exc.msg})", path=str(path)) from exc
    if not isinstance(raw, list):
        raise ReadError(Code.E006, "expected a JSON list of PLOVER records", path=str(path))
    records: list[GoldRecord] = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or "event" not in item:
            raise ReadError(Code.E009, f"record {number} has no 'event'", path=str(path))
        name = current_type(str(item["event"]))
        if name not in EVENT_TYPES:
            continue  # DOCUMENT headers and the like
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ReadError(Code.E009, f"record {number} has no text", path=str(path))
        info = item.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        records.append(
            GoldRecord(
                id=str(item.get("id", number)),
                text=text,
                type=name,
                mode=item.get("mode") or None,
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
                events=_event_spans(markup, text) if isinstance(markup, str) else [],
            )
        )
    return records


def _codes(actors: object) -> list[str]:
    if not isinstance(actors, list):
        return []
    out = []
    for actor in actors:
        if isinstance(actor, dict) and isinstance(actor.get("code"), str) and actor["code"]:
            code = actor["code"].strip().upper()
            out.append(_CODE_ALIASES.get(code, code))
    return out


def _event_spans(markup: str, text: str) -> list[tuple[int, int]]:
    """Where the ``(EVT: ...)`` phrases of the markup are in the plain text."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    i = 0
    while i < len(markup):
        m = _MARK.match(markup, i)
        if m:
            stack.append((m.group(1), len("".join(plain))))
            i = m.end()
            continue
        ch = markup[i]
        if ch == ")" and stack:
            kind, start = stack.pop()
            if kind == "EVT":
                spans.append((start, len("".join(plain))))
            i += 1
            continue
        plain.append(ch)
        i += 1
    flat = "".join(plain)
    matcher = difflib.SequenceMatcher(None, flat, text, autojunk=False)
    mapping: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    out = []
    for start, end in spans:
        inside = [mapping[k] for k in range(start, end) if k in mapping]
        if inside:
            out.append((min(inside), max(inside) + 1))
    return out


def scored_event(record: GoldRecord, events: list[Event]) -> Event | None:
    """The event scored for a record: the one in its first marked event phrase, else the
    most confident."""
    if not events:
        return None
    for start, end in record.events:
        inside = [
            e
            for e in events
            if any(start <= t.start < end for t in [e.trigger, *(m.trigger for m in e.mentions)])
        ]
        if inside:
            return max(inside, key=lambda e: e.confidence)
    return max(events, key=lambda e: (e.confidence, -e.trigger.start))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(records: list[GoldRecord], annotated: Iterable[ArticleRecord]) -> dict[str, Any]:
    """Measures over the records, given each record's annotated article (same order)."""
    pairs: list[tuple[str, str]] = []
    raw_right = 0
    actor_hits = actor_total = target_hits = target_total = 0
    per_text: dict[str, int] = {}
    calibration: list[tuple[float, bool]] = []
    confusions: Counter[tuple[str, str]] = Counter()
    for record, article in zip(records, annotated, strict=True):
        per_text[record.text] = len(article.events)
        event = scored_event(record, article.events)
        actors = {a.id: a for a in article.actors}
        predicted = plover_view(event.type, event.status) if event else "NONE"
        pairs.append((record.type, predicted))
        if predicted != record.type:
            confusions[(record.type, predicted)] += 1
        raw_right += bool(event and event.type == record.type)
        if event is not None:
            calibration.append((event.confidence, predicted == record.type))
        found = _found_codes(event.actors if event else [], actors)
        found_targets = _found_codes(event.recipients if event else [], actors)
        for code in record.sources:
            actor_total += 1
            actor_hits += code in found
        for code in record.targets:
            target_total += 1
            target_hits += code in found_targets
    n = len(pairs)
    right = sum(g == p for g, p in pairs)
    per_type: dict[str, dict[str, float | int]] = {}
    f1s = []
    for name in EVENT_TYPES:
        tp = sum(g == p == name for g, p in pairs)
        gold = sum(g == name for g, _ in pairs)
        pred = sum(p == name for _, p in pairs)
        if not gold and not pred:
            continue
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = _f1(precision, recall)
        if gold:
            f1s.append(f1)
        per_type[name] = {
            "support": gold,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }
    counts = list(per_text.values())
    return {
        "records": n,
        "type_accuracy": round(right / n, 4) if n else 0.0,
        "type_accuracy_raw": round(raw_right / n, 4) if n else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "actor_country_accuracy": round(actor_hits / actor_total, 4) if actor_total else 0.0,
        "recipient_country_accuracy": (
            round(target_hits / target_total, 4) if target_total else 0.0
        ),
        "sentences": len(counts),
        "events": sum(counts),
        "events_per_sentence": round(sum(counts) / len(counts), 3) if counts else 0.0,
        "sentences_no_event": sum(c == 0 for c in counts),
        "sentences_over_two_events": sum(c > 2 for c in counts),
        "calibration": _calibration(calibration),
        "per_type": per_type,
        "confusions": [
            {"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common(12)
        ],
    }


def _found_codes(ids: list[str], actors: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for aid in ids:
        actor = actors.get(aid)
        if actor is None:
            continue
        if actor.kind == "IGO":
            found.add("IGO")
        if actor.country:
            found.add(actor.country)
    return found


def _calibration(pairs: list[tuple[float, bool]], bins: int = 5) -> dict[str, float | int]:
    if not pairs:
        return {"events": 0}
    brier = sum((c - float(ok)) ** 2 for c, ok in pairs) / len(pairs)
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (b == bins - 1 and c == 1.0)]
        if inside:
            mean_c = sum(c for c, _ in inside) / len(inside)
            acc = sum(ok for _, ok in inside) / len(inside)
            ece += len(inside) / len(pairs) * abs(mean_c - acc)
    return {
        "events": len(pairs),
        "brier": round(brier, 4),
        "ece": round(ece, 4),
        "mean_confidence": round(sum(c for c, _ in pairs) / len(pairs), 4),
        "accuracy": round(sum(ok for _, ok in pairs) / len(pairs), 4),
    }


def evaluate(path: Path, pipeline: Any) -> dict[str, Any]:
    """Run ``pipeline`` (a :class:`dateline.nlp.Pipeline`) over the records and score."""
    from dateline.read.base import Article

    records = load(path)
    articles = [
        Article(text=r.text, published=PUBLISHED, source=f"{path.name}#{r.id}", id=r.id)
        for r in records
    ]
    annotated = [record for _, record in pipeline.annotate(articles)]
    return score(records, annotated)


def errors(path: Path, pipeline: Any) -> list[dict[str, Any]]:
    """The misclassified records, for looking at error categories."""
    from dateline.read.base import Article

    records = load(path)
    articles = [
        Article(text=r.text, published=PUBLISHED, source=f"{path.name}#{r.id}", id=r.id)
        for r in records
    ]
    out = []
    for record, (_, article) in zip(records, pipeline.annotate(articles), strict=True):
        event = scored_event(record, article.events)
        predicted = plover_view(event.type, event.status) if event else "NONE"
        if predicted != record.type:
            out.append(
                {
                    "id": record.id,
                    "gold": record.type,
                    "predicted": predicted,
                    "trigger": event.trigger.text if event else None,
                    "status": event.status if event else None,
                    "events": [f"{e.type}/{e.status}:{e.trigger.text}" for e in article.events],
                    "text": record.text,
                }
            )
    return out
