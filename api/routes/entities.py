"""Entities: search, one entity, and who it cooperates with."""

from __future__ import annotations

import time
from collections import Counter
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import StoreDep, ViewDep
from api.paging import CursorQ, PageQ, PerPageQ, page_of
from api.schemas import (
    EVIDENCE_LISTED,
    Collaborator,
    CollaboratorList,
    Document,
    EntityDetail,
    EntityList,
    EntitySummary,
    Evidence,
    GroupCount,
    Place,
)
from queries import schema
from queries.names import display_form

router = APIRouter(prefix="/entities", tags=["entities"])

LabelQ = Annotated[Literal[schema.ACTOR_LABELS] | None, Query(description="Only this label.")]  # type: ignore[valid-type]
# Which collaboration an answer counts (queries.view.collaboration_weight).
ViaQ = Annotated[
    Literal["direct", "agreement", "all"],
    Query(description="stated ties (direct), shared agreements (agreement), or both added (all)"),
]
IdPath = Annotated[
    str, Path(max_length=512, description="An entity id, e.g. university:wenzhou-medical-university")
]


def evidence_of(provenance: str | None) -> dict[str, Any]:
    """The `evidence` and `evidence_total` of an answer from a stored provenance text."""
    entries = orjson.loads(provenance) if provenance else []
    return {"evidence": [Evidence(**p) for p in entries[:EVIDENCE_LISTED]], "evidence_total": len(entries)}


@router.get("", response_model=EntityList, summary="Search entities by name or alias")
def search_entities(
    view: ViewDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Name or alias; case, spelling variants and typos are tolerated.",
            examples=["WMU", "Jangtse"],
        ),
    ] = None,
    label: LabelQ = None,
    city: Annotated[
        str | None, Query(max_length=200, description="Actors in this city (name or id).")
    ] = None,
    country: Annotated[
        str | None, Query(min_length=2, max_length=2, description="ISO 3166 alpha-2 code.")
    ] = None,
    group_by: Annotated[Literal["label", "country"] | None, Query()] = None,
) -> EntityList:
    started = time.perf_counter()
    if q:
        hits = view.search(q)
    else:
        hits = [(a, None) for a in sorted(view.actors.values(), key=lambda a: a.name)]
    hits = [
        (a, s)
        for a, s in hits
        if (label is None or a.label == label)
        and (city is None or a.in_place(city))
        and (country is None or a.in_country(country))
    ]
    groups = None
    if group_by:
        counter = Counter((a.label if group_by == "label" else (a.country or "unknown")) for a, _ in hits)
        groups = [GroupCount(key=k, display_name=k, count=v) for k, v in counter.most_common()]
    chunk, meta = page_of(hits, page, per_page, cursor, started)
    results = [
        EntitySummary(
            id=a.id,
            label=a.label,
            name=a.name,
            aliases=a.aliases,
            score=s,
            display_name=display_form(a.name),
            city=next((p["place"] for p in a.places if p["place_label"] == "City"), None),
            country=a.country or next((p["country"] for p in a.places if p["country"]), None),
        )
        for a, s in chunk
    ]
    return EntityList(meta=meta, results=results, group_by=groups)


@router.get(
    "/{entity_id}",
    response_model=EntityDetail,
    summary="One entity: properties, aliases, location, documents",
)
def get_entity(store: StoreDep, entity_id: IdPath) -> EntityDetail:
    rows = store.run("entity", {"id": entity_id})
    if not rows:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
    row = rows[0]
    properties: dict[str, Any] = {k: row[k] for k in schema.NODE_PROPERTIES if row.get(k) is not None}
    if row.get("extra"):
        properties.update(orjson.loads(row["extra"]))
    return EntityDetail(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        aliases=row["aliases"] or [],
        properties=properties,
        located_in=[
            Place(id=p["id"], name=p["name"], label=p["label"], **evidence_of(p["provenance"]))
            for p in store.run("located_in", {"id": entity_id})
        ],
        documents=[
            Document(id=d["id"], title=d["title"], published=d["published"], url=d["url"])
            for d in store.run("entity_documents", {"id": entity_id})
        ],
        **evidence_of(row.get("provenance")),
    )


@router.get(
    "/{entity_id}/collaborators", response_model=CollaboratorList, summary="Who this entity cooperates with"
)
def collaborators(
    view: ViewDep,
    entity_id: IdPath,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    label: LabelQ = None,
    city: Annotated[
        str | None, Query(max_length=200, description="Partners in this city (name or id).")
    ] = None,
    since: Annotated[
        int | None, Query(ge=1900, le=2100, description="Ties seen in or after this year.")
    ] = None,
    until: Annotated[
        int | None, Query(ge=1900, le=2100, description="Ties seen in or before this year.")
    ] = None,
    via: ViaQ = "all",
    group_by: Annotated[Literal["label", "year"] | None, Query()] = None,
) -> CollaboratorList:
    started = time.perf_counter()
    if entity_id not in view.actors:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
    # From the in-memory view (rebuilt after every write), evidence included: a hub has
    # thousands of partners, and a query per page cost more than the rest of the request.
    # Every partner is ranked as a plain tuple; only the page's rows are described.
    ranked = view.ranked(entity_id, via)  # filters below keep its order
    if label is not None:
        ranked = [p for p in ranked if view.actors[p[1]].label == label]
    if city is not None:
        ranked = [p for p in ranked if view.actors[p[1]].in_place(city)]
    years: dict[str, dict[str, Any]] = {}
    if since is not None or until is not None or group_by == "year":
        years = {p[1]: view.partner(entity_id, p[1], p[2]) for p in ranked}
        ranked = [
            p
            for p in ranked
            if (since is None or (years[p[1]]["last_seen"] or years[p[1]]["first_seen"] or 0) >= since)
            and (until is None or (years[p[1]]["first_seen"] or years[p[1]]["last_seen"] or 9999) <= until)
        ]
    groups = None
    if group_by:
        counter = Counter(
            view.actors[p[1]].label if group_by == "label" else str(years[p[1]]["first_seen"] or "unknown")
            for p in ranked
        )
        groups = [GroupCount(key=k, display_name=k, count=v) for k, v in counter.most_common()]
    rows, meta = page_of(ranked, page, per_page, cursor, started)
    chunk = []
    for weight, other, kind in rows:
        detail = years.get(other) or view.partner(entity_id, other, kind)
        chunk.append(
            Collaborator(
                id=other,
                name=view.actors[other].name,
                label=view.actors[other].label,
                via=kind,
                weight=weight,
                first_seen=detail["first_seen"],
                last_seen=detail["last_seen"],
                agreements=detail["agreements"],
                **evidence_of(detail["provenance"]),
            )
        )
    return CollaboratorList(meta=meta, results=chunk, group_by=groups)
