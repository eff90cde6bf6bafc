"""Incremental clustering: each mention, in a fixed order, joins the existing cluster it
matches best (when the evidence reaches the threshold and most of that cluster does not
veto it), or starts a new one. The same mentions in the same order always give the same
clusters; the store processes new mentions by publication day, content hash and event
number, so a rebuild is independent of the order articles were ingested in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from dateline.merge.features import MergeMention
from dateline.merge.score import DEFAULT, Evidence, MergeConfig, compare


@dataclass
class Decision:
    """Where one mention went, and why."""

    mention: str
    cluster: str
    """The cluster's id: the key of the mention that founded it."""
    kind: Literal["new", "attach"]
    matched: str | None = None
    """The member that matched best (for ``attach``)."""
    evidence: Evidence | None = None
    best_other: dict[str, Any] | None = None
    """For ``new``: the closest cluster that was not good enough, with its score."""
    version: str = DEFAULT.version
    threshold: float = DEFAULT.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "version": self.version,
            "threshold": self.threshold,
            "evidence": self.evidence.to_json() if self.evidence else None,
            "best_other": self.best_other,
        }


@dataclass
class Candidate:
    """An existing cluster the new mention may join."""

    id: str
    members: Sequence[MergeMention]


@dataclass
class _Match:
    score: float
    member: MergeMention | None
    evidence: Evidence | None
    vetoes: list[str] = field(default_factory=list)


def match(m: MergeMention, candidate: Candidate, config: MergeConfig = DEFAULT) -> _Match:
    """Best-supported member of a cluster, and the vetoes the cluster raises."""
    best = _Match(score=float("-inf"), member=None, evidence=None)
    for member in candidate.members:
        ev = compare(m, member, config)
        if ev.veto:
            best.vetoes.append(ev.veto)
        elif ev.score > best.score:
            best.score, best.member, best.evidence = ev.score, member, ev
    return best


def choose(
    m: MergeMention, candidates: Iterable[Candidate], config: MergeConfig = DEFAULT
) -> Decision:
    """Decide where ``m`` goes among ``candidates`` (ties: the earlier candidate)."""
    winner: tuple[Candidate, _Match] | None = None
    closest: tuple[Candidate, _Match] | None = None
    for candidate in candidates:
        found = match(m, candidate, config)
        if found.member is None:
            continue
        if closest is None or found.score > closest[1].score:
            closest = (candidate, found)
        eligible = (
            found.score >= config.threshold
            and found.evidence is not None
            and len(found.evidence.parts) >= config.min_parts
            and 2 * len(found.vetoes) <= len(candidate.members)
        )
        if eligible and (winner is None or found.score > winner[1].score):
            winner = (candidate, found)
    if winner is not None:
        candidate, found = winner
        assert found.member is not None
        return Decision(
            mention=m.key,
            cluster=candidate.id,
            kind="attach",
            matched=found.member.key,
            evidence=found.evidence,
            version=config.version,
            threshold=config.threshold,
        )
    best_other = None
    if closest is not None:
        candidate, found = closest
        best_other = {
            "cluster": candidate.id,
            "score": round(found.score, 4),
            "vetoes": found.vetoes[:3],
        }
    return Decision(
        mention=m.key,
        cluster=m.key,
        kind="new",
        best_other=best_other,
        version=config.version,
        threshold=config.threshold,
    )


def cluster(
    mentions: Iterable[MergeMention], config: MergeConfig = DEFAULT
) -> tuple[dict[str, str], list[Decision]]:
    """Cluster mentions in memory (the ECB+ evaluation uses this; the store runs the same
    decisions against its tables). Returns mention key → cluster id, and the decisions."""
    clusters: dict[str, list[MergeMention]] = {}  # in founding order
    rank: dict[str, int] = {}
    by_family: dict[str, list[str]] = {}
    by_trigger: dict[str, set[str]] = {}
    untyped: list[str] = []
    assignment: dict[str, str] = {}
    decisions: list[Decision] = []
    for m in sorted(mentions, key=lambda x: (x.order, x.key)):
        # Blocking: typed mentions meet clusters of their family (and untyped ones);
        # untyped mentions meet clusters that have a member with the same trigger word
        # (without a type, nothing else can reach the threshold).
        if m.family is not None:
            ids = {*by_family.get(m.family, ()), *untyped}
        else:
            ids = set(by_trigger.get(m.trigger, ()))
        ordered = sorted(ids, key=rank.__getitem__)
        decision = choose(m, (Candidate(i, clusters[i]) for i in ordered), config)
        if decision.kind == "new":
            clusters[m.key] = []
            rank[m.key] = len(rank)
            if m.family is None:
                untyped.append(m.key)
            else:
                by_family.setdefault(m.family, []).append(m.key)
        target = decision.cluster
        clusters[target].append(m)
        by_trigger.setdefault(m.trigger, set()).add(target)
        assignment[m.key] = target
        decisions.append(decision)
    return assignment, decisions
