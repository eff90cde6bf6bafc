"""How sure we are of an event: a logistic score over what supports it."""

from __future__ import annotations

import math

from dateline.nlp.events.merge import Draft


def confidence(d: Draft) -> float:
    z = -0.2
    z += 0.9 * bool(d.args.actors) + 0.4 * bool(d.args.recipients)
    z += 0.4 * (d.when.basis == "text") + 0.2 * (d.where_basis == "attached")
    z += 0.3 * (
        d.cand.how in ("verb", "frame:intent", "frame:request", "frame:refuse", "frame:threat")
    )
    z += 0.3 * min(d.merged, 2)
    return round(1 / (1 + math.exp(-z)), 2)
