"""The data of each network page: which nodes and ties it shows, with sizes, tooltips and
tables (viz/ renders it; no HTML here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import orjson

from queries.analytics import centrality
from queries.analytics.ties import Ties
from queries.errors import InnographError, NotFound
from queries.names import display_form
from queries.store import Store
from queries.view import GraphView
from serving.curation import confirmed

MAX_NODES = 2000
KINDS = ("entity", "city", "between", "community", "all", "agreement")


@dataclass
class View:
    title: str
    notice: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    # a table shown before the actors' one: (title, column names, rows of text)
    facts: tuple[str, list[str], list[list[str]]] | None = None


def _subgraph(graph: Ties, members: set[str], cap: int, centre: str | None = None) -> tuple[nx.Graph, int]:
    """The induced subgraph, keeping the `cap` best-connected members if there are more (around
    a `centre`: it and its strongest partners first)."""
    total = len(members)
    if total > cap:
        if centre is not None and centre in graph:
            ties = graph.partners(centre)
            ranked = sorted(
                members - {centre},
                key=lambda n: (-(graph.weight[ties[n]] if n in ties else 0.0), -graph.degree(n), n),
            )
            members = {centre, *ranked[: cap - 1]}
        else:
            members = set(sorted(members, key=lambda n: (-graph.degree(n), n))[:cap])
    return graph.subgraph(members), total


def build_view(
    store: Store,
    view: GraphView,
    kind: str,
    key: str = "",
    *,
    hops: int = 1,
    year: int | None = None,
    top: int = 300,
    other: str = "",
    cap: int = MAX_NODES,
    size_by: str = "degree",
) -> View:
    """The nodes and ties of one view; node size shows `size_by` (degree, betweenness, eigenvector)."""
    graph = view.year_slice(year)
    when = f" in {year}" if year else ""
    if kind == "entity":
        if key not in view.actors:
            raise NotFound(f"no entity with id {key!r}")
        members = graph.within(key, max(1, min(hops, 3))) if key in graph else {key}
        title = f"{display_form(view.actors[key].name)}: partners within {hops} step(s){when}"
    elif kind == "city":
        inside = view.in_place(key)
        if not inside:
            raise NotFound(f"no actors in {key!r}")
        members = set(inside) | {n for m in inside if m in graph for n in graph.partners(m)}
        title = f"Actors of {key} and their partners{when}"
    elif kind == "between":
        a_side, b_side = (
            view.in_place(key),
            view.in_place(other)
            | {i for i, a in view.actors.items() if len(other) == 2 and a.in_country(other)},
        )
        if not a_side or not b_side:
            raise NotFound(f"no actors in {key!r} or {other!r}")
        members = {u for u in a_side if u in graph for v in graph.partners(u) if v in b_side}
        members |= {v for u in a_side if u in graph for v in graph.partners(u) if v in b_side}
        title = f"Collaboration between {key} and {other}{when}"
    elif kind == "community":
        groups = view.communities(year)
        index = int(key) if key.isdigit() else -1
        if not 0 <= index < len(groups):
            raise NotFound(f"no community {key!r} (there are {len(groups)})")
        members = set(groups[index])
        title = f"Community {index + 1} of {len(groups)}{when}"
    elif kind == "agreement":
        if key not in view.parties:
            raise NotFound(f"no agreement with id {key!r}")
        members = {p for p in view.parties[key] if p in graph}
        agreement = view.actors[key]
        title = f"{display_form(agreement.name)}: its parties and their other collaboration{when}"
    elif kind == "all":
        members = {n for n, d in zip(graph.names, graph.degrees.tolist(), strict=True) if d > 0}
        cap = min(cap, top)
        title = f"The collaboration network{when}"
    else:
        raise InnographError(f"unknown view {kind!r}; one of {', '.join(KINDS)}")
    sub, total = _subgraph(graph, members, cap, key if kind == "entity" else None)
    which = "the strongest partners" if kind == "entity" else "the best connected"
    notice = f"showing {sub.number_of_nodes()} of {total} actors" + (
        f" ({which}; narrow the view to see the rest)." if total > sub.number_of_nodes() else "."
    )
    facts = _participations(store, view, key) if kind == "agreement" else None
    return View(title, notice, *_encode(store, view, sub, size_by), facts=facts)


def _participations(store: Store, view: GraphView, agreement: str) -> tuple[str, list[str], list[list[str]]]:
    """The parties of an agreement with role and amounts where the table gave them."""
    rows = []
    for r in store.run("agreement_participants", {"id": agreement}):
        extra = orjson.loads(r["extra"]) if r["extra"] else {}
        actor = view.actors.get(r["id"])
        place = ", ".join(p["place"] for p in actor.places if p["place"]) if actor else ""
        rows.append(
            [
                display_form(r["name"] or r["id"]),
                r["label"],
                place,
                r["role"] or "",
                _amount(extra.get("ec_contribution")),
                _amount(extra.get("total_cost")),
            ]
        )
    columns = ["party", "label", "place", "role", "EU contribution (EUR)", "total cost (EUR)"]
    return f"Parties ({len(rows)})", columns, rows


def _amount(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else ""


def _encode(
    store: Store, view: GraphView, sub: nx.Graph, size_by: str = "degree"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    scores = centrality(sub, size_by) if sub.number_of_nodes() > 1 else {}
    confirmed_pairs, confirmed_entities = confirmed(store)
    top = max(scores.values(), default=0.0) or 1.0
    nodes = []
    for node_id in sub.nodes:
        actor = view.actors[node_id]
        places = ", ".join(p["place"] for p in actor.places if p["place"]) or "-"
        shown = display_form(actor.name)
        tooltip = f"{shown}\n{actor.label} · {places}"
        if shown != actor.name:
            tooltip += f"\nas written: {actor.name}"
        if actor.aliases:
            tooltip += f"\nalso: {', '.join(actor.aliases[:5])}"
        if node_id in confirmed_entities:
            tooltip += f"\n{confirmed_entities[node_id]}"
        nodes.append(
            {
                "id": node_id,
                "name": shown,
                "label": actor.label,
                "tooltip": tooltip,
                "size": 10 + 30 * scores.get(node_id, 0.0) / top,
                "place": places,
                "partners": sub.degree(node_id),
                "strength": round(sub.degree(node_id, weight="weight"), 2),
                "confirmed": node_id in confirmed_entities,
            }
        )
    pairs = [
        {"type": "COOPERATES_WITH", "source": min(a, b), "target": max(a, b), "key": ""} for a, b in sub.edges
    ]
    evidence: dict[tuple[str, str], list[dict[str, Any]]] = {}
    titles = {r["id"]: r["title"] for r in store.run("document_titles")} if pairs else {}
    for start in range(0, len(pairs), 5000):
        for row in store.run("cooperation_evidence", {"pairs": pairs[start : start + 5000]}):
            evidence[(row["source"], row["target"])] = (
                orjson.loads(row["provenance"]) if row["provenance"] else []
            )
    edges = []
    for a, b, data in sub.edges(data=True):
        items = evidence.get((min(a, b), max(a, b)), [])
        how = [f"stated tie {data['direct']:g}"] if data.get("direct") else []
        how += [f"{data['shared']} shared agreement(s)"] if data.get("shared") else []
        names = display_form(view.actors[a].name), display_form(view.actors[b].name)
        lines = [f"{names[0]} – {names[1]} (weight {data['weight']:g}: {', '.join(how)})"]
        checked = confirmed_pairs.get((min(a, b), max(a, b)))
        if checked:
            lines.append(checked)
        for item in items[:3]:
            source = titles.get(f"document:{item['doc']}", item["doc"])
            lines.append(f"“{item.get('evidence') or item.get('row') or ''}”\n  — {source}")
        shared = view.shared_agreements(a, b, data)
        first_evidence = next((i.get("evidence") or i.get("row") or "" for i in items), "")
        edges.append(
            {
                "source": a,
                "target": b,
                "weight": data.get("weight") or 1.0,
                "tooltip": "\n".join(lines),
                "first": data.get("first_seen"),
                "last": data.get("last_seen"),
                "names": names,
                "direct": data.get("direct") or 0.0,
                "shared": data.get("shared") or 0,
                "agreements": shared[:3],
                "evidence": first_evidence[:200],
                "confirmed": checked is not None,
            }
        )
    return nodes, edges
