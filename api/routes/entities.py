"""Entities: search, one entity, and who it cooperates with."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import HubsDep, LabelsDep, SearchDep, StoreDep
from api.params import CursorQ, IdPath, LabelQ, PageQ, PerPageQ, ViaQ
from serving import entities
from serving.schemas import CollaboratorList, EntityDetail, EntityList

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=EntityList, summary="Search entities by name or alias")
def search_entities(
    store: StoreDep,
    keys: SearchDep,
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
    return entities.search(store, keys, q, label, city, country, group_by, page, per_page, cursor)


@router.get(
    "/{entity_id}",
    response_model=EntityDetail,
    summary="One entity: properties, aliases, location, documents",
)
def get_entity(store: StoreDep, entity_id: IdPath) -> EntityDetail:
    return entities.entity(store, entity_id)


@router.get(
    "/{entity_id}/collaborators", response_model=CollaboratorList, summary="Who this entity cooperates with"
)
def collaborators(
    store: StoreDep,
    keys: LabelsDep,
    hubs: HubsDep,
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
    return entities.collaborators(
        store, keys, entity_id, label, city, since, until, via, group_by, page, per_page, cursor, hubs
    )
