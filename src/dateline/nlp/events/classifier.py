"""A small sentence classifier over the 16 PLOVER types, and the confidence model.

Rules find and type events; where they cannot decide (a bare "strike": a labour strike or
an attack?) the classifier ranks the types the rules allow, and every event's confidence
uses the classifier's opinion of its type. Both models are trained offline by
``python -m dateline.nlp.events.train`` (see that module) on data the project may use for
training — the NGEC synthetic stories, whose labels are synthetic — and ship with the
package as small arrays (``data/event_classifier.npz``, ``data/confidence.json``); nothing
is downloaded, nothing is pickled.

The classifier is multinomial logistic regression on word and word-pair features of the
sentence. Training is full-batch gradient descent written with gathers and ``np.add.at``
only (no BLAS), so the same data give the same bytes on any machine.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from dateline.model import EVENT_TYPES

DATA = Path(__file__).parent / "data"
CLASSIFIER_FILE = DATA / "event_classifier.npz"
CONFIDENCE_FILE = DATA / "confidence.json"
_TOKEN = re.compile(r"[a-z][a-z'-]*")


def features(text: str) -> list[str]:
    """Lower-cased words and adjacent word pairs."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass
class TypeClassifier:
    vocab: dict[str, int]
    weights: np.ndarray  # (len(vocab), len(labels))
    bias: np.ndarray  # (len(labels),)
    labels: tuple[str, ...] = EVENT_TYPES

    def probabilities(self, text: str) -> dict[str, float]:
        idx = [self.vocab[f] for f in features(text) if f in self.vocab]
        logits = self.bias.astype(np.float64)
        if idx:
            logits = logits + self.weights[np.array(idx)].astype(np.float64).sum(axis=0)
        logits -= logits.max()
        exp = np.exp(logits)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def rank(self, text: str, options: Sequence[str]) -> list[str]:
        """``options`` (PLOVER types) from the most to the least likely for ``text``."""
        probs = self.probabilities(text)
        return sorted(options, key=lambda t: (-probs.get(t, 0.0), t))

    def save(self, path: Path) -> None:
        order = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path,
            vocab=np.array(order, dtype=str),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            labels=np.array(self.labels, dtype=str),
        )

    @classmethod
    def load(cls, path: Path) -> TypeClassifier:
        with np.load(path, allow_pickle=False) as data:
            vocab = {str(w): i for i, w in enumerate(data["vocab"])}
            return cls(
                vocab=vocab,
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                labels=tuple(str(x) for x in data["labels"]),
            )


@cache
def type_classifier() -> TypeClassifier | None:
    """The shipped classifier, or None if the package was built without it."""
    if not CLASSIFIER_FILE.exists():
        return None
    return TypeClassifier.load(CLASSIFIER_FILE)


def train_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    max_features: int = 10000,
    min_count: int = 2,
    epochs: int = 200,
    rate: float = 10.0,
    l2: float = 1e-4,
) -> TypeClassifier:
    """Fit the classifier; deterministic for the same inputs."""
    counts: Counter[str] = Counter()
    docs = [sorted(set(features(t))) for t in texts]
    for feats in docs:
        counts.update(feats)
    kept = sorted((f for f, c in counts.items() if c >= min_count), key=lambda f: (-counts[f], f))
    vocab = {f: i for i, f in enumerate(sorted(kept[:max_features]))}
    label_index = {label: i for i, label in enumerate(EVENT_TYPES)}
    y = np.array([label_index[label] for label in labels])
    n, k = len(docs), len(EVENT_TYPES)
    rows = [np.array([vocab[f] for f in feats if f in vocab], dtype=np.int64) for feats in docs]
    lengths = np.array([len(r) for r in rows])
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(n), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # Classes weighted by their inverse frequency: AID is rare, CONCEDE common.
    freq = np.bincount(y, minlength=k).astype(np.float64)
    class_weight = np.where(freq > 0, n / (k * np.maximum(freq, 1.0)), 0.0)
    sample_weight = class_weight[y] / n
    weights = np.zeros((len(vocab), k))
    bias = np.zeros(k)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    for _ in range(epochs):
        logits = np.tile(bias, (n, 1))
        nonempty = lengths > 0
        if flat.size:
            summed = np.add.reduceat(weights[flat], starts[nonempty], axis=0)
            logits[nonempty] += summed
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        delta = (probs - onehot) * sample_weight[:, None]
        grad_w = np.zeros_like(weights)
        np.add.at(grad_w, flat, delta[owner])
        grad_w += l2 * weights
        weights -= rate * grad_w
        bias -= rate * delta.sum(axis=0)
    return TypeClassifier(vocab=vocab, weights=weights, bias=bias)


# -- confidence ---------------------------------------------------------------------------

CONFIDENCE_FEATURES = (
    "bias",
    "classifier",
    "actor",
    "recipient",
    "dated",
    "placed",
    "merged",
    "occurred",
    "verb",
    "frame",
    "light",
    "noun",
)


def confidence_features(
    *,
    classifier: float,
    actor: bool,
    recipient: bool,
    dated: bool,
    placed: bool,
    merged: bool,
    occurred: bool,
    how: str,
) -> list[float]:
    kind = how.split(":", 1)[0]
    return [
        1.0,
        classifier,
        float(actor),
        float(recipient),
        float(dated),
        float(placed),
        float(merged),
        float(occurred),
        float(kind in ("verb", "phrasal", "idiom")),
        float(kind in ("frame", "speech-must")),
        float(kind == "light"),
        float(kind == "noun"),
    ]


@dataclass
class ConfidenceModel:
    coefficients: list[float]

    def __call__(self, values: list[float]) -> float:
        z = sum(c * v for c, v in zip(self.coefficients, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def save(self, path: Path) -> None:
        coefficients = dict(zip(CONFIDENCE_FEATURES, self.coefficients, strict=True))
        text = json.dumps({"coefficients": {k: round(v, 6) for k, v in coefficients.items()}})
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ConfidenceModel:
        raw = json.loads(path.read_text(encoding="utf-8"))["coefficients"]
        return cls([float(raw[name]) for name in CONFIDENCE_FEATURES])


DEFAULT_CONFIDENCE = ConfidenceModel([-0.5, 1.5, 0.9, 0.4, 0.4, 0.2, 0.3, 0.2, 0.3, 0.3, 0.1, -0.3])
"""Used only if the package was built without ``data/confidence.json``."""


@cache
def confidence_model() -> ConfidenceModel:
    if not CONFIDENCE_FILE.exists():
        return DEFAULT_CONFIDENCE
    return ConfidenceModel.load(CONFIDENCE_FILE)


def fit_confidence(rows: Sequence[list[float]], outcomes: Sequence[bool]) -> ConfidenceModel:
    """Logistic regression of whether the type was right on the features; deterministic."""
    x = np.array(rows, dtype=np.float64)
    y = np.array(outcomes, dtype=np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(3000):
        z = np.zeros(len(x))
        for j in range(x.shape[1]):
            z += x[:, j] * w[j]
        p = 1.0 / (1.0 + np.exp(-z))
        residual = p - y
        grad = np.array([float(np.sum(residual * x[:, j])) for j in range(x.shape[1])])
        w -= 0.5 * (grad / len(x) + 1e-3 * w)
    return ConfidenceModel([float(v) for v in w])
