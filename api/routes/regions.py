"""Regional views for officers: the city x city matrix and one city's cooperation profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import HeavyDep, ViewsDep
from api.params import ViaQ, YearQ
from serving.schemas import Matrix, Profile

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get("/city-matrix", response_model=Matrix, summary="Cooperation ties counted between cities")
def city_matrix(
    views: ViewsDep,
    heavy: HeavyDep,
    year: YearQ = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 100,
    via: ViaQ = "all",
) -> Matrix:
    views.warm()  # its first build outside the pool's time limit
    return heavy.run(lambda: views.answer("city_matrix", {"year": year, "top": top, "via": via}))


@router.get("/regions", response_model=Profile, summary="A city's cooperation profile")
def region(
    views: ViewsDep,
    heavy: HeavyDep,
    city: Annotated[str, Query(max_length=200, description="City name or id.")],
    year: YearQ = None,
    via: ViaQ = "all",
) -> Profile:
    """Ties inside the city versus to other cities and countries; the mix of university, firm
    and government partners (triple helix); new ties per year; and the strongest missing links:
    pairs of the city's actors with the most shared partners but no tie yet."""
    views.warm()
    return heavy.run(lambda: views.answer("region", {"city": city, "year": year, "via": via}))
