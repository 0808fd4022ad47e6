"""How two actors are connected: shortest paths with the evidence on every hop."""

from __future__ import annotations

import time

from queries.analytics.paths import COLLABORATION_TYPES, PATH_TYPES
from queries.errors import NotFound
from queries.view import GraphView
from serving.errors import BadParameter
from serving.paging import meta
from serving.schemas import EntitySummary, Hop, Path, PathList, evidence_of

MAX_PATHS = 25


def paths(
    view: GraphView, source: str, target: str, max_hops: int = 3, through: str = "collaboration"
) -> PathList:
    """The shortest paths of at most `max_hops` from `source` to `target` (at most MAX_PATHS):
    through collaboration (ties, shared agreements, affiliations), or also through the places
    actors lie in (`through="places"`)."""
    started = time.perf_counter()
    for name, value in (("source", source), ("target", target)):
        if value not in view.actors:
            raise NotFound(f"{name}: no entity with id {value!r}")
    if source == target:
        raise BadParameter("target", "must differ from source")
    types = PATH_TYPES if through == "places" else COLLABORATION_TYPES
    results = []
    for path in view.links.shortest_paths(source, target, max_hops, MAX_PATHS, types):
        ids = [path[0].source] + [h.target for h in path]
        hops = [Hop(source=h.source, target=h.target, type=h.type, **evidence_of(h.provenance)) for h in path]
        results.append(Path(nodes=[_summary(view, i) for i in ids], hops=hops))
    return PathList(meta=meta(len(results), started), results=results)


def _summary(view: GraphView, node_id: str) -> EntitySummary:
    actor = view.actors.get(node_id)
    if actor is None:  # not an actor (a document never is on a path): name it by its id
        return EntitySummary(id=node_id, label="", name=node_id)
    return EntitySummary(id=node_id, label=actor.label, name=actor.name)
