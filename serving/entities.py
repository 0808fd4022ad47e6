"""Entities: search, one entity, and who it collaborates with."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import orjson

from queries import schema
from queries.errors import NotFound
from queries.names import display_form
from queries.store import Store
from queries.view import Actor, GraphView
from serving.paging import page_of
from serving.schemas import (
    Collaborator,
    CollaboratorList,
    Document,
    EntityDetail,
    EntityList,
    EntitySummary,
    GroupCount,
    Place,
    evidence_of,
)


def search(
    view: GraphView,
    q: str | None = None,
    label: str | None = None,
    city: str | None = None,
    country: str | None = None,
    group_by: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> EntityList:
    """Actors by name or alias (case, spelling variants and typos tolerated; all of them by
    name without `q`), filtered by label, city and country, optionally counted by label or
    country."""
    started = time.perf_counter()
    hits: list[tuple[Actor, float | None]]
    if q:
        hits = list(view.search(q))
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


def entity(store: Store, entity_id: str) -> EntityDetail:
    """One entity: its properties, aliases, where it lies and the documents naming it."""
    rows = store.run("entity", {"id": entity_id})
    if not rows:
        raise NotFound(f"no entity with id {entity_id!r}")
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


def collaborators(
    view: GraphView,
    entity_id: str,
    label: str | None = None,
    city: str | None = None,
    since: int | None = None,
    until: int | None = None,
    via: str = "all",
    group_by: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> CollaboratorList:
    """Who `entity_id` collaborates with (stated ties, shared agreements or both, by `via`),
    strongest first, with the years and evidence of each tie."""
    started = time.perf_counter()
    if entity_id not in view.actors:
        raise NotFound(f"no entity with id {entity_id!r}")
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
