"""How two actors are connected: shortest paths with the evidence on every hop."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep, ViewDep, bad_parameter
from api.routes.entities import evidence
from api.schemas import EntitySummary, Hop, Meta, Path, PathList

router = APIRouter(tags=["paths"])
MAX_PATHS = 25


@router.get("/paths", response_model=PathList, summary="Shortest connections between two entities")
def paths(
    store: StoreDep,
    view: ViewDep,
    source: Annotated[str, Query(max_length=512, description="Entity id")],
    target: Annotated[str, Query(max_length=512, description="Entity id")],
    max_hops: Annotated[int, Query(ge=1, le=4, description="At most 4.")] = 3,
) -> PathList:
    started = time.perf_counter()
    for name, value in (("source", source), ("target", target)):
        if value not in view.actors:
            raise HTTPException(status_code=404, detail=f"{name}: no entity with id {value!r}")
    if source == target:
        raise bad_parameter("target", "must differ from source")
    rows = store.run(
        "paths_between", {"source": source, "target": target, "max_hops": max_hops, "limit": MAX_PATHS}
    )
    seen: set[tuple[str, ...]] = set()
    results = []
    for row in rows:
        key = tuple(row["ids"]) + tuple(row["types"])
        if key in seen:
            continue
        seen.add(key)
        nodes = [
            EntitySummary(id=i, label=lab, name=n)
            for i, n, lab in zip(row["ids"], row["names"], row["labels"], strict=True)
        ]
        hops = [
            Hop(
                source=row["ids"][k],
                target=row["ids"][k + 1],
                type=row["types"][k],
                evidence=evidence(row["evidence"][k]),
            )
            for k in range(len(row["types"]))
        ]
        results.append(Path(nodes=nodes, hops=hops))
    meta = Meta(count=len(results), db_response_time_ms=round((time.perf_counter() - started) * 1000, 2))
    return PathList(meta=meta, results=results)
