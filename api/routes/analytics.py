"""Network analytics over the collaboration graph (serving.analytics)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import ViewsDep
from api.params import LabelQ, ViaQ, YearQ
from serving.schemas import CommunityList, ScoreList

router = APIRouter(prefix="/analytics", tags=["analytics"])
TopQ = Annotated[int, Query(ge=1, le=100)]


@router.get("/centrality", response_model=ScoreList, summary="Hubs, brokers and influential actors")
def centrality(
    views: ViewsDep,
    metric: Annotated[Literal["degree", "betweenness", "eigenvector"], Query()] = "degree",
    label: LabelQ = None,
    top: TopQ = 10,
    year: YearQ = None,
    via: ViaQ = "all",
) -> ScoreList:
    return views.answer(  # type: ignore[no-any-return]
        "centrality", {"metric": metric, "label": label, "top": top, "year": year, "via": via}
    )


@router.get("/brokers", response_model=ScoreList, summary="Actors that bridge otherwise separate groups")
def brokers(views: ViewsDep, top: TopQ = 10, year: YearQ = None, via: ViaQ = "all") -> ScoreList:
    return views.answer("brokers", {"top": top, "year": year, "via": via})  # type: ignore[no-any-return]


@router.get(
    "/communities", response_model=CommunityList, summary="Groups that cooperate among themselves (Louvain)"
)
def communities(
    views: ViewsDep,
    year: YearQ = None,
    min_size: Annotated[int, Query(ge=1, le=1000)] = 2,
    via: ViaQ = "all",
) -> CommunityList:
    return views.answer(  # type: ignore[no-any-return]
        "communities", {"year": year, "min_size": min_size, "via": via}
    )
