"""Cross-article merging: one canonical event per real-world happening, with every
report attached.

- :mod:`dateline.merge.features`: what the merger knows about a mention
  (:class:`MergeMention`), built from the contract's ``Event``;
- :mod:`dateline.merge.score`: the evidence that two mentions are the same happening
  (:func:`compare`, weights in :class:`MergeConfig`);
- :mod:`dateline.merge.cluster`: incremental, deterministic clustering (:func:`cluster`,
  :func:`choose`);
- :mod:`dateline.merge.canonical`: a cluster's canonical fields and conflicts;
- :mod:`dateline.merge.store`: the same decisions against the store's tables, inside the
  writing transaction, with split / join / rebuild (see docs/merge.md).
"""

from __future__ import annotations

from dateline.merge.canonical import Canonical, canonical
from dateline.merge.cluster import Candidate, Decision, choose, cluster
from dateline.merge.features import FAMILIES, MergeMention, Party, from_event
from dateline.merge.score import DEFAULT, VERSION, Evidence, MergeConfig, compare

__all__ = [
    "DEFAULT",
    "FAMILIES",
    "VERSION",
    "Candidate",
    "Canonical",
    "Decision",
    "Evidence",
    "MergeConfig",
    "MergeMention",
    "Party",
    "canonical",
    "choose",
    "cluster",
    "compare",
    "from_event",
]
