"""Who collaborates with whom between two groups, and the experts serving organisations."""

from __future__ import annotations

import time
from typing import Any

from queries.names import name_key
from queries.store import Store
from queries.view import Actor, GraphView, collaboration_years
from serving.errors import BadParameter
from serving.paging import page_of, read_page
from serving.schemas import ExpertList, ExpertRole, Pair, PairList, evidence_of


def _group(view: GraphView, city: str | None, label: str | None, country: str | None) -> set[str]:
    candidates = view.in_place(city) if city is not None else view.actors.keys()
    return {
        i
        for i in candidates
        if (label is None or view.actors[i].label == label)
        and (country is None or view.actors[i].in_country(country))
    }


def check_groups(*given: str | None) -> None:
    """At least one of a_city, a_label, b_city, b_label, country (else every pair qualifies)."""
    if not any(given):
        raise BadParameter("a_city", "give at least one of a_city, a_label, b_city, b_label, country")


def collaborations(
    view: GraphView,
    a_city: str | None = None,
    a_label: str | None = None,
    b_city: str | None = None,
    b_label: str | None = None,
    country: str | None = None,
    year: int | None = None,
    via: str = "all",
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> PairList:
    """The pairs of collaborating actors with one in group A (city, label) and the other in
    group B (city, label, country), strongest first, with evidence."""
    check_groups(a_city, a_label, b_city, b_label, country)
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


def experts(
    store: Store,
    city: str | None = None,
    nationality: str | None = None,
    firm: str | None = None,
    label: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> ExpertList:
    """Experts and the organisations they serve, filtered by the organisation's city, id or
    name and label, and by the expert's nationality: the catalog's expert_page, counted by
    expert_count."""
    started = time.perf_counter()
    filters: dict[str, Any] = {
        "label": label or "",
        "nationality": (nationality or "").upper(),
        "firm": firm or "",
        "firm_text": (firm or "").lower(),
        "city": city or "",
        "city_key": name_key(city) if city else "",
    }
    count = store.run("expert_count", filters)[0]["count"]
    rows, page_meta = read_page(store, "expert_page", filters, count, page, per_page, cursor, started)
    results = [
        ExpertRole(
            id=r["expert"],
            name=r["name"],
            nationality=r["nationality"],
            organisation_id=r["org"],
            organisation=r["org_name"],
            organisation_label=r["org_label"],
            role=r["role"],
            **evidence_of(r["provenance"]),
        )
        for r in rows
    ]
    return ExpertList(meta=page_meta, results=results)
