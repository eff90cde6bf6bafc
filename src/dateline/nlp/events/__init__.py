"""Events: who did what to whom, when and where (see docs/events.md).

- :mod:`.component` — the ``dateline_events`` spaCy component;
- :mod:`.lexicon`, :mod:`.compose` — triggers, light verbs and frames;
- :mod:`.arguments`, :mod:`.status`, :mod:`.when`, :mod:`.where`, :mod:`.merge` — the
  event's participants, status, date, place, and its further mentions;
- :mod:`.ontology` — PLOVER types and modes, CAMEO codes, :func:`plover_view`;
- :mod:`.acled` — ACLED-style types for exports (:func:`acled_type`);
- :mod:`.main` — an article's main event (5W);
- :mod:`.classifier`, :mod:`.confidence`, :mod:`.train` — the sentence classifier and the
  calibrated confidence, and how they are trained.
"""

from dateline.nlp.events.acled import acled_type
from dateline.nlp.events.ontology import plover_of_cameo, plover_view

__all__ = ["acled_type", "plover_of_cameo", "plover_view"]
