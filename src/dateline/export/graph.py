"""``gexf`` and ``graphml``: the actor network (networkx). Nodes are actors (name and
country); each canonical event adds a directed edge from every actor to every recipient
(between the actors, in order, when it has no recipients), carrying the event's id, type,
CAMEO code, status and date. In GEXF the edges and nodes are dated (``start``/``end``,
``timeformat="date"``, ``mode="dynamic"``), so Gephi's timeline plays the network as it
happened; GraphML (yEd, igraph, Gephi) keeps the same attributes, static."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.export import register
from dateline.model import ActorRef, StoredEvent


def node_id(actor: ActorRef) -> str:
    return f"{actor.name}|{actor.country or ''}"


def actor_graph(events: Iterable[StoredEvent]) -> Any:
    """A networkx ``MultiDiGraph`` of actors, one edge per event and actor pair."""
    import networkx as nx

    graph = nx.MultiDiGraph(name="Dateline actor network")
    n = 0
    for event in events:
        n += 1
        parties = [*event.actors, *event.recipients]
        start, end = event.when.start.isoformat(), event.when.end.isoformat()
        for actor in parties:
            key = node_id(actor)
            if key not in graph:
                graph.add_node(
                    key,
                    label=actor.name,
                    kind=actor.kind,
                    country=actor.country or "",
                    sector=actor.sector or "",
                    start=start,
                    end=end,
                    events=0,
                )
            data = graph.nodes[key]
            data["start"] = min(data["start"], start)
            data["end"] = max(data["end"], end)
            data["events"] += 1
        if event.recipients:
            pairs = [(a, r) for a in event.actors for r in event.recipients]
        else:
            pairs = list(zip(event.actors, event.actors[1:], strict=False))
        for a, b in pairs:
            if node_id(a) == node_id(b):
                continue
            graph.add_edge(
                node_id(a),
                node_id(b),
                key=f"{event.id}:{node_id(a)}>{node_id(b)}",
                event_id=event.id,
                event_type=event.type,
                mode=event.mode or "",
                cameo=event.cameo or "",
                status=event.status,
                date_precision=event.when.precision,
                date_basis=event.when.basis,
                mentions=event.mention_count,
                weight=1.0,
                start=start,
                end=end,
            )
    graph.graph["events"] = n
    return graph


def _write(events: Iterable[StoredEvent], out: Path, kind: str) -> int:
    import networkx as nx

    graph = actor_graph(events)
    tmp = out.with_name(out.name + ".part")
    if kind == "gexf":
        graph.graph["mode"] = "dynamic"
        nx.write_gexf(graph, tmp)
    else:
        nx.write_graphml(graph, tmp)
    tmp.replace(out)
    return int(graph.number_of_edges())


@register("gexf", suffix=".gexf", description="actor network with dated edges (Gephi)")
def write_gexf(events: Iterable[StoredEvent], out: Path) -> int:
    return _write(events, out, "gexf")


@register("graphml", suffix=".graphml", description="actor network (yEd, igraph, Gephi)")
def write_graphml(events: Iterable[StoredEvent], out: Path) -> int:
    return _write(events, out, "graphml")
