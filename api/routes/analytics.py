"""Network analytics over the collaboration graph (serving.analytics)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import ViewDep
from api.params import LabelQ, ViaQ, YearQ
from serving import analytics
from serving.schemas import CommunityList, ScoreList

router = APIRouter(prefix="/analytics", tags=["analytics"])
TopQ = Annotated[int, Query(ge=1, le=100)]


@router.get("/centrality", response_model=ScoreList, summary="Hubs, brokers and influential actors")
def centrality(
    view: ViewDep,
    metric: Annotated[Literal["degree", "betweenness", "eigenvector"], Query()] = "degree",
    label: LabelQ = None,
    top: TopQ = 10,
    year: YearQ = None,
    via: ViaQ = "all",
) -> ScoreList:
    return analytics.centrality(view, metric, label, top, year, via)


@router.get("/brokers", response_model=ScoreList, summary="Actors that bridge otherwise separate groups")
def brokers(view: ViewDep, top: TopQ = 10, year: YearQ = None, via: ViaQ = "all") -> ScoreList:
    return analytics.brokers(view, top, year, via)


@router.get(
    "/communities", response_model=CommunityList, summary="Groups that cooperate among themselves (Louvain)"
)
def communities(
    view: ViewDep,
    year: YearQ = None,
    min_size: Annotated[int, Query(ge=1, le=1000)] = 2,
    via: ViaQ = "all",
) -> CommunityList:
    return analytics.communities(view, year, min_size, via)
