"""HTML pages for people: the home page and the network views."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Literal

import jinja2
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api.deps import HeavyDep, StoreDep, ViewsDep
from api.params import LabelQ, ViaQ, YearQ
from serving.curation import SIMILAR, Merged, merge_suggestions, merged_into
from viz import render_network, render_suggestions

router = APIRouter(tags=["pages"])
_HOME = jinja2.Environment(
    loader=jinja2.FileSystemLoader(FilePath(__file__).resolve().parents[2] / "viz" / "templates"),
    autoescape=True,
).get_template("home.html")

SizeQ = Annotated[Literal["degree", "betweenness", "eigenvector"], Query(description="What node size shows.")]
TOP = 300


@router.get("/", response_class=HTMLResponse, summary="Home page")
def home(views: ViewsDep, heavy: HeavyDep) -> str:
    views.warm()  # its first build outside the pool's time limit
    return heavy.run(lambda: _HOME.render(**views.answer("home", {}), top=TOP))


@router.get("/view/suggestions", response_class=HTMLResponse, summary="Entities that may be one")
def suggestions_page(store: StoreDep, heavy: HeavyDep, label: LabelQ = None) -> str:
    """Suggested merges (GET /curation/suggestions), each to accept or dismiss with a write key."""
    found = heavy.run(lambda: merge_suggestions(store, label or "", 100))
    return render_suggestions(found.results, SIMILAR)


def _page(
    store: StoreDep, views: ViewsDep, heavy: HeavyDep, kind: str, key: str = "", **options: object
) -> HTMLResponse:
    views.warm()  # its first build outside the pool's time limit

    def render() -> str:
        # a merged-away id leads to its survivor at once, also while the view in hand was
        # built before the merge (it still holds the old node)
        survivor = merged_into(store, key) if kind == "entity" else None
        if survivor is not None:
            raise Merged(key, survivor)
        # a record just posted may not be in the view yet: the view catches up first
        built = views.answer("page", {"kind": kind, "key": key, **options}, catch_up=True)
        return render_network(
            built.nodes, built.edges, title=built.title, notice=built.notice, facts=built.facts
        )

    return HTMLResponse(heavy.run(render))


@router.get("/view/entity/{entity_id}", response_class=HTMLResponse, summary="Ego network of an entity")
def entity_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    entity_id: Annotated[str, Path(max_length=512)],
    hops: Annotated[int, Query(ge=1, le=3)] = 1,
    year: YearQ = None,
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "entity", entity_id, hops=hops, year=year, size_by=size_by)


@router.get(
    "/view/agreement/{agreement_id}",
    response_class=HTMLResponse,
    summary="An agreement: its parties with role and amounts, and their collaboration",
)
def agreement_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    agreement_id: Annotated[str, Path(max_length=512)],
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "agreement", agreement_id, size_by=size_by)


@router.get("/view/map", response_class=HTMLResponse, summary="Collaboration between cities, on a map")
def map_view(
    views: ViewsDep,
    heavy: HeavyDep,
    label: LabelQ = None,
    year: YearQ = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2, description="ISO alpha-2.")] = None,
    via: ViaQ = "all",
) -> HTMLResponse:
    views.warm()

    def render() -> str:
        filters = {"label": label, "year": year, "country": country, "via": via}
        built = views.answer("map", filters)
        return render_network(
            built.nodes,
            built.edges,
            title=built.title,
            notice=built.notice,
            link_prefix="/view/city/",
            filters=filters,
        )

    return HTMLResponse(heavy.run(render))


@router.get("/view/city/{city}", response_class=HTMLResponse, summary="A city's actors and their partners")
def city_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    city: Annotated[str, Path(max_length=200)],
    year: YearQ = None,
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "city", city, year=year, size_by=size_by)


@router.get(
    "/view/between",
    response_class=HTMLResponse,
    summary="Cooperation between two cities, or a city and a country",
)
def between_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    a: Annotated[str, Query(max_length=200, description="City name or id")],
    b: Annotated[str, Query(max_length=200, description="City name or id, or a country code")],
    year: YearQ = None,
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "between", a, other=b, year=year, size_by=size_by)


@router.get("/view/community/{index}", response_class=HTMLResponse, summary="One community (Louvain)")
def community_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    index: Annotated[int, Path(ge=0, le=10_000)],
    year: YearQ = None,
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "community", str(index), year=year, size_by=size_by)


@router.get(
    "/view/all", response_class=HTMLResponse, summary="The whole network, capped at the best-connected actors"
)
def all_view(
    store: StoreDep,
    views: ViewsDep,
    heavy: HeavyDep,
    top: Annotated[int, Query(ge=1, le=2000)] = TOP,
    year: YearQ = None,
    size_by: SizeQ = "degree",
) -> HTMLResponse:
    return _page(store, views, heavy, "all", top=top, year=year, size_by=size_by)
