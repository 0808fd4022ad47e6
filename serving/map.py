"""The map: actors placed at their city's coordinates, collaboration drawn between cities.

Coordinates come from the store (GeoNames for resolved towns, the table's own for others),
so the page needs no tiles and works offline; a Mercator projection places the cities and
the layout is fixed (no physics). A tie between two actors counts for the pair of their
cities; ties inside one city are shown in its tooltip.
"""

from __future__ import annotations

import math
from collections import Counter

from queries.names import display_form
from queries.store import Store
from queries.view import GraphView
from serving.views import View

# The strongest city pairs drawn (a continent of towns has tens of thousands).
MAX_CITY_TIES = 2000
SCALE = 1500  # pixels per radian of the projection


def _project(lat: float, lon: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    return (
        SCALE * math.radians(lon),
        -SCALE * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)),
    )


def build_map(
    store: Store,
    view: GraphView,
    *,
    label: str | None = None,
    year: int | None = None,
    country: str | None = None,
    via: str = "all",
) -> View:
    """Cities with the actors of `label` (all actors by default) and the collaboration between
    them, `via` direct ties, shared agreements or both, in `year`, touching `country`."""
    located = {r["id"]: r for r in store.run("city_coordinates")}

    def city_of(actor: str) -> str | None:
        """The first city of an actor that has coordinates (sorted: the same one every time)."""
        return next((c for c in sorted(view.actors[actor].cities()) if c in located), None)

    def wanted(actor: str) -> bool:
        return label is None or view.actors[actor].label == label

    graph = view.year_slice(year, via)
    actors: Counter[str] = Counter()
    for actor in graph:
        city = city_of(actor) if wanted(actor) else None
        if city is not None:
            actors[city] += 1
    between: dict[tuple[str, str], list[float]] = {}
    inside: Counter[str] = Counter()
    for a, b, tie in graph.edges():
        if not (wanted(a) and wanted(b)):
            continue
        ca, cb = city_of(a), city_of(b)
        if ca is None or cb is None:
            continue
        if country and country.upper() not in (located[ca]["country"], located[cb]["country"]):
            continue
        if ca == cb:
            inside[ca] += 1
            continue
        key = (ca, cb) if ca < cb else (cb, ca)
        totals = between.setdefault(key, [0.0, 0.0, 0.0, 0.0])
        totals[0] += tie["weight"]
        totals[1] += tie.get("direct") or 0.0
        totals[2] += tie.get("shared") or 0
        totals[3] += 1
    drawn = sorted(between.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_CITY_TIES]
    shown = {c for pair, _ in drawn for c in pair}
    shown |= {c for c in actors if not country or located[c]["country"] == country.upper()}
    if country:
        shown = {c for c in shown if c in actors}
    top = max((actors[c] for c in shown), default=1) or 1
    strength: dict[str, float] = {}  # summed weights
    partners: Counter[str] = Counter()
    for (ca, cb), totals in drawn:
        for c in (ca, cb):
            strength[c] = strength.get(c, 0.0) + totals[0]
            partners[c] += 1
    nodes = []
    for city in sorted(shown):
        row = located[city]
        x, y = _project(row["lat"], row["lon"])
        name = display_form(row["name"])
        nodes.append(
            {
                "id": city,
                "name": name,
                "label": "City",
                "tooltip": f"{name} ({row['country']})\n{actors[city]} actors"
                f"\n{inside[city]} pairs collaborating inside the city",
                "size": 6 + 30 * math.sqrt(actors[city] / top),
                "x": x,
                "y": y,
                "place": row["country"],
                "partners": partners[city],
                "strength": round(strength.get(city, 0.0), 2),
            }
        )
    edges = []
    for (ca, cb), (weight, direct, shared, pairs) in drawn:
        names = display_form(located[ca]["name"]), display_form(located[cb]["name"])
        edges.append(
            {
                "source": ca,
                "target": cb,
                "weight": round(weight, 2),
                "tooltip": f"{names[0]} – {names[1]}: {int(pairs)} pairs of actors collaborate"
                f" (weight {weight:g}: stated ties {direct:g}, shared agreements {int(shared)})",
                "names": names,
                "direct": round(direct, 2),
                "shared": int(shared),
                "agreements": [],
                "evidence": f"{int(pairs)} pairs of actors",
            }
        )
    unplaced = sum(1 for actor in graph if wanted(actor) and city_of(actor) is None)
    what = f"{label} actors" if label else "actors"
    title = (
        "Collaboration between cities"
        + (f" in {year}" if year else "")
        + (f", touching {country.upper()}" if country else "")
    )
    notice = (
        f"{len(nodes)} cities, {len(edges)} city pairs"
        + (f" (the strongest {MAX_CITY_TIES} of {len(between)})" if len(between) > len(edges) else "")
        + f"; {unplaced} {what} without a city with coordinates are not on the map."
    )
    return View(title, notice, nodes, edges)
