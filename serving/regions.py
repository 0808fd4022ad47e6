"""Regional answers for officers: the city x city matrix and one city's cooperation profile."""

from __future__ import annotations

import time
from collections import Counter
from itertools import combinations

from queries.errors import NotFound
from queries.view import GraphView
from serving.paging import meta
from serving.schemas import Cell, Matrix, MissingLink, Profile

# The triple helix: which label stands for which side of a city's partner mix.
HELIX = {"University": "university", "Firm": "industry", "Organization": "government"}


def city_matrix(view: GraphView, year: int | None = None, top: int = 100, via: str = "all") -> Matrix:
    """How many pairs of collaborating actors join each pair of cities, most first."""
    started = time.perf_counter()
    counts: Counter[tuple[str, str]] = Counter()
    for u, v in view.year_slice(year, via).pairs():
        for cu in set(view.actors[u].cities()):
            for cv in set(view.actors[v].cities()):
                counts[tuple(sorted((cu, cv)))] += 1  # type: ignore[index]
    cells = [
        Cell(a=a, a_name=view.actors[a].name, b=b, b_name=view.actors[b].name, count=n)
        for (a, b), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top]
    ]
    return Matrix(meta=meta(len(counts), started), results=cells)


def profile(view: GraphView, city: str, year: int | None = None, via: str = "all") -> Profile:
    """Ties inside the city versus to other cities and countries; the mix of university, firm
    and government partners (triple helix); new ties per year; and the strongest missing links:
    pairs of the city's actors with the most shared partners but no tie yet."""
    started = time.perf_counter()
    members = {a.id for a in view.actors.values() if a.in_place(city)}
    if not members:
        raise NotFound(f"city: no actors in {city!r}")
    graph = view.year_slice(year, via)
    inside = other = countries = 0
    mix: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for u, v, data in graph.edges(graph.rows_touching(members)):
        partner = v if u in members else u
        if u in members and v in members:
            inside += 1
        elif view.actors[partner].label == "Country":
            countries += 1
        else:
            other += 1
        mix[HELIX.get(view.actors[partner].label, "other")] += 1
        years[str(data.get("first_seen") or "unknown")] += 1
    total = sum(mix.values()) or 1
    candidates = []
    local = [m for m in members if m in graph and view.actors[m].label not in ("City", "Country")]
    best = sorted(local, key=lambda m: (-graph.degree(m), m))[:200]
    partners = {m: set(graph.partners(m)) for m in best}
    for a, b in combinations(best, 2):
        if b in partners[a]:
            continue
        shared = len(partners[a] & partners[b])
        if shared:
            candidates.append((shared, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return Profile(
        meta=meta(len(members), started),
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
