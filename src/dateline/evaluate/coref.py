"""Coreference scores over clusterings of mentions: MUC, B³, CEAF-e and their mean (the
CoNLL F1), as the reference scorer computes them when key and response mention sets
differ (missed and invented mentions count against recall and precision).

A clustering is a mapping mention → cluster id; mentions are any hashable ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import TypeVar

M = TypeVar("M", bound=Hashable)
Scores = dict[str, float]


def clusters(assignment: Mapping[M, Hashable]) -> list[frozenset[M]]:
    groups: dict[Hashable, set[M]] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return [frozenset(g) for g in groups.values()]


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> Scores:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"recall": r, "precision": p, "f1": f}


def muc(key: Mapping[M, Hashable], response: Mapping[M, Hashable]) -> Scores:
    """Links: how many of a cluster's links survive in the other clustering."""

    def side(a: Mapping[M, Hashable], b: Mapping[M, Hashable]) -> tuple[float, float]:
        num = den = 0.0
        for c in clusters(a):
            parts = {b.get(m, ("twinless", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    nr, dr = side(key, response)
    np_, dp = side(response, key)
    return _prf(nr, dr, np_, dp)


def b_cubed(key: Mapping[M, Hashable], response: Mapping[M, Hashable]) -> Scores:
    """Per mention: the share of its cluster that the other clustering also puts with it."""

    def side(a: Mapping[M, Hashable], b: Mapping[M, Hashable]) -> tuple[float, float]:
        num = den = 0.0
        other = {c: i for i, cs in enumerate(clusters(b)) for c in cs}
        for c in clusters(a):
            counts: dict[int, int] = defaultdict(int)
            for m in c:
                if m in other:
                    counts[other[m]] += 1
            num += sum(n * n for n in counts.values()) / len(c)
            den += len(c)
        return num, den

    nr, dr = side(key, response)
    np_, dp = side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Mapping[M, Hashable], response: Mapping[M, Hashable]) -> Scores:
    """Entity-based CEAF: the best one-to-one alignment of key and response clusters
    under φ4 = 2|K∩R| / (|K| + |R|)."""
    ks, rs = clusters(key), clusters(response)
    r_of = {m: j for j, c in enumerate(rs) for m in c}
    # the alignment decomposes into connected groups of overlapping clusters
    edges: dict[int, set[int]] = defaultdict(set)
    for i, c in enumerate(ks):
        for m in c:
            if m in r_of:
                edges[i].add(r_of[m])
    total = 0.0
    seen_k: set[int] = set()
    r_to_k: dict[int, set[int]] = defaultdict(set)
    for i, js in edges.items():
        for j in js:
            r_to_k[j].add(i)
    for start in sorted(edges):
        if start in seen_k:
            continue
        group_k, group_r = {start}, set()
        stack = [("k", start)]
        while stack:
            side, x = stack.pop()
            if side == "k":
                for j in edges[x]:
                    if j not in group_r:
                        group_r.add(j)
                        stack.append(("r", j))
            else:
                for i in r_to_k[x]:
                    if i not in group_k:
                        group_k.add(i)
                        stack.append(("k", i))
        seen_k |= group_k
        kl, rl = sorted(group_k), sorted(group_r)
        sim = [[2 * len(ks[i] & rs[j]) / (len(ks[i]) + len(rs[j])) for j in rl] for i in kl]
        total += max_assignment(sim)
    return _prf(total, len(ks), total, len(rs))


def conll(key: Mapping[M, Hashable], response: Mapping[M, Hashable]) -> dict[str, Scores]:
    out = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    out["conll"] = {"f1": sum(out[k]["f1"] for k in ("muc", "b3", "ceafe")) / 3}
    return out


def max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns
    (Hungarian method with potentials, O(n²m))."""
    if not weights or not weights[0]:
        return 0.0
    transpose = len(weights) > len(weights[0])
    w = [list(r) for r in zip(*weights, strict=True)] if transpose else weights
    n, m = len(w), len(w[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -w[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return sum(w[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])
