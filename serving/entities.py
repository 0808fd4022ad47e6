"""Entities: search, one entity, and who it collaborates with."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson

from queries import schema
from queries.errors import NotFound
from queries.names import display_form
from queries.store import Store
from queries.view import SHARED_LISTED
from serving import hub_rankings
from serving.curation import Merged, merged_ids, merged_into
from serving.filters import actor_filter, place_filter
from serving.hub_rankings import HubRankings
from serving.paging import counted_first, offset_of, page_of, paged_meta, read_page
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
from serving.search_index import Labels, Search


def search(
    store: Store,
    keys: Search,
    q: str | None = None,
    label: str | None = None,
    city: str | None = None,
    country: str | None = None,
    group_by: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> EntityList:
    """Actors by name or alias (case, spelling variants and typos tolerated: the search
    index; all of them by name without `q`), filtered by label, city and country (the
    catalog's actor_rows / actor_page), optionally counted by label or country."""
    started = time.perf_counter()
    filters: dict[str, Any] = actor_filter(city, label, country)
    if not q:
        found = store.run("actor_groups", {**filters, "by": group_by or "none"})
        count = sum(r["count"] for r in found)
        page_rows, page_meta = read_page(store, "actor_page", filters, count, page, per_page, cursor, started)
        ids = [r["id"] for r in page_rows]
        described = _actor_rows(store, keys, ids, filters)
        groups = _groups(((r["key"], r["count"]) for r in found), group_by)
        listed = [_summary(described[i], None) for i in ids if i in described]
        return EntityList(meta=page_meta, results=listed, group_by=groups)
    hits = keys.search(q)
    rows = _actor_rows(store, keys, [i for i, _ in hits], filters)
    kept = [(rows[i], s) for i, s in hits if i in rows]
    counts = Counter((r["label"] if group_by == "label" else r["country"]) for r, _ in kept)
    groups = _groups(counts.items(), group_by)
    chunk, page_meta = page_of(kept, page, per_page, cursor, started)
    return EntityList(meta=page_meta, results=[_summary(r, s) for r, s in chunk], group_by=groups)


def _by_label(store: Store, statement: str, slot: str, keys: Labels, ids: list[str]) -> dict[str, list[str]]:
    """`ids` grouped by label where the store's `statement` names their label in `slot`
    (LadybugDB finds a node by id in one label's table in microseconds, in all of them in
    milliseconds), else all in one read: Neo4j finds any node by id in one index, and a
    read per label cost a round trip each."""
    if slot in store.catalog.get(statement).slots:
        return keys.by_label(ids)
    return {"": ids} if ids else {}


def _actor_rows(
    store: Store, keys: Labels, ids: list[str], filters: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """actor_rows of `ids`, read label by label."""
    found: dict[str, dict[str, Any]] = {}
    for label, group in _by_label(store, "actor_rows", "label", keys, ids).items():
        for row in store.run("actor_rows", {**filters, "ids": group}, slots={"label": label}):
            found[row["id"]] = row
    return found


def _groups(counts: Iterable[tuple[str | None, int]], group_by: str | None) -> list[GroupCount] | None:
    """The counts of a group_by, largest first; an actor without a country counts as "unknown"."""
    if not group_by:
        return None
    ranked = sorted(((k or "unknown", n) for k, n in counts), key=lambda kn: (-kn[1], kn[0]))
    return [GroupCount(key=k, display_name=k, count=n) for k, n in ranked]


def _summary(row: dict[str, Any], score: float | None) -> EntitySummary:
    return EntitySummary(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        aliases=row["aliases"] or [],
        score=score,
        display_name=display_form(row["name"]),
        city=row["city"],
        country=row["country"],
    )


def entity(store: Store, entity_id: str) -> EntityDetail:
    """One entity: its properties, aliases, where it lies and the documents naming it."""
    rows = store.run("entity", {"id": entity_id})
    if not rows:
        survivor = merged_into(store, entity_id)
        raise (
            NotFound(f"no entity with id {entity_id!r}") if survivor is None else Merged(entity_id, survivor)
        )
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
        merged_ids=merged_ids(store, entity_id),
        **evidence_of(row.get("provenance")),
    )


# The years a pair without years passes only when no filter asks for one.
_ANY_SINCE, _ANY_UNTIL = 0, 9999


def collaborators(
    store: Store,
    keys: Labels,
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
    hubs: HubRankings | None = None,
) -> CollaboratorList:
    """Who `entity_id` collaborates with (stated ties, shared agreements or both, by `via`),
    strongest first, with the years and evidence of each tie: the catalog's `partners`
    (COLLABORATES, kept by the loader) or `direct_partners` (COOPERATES_WITH), counted by
    their `..._groups`; only the page's rows are described (`pair_ties`, `shared_agreements`)."""
    started = time.perf_counter()
    anchor = keys.label_of(entity_id)
    if anchor is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    slots = {"label": anchor}
    filters = partner_filters(entity_id, label, city, since, until)
    direct = via == "direct"
    if not direct:
        filters["via"] = via
    ranking, counting = _statements(via, city)
    unfiltered = not (label or city or since or until or group_by)
    rows: list[dict[str, Any]] | None = None
    count: int | None = None
    groups: list[GroupCount] | None = None
    offset = offset_of(page, per_page, cursor)
    if unfiltered and hubs is not None:
        count, first = _hub_ranking(store, hubs, entity_id, anchor, via)
        if offset + per_page <= len(first) or len(first) == count:
            rows = first[offset : offset + per_page]
    elif group_by is None and offset == 0:
        count, rows = counted_first(
            lambda n: store.run(ranking, {**filters, "skip": 0, "limit": n}, slots=slots),
            per_page,
            lambda: _count(store, counting, filters, slots),
        )
    if count is None:
        found = store.run(counting, {**filters, "by": group_by or "none"}, slots=slots)
        count = sum(r["count"] for r in found)
        if group_by:
            ranked = sorted(found, key=lambda r: (-r["count"], r["key"] is None, r["key"] or ""))
            groups = [
                GroupCount(key=r["key"] or "unknown", display_name=r["key"] or "unknown", count=r["count"])
                for r in ranked
            ]
    if rows is None:
        rows, page_meta = read_page(store, ranking, filters, count, page, per_page, cursor, started, slots)
    else:
        page_meta = paged_meta(count, offset, len(rows), page, per_page, cursor, started)
    ties: dict[str, dict[str, Any]] = {}
    shared: dict[str, list[str]] = {}
    # partners' rows say what a pair is made of (direct, shared): only those with a stated
    # tie or shared agreements are read for them; direct_partners' rows are all ties
    with_tie = [r["id"] for r in rows if direct or r["direct"]]
    sharing = [r["id"] for r in rows if r.get("shared", 1)]
    for other_label, others in _by_label(store, "pair_ties", "other_label", keys, with_tie).items():
        pair = {"label": anchor, "other_label": other_label}
        ties.update(
            (r["other"], r) for r in store.run("pair_ties", {"id": entity_id, "others": others}, slots=pair)
        )
    for other_label, others in _by_label(store, "shared_agreements", "other_label", keys, sharing).items():
        pair = {"label": anchor, "other_label": other_label}
        for r in store.run("shared_agreements", {"id": entity_id, "others": others}, slots=pair):
            listed = shared.setdefault(r["other"], [])
            if len(listed) < SHARED_LISTED:
                listed.append(r["agreement"])
    results = [
        Collaborator(
            id=r["id"],
            name=r["name"],
            label=r["label"],
            via="direct" if r["id"] in ties else "agreement",
            weight=float(r["weight"]),
            first_seen=r["first_seen"],
            last_seen=r["last_seen"],
            agreements=shared.get(r["id"], []),
            **evidence_of(ties[r["id"]]["provenance"] if r["id"] in ties else None),
        )
        for r in rows
    ]
    return CollaboratorList(
        meta=page_meta,
        results=results,
        group_by=groups,
    )


def _statements(via: str, city: str | None) -> tuple[str, str]:
    """The statements that rank and count partners by `via`, with a place filter or not (its
    EXISTS costs the others 10 ms unused)."""
    place = "_in_place" if city else ""
    if via == "direct":
        return "direct_partners" + place, "direct_partner_groups" + place
    return "partners" + place, "partner_groups" + place


def _hub_ranking(
    store: Store, hubs: HubRankings, entity_id: str, label: str, via: str
) -> tuple[int, list[dict[str, Any]]]:
    """The unfiltered count and the first rows (all of them for most actors) of
    `entity_id`'s partners by `via`, kept for a hub (serving.hub_rankings): the store's own
    answer."""
    filters = partner_filters(entity_id)
    if via != "direct":
        filters["via"] = via
    ranking, counting = _statements(via, None)
    slots = {"label": label}
    return hubs.ranking(
        entity_id,
        via,
        lambda: _count(store, counting, filters, slots),
        lambda n: store.run(ranking, {**filters, "skip": 0, "limit": n}, slots=slots),
    )


# The biggest hubs ranked before anyone asks for them, at most (each kept ranking is bounded
# by serving.hub_rankings.ROWS rows).
HUBS_WARMED = 200


def warm_hub_rankings(store: Store, hubs: HubRankings, most: int = HUBS_WARMED) -> int:
    """Rank the strongest partners of the `most` biggest hubs (`collaboration_hubs`) into
    `hubs`, as their first unfiltered request would: a hub's first answer otherwise ranks its
    tens of thousands of partners while the caller waits. How many were ranked."""
    with hubs.warming:
        found = store.run("collaboration_hubs", {"least": hub_rankings.HUB_PARTNERS, "limit": most})
        for row in found:
            _hub_ranking(store, hubs, row["id"], row["label"], "all")
    return len(found)


def _count(store: Store, counting: str, filters: dict[str, Any], slots: dict[str, str]) -> int:
    """How many partners the counting statement finds, ungrouped."""
    return sum(r["count"] for r in store.run(counting, {**filters, "by": "none"}, slots=slots))


def partner_filters(
    entity_id: str,
    label: str | None = None,
    city: str | None = None,
    since: int | None = None,
    until: int | None = None,
) -> dict[str, Any]:
    """The parameters partners and direct_partners (with a city: their _in_place variants)
    take for these filters ('' or the widest years where there is none)."""
    filters: dict[str, Any] = {
        "id": entity_id,
        "label": label or "",
        "since": _ANY_SINCE if since is None else since,
        "until": _ANY_UNTIL if until is None else until,
    }
    if city:
        filters.update(place_filter(city))
    return filters
