"""Who collaborates with whom between two groups, and the experts serving organisations."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import HeavyDep, ViewDep, bad_parameter
from api.paging import CursorQ, PageQ, PerPageQ, page_of
from api.routes.entities import LabelQ, ViaQ, evidence_of
from api.schemas import Evidenced, Meta
from queries.view import Actor, GraphView, collaboration_years

router = APIRouter(tags=["collaborations"])
PlaceQ = Annotated[str | None, Query(max_length=200, description="City name or id.")]


class Pair(Evidenced):
    a_id: str
    a_name: str
    a_label: str
    b_id: str
    b_name: str
    b_label: str
    weight: float = Field(
        description="By `via`: the stated tie's weight, the shared agreements, or both added."
    )
    direct: float = Field(description="The weight of the stated tie (0: none).")
    shared: int = Field(description="How many agreements both are parties to.")
    agreements: list[str] = Field(description="The first shared agreements, by id.")
    first_seen: int | None
    last_seen: int | None


class PairList(BaseModel):
    meta: Meta
    results: list[Pair]


def _group(view: GraphView, city: str | None, label: str | None, country: str | None) -> set[str]:
    candidates = view.in_place(city) if city is not None else view.actors.keys()
    return {
        i
        for i in candidates
        if (label is None or view.actors[i].label == label)
        and (country is None or view.actors[i].in_country(country))
    }


@router.get(
    "/collaborations",
    response_model=PairList,
    summary="Who collaborates with whom between two groups: stated ties and shared agreements",
)
def collaborations(
    view: ViewDep,
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
    if not any((a_city, a_label, b_city, b_label, country)):
        raise bad_parameter("a_city", "give at least one of a_city, a_label, b_city, b_label, country")
    return heavy.run(
        lambda: _collaborations(
            view, page, per_page, cursor, a_city, a_label, b_city, b_label, country, year, via
        )
    )


def _collaborations(
    view: GraphView,
    page: int,
    per_page: int,
    cursor: str | None,
    a_city: str | None,
    a_label: str | None,
    b_city: str | None,
    b_label: str | None,
    country: str | None,
    year: int | None,
    via: str,
) -> PairList:
    started = time.perf_counter()
    side_a = _group(view, a_city, a_label, None)
    side_b = _group(view, b_city, b_label, country)
    graph = view.year_slice(year, via)
    pairs = []
    # walk the smaller side's ties only
    small, large, flipped = (side_a, side_b, False) if len(side_a) <= len(side_b) else (side_b, side_a, True)
    seen: set[tuple[str, str]] = set()
    for u in small:
        if u not in graph:
            continue
        for v, data in graph[u].items():
            if v not in large or (u, v) in seen:
                continue
            seen.add((u, v))
            seen.add((v, u))
            pairs.append((v, u, data) if flipped else (u, v, data))
    pairs.sort(key=lambda p: (-p[2]["weight"], p[0], p[1]))
    chunk, meta = page_of(pairs, page, per_page, cursor, started)
    results = []
    for a, b, data in chunk:
        x: Actor = view.actors[a]
        y: Actor = view.actors[b]
        shown = view.pair_evidence(a, b, data)
        years = collaboration_years(data, via)
        results.append(
            Pair(
                a_id=a,
                a_name=x.name,
                a_label=x.label,
                b_id=b,
                b_name=y.name,
                b_label=y.label,
                weight=data["weight"],
                direct=data["direct"],
                shared=data["shared"],
                agreements=shown["agreements"],
                first_seen=years["first_seen"],
                last_seen=years["last_seen"],
                **evidence_of(shown["provenance"]),
            )
        )
    return PairList(meta=meta, results=results)


class ExpertRole(Evidenced):
    id: str
    name: str
    nationality: str | None
    organisation_id: str
    organisation: str
    organisation_label: str
    role: str | None


class ExpertList(BaseModel):
    meta: Meta
    results: list[ExpertRole]


@router.get("/experts", response_model=ExpertList, summary="Experts and the organisations they serve")
def experts(
    view: ViewDep,
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
    started = time.perf_counter()
    rows = []
    for r in view.affiliations:
        org = view.actors.get(r["org"])
        if org is None:
            continue
        if city is not None and not org.in_place(city):
            continue
        if nationality is not None and (r["nationality"] or "").upper() != nationality.upper():
            continue
        if firm is not None and firm != org.id and firm.lower() not in org.name.lower():
            continue
        if label is not None and org.label != label:
            continue
        rows.append(
            ExpertRole(
                id=r["expert"],
                name=r["name"],
                nationality=r["nationality"],
                organisation_id=org.id,
                organisation=org.name,
                organisation_label=org.label,
                role=r["role"],
                **evidence_of(r["provenance"]),
            )
        )
    chunk, meta = page_of(rows, page, per_page, cursor, started)
    return ExpertList(meta=meta, results=chunk)
