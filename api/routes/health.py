"""Liveness, readiness and counts."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from api.deps import StoreDep
from queries.errors import InnographError
from serving import stats as counted
from serving.schemas import Stats

router = APIRouter(tags=["health"])


@router.get("/health", summary="The process is up")
async def health() -> dict[str, str]:
    # on the event loop, needing no worker thread: it answers while every worker is busy
    return {"status": "ok"}


@router.get("/ready", summary="The store answers (and whether the in-memory view is built)")
def ready(request: Request, store: StoreDep) -> dict[str, object]:
    try:
        counted.probe(store)
    except InnographError as exc:
        raise HTTPException(status_code=503, detail=f"store not ready: {exc}") from None
    # "building": answers that need the view wait for its first build
    return {
        "status": "ready",
        "store": store.describe(),
        "view": request.app.state.views.state(),
        # analytics computed so far (once per graph version and parameters), running, waiting, cached
        "analytics": request.app.state.views.analytics(),
        # hubs whose strongest partners are ranked in memory (made ahead at start)
        "hub_rankings": request.app.state.hubs.kept(),
        # on Neo4j a small write is rehearsed at start, so that the first one is not slowed
        # by the server planning its statements
        "writes": request.app.state.ingest.rehearsal,
    }


@router.get("/stats", response_model=Stats, summary="Nodes by label, relationships by type")
def stats(store: StoreDep) -> Stats:
    return counted.stats(store)
