"""How two actors are connected: shortest paths with the evidence on every hop."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import LabelsDep, LinksDep, StoreDep
from serving import paths as answers
from serving.schemas import PathList

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathList, summary="Shortest connections between two entities")
def paths(
    store: StoreDep,
    keys: LabelsDep,
    links: LinksDep,
    source: Annotated[str, Query(max_length=512, description="Entity id")],
    target: Annotated[str, Query(max_length=512, description="Entity id")],
    max_hops: Annotated[int, Query(ge=1, le=4, description="At most 4.")] = 3,
    through: Annotated[
        Literal["collaboration", "places"],
        Query(description="collaboration: ties, shared agreements, affiliations; places: also locations."),
    ] = "collaboration",
) -> PathList:
    return answers.paths(store, keys, links, source, target, max_hops, through)
