"""How sure we are of an event: a logistic model over what supports it, calibrated offline
against whether the type was right (see :mod:`dateline.nlp.events.train`).

The features are the classifier's probability of the event's PLOVER-coded type for its
sentence, whether actors and recipients were coded, whether the date and the place come
from the event's own words, whether another mention of it was merged in, its status, and
how the trigger was found (verb, frame, light verb, bare noun).
"""

from __future__ import annotations

from dateline.nlp.events.classifier import confidence_features, confidence_model, type_classifier
from dateline.nlp.events.merge import Draft
from dateline.nlp.events.ontology import plover_view


def features_of(d: Draft) -> list[float]:
    model = type_classifier()
    coded = plover_view(d.type, d.status)
    probability = model.probabilities(d.sent.text)[coded] if model is not None else 1 / 16
    return confidence_features(
        classifier=probability,
        actor=bool(d.args.actors),
        recipient=bool(d.args.recipients),
        dated=d.when.basis == "text",
        placed=d.where_basis == "attached",
        merged=d.merged > 0,
        occurred=d.status == "occurred",
        how=d.cand.how,
    )


def confidence(d: Draft) -> float:
    """The probability that the event is what we say it is, rounded to two places and kept
    strictly between 0 and 1."""
    value = confidence_model()(features_of(d))
    return round(min(max(value, 0.01), 0.99), 2)
