"""Regional views for officers: the city x city matrix and one city's cooperation profile."""

from __future__ import annotations

import time
from collections import Counter
from itertools import combinations
from typing import Annotated

import networkx as nx
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from api.deps import HeavyDep, ViewDep
from api.routes.entities import ViaQ
from api.schemas import Meta

router = APIRouter(prefix="/analytics", tags=["analytics"])
YearQ = Annotated[int | None, Query(ge=1900, le=2100, description="Only ties active in this year.")]


class Cell(BaseModel):
    a: str
    a_name: str
    b: str
    b_name: str
    count: int


class Matrix(BaseModel):
    meta: Meta
    results: list[Cell]


@router.get("/city-matrix", response_model=Matrix, summary="Cooperation ties counted between cities")
def city_matrix(
    view: ViewDep,
    heavy: HeavyDep,
    year: YearQ = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 100,
    via: ViaQ = "all",
) -> Matrix:
    return heavy.run(lambda: _city_matrix(view, year, top, via))


def _city_matrix(view: ViewDep, year: int | None, top: int, via: str) -> Matrix:
    """How many pairs of collaborating actors join each pair of cities."""
    started = time.perf_counter()
    counts: Counter[tuple[str, str]] = Counter()
    for u, v in view.year_slice(year, via).edges():
        for cu in set(view.actors[u].cities()):
            for cv in set(view.actors[v].cities()):
                counts[tuple(sorted((cu, cv)))] += 1  # type: ignore[index]
    cells = [
        Cell(a=a, a_name=view.actors[a].name, b=b, b_name=view.actors[b].name, count=n)
        for (a, b), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top]
    ]
    meta = Meta(count=len(counts), db_response_time_ms=round((time.perf_counter() - started) * 1000, 2))
    return Matrix(meta=meta, results=cells)


class MissingLink(BaseModel):
    a: str
    a_name: str
    b: str
    b_name: str
    shared_partners: int


class Profile(BaseModel):
    meta: Meta
    city: str
    actors: int
    ties_inside: int
    ties_to_other_cities: int
    ties_to_countries: int
    partner_mix: dict[str, float]
    new_ties_by_year: dict[str, int]
    missing_links: list[MissingLink]


@router.get("/regions", response_model=Profile, summary="A city's cooperation profile")
def region(
    view: ViewDep,
    heavy: HeavyDep,
    city: Annotated[str, Query(max_length=200, description="City name or id.")],
    year: YearQ = None,
    via: ViaQ = "all",
) -> Profile:
    """Ties inside the city versus to other cities and countries; the mix of university, firm
    and government partners (triple helix); new ties per year; and the strongest missing links:
    pairs of the city's actors with the most shared partners but no tie yet."""
    return heavy.run(lambda: _region(view, city, year, via))


def _region(view: ViewDep, city: str, year: int | None, via: str) -> Profile:
    started = time.perf_counter()
    members = {a.id for a in view.actors.values() if a.in_place(city)}
    if not members:
        raise HTTPException(status_code=404, detail=f"city: no actors in {city!r}")
    graph = view.year_slice(year, via)
    inside = other = countries = 0
    mix: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for u, v, data in graph.edges(data=True):
        if u not in members and v not in members:
            continue
        partner = v if u in members else u
        if u in members and v in members:
            inside += 1
        elif view.actors[partner].label == "Country":
            countries += 1
        else:
            other += 1
        helix = {"University": "university", "Firm": "industry", "Organization": "government"}
        mix[helix.get(view.actors[partner].label, "other")] += 1
        years[str(data.get("first_seen") or "unknown")] += 1
    total = sum(mix.values()) or 1
    candidates = []
    local = [m for m in members if m in graph and view.actors[m].label not in ("City", "Country")]
    for a, b in combinations(sorted(local, key=lambda m: -graph.degree(m))[:200], 2):
        if graph.has_edge(a, b):
            continue
        shared = len(list(nx.common_neighbors(graph, a, b)))
        if shared:
            candidates.append((shared, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return Profile(
        meta=Meta(count=len(members), db_response_time_ms=round((time.perf_counter() - started) * 1000, 2)),
        city=city,
        actors=len(members),
        ties_inside=inside,
        ties_to_other_cities=other,
        ties_to_countries=countries,
        partner_mix={k: round(v / total, 3) for k, v in sorted(mix.items())},
        new_ties_by_year=dict(sorted(years.items())),
        missing_links=[
            MissingLink(a=a, a_name=view.actors[a].name, b=b, b_name=view.actors[b].name, shared_partners=n)
            for n, a, b in candidates[:10]
        ],
    )
