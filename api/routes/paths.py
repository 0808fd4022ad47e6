"""How two actors are connected: shortest paths with the evidence on every hop."""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from api.deps import ViewDep, bad_parameter
from api.routes.entities import evidence_of
from api.schemas import EntitySummary, Hop, Meta, Path, PathList
from queries.analytics.paths import COLLABORATION_TYPES, PATH_TYPES
from queries.view import GraphView

router = APIRouter(tags=["paths"])
MAX_PATHS = 25


@router.get("/paths", response_model=PathList, summary="Shortest connections between two entities")
def paths(
    view: ViewDep,
    source: Annotated[str, Query(max_length=512, description="Entity id")],
    target: Annotated[str, Query(max_length=512, description="Entity id")],
    max_hops: Annotated[int, Query(ge=1, le=4, description="At most 4.")] = 3,
    through: Annotated[
        Literal["collaboration", "places"],
        Query(description="collaboration: ties, shared agreements, affiliations; places: also locations."),
    ] = "collaboration",
) -> PathList:
    started = time.perf_counter()
    for name, value in (("source", source), ("target", target)):
        if value not in view.actors:
            raise HTTPException(status_code=404, detail=f"{name}: no entity with id {value!r}")
    if source == target:
        raise bad_parameter("target", "must differ from source")
    types = PATH_TYPES if through == "places" else COLLABORATION_TYPES
    found = view.links.shortest_paths(source, target, max_hops, MAX_PATHS, types)
    results = []
    for path in found:
        ids = [path[0].source] + [h.target for h in path]
        nodes = [_summary(view, i) for i in ids]
        hops = [
            Hop(
                source=h.source,
                target=h.target,
                type=h.type,
                **evidence_of(h.provenance),
            )
            for h in path
        ]
        results.append(Path(nodes=nodes, hops=hops))
    meta = Meta(count=len(results), db_response_time_ms=round((time.perf_counter() - started) * 1000, 2))
    return PathList(meta=meta, results=results)


def _summary(view: GraphView, node_id: str) -> EntitySummary:
    actor = view.actors.get(node_id)
    if actor is None:  # not an actor (a document never is on a path): name it by its id
        return EntitySummary(id=node_id, label="", name=node_id)
    return EntitySummary(id=node_id, label=actor.label, name=actor.name)
