"""Train the event type classifier and the confidence model, offline and reproducibly.

    python -m dateline.nlp.events.train PATH/gpt_synthetic_events_2023-10-19_19.csv.zip

reads the NGEC synthetic stories (a zip holding one CSV with ``text`` and ``label``
columns; the labels are synthetic, so this data is for training only, never for
evaluation), and writes ``data/event_classifier.npz`` and ``data/confidence.json`` next to
this module. Each story contributes its lead: the first two sentences of its first
paragraph. The split into folds is fixed (seed 13) and the fitting uses no BLAS, so the
same data and the same Dateline version give the same bytes.

1. The classifier is fitted on five folds in turn to get every story's out-of-fold type
   probabilities (reported as the fold accuracy), then on all stories and saved.
2. The full pipeline runs over each lead; every event in its first sentence is one row
   for the confidence model: its features (with the out-of-fold probability of its
   PLOVER-coded type) and whether that type is the story's label.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dateline.model import EVENT_TYPES

SEED = 13
FOLDS = 5
PUBLISHED = date(2023, 10, 19)
"""The synthetic stories' generation date, used as their publication date."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def read_stories(path: Path) -> list[tuple[str, str]]:
    """(lead, label) of every usable story in the zip."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".csv")]
        if not names:
            raise SystemExit(f"{path}: no CSV file in the archive")
        with archive.open(names[0]) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    out = []
    for row in rows:
        label = (row.get("label") or "").strip().upper()
        lead = _lead(row.get("text") or "")
        if label in EVENT_TYPES and lead:
            out.append((lead, label))
    return out


def _lead(text: str) -> str:
    paragraph = next((p.strip() for p in text.strip().splitlines() if p.strip()), "")
    return " ".join(_SENTENCE_END.split(paragraph)[:2])[:600]


def folds(n: int) -> list[int]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    fold = [0] * n
    for position, index in enumerate(order):
        fold[index] = position % FOLDS
    return fold


def _progress(items: list[str], every: int = 500) -> Iterator[str]:
    for i, item in enumerate(items):
        if i and i % every == 0:
            print(f"  {i}/{len(items)}", file=sys.stderr)
        yield item


def main(argv: list[str] | None = None) -> int:
    from dateline.nlp.events import classifier as model

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the NGEC synthetic stories zip")
    parser.add_argument("--out", type=Path, default=model.DATA, help="output folder")
    parser.add_argument(
        "--calibrate",
        type=Path,
        help="human-coded PLOVER records (JSON) to calibrate the confidence on; without it "
        "the synthetic leads' headline events are used",
    )
    args = parser.parse_args(argv)
    stories = read_stories(args.data)
    texts = [t for t, _ in stories]
    labels = [label for _, label in stories]
    fold = folds(len(stories))
    print(f"{len(stories)} stories", file=sys.stderr)

    out_of_fold: list[dict[str, float]] = [{} for _ in stories]
    right = 0
    for k in range(FOLDS):
        train = [i for i in range(len(stories)) if fold[i] != k]
        fitted = model.train_classifier([texts[i] for i in train], [labels[i] for i in train])
        for i in range(len(stories)):
            if fold[i] == k:
                out_of_fold[i] = fitted.probabilities(texts[i])
                right += max(out_of_fold[i], key=out_of_fold[i].__getitem__) == labels[i]
    print(
        f"classifier fold accuracy (synthetic leads): {right / len(stories):.3f}", file=sys.stderr
    )
    args.out.mkdir(parents=True, exist_ok=True)
    final = model.train_classifier(texts, labels)
    final.save(args.out / model.CLASSIFIER_FILE.name)
    model.CLASSIFIER_FILE = args.out / model.CLASSIFIER_FILE.name  # what the pipeline now uses
    model.type_classifier.cache_clear()

    if args.calibrate is not None:
        rows, outcomes = plover_rows(args.calibrate)
        report_cross_validation(rows, outcomes)
    else:
        rows, outcomes = calibration_rows(texts, labels, out_of_fold)
    fitted_confidence = model.fit_confidence(rows, outcomes)
    fitted_confidence.save(args.out / model.CONFIDENCE_FILE.name)
    model.confidence_model.cache_clear()
    brier = sum((fitted_confidence(r) - o) ** 2 for r, o in zip(rows, outcomes, strict=True))
    print(
        f"confidence rows: {len(rows)}, right: {sum(outcomes) / max(len(rows), 1):.3f}, "
        f"Brier: {brier / max(len(rows), 1):.4f}",
        file=sys.stderr,
    )
    return 0


def calibration_rows(
    texts: list[str], labels: list[str], probabilities: list[dict[str, float]]
) -> tuple[list[list[float]], list[bool]]:
    """One row per event in a lead's first sentence, with the out-of-fold classifier
    probability in place of the final classifier's (which has seen the story)."""
    from dateline import get_pipeline
    from dateline.nlp.events.classifier import CONFIDENCE_FEATURES
    from dateline.nlp.events.component import extract_drafts
    from dateline.nlp.events.confidence import features_of
    from dateline.nlp.events.ontology import plover_view
    from dateline.nlp.state import state
    from dateline.read.base import Article

    pipeline = get_pipeline()
    column = CONFIDENCE_FEATURES.index("classifier")
    docs = (
        pipeline.make_doc(Article(text=t, published=PUBLISHED, source=f"synthetic#{i}"))
        for i, t in enumerate(_progress(texts))
    )
    rows: list[list[float]] = []
    outcomes: list[bool] = []
    for i, doc in enumerate(pipeline.nlp.pipe(docs, batch_size=32)):
        first_end = _first_sentence_end(texts[i])
        lead = [d for d in extract_drafts(doc, state(doc)) if d.trigger.start < first_end]
        # The story's label is its headline event: the lead sentence's main clause.
        for draft in [d for d in lead if _headline(d)][:1]:
            coded = plover_view(draft.type, draft.status)
            row = features_of(draft)
            row[column] = probabilities[i].get(coded, 0.0)
            rows.append(row)
            outcomes.append(coded == labels[i])
    return rows, outcomes


def plover_rows(path: Path) -> tuple[list[list[float]], list[bool]]:
    """One row per PLOVER record with a scored event: its features, and whether its
    PLOVER-coded type is the record's."""
    from dateline import get_pipeline
    from dateline.evaluate.events import PUBLISHED as RECORD_DATE
    from dateline.evaluate.events import load, scored_event
    from dateline.nlp.events.component import _event, extract_drafts
    from dateline.nlp.events.confidence import features_of
    from dateline.nlp.events.ontology import plover_view
    from dateline.nlp.state import state
    from dateline.read.base import Article

    pipeline = get_pipeline()
    records = load(path)
    docs = (
        pipeline.make_doc(Article(text=r.text, published=RECORD_DATE, source=r.id)) for r in records
    )
    rows: list[list[float]] = []
    outcomes: list[bool] = []
    for record, doc in zip(records, pipeline.nlp.pipe(docs, batch_size=32), strict=True):
        drafts = extract_drafts(doc, state(doc))
        for draft in drafts:
            draft.confidence = 0.5  # choose the scored event by position alone
        events = [_event(d, n) for n, d in enumerate(drafts, 1)]
        chosen = scored_event(record, events)
        if chosen is None:
            continue
        draft = drafts[events.index(chosen)]
        rows.append(features_of(draft))
        outcomes.append(plover_view(draft.type, draft.status) == record.type)
    return rows, outcomes


def report_cross_validation(rows: list[list[float]], outcomes: list[bool]) -> None:
    """Brier score and expected calibration error of confidences each predicted by a
    model fitted without that row (five folds)."""
    from dateline.nlp.events.classifier import fit_confidence

    fold = folds(len(rows))
    predicted = [0.0] * len(rows)
    for k in range(FOLDS):
        train = [i for i in range(len(rows)) if fold[i] != k]
        fitted = fit_confidence([rows[i] for i in train], [outcomes[i] for i in train])
        for i in range(len(rows)):
            if fold[i] == k:
                predicted[i] = fitted(rows[i])
    brier = sum((p - o) ** 2 for p, o in zip(predicted, outcomes, strict=True)) / len(rows)
    ece = 0.0
    for b in range(5):
        inside = [
            (p, o) for p, o in zip(predicted, outcomes, strict=True) if b / 5 <= p < (b + 1) / 5
        ]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            acc = sum(o for _, o in inside) / len(inside)
            ece += len(inside) / len(rows) * abs(mean - acc)
    print(
        f"confidence, cross-validated on {len(rows)} records: Brier {brier:.4f}, ECE {ece:.4f}",
        file=sys.stderr,
    )


def _headline(draft: object) -> bool:
    cand = draft.cand  # type: ignore[attr-defined]
    top = cand.frame or cand.pred or cand.trigger
    under_root = top.head.dep_ == "ROOT" and top.dep_ in ("xcomp", "dobj", "conj")
    return bool(top.dep_ == "ROOT" or under_root)


def _first_sentence_end(text: str) -> int:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return len(parts[0])


if __name__ == "__main__":  # pragma: no cover - run by hand
    raise SystemExit(main())
