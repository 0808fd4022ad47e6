"""Network analytics over the collaboration graph (networkx), made once per graph version
(each view keeps what it has computed)."""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import ViewDep
from api.routes.entities import LabelQ, ViaQ
from api.schemas import Community, CommunityList, EntitySummary, Meta, Score, ScoreList

router = APIRouter(prefix="/analytics", tags=["analytics"])
YearQ = Annotated[int | None, Query(ge=1900, le=2100, description="Only ties active in this year.")]
TopQ = Annotated[int, Query(ge=1, le=100)]


def _meta(count: int, started: float) -> Meta:
    return Meta(count=count, db_response_time_ms=round((time.perf_counter() - started) * 1000, 2))


@router.get("/centrality", response_model=ScoreList, summary="Hubs, brokers and influential actors")
def centrality(
    view: ViewDep,
    metric: Annotated[Literal["degree", "betweenness", "eigenvector"], Query()] = "degree",
    label: LabelQ = None,
    top: TopQ = 10,
    year: YearQ = None,
    via: ViaQ = "all",
) -> ScoreList:
    started = time.perf_counter()
    scores = view.centrality(metric, year, via)
    ranked = sorted(
        ((i, s) for i, s in scores.items() if label is None or view.actors[i].label == label),
        key=lambda x: (-x[1], x[0]),
    )
    results = [
        Score(id=i, name=view.actors[i].name, label=view.actors[i].label, score=round(s, 6))
        for i, s in ranked[:top]
    ]
    return ScoreList(meta=_meta(len(ranked), started), metric=metric, results=results)


@router.get("/brokers", response_model=ScoreList, summary="Actors that bridge otherwise separate groups")
def brokers(view: ViewDep, top: TopQ = 10, year: YearQ = None, via: ViaQ = "all") -> ScoreList:
    started = time.perf_counter()
    scores = view.centrality("betweenness", year, via)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    results = [
        Score(id=i, name=view.actors[i].name, label=view.actors[i].label, score=round(s, 6))
        for i, s in ranked
    ]
    return ScoreList(meta=_meta(len(results), started), metric="betweenness", results=results)


@router.get(
    "/communities", response_model=CommunityList, summary="Groups that cooperate among themselves (Louvain)"
)
def communities(
    view: ViewDep,
    year: YearQ = None,
    min_size: Annotated[int, Query(ge=1, le=1000)] = 2,
    via: ViaQ = "all",
) -> CommunityList:
    started = time.perf_counter()
    groups = [g for g in view.communities(year, via) if len(g) >= min_size]
    results = [
        Community(
            size=len(g),
            members=[EntitySummary(id=i, label=view.actors[i].label, name=view.actors[i].name) for i in g],
        )
        for g in groups
    ]
    return CommunityList(meta=_meta(len(results), started), results=results)
