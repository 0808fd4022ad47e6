"""Who collaborates with whom between two groups, and the experts serving organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import HeavyDep, StoreDep, ViewsDep
from api.params import CursorQ, LabelQ, PageQ, PerPageQ, PlaceQ, ViaQ
from serving import collaborations as answers
from serving.schemas import ExpertList, PairList

router = APIRouter(tags=["collaborations"])


@router.get(
    "/collaborations",
    response_model=PairList,
    summary="Who collaborates with whom between two groups: stated ties and shared agreements",
)
def collaborations(
    views: ViewsDep,
    heavy: HeavyDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    a_city: PlaceQ = None,
    a_label: LabelQ = None,
    b_city: PlaceQ = None,
    b_label: LabelQ = None,
    country: Annotated[
        str | None, Query(min_length=2, max_length=2, description="Side B in this country (ISO alpha-2).")
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    via: ViaQ = "all",
) -> PairList:
    # refused before it takes a place on the pool of heavy reads (422, not 429 when it is full)
    answers.check_groups(a_city, a_label, b_city, b_label, country)
    # read in the view process (serving.view_answers.READS), whose engine memory it takes
    params = {
        "a_city": a_city,
        "a_label": a_label,
        "b_city": b_city,
        "b_label": b_label,
        "country": country,
        "year": year,
        "via": via,
        "page": page,
        "per_page": per_page,
        "cursor": cursor,
    }
    return heavy.run(lambda: views.read("collaborations", params))  # type: ignore[no-any-return]


@router.get("/experts", response_model=ExpertList, summary="Experts and the organisations they serve")
def experts(
    store: StoreDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    city: Annotated[
        str | None, Query(max_length=200, description="Organisations in this city (name or id).")
    ] = None,
    nationality: Annotated[str | None, Query(min_length=2, max_length=2, description="ISO alpha-2.")] = None,
    firm: Annotated[
        str | None, Query(max_length=512, description="Organisation id, or part of its name.")
    ] = None,
    label: LabelQ = None,
) -> ExpertList:
    return answers.experts(store, city, nationality, firm, label, page, per_page, cursor)
