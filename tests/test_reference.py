"""Every read statement of the catalog against an independent reference.

Hypothesis generates small cooperation graphs; each is loaded into a real
LadybugDB store and every read query's answer is compared with the same answer
computed in plain Python / networkx from the generated records. Engine bugs of
the kind engine-notes.md records (ORDER BY ignored before an aggregation)
cannot reach users unnoticed this way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_loader import Writer
from graph_loader.write import collaboration as collaboration_module
from graph_loader.write.collaboration import Touched, refresh
from graph_loader.write.records import Edge, Node, dumps
from queries import schema
from queries.catalog import load_catalog
from queries.names import name_key
from queries.store import Store, delete_everything
from queries.store import ladybug as ladybug_store
from tests.conftest import make_store

LABELS = list(schema.NODE_LABELS)


@st.composite
def _props(draw: st.DrawFn, label: str, i: int) -> dict[str, Any]:
    """Typed properties some statements read: a document's hash; a town's country, whether it
    was resolved and its coordinates."""
    if label == "Document" and draw(st.booleans()):
        return {"sha256": f"h{i % 3}"}
    if label == "Agreement":
        return {
            k: v
            for k, v in (
                ("year", draw(st.sampled_from([None, 2019, 2020]))),
                ("kind", draw(st.sampled_from([None, "MoU", "Project"]))),
            )
            if v is not None
        }
    if label == "Expert" and draw(st.booleans()):
        return {"nationality": draw(st.sampled_from(["DE", "cn"]))}
    if label != "City":
        return {}
    props: dict[str, Any] = {"country": draw(st.sampled_from(["DE", "FR"]))}
    resolved = draw(st.sampled_from([True, False, None]))
    if resolved is not None:
        props["resolved"] = resolved
    if draw(st.booleans()):
        props["lat"], props["lon"] = float(draw(st.integers(-80, 80))), float(draw(st.integers(-170, 170)))
    return props


DOCS = ("d1", "d2", 'd"3')  # a quote: the document id as JSON text differs from the id


@st.composite
def _provenance(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Where a record comes from: none, one or two of DOCS (what retracting reads)."""
    docs = draw(st.lists(st.sampled_from(DOCS), max_size=2, unique=True))
    return [{"doc": d, "evidence": f"said in {d}"} for d in docs]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    count = draw(st.integers(min_value=1, max_value=14))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=count, max_size=count))
    nodes = [
        Node(
            label=label,
            id=f"{label.lower()}:n{i}",
            name=f"N{i}",
            # a City keeps the spellings it was reached by
            aliases=draw(st.lists(st.sampled_from([f"N{i} 15", f"N{i} CEDEX"]), unique=True))
            if label == "City"
            else [],
            props=draw(_props(label, i)),
            provenance=draw(_provenance()),
        )
        for i, label in enumerate(labels)
    ]
    candidates = [
        (rel_type, i, j)
        for i, a in enumerate(nodes)
        for j, b in enumerate(nodes)
        if i != j
        for rel_type in schema.REL_TYPES
        if schema.label_allows(rel_type, a.label, b.label)
    ]
    chosen = draw(st.lists(st.sampled_from(candidates), max_size=30, unique=True)) if candidates else []
    edges: dict[tuple[str, str, str, str], Edge] = {}
    for rel_type, i, j in chosen:
        a, b = nodes[i], nodes[j]
        weight = float(draw(st.integers(min_value=1, max_value=5)))
        props: dict[str, Any] = {"weight": weight} if rel_type == "COOPERATES_WITH" else {}
        if rel_type == "COOPERATES_WITH" and draw(st.booleans()):
            props["first_seen"] = draw(st.integers(2018, 2022))
            if draw(st.booleans()):
                props["last_seen"] = props["first_seen"] + draw(st.integers(0, 2))
        if rel_type == "PARTY_TO" and draw(st.booleans()):
            props["role"] = draw(st.sampled_from(["coordinator", "participant"]))
        edge = Edge(type=rel_type, source=a.id, target=b.id, props=props, provenance=draw(_provenance()))
        edges.setdefault(edge.identity(), edge)  # A-B and B-A are one cooperation
    return nodes, list(edges.values())


def canonical_edges(edges: list[Edge]) -> list[tuple[str, str, str]]:
    return [edge.identity()[:3] for edge in edges]


def cooperation_graph(nodes: list[Node], edges: list[Edge]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    for edge in edges:
        if edge.type == "COOPERATES_WITH":
            graph.add_edge(edge.source, edge.target, weight=edge.props["weight"])
    return graph


def ref_count_by_label(nodes: list[Node], edges: list[Edge], _: dict[str, Any]) -> Any:
    return sorted(Counter(n.label for n in nodes).items())


def ref_any_node(nodes: list[Node], edges: list[Edge], _: dict[str, Any]) -> Any:
    return min(len(nodes), 1)


def ref_count_by_rel_type(nodes: list[Node], edges: list[Edge], _: dict[str, Any]) -> Any:
    return sorted(Counter(e.type for e in edges).items())


def ref_collaborators(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    graph = cooperation_graph(nodes, edges)
    if p["id"] not in graph:
        return []
    partners = [(b, graph[p["id"]][b]["weight"]) for b in graph[p["id"]]]
    return sorted(partners, key=lambda x: (-x[1], x[0]))[: p["limit"]]


def ref_degree_top(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    graph = cooperation_graph(nodes, edges)
    degrees = [(n, d) for n, d in graph.degree() if d > 0]
    return sorted(degrees, key=lambda x: (-x[1], x[0]))[: p["limit"]]


def ref_collaboration_hubs(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    partners = Counter(actor for pair in collaboration(nodes, edges) for actor in pair)
    labels = {n.id: n.label for n in nodes}
    hubs = [(i, labels[i], n) for i, n in partners.items() if n >= p["least"]]
    return sorted(hubs, key=lambda x: (-x[2], x[0]))[: p["limit"]]


def ref_entity(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return [(n.id, n.label, n.name) for n in nodes if n.id == p["id"]]


def ref_located_in(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(e.target for e in edges if e.type == "LOCATED_IN" and e.source == p["id"])


def ref_export_nodes(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(n.id for n in nodes)


def ref_export_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(canonical_edges(edges))


def ref_existing_nodes(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    known = {n.id for n in nodes}
    return sorted(i for i in p["ids"] if i in known)  # one row per probe


def ref_node_labels(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    labels = {n.id: n.label for n in nodes}
    return sorted((i, labels[i]) for i in p["ids"] if i in labels)


def ref_existing_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    known = set(canonical_edges(edges))
    return sorted(k for k in ((r["type"], r["source"], r["target"]) for r in p["rows"]) if k in known)


ref_existing_edges_unlabelled = ref_existing_edges


def ref_node_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(k for k in canonical_edges(edges) if p["id"] in k[1:])


def ref_edges_citing(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(canonical_edges([e for e in edges if any(q.doc == p["doc"] for q in e.provenance)]))


def ref_nodes_citing(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(n.id for n in nodes if any(f'"doc":{dumps(q.doc)}' == p["needle"] for q in n.provenance))


def ref_nodes_with_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    linked = {end for e in edges for end in (e.source, e.target)}
    return sorted({i for i in p["ids"] if i in linked})


def ref_corrections(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return []  # a graph has no corrections: the log reads its own table only (tests/test_curation.py)


def ref_active_corrections(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return []


def ref_correction(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return []


def ref_export_corrections(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return []


PATH_TYPES = ("COOPERATES_WITH", "PARTY_TO", "AFFILIATED_WITH", "LOCATED_IN")
COLLABORATION_TYPES = ("COOPERATES_WITH", "PARTY_TO", "AFFILIATED_WITH")


def ref_paths_between(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _shortest(nodes, edges, p, COLLABORATION_TYPES)


def ref_paths_through_places(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _shortest(nodes, edges, p, PATH_TYPES)


def _shortest(nodes: list[Node], edges: list[Edge], p: dict[str, Any], types: tuple[str, ...]) -> Any:
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((e.source, e.target) for e in edges if e.type in types)
    if p["source"] not in graph or p["target"] not in graph or p["source"] == p["target"]:
        return set()
    try:
        paths = list(nx.all_shortest_paths(graph, p["source"], p["target"]))
    except nx.NetworkXNoPath:
        return set()
    return {tuple(path) for path in paths if len(path) - 1 <= min(p["max_hops"], 4)}


def ref_connections(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((s, t, kind) for kind, s, t in canonical_edges(edges) if kind in PATH_TYPES)


def ref_co_parties(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    mine = {e.target for e in edges if e.type == "PARTY_TO" and e.source == p["id"]}
    shared: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO" and e.target in mine and e.source != p["id"]:
            shared.setdefault(e.source, set()).add(e.target)
    ranked = sorted(shared.items(), key=lambda x: (-len(x[1]), x[0]))[: p["limit"]]
    return [(i, len(g), sorted(g)) for i, g in ranked]


def ref_entity_places(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((e.source, e.target) for e in edges if e.type == "LOCATED_IN")


def ref_entity_documents(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(e.target for e in edges if e.type == "MENTIONED_IN" and e.source == p["id"])


def ref_search_index(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((n.id, n.label, n.name) for n in nodes if n.label != "Document")


def ref_cooperation_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (e.identity()[1], e.identity()[2], e.props["weight"]) for e in edges if e.type == "COOPERATES_WITH"
    )


def ref_agreements(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    parties: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, set()).add(e.source)
    return sorted((g, sorted(ps)) for g, ps in parties.items())


def ref_agreement_page(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    node = {n.id: n for n in nodes}
    parties: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, set()).add(e.source)
    found = [
        (g, sorted(ps))
        for g, ps in sorted(parties.items())
        if (not p["year"] or node[g].props.get("year") == p["year"] or p["year_text"] in node[g].name)
        and (not p["kind"] or (node[g].props.get("kind") or "").lower() == p["kind"])
        and (not p["party"] or p["party"] in ps)
    ]
    return found[p["skip"] : p["skip"] + p["limit"]] if "skip" in p else len(found)


def ref_agreement_count(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_agreement_page(nodes, edges, p)


def ref_expert_page(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    node = {n.id: n for n in nodes}
    found = [
        (e.source, e.target)
        for e in sorted(edges, key=lambda e: (e.source, e.target))
        if e.type == "AFFILIATED_WITH"
        and node[e.target].label != "Document"
        and (not p["label"] or node[e.target].label == p["label"])
        and (
            not p["nationality"]
            or (node[e.source].props.get("nationality") or "").upper() == p["nationality"]
        )
        and (not p["firm"] or e.target == p["firm"] or p["firm_text"] in node[e.target].name.lower())
        and (not p["city"] or _in_place(nodes, edges, e.target, p))
    ]
    return found[p["skip"] : p["skip"] + p["limit"]] if "skip" in p else len(found)


def ref_expert_count(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_expert_page(nodes, edges, p)


def _group_member(nodes: list[Node], edges: list[Edge], p: dict[str, Any], actor: str, side: str) -> bool:
    """Whether `actor` is in group `side` ("a" or "b") of group_pairs' parameters."""
    node = {n.id: n for n in nodes}
    located = {e.target for e in edges if e.type == "LOCATED_IN" and e.source == actor}
    n = node[actor]
    place = {"city": p[f"{side}_city"], "city_key": p[f"{side}_city_key"]}
    country = p[f"{side}_country"]
    return (
        (not p[f"{side}_label"] or n.label == p[f"{side}_label"])
        and (not place["city"] or _in_place(nodes, edges, actor, place))
        and (
            not country
            or (n.props.get("country") or "").upper() == country
            or any((node[q].props.get("country") or "").upper() == country for q in located)
        )
    )


def _group_pairs(
    nodes: list[Node], edges: list[Edge], p: dict[str, Any], from_place: bool = False
) -> list[tuple[str, str, float]]:
    """(a, b, weight) of the pairs between group A and group B, as group_pairs defines them;
    `from_place`: as group_pairs_from_place does (group A by its place, a pair with each end
    in both groups both ways round, or only smaller id first with `same`)."""
    if from_place and not p["a_city"]:
        return []

    def member(actor: str, side: str) -> bool:
        return _group_member(nodes, edges, p, actor, side)

    years = collaboration_years(nodes, edges)
    ties = {
        tuple(sorted((e.source, e.target))): (e.props.get("first_seen"), e.props.get("last_seen"))
        for e in edges
        if e.type == "COOPERATES_WITH"
    }
    found = []
    for pair, (direct, shared) in collaboration(nodes, edges).items():
        weight = {"direct": direct, "agreement": float(shared)}.get(p["via"], direct + shared)
        if not weight:
            continue
        if p["year"]:
            first, last = (
                ties.get(pair, (None, None)) if p["via"] == "direct" else (years.get(pair) or (None, None))
            )
            first = first if first is not None else p["year"]
            last = last if last is not None else first
            if not first <= p["year"] <= last:
                continue
        x, y = pair
        ends = [(u, v) for u, v in ((x, y), (y, x)) if member(u, "a") and member(v, "b")]
        if len(ends) == 2 and not from_place:
            ends = [(x, y)]  # each end in both groups: once, smaller id first
        if from_place and p["same"]:
            ends = [(u, v) for u, v in ends if u < v]
        found.extend((u, v, float(weight)) for u, v in ends)
    flip = p.get("flip", False)
    return sorted(found, key=lambda f: (-f[2], f[1], f[0]) if flip else (-f[2], f[0], f[1]))


def ref_group_pairs(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _group_pairs(nodes, edges, p)[p["skip"] : p["skip"] + p["limit"]]


def ref_group_pair_count(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return len(_group_pairs(nodes, edges, p))


def ref_group_pairs_from_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _group_pairs(nodes, edges, p, from_place=True)[p["skip"] : p["skip"] + p["limit"]]


def ref_group_pair_count_from_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return len(_group_pairs(nodes, edges, p, from_place=True))


def ref_group_overlap(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    if not p["a_city"]:
        return 0
    return sum(
        1
        for n in nodes
        if _group_member(nodes, edges, p, n.id, "a") and _group_member(nodes, edges, p, n.id, "b")
    )


def _actors(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(id, country, city) of the actors passing actor_rows' filters, by name then id."""
    node = {n.id: n for n in nodes}
    places: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "LOCATED_IN":
            places.setdefault(e.source, set()).add(e.target)
    found = []
    for n in sorted(nodes, key=lambda n: (n.name, n.id)):
        mine = places.get(n.id, set())
        countries = sorted(c for c in (node[q].props.get("country") for q in mine) if c)
        if (
            n.label == "Document"
            or (p["label"] and n.label != p["label"])
            or (p["city"] and not _in_place(nodes, edges, n.id, p))
            or (
                p["country"]
                and (n.props.get("country") or "").upper() != p["country"]
                and p["country"] not in {c.upper() for c in countries}
            )
        ):
            continue
        cities = sorted(q for q in mine if node[q].label == "City")
        country = n.props.get("country") or (countries[0] if countries else None)
        found.append((n.id, country, node[cities[0]].name if cities else None))
    return found


def ref_actor_rows(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(a for a in _actors(nodes, edges, p) if a[0] in p["ids"])


def ref_actor_page(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return [a[0] for a in _actors(nodes, edges, p)][p["skip"] : p["skip"] + p["limit"]]


def ref_actor_groups(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    label = {n.id: n.label for n in nodes}
    keys = [
        label[i] if p["by"] == "label" else country if p["by"] == "country" else ""
        for i, country, _ in _actors(nodes, edges, p)
    ]
    return sorted(Counter(keys).items(), key=lambda x: (x[0] is None, x[0] or ""))


def ref_hop_evidence(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sum(1 for e in edges if e.identity()[:3] == (p["type"], p["source"], p["target"]))


def ref_ties_between(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (r["source"], r["target"], e.props.get("weight", 1.0))
        for r in p["pairs"]
        for e in edges
        if e.type == "COOPERATES_WITH" and {e.source, e.target} == {r["source"], r["target"]}
    )


def ref_cooperation_evidence(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    known = {e.identity()[1:3]: e.props["weight"] for e in edges if e.type == "COOPERATES_WITH"}
    return sorted(
        (r["source"], r["target"], known[(r["source"], r["target"])])
        for r in p["pairs"]
        if (r["source"], r["target"]) in known
    )


def ref_document_titles(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((n.id, n.name) for n in nodes if n.label == "Document")


def ref_document_hashes(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    documents = {n.id: n.props.get("sha256") for n in nodes if n.label == "Document"}
    return sorted((i, documents[i]) for i in p["ids"] if i in documents)  # one row per probe


def collaboration(nodes: list[Node], edges: list[Edge]) -> dict[tuple[str, str], tuple[float, int]]:
    """The definition of collaboration, computed here: a COOPERATES_WITH (its weight), or
    agreements both ends are parties to (how many)."""
    found: dict[tuple[str, str], list[float]] = {}
    for e in edges:
        if e.type == "COOPERATES_WITH":
            found.setdefault(tuple(sorted((e.source, e.target))), [0.0, 0])[0] = e.props.get("weight", 1.0)  # type: ignore[index]
    parties: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, set()).add(e.source)
    for members in parties.values():
        for a in members:
            for b in members:
                if a < b:
                    found.setdefault((a, b), [0.0, 0])[1] += 1
    return {pair: (float(v[0]), int(v[1])) for pair, v in found.items()}


def ref_collaboration_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((a, b, d, s, d + s) for (a, b), (d, s) in collaboration(nodes, edges).items())


def collaboration_years(
    nodes: list[Node], edges: list[Edge]
) -> dict[tuple[str, str], tuple[int, int] | None]:
    """The first and last year of each collaborating pair: of its tie and shared agreements."""
    seen: dict[tuple[str, str], set[int]] = {}
    for e in edges:
        if e.type == "COOPERATES_WITH":
            years = {e.props[k] for k in ("first_seen", "last_seen") if k in e.props}
            seen.setdefault(tuple(sorted((e.source, e.target))), set()).update(years)  # type: ignore[arg-type]
    year = {n.id: n.props.get("year") for n in nodes}
    parties: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, set()).add(e.source)
    for agreement, members in parties.items():
        for a in members:
            for b in members:
                if a < b:
                    seen.setdefault((a, b), set()).update({year[agreement]} - {None})  # type: ignore[arg-type]
    return {pair: (min(v), max(v)) if v else None for pair, v in seen.items()}


def _in_place(nodes: list[Node], edges: list[Edge], actor: str, p: dict[str, Any]) -> bool:
    """Whether `actor` is the place p["city"] (by id, or by name key for a place) or lies in it."""
    node = {n.id: n for n in nodes}
    places = {e.target for e in edges if e.type == "LOCATED_IN" and e.source == actor}
    if actor == p["city"] or (
        node[actor].label in ("City", "Country") and name_key(node[actor].name) == p["city_key"]
    ):
        return True
    return any(q == p["city"] or name_key(node[q].name) == p["city_key"] for q in places)


def _partners(
    nodes: list[Node], edges: list[Edge], p: dict[str, Any], direct: bool
) -> list[tuple[str, float, Any]]:
    """(partner, weight by via, first year) of every partner of p["id"] that passes p's filters."""
    label = {n.id: n.label for n in nodes}
    if direct:
        ties = {
            tuple(sorted((e.source, e.target))): (
                e.props.get("weight", 1.0),
                (e.props.get("first_seen"), e.props.get("last_seen")),
            )
            for e in edges
            if e.type == "COOPERATES_WITH"
        }
        weighed = {pair: (w, years) for pair, (w, years) in ties.items()}
    else:
        years_of = collaboration_years(nodes, edges)
        weighed = {
            pair: (float(s) if p["via"] == "agreement" else d + s, years_of.get(pair) or (None, None))
            for pair, (d, s) in collaboration(nodes, edges).items()
        }
    found = []
    for (a, b), (weight, (first, last)) in weighed.items():
        if p["id"] not in (a, b) or not weight:
            continue
        other = b if a == p["id"] else a
        since = last if last is not None else first if first is not None else 0
        until = first if first is not None else last if last is not None else 9999
        if (
            (not p["label"] or label[other] == p["label"])
            and since >= p["since"]
            and until <= p["until"]
            and (not p.get("city") or _in_place(nodes, edges, other, p))
        ):
            found.append((other, float(weight), first))
    return sorted(found, key=lambda x: (-x[1], x[0]))


def _groups(found: list[tuple[str, float, Any]], nodes: list[Node], by: str) -> Any:
    label = {n.id: n.label for n in nodes}
    keys = [
        label[o] if by == "label" else (None if first is None else str(first)) if by == "year" else ""
        for o, _, first in found
    ]
    return sorted(Counter(keys).items(), key=lambda x: (x[0] is None, x[0] or ""))


def ref_partners(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    made_of = collaboration(nodes, edges)
    return [
        (o, w, *made_of[(p["id"], o) if p["id"] < o else (o, p["id"])])
        for o, w, _ in _partners(nodes, edges, p, direct=False)
    ][p["skip"] : p["skip"] + p["limit"]]


def ref_direct_partners(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return [(o, w) for o, w, _ in _partners(nodes, edges, p, direct=True)][p["skip"] : p["skip"] + p["limit"]]


def ref_partners_in_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_partners(nodes, edges, p)


def ref_direct_partners_in_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_direct_partners(nodes, edges, p)


def ref_partner_groups_in_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_partner_groups(nodes, edges, p)


def ref_direct_partner_groups_in_place(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return ref_direct_partner_groups(nodes, edges, p)


def ref_partner_groups(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _groups(_partners(nodes, edges, p, direct=False), nodes, p["by"])


def ref_direct_partner_groups(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return _groups(_partners(nodes, edges, p, direct=True), nodes, p["by"])


def ref_pair_ties(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    ties = {frozenset((e.source, e.target)): e for e in edges if e.type == "COOPERATES_WITH"}
    return sorted(
        (o, ties[frozenset((o, p["id"]))].props.get("first_seen"))
        for o in p["others"]  # one row per probe
        if frozenset((o, p["id"])) in ties and o != p["id"]
    )


def ref_shared_agreements(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    parties: dict[str, set[str]] = {}
    for e in edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, set()).add(e.source)
    return sorted(
        (o, g)
        for o in p["others"]
        if o != p["id"]
        for g, members in parties.items()
        if {o, p["id"]} <= members
    )


def ref_agreement_participants(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        {(e.source, e.props.get("role")) for e in edges if e.type == "PARTY_TO" and e.target == p["id"]},
        key=lambda x: (x[0], x[1] or ""),
    )


def ref_city_coordinates(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (n.id, n.props.get("country"), n.props["lat"], n.props["lon"])
        for n in nodes
        if n.label == "City" and n.props.get("lat") is not None and n.props.get("lon") is not None
    )


def ref_agreement_parties(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    agreements = {n.id for n in nodes if n.label == "Agreement"}
    return sorted(
        {
            (i, e.source)
            for i in p["ids"]
            if i in agreements
            for e in edges
            if e.type == "PARTY_TO" and e.target == i
        }
    )


def ref_party_edges(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    agreements = {n.id for n in nodes if n.label == "Agreement"}
    return sorted({(e.target, e.source) for e in edges if e.type == "PARTY_TO" and e.target in agreements})


def ref_actor_ties(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    ties = [e for e in edges if e.type == "COOPERATES_WITH"]
    return sorted(
        (i, b if a == i else a, e.props.get("weight", 1.0))
        for i in p["ids"]  # one row per probe, as the statement unwinds them
        for e in ties
        for a, b in [(e.source, e.target)]
        if i in (a, b)
    )


def ref_view_actors(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    by_id = {n.id: n for n in nodes if n.label != "Document"}
    return sorted((i, by_id[i].label, by_id[i].name) for i in p["ids"] if i in by_id)  # a row per probe


def ref_actor_places(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted((e.source, e.target) for e in edges if e.type == "LOCATED_IN" and e.source == p["id"])


def ref_actor_collaboration(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (p["id"], b if a == p["id"] else a, d, s, d + s)
        for (a, b), (d, s) in collaboration(nodes, edges).items()
        if p["id"] in (a, b)
    )


def ref_actor_cooperation(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (e.identity()[1], e.identity()[2], e.props["weight"])
        for e in edges
        if e.type == "COOPERATES_WITH" and p["id"] in (e.source, e.target)
    )


def ref_actor_agreements(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    agreements = {n.id for n in nodes if n.label == "Agreement"}
    return sorted(
        {
            (e.source, e.target)
            for e in edges
            if e.type == "PARTY_TO" and e.source in p["ids"] and e.target in agreements
        }
    )


def ref_collaboration_count(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    found = collaboration(nodes, edges).values()
    return (
        len(found),
        sum(1 for d, _ in found if d),
        sum(1 for _, s in found if s),
        sum(1 for d, s in found if d and s),
    )


def ref_city_resolution(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    found = Counter(n.props.get("resolved") for n in nodes if n.label == "City")
    return sorted(found.items(), key=lambda x: (x[0] is None, x[0]))


def ref_unresolved_cities(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    unresolved = {n.id: n for n in nodes if n.label == "City" and n.props.get("resolved") is False}
    located = {(s, t) for kind, s, t in canonical_edges(edges) if kind == "LOCATED_IN"}
    actors = Counter(t for _, t in located if t in unresolved)
    ranked = sorted(actors.items(), key=lambda x: (-x[1], x[0]))[: p["limit"]]
    return [(i, unresolved[i].name, unresolved[i].props.get("country"), n) for i, n in ranked]


def ref_resolved_city_spellings(nodes: list[Node], edges: list[Edge], p: dict[str, Any]) -> Any:
    return sorted(
        (n.id, n.name, tuple(sorted(n.aliases)), n.props.get("country"))
        for n in nodes
        if n.label == "City" and n.props.get("resolved") is True
    )


# How each query's rows are reduced to the comparable answer.
SHAPES: dict[str, Callable[[list[dict[str, Any]]], Any]] = {
    "count_by_label": lambda rows: [(r["label"], r["count"]) for r in rows],
    "count_by_rel_type": lambda rows: [(r["type"], r["count"]) for r in rows],
    "collaborators": lambda rows: [(r["id"], r["weight"]) for r in rows],
    "degree_top": lambda rows: [(r["id"], r["degree"]) for r in rows],
    "entity": lambda rows: [(r["id"], r["label"], r["name"]) for r in rows],
    "collaboration_hubs": lambda rows: [(r["id"], r["label"], r["partners"]) for r in rows],
    "located_in": lambda rows: [r["id"] for r in rows],
    "export_nodes": lambda rows: sorted(r["id"] for r in rows),  # the engine's order
    "export_edges": lambda rows: sorted((r["type"], r["source"], r["target"]) for r in rows),
    "existing_nodes": lambda rows: sorted(r["id"] for r in rows),
    "paths_between": lambda rows: {tuple(r["ids"]) for r in rows},
    "paths_through_places": lambda rows: {tuple(r["ids"]) for r in rows},
    "cooperation_evidence": lambda rows: sorted((r["source"], r["target"], r["weight"]) for r in rows),
    "document_titles": lambda rows: [(r["id"], r["title"]) for r in rows],
    "agreement_participants": lambda rows: sorted(
        {(r["id"], r["role"]) for r in rows}, key=lambda x: (x[0], x[1] or "")
    ),
    "city_coordinates": lambda rows: sorted((r["id"], r["country"], r["lat"], r["lon"]) for r in rows),
    "partners": lambda rows: [(r["id"], float(r["weight"]), r["direct"], r["shared"]) for r in rows],
    "partners_in_place": lambda rows: [(r["id"], float(r["weight"]), r["direct"], r["shared"]) for r in rows],
    "agreement_page": lambda rows: [(r["id"], sorted(r["parties"])) for r in rows],
    "agreement_count": lambda rows: rows[0]["count"],
    "group_pairs": lambda rows: [(r["a_id"], r["b_id"], float(r["weight"])) for r in rows],
    "group_pair_count": lambda rows: rows[0]["count"],
    "group_pairs_from_place": lambda rows: [(r["a_id"], r["b_id"], float(r["weight"])) for r in rows],
    "group_pair_count_from_place": lambda rows: rows[0]["count"],
    "group_overlap": lambda rows: rows[0]["count"],
    "actor_rows": lambda rows: sorted((r["id"], r["country"], r["city"]) for r in rows),
    "actor_page": lambda rows: [r["id"] for r in rows],
    "actor_groups": lambda rows: sorted(
        ((r["key"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0] or "")
    ),
    "hop_evidence": lambda rows: len(rows),
    "expert_page": lambda rows: [(r["expert"], r["org"]) for r in rows],
    "expert_count": lambda rows: rows[0]["count"],
    "direct_partners": lambda rows: [(r["id"], float(r["weight"])) for r in rows],
    "direct_partners_in_place": lambda rows: [(r["id"], float(r["weight"])) for r in rows],
    "partner_groups": lambda rows: sorted(
        ((r["key"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0] or "")
    ),
    "partner_groups_in_place": lambda rows: sorted(
        ((r["key"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0] or "")
    ),
    "direct_partner_groups": lambda rows: sorted(
        ((r["key"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0] or "")
    ),
    "direct_partner_groups_in_place": lambda rows: sorted(
        ((r["key"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0] or "")
    ),
    "ties_between": lambda rows: sorted((r["source"], r["target"], r["weight"]) for r in rows),
    "pair_ties": lambda rows: sorted((r["other"], r["first_seen"]) for r in rows),
    "shared_agreements": lambda rows: [(r["other"], r["agreement"]) for r in rows],
    "unresolved_cities": lambda rows: [(r["id"], r["name"], r["country"], r["actors"]) for r in rows],
    "resolved_city_spellings": lambda rows: [
        (r["id"], r["name"], tuple(sorted(r["aliases"] or [])), r["country"]) for r in rows
    ],
    "city_resolution": lambda rows: sorted(
        ((r["resolved"], r["count"]) for r in rows), key=lambda x: (x[0] is None, x[0])
    ),
    "co_parties": lambda rows: [(r["id"], r["weight"], sorted(r["agreements"])) for r in rows],
    "entity_places": lambda rows: [(r["id"], r["place_id"]) for r in rows],
    "entity_documents": lambda rows: [r["id"] for r in rows],
    "search_index": lambda rows: [(r["id"], r["label"], r["name"]) for r in rows],
    "cooperation_edges": lambda rows: [(r["source"], r["target"], r["weight"]) for r in rows],
    "agreements": lambda rows: [(r["id"], sorted(r["parties"])) for r in rows],
    "node_labels": lambda rows: sorted((r["id"], r["label"]) for r in rows),
    "document_hashes": lambda rows: sorted((r["id"], r["sha256"]) for r in rows),
    "existing_edges": lambda rows: sorted((r["type"], r["source"], r["target"]) for r in rows),
    "existing_edges_unlabelled": lambda rows: sorted((r["type"], r["source"], r["target"]) for r in rows),
    "connections": lambda rows: sorted((r["source"], r["target"], r["type"]) for r in rows),
    "agreement_parties": lambda rows: sorted((r["agreement"], r["party"]) for r in rows),
    "party_edges": lambda rows: sorted((r["agreement"], r["party"]) for r in rows),
    "actor_ties": lambda rows: sorted((r["actor"], r["other"], r["weight"]) for r in rows),
    "actor_agreements": lambda rows: sorted((r["actor"], r["agreement"]) for r in rows),
    "any_node": len,
    "view_actors": lambda rows: sorted((r["id"], r["label"], r["name"]) for r in rows),
    "actor_places": lambda rows: [(r["id"], r["place_id"]) for r in rows],
    "actor_collaboration": lambda rows: sorted(
        (r["source"], r["target"], r["direct"], r["shared"], r["weight"]) for r in rows
    ),
    "actor_cooperation": lambda rows: sorted((r["source"], r["target"], r["weight"]) for r in rows),
    "collaboration_count": lambda rows: (
        (rows[0]["pairs"], rows[0]["direct"] or 0, rows[0]["shared"] or 0, rows[0]["both"] or 0)
        if rows
        else (0, 0, 0, 0)
    ),
    "collaboration_edges": lambda rows: sorted(
        (r["source"], r["target"], r["direct"], r["shared"], r["weight"]) for r in rows
    ),
    "node_edges": lambda rows: sorted({(r["type"], r["source"], r["target"]) for r in rows}),
    "edges_citing": lambda rows: sorted((r["type"], r["source"], r["target"]) for r in rows),
    "nodes_citing": lambda rows: sorted(r["id"] for r in rows),
    "nodes_with_edges": lambda rows: sorted(r["id"] for r in rows),
    "corrections": lambda rows: rows,
    "active_corrections": lambda rows: rows,
    "correction": lambda rows: rows,
    "export_corrections": lambda rows: rows,
}
REFERENCES: dict[str, Callable[[list[Node], list[Edge], dict[str, Any]], Any]] = {
    name: globals()[f"ref_{name}"] for name in SHAPES
}


# Read statements of one dialect with no reference here, and what holds them instead.
HELD_ELSEWHERE = {
    # the candidates of a name search from Neo4j's full-text index (Lucene's own matching and
    # ranking): tests/test_search_index.py holds the search they give to the keys in memory
    "actor_search": "neo4j",
}


def test_every_read_query_has_a_reference() -> None:
    for dialect in ("ladybug", "neo4j"):
        catalog = load_catalog(dialect)
        # a statement run by key stands in for its table form, which has the reference
        by_key = {q.by_key for q in catalog if q.by_key}
        elsewhere = {name for name, only in HELD_ELSEWHERE.items() if only == dialect}
        assert elsewhere <= set(catalog.names("read"))
        assert set(catalog.names("read")) - by_key - elsewhere == set(REFERENCES)


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def shared_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Each store's dialect of every read statement, held to the same reference."""
    store = make_store(request.param, Path(tmp_path_factory.mktemp("ref")))
    yield store
    store.close()


def slots_for(name: str, params: dict[str, Any], nodes: list[Node]) -> dict[str, str]:
    """The labels a statement names in its slots (LadybugDB's fast lookup by id), taken from
    its parameters; a list of ids is cut to those of the first one's label (unknown ids kept:
    they find nothing either way)."""
    query = load_catalog("ladybug").get(name)
    label_of = {n.id: n.label for n in nodes}
    slots: dict[str, str] = {}

    def same_label(items: list[Any], key: Any) -> str:
        known = [label_of[key(i)] for i in items if key(i) in label_of]
        label = known[0] if known else "Firm"
        items[:] = [i for i in items if label_of.get(key(i), label) == label]
        return label

    if "label" in query.slots:
        if "id" in params:
            slots["label"] = label_of.get(params["id"], "Firm")
        else:
            slots["label"] = same_label(params["ids"], lambda i: i)
    if "other_label" in query.slots:
        slots["other_label"] = same_label(params["others"], lambda i: i)
    listed = params.get("pairs", params.get("rows"))  # relationships, as type/source/target
    if "source_label" in query.slots and listed is not None:
        slots["source_label"] = same_label(listed, lambda p: p["source"])
        slots["target_label"] = same_label(listed, lambda p: p["target"])
    elif "source_label" in query.slots:
        slots["source_label"] = label_of.get(params["source"], "Firm")
        slots["target_label"] = label_of.get(params["target"], "Firm")
    return slots


def params_for(name: str, nodes: list[Node], edges: list[Edge], data: st.DataObject) -> dict[str, Any]:
    ids = [n.id for n in nodes] + ["firm:missing"]
    params: dict[str, Any] = {}
    query = load_catalog("ladybug").get(name)
    if name == "hop_evidence":  # one relationship: mostly one that is there
        known = [e.identity()[:3] for e in edges if e.type in PATH_TYPES]
        kind, source, target = data.draw(
            st.sampled_from([*known, *known, ("PARTY_TO", ids[0], "firm:missing")])
        )
        return {"type": kind, "source": source, "target": target}
    for param in query.params:
        if param == "id":
            params["id"] = data.draw(st.sampled_from(ids))
        elif param == "limit":
            # paths are compared as sets: ask for all of them
            high = 1000 if name.startswith("paths_") else 20
            params["limit"] = data.draw(st.integers(min_value=1 if high == 20 else 1000, max_value=high))
        elif param in ("source", "target"):
            params[param] = data.draw(st.sampled_from(ids))
        elif param == "pairs":
            pairs = [e.identity()[:3] for e in edges if e.type == "COOPERATES_WITH"] + [
                ("COOPERATES_WITH", ids[0], "firm:missing")
            ]
            chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=0, max_size=6, unique=True))
            params["pairs"] = [{"type": k, "source": s, "target": t, "key": ""} for k, s, t in chosen]
        elif param == "via":
            params["via"] = data.draw(
                st.sampled_from(["all", "agreement", "direct"] if "group" in name else ["all", "agreement"])
            )
        elif param in ("a_city", "b_city"):
            side = param[0]
            places = [n for n in nodes if n.label in ("City", "Country")]
            place = data.draw(st.sampled_from([None, None, *places]))
            by_name = data.draw(st.booleans())
            params[param] = "" if place is None else "Somewhere" if by_name else place.id
            params[f"{side}_city_key"] = (
                "" if place is None else name_key(place.name) if by_name else name_key(place.id)
            )
        elif param in ("a_label", "b_label"):
            params[param] = data.draw(st.sampled_from(["", "", "Firm", "University", "City"]))
        elif param in ("a_country", "b_country"):
            params[param] = data.draw(st.sampled_from(["", "", "DE", "FR"]))
        elif param == "flip":
            params["flip"] = data.draw(st.booleans())
        elif param == "same":
            params["same"] = data.draw(st.booleans())
        elif param == "label":
            params["label"] = data.draw(st.sampled_from(["", "Firm", "University", "City"]))
        elif param == "city":
            places = [n for n in nodes if n.label in ("City", "Country")]
            place = data.draw(
                st.sampled_from(places if name.endswith("_in_place") and places else [None, *places])
            )
            by_name = data.draw(st.booleans())
            params["city"] = "" if place is None else "Somewhere" if by_name else place.id
            params["city_key"] = (
                "" if place is None else name_key(place.name) if by_name else name_key(place.id)
            )
        elif param == "since":
            params["since"] = data.draw(st.sampled_from([0, 2019, 2021]))
        elif param == "until":
            params["until"] = data.draw(st.sampled_from([9999, 2019, 2021]))
        elif param == "skip":
            params["skip"] = data.draw(st.integers(min_value=0, max_value=3))
        elif param in ("party", "firm"):
            params[param] = data.draw(st.sampled_from(["", *ids]))
            if param == "firm":
                if data.draw(st.booleans()):
                    params["firm"] = data.draw(st.sampled_from(["N1", "n"]))
                params["firm_text"] = params["firm"].lower()
        elif param == "year":
            params["year"] = data.draw(st.sampled_from([0, 2019, 2020]))
            if "year_text" in query.params:
                params["year_text"] = str(params["year"]) if params["year"] else ""
        elif param == "kind":
            params["kind"] = data.draw(st.sampled_from(["", "mou", "project"]))
        elif param == "country":
            params["country"] = data.draw(st.sampled_from(["", "DE", "FR"]))
        elif param == "nationality":
            params["nationality"] = data.draw(st.sampled_from(["", "DE", "CN"]))
        elif param == "by":
            params["by"] = data.draw(
                st.sampled_from(["none", "label", "country" if name == "actor_groups" else "year"])
            )
        elif param == "others":
            params["others"] = data.draw(st.lists(st.sampled_from(ids), min_size=0, max_size=6, unique=True))
        elif param == "max_hops":
            params["max_hops"] = data.draw(st.integers(min_value=1, max_value=4))
        elif param == "ids":
            params["ids"] = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6))
        elif param == "doc":
            params["doc"] = data.draw(st.sampled_from([*DOCS, "d9"]))
        elif param == "needle":
            params["needle"] = '"doc":' + dumps(data.draw(st.sampled_from([*DOCS, "d9"])))
        elif param == "least":
            params["least"] = data.draw(st.integers(min_value=1, max_value=3))
        elif param == "number":
            params["number"] = data.draw(st.integers(1, 3))
        elif param == "active":
            params["active"] = data.draw(st.sampled_from([-1, 0, 1]))
        elif param in ("subject", "who", "at_since", "at_until"):
            params[param] = ""
        elif param == "rows":
            pairs = [e.identity()[:3] for e in edges] + [("COOPERATES_WITH", ids[0], "firm:missing")]
            chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=6))
            params["rows"] = [{"type": t, "source": s, "target": g, "key": ""} for t, s, g in chosen]
    return params


def load_afresh(store: Store, nodes: list[Node], edges: list[Edge]) -> None:
    """The store holding exactly these records, and the collaboration the loader keeps."""
    delete_everything(store)
    Writer(store).write(nodes, edges)
    touched = Touched()
    for e in edges:
        touched.edge(e.type, e.source, e.target)
    refresh(store, touched)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=graphs(), data=st.data())
def test_read_queries_match_the_reference(
    shared_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    graph: tuple[list[Node], list[Edge]],
    data: st.DataObject,
) -> None:
    nodes, edges = graph
    # LadybugDB's statements with a `by key` form: their table form or row by row
    monkeypatch.setattr(ladybug_store, "ROWS_BY_KEY", data.draw(st.sampled_from([0, 64]), "rows by key"))
    # and their SKIP and LIMIT as parameters (-1) or written into the text
    monkeypatch.setattr(
        ladybug_store, "LITERAL_LIMIT_MOST", data.draw(st.sampled_from([-1, 1000]), "literal paging")
    )
    load_afresh(shared_store, nodes, edges)
    for name in sorted(REFERENCES):
        params = params_for(name, nodes, edges, data)
        slots = slots_for(name, params, nodes)
        rows = shared_store.run(name, params, slots=slots)
        expected = REFERENCES[name](nodes, edges, params)
        assert SHAPES[name](rows) == expected, f"{name}({params})"


@pytest.mark.parametrize(
    ("one_by_one", "actors_one_by_one"),
    [(0, 100_000), (0, 0), (100_000, 100_000)],
    ids=["by-actor", "by-actor-from-every-tie", "by-pair"],
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=graphs(), data=st.data())
def test_collaboration_kept_write_by_write(
    shared_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    one_by_one: int,
    actors_one_by_one: int,
    graph: tuple[list[Node], list[Edge]],
    data: st.DataObject,
) -> None:
    """The relationships are written in three writes and the first again (a re-load), each
    followed by the refresh the loader runs (pair by pair, or every pair of each touched
    actor): COLLABORATES is then what the definition gives for the whole graph."""
    monkeypatch.setattr(collaboration_module, "PAIRS_ONE_BY_ONE", one_by_one)
    monkeypatch.setattr(collaboration_module, "ACTORS_READ_ONE_BY_ONE", actors_one_by_one)
    nodes, edges = graph
    cuts = sorted(data.draw(st.lists(st.integers(0, len(edges)), min_size=2, max_size=2)))
    delete_everything(shared_store)
    for part in (edges[: cuts[0]], edges[cuts[0] : cuts[1]], edges[cuts[1] :], edges[: cuts[1]]):
        Writer(shared_store).write(nodes, part)
        touched = Touched()
        for e in part:
            touched.edge(e.type, e.source, e.target)
        refresh(shared_store, touched)
    rows = shared_store.run("collaboration_edges")
    assert SHAPES["collaboration_edges"](rows) == ref_collaboration_edges(nodes, edges, {})
    years = {(r["source"], r["target"]): (r["first_seen"], r["last_seen"]) for r in rows}
    expected = {pair: found or (None, None) for pair, found in collaboration_years(nodes, edges).items()}
    assert years == {pair: expected[pair] for pair in years}


def test_a_direct_pair_is_active_in_its_stated_tie_s_years(shared_store: Store) -> None:
    """By 'direct' a pair is active in the years of its stated tie, not of agreements it
    also shares (generated graphs seldom have both with years)."""
    nodes = [
        Node(label="Firm", id="firm:a", name="A"),
        Node(label="Firm", id="firm:b", name="B"),
        Node(label="Agreement", id="agreement:g", name="G", props={"year": 2022}),
    ]
    edges = [
        Edge(
            type="COOPERATES_WITH",
            source="firm:a",
            target="firm:b",
            props={"weight": 1.0, "first_seen": 2019},
        ),
        Edge(type="PARTY_TO", source="firm:a", target="agreement:g"),
        Edge(type="PARTY_TO", source="firm:b", target="agreement:g"),
    ]
    load_afresh(shared_store, nodes, edges)
    groups = {f"{s}_{k}": "" for s in "ab" for k in ("city", "city_key", "label", "country")}
    for via, year, expected in (
        ("direct", 2022, 0),
        ("direct", 2019, 1),
        ("all", 2022, 1),
        ("all", 2023, 0),
    ):
        params = {**groups, "a_label": "Firm", "via": via, "year": year}
        assert shared_store.run("group_pair_count", params)[0]["count"] == expected, (via, year)
        assert ref_group_pair_count(nodes, edges, params) == expected, (via, year)


def test_a_group_from_its_place_answers_as_group_pairs_when_no_actor_is_in_both(shared_store: Store) -> None:
    """group_pairs_from_place gives group_pairs' answer when group_overlap finds no actor in
    both groups, the place itself in its group when named (a city that cooperates), found by
    its id or its name; where an actor is in both, the overlap says so (generated graphs
    seldom have a place that cooperates)."""
    nodes = [
        Node(label="City", id="city:chengdu", name="Chengdu"),
        Node(label="City", id="city:xian", name="Xi'an"),
        Node(label="Firm", id="firm:f", name="F"),
        Node(label="Firm", id="firm:g", name="G"),
        Node(label="University", id="university:u", name="U"),
    ]
    edges = [
        Edge(type="LOCATED_IN", source="firm:f", target="city:chengdu"),
        Edge(type="LOCATED_IN", source="firm:g", target="city:xian"),
        Edge(type="LOCATED_IN", source="university:u", target="city:xian"),
        Edge(type="COOPERATES_WITH", source="city:chengdu", target="university:u", props={"weight": 2.0}),
        Edge(type="COOPERATES_WITH", source="firm:f", target="university:u", props={"weight": 1.0}),
        Edge(type="COOPERATES_WITH", source="firm:f", target="firm:g", props={"weight": 1.0}),
    ]
    load_afresh(shared_store, nodes, edges)
    anywhere = {f"{s}_{k}": "" for s in "ab" for k in ("label", "country")}
    page = {"via": "all", "year": 0, "flip": False, "skip": 0, "limit": 50}
    for a_city, a_key in (("city:chengdu", name_key("city:chengdu")), ("Chengdu", "chengdu")):
        params = {
            **anywhere,
            "a_city": a_city,
            "a_city_key": a_key,
            "b_city": "city:xian",
            "b_city_key": "xian",
        }
        assert shared_store.run("group_overlap", params)[0]["count"] == 0
        expected = shared_store.run("group_pairs", {**params, **page})
        found = shared_store.run("group_pairs_from_place", {**params, **page, "same": False})
        shape = SHAPES["group_pairs"]
        assert (
            shape(found)
            == shape(expected)
            == [
                ("city:chengdu", "university:u", 2.0),
                ("firm:f", "firm:g", 1.0),
                ("firm:f", "university:u", 1.0),
            ]
        )
        counts = [
            shared_store.run("group_pair_count", {**params, "via": "all", "year": 0})[0]["count"],
            shared_store.run(
                "group_pair_count_from_place", {**params, "via": "all", "year": 0, "same": False}
            )[0]["count"],
        ]
        assert counts == [3, 3]
    same = {
        **anywhere,
        "a_city": "city:xian",
        "a_city_key": "xian",
        "b_city": "city:xian",
        "b_city_key": "xian",
    }
    assert shared_store.run("group_overlap", same)[0]["count"] == 3  # the city, G and U
    # one group twice ("within Xi'an"): each pair once, as group_pairs lists it
    edges.append(Edge(type="COOPERATES_WITH", source="firm:g", target="university:u", props={"weight": 3.0}))
    load_afresh(shared_store, nodes, edges)
    expected = shared_store.run("group_pairs", {**same, **page})
    found = shared_store.run("group_pairs_from_place", {**same, **page, "same": True})
    assert (
        SHAPES["group_pairs"](found) == SHAPES["group_pairs"](expected) == [("firm:g", "university:u", 3.0)]
    )
    counts = [
        shared_store.run("group_pair_count", {**same, "via": "all", "year": 0})[0]["count"],
        shared_store.run("group_pair_count_from_place", {**same, "via": "all", "year": 0, "same": True})[0][
            "count"
        ],
    ]
    assert counts == [1, 1]
