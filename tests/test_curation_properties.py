"""Corrections on generated graphs: whatever the graph and the correction, loading the same
records again leaves the corrected graph as it was, an undo gives the graph back, and the
collaboration kept equals the one recomputed from scratch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_loader import curate, undo
from graph_loader.curate import Written, enforce
from graph_loader.write.collaboration import Touched, refresh
from graph_loader.write.records import Edge, Node
from graph_loader.write.writer import Writer
from queries.store import Store, delete_everything
from tests.conftest import make_store
from tests.helpers import collaboration_as_defined, graph_state

DOCS = ("d1", "d2", "d3")


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    """Firms and universities in a town, ties between them, agreements they are party to
    (one party twice, under two keys), each record stated by one or two documents."""

    def provenance() -> list[dict[str, Any]]:
        docs = draw(st.lists(st.sampled_from(DOCS), min_size=1, max_size=2, unique=True))
        return [{"doc": d, "evidence": f"{d} says so"} for d in docs]

    labels = draw(st.lists(st.sampled_from(["Firm", "University"]), min_size=3, max_size=7))
    actors = [
        Node(
            label=label,
            id=f"{label.lower()}:a{i}",
            name=f"A{i}",
            aliases=[f"A{i} Ltd"],
            provenance=provenance(),
        )
        for i, label in enumerate(labels)
    ]
    places = [Node(label="City", id="city:t", name="T", provenance=provenance())]
    agreements = [
        Node(label="Agreement", id=f"agreement:g{i}", name=f"G{i}", provenance=provenance()) for i in range(2)
    ]
    edges: dict[tuple[str, ...], Edge] = {}
    for a in actors:
        if draw(st.booleans()):
            edge = Edge(type="LOCATED_IN", source=a.id, target="city:t", provenance=provenance())
            edges[edge.identity()] = edge
        for g in agreements:
            for key in draw(st.lists(st.sampled_from(["k1", "k2"]), max_size=2, unique=True)):
                edge = Edge(
                    type="PARTY_TO", source=a.id, target=g.id, props={"key": key}, provenance=provenance()
                )
                edges[edge.identity()] = edge
    for a, b in draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(actors)), max_size=6)):
        if a.id != b.id:
            edge = Edge(type="COOPERATES_WITH", source=a.id, target=b.id, provenance=provenance())
            edges[edge.identity()] = edge
    return [*actors, *places, *agreements], list(edges.values())


@st.composite
def corrections(draw: st.DrawFn, graph: tuple[list[Node], list[Edge]]) -> tuple[str, dict[str, Any]]:
    nodes, edges = graph
    actors = [n for n in nodes if n.label in ("Firm", "University")]
    kinds = ["rename", "retract", "split", *(["reject"] if edges else [])]
    same = [(a, b) for a in actors for b in actors if a.id != b.id and a.label == b.label]
    kinds += ["merge"] if same else []
    kind = draw(st.sampled_from(kinds))
    if kind == "merge":
        a, b = draw(st.sampled_from(same))
        return kind, {"entity": a.id, "into": b.id}
    if kind == "reject":
        edge = draw(st.sampled_from(edges))
        return kind, {
            "type": edge.type,
            "source": edge.source,
            "target": edge.target,
            "key": edge.props.get("key"),
        }
    if kind == "retract":
        return kind, {"doc": draw(st.sampled_from(DOCS))}
    entity = draw(st.sampled_from(actors))
    if kind == "split":
        return kind, {
            "entity": entity.id,
            "name": f"{entity.name} Ltd",
            "docs": [draw(st.sampled_from(DOCS))],
        }
    return kind, {"entity": entity.id, "name": "Renamed"}


def load(store: Store, nodes: list[Node], edges: list[Edge]) -> None:
    """What a load of these records does: write, collaboration, corrections in force."""
    Writer(store).write(nodes, edges)
    touched = Touched()
    for e in edges:
        touched.edge(e.type, e.source, e.target)
    refresh(store, touched)
    ids = {n.id for n in nodes} | {i for e in edges for i in (e.source, e.target)}
    docs = {p.doc for r in (*nodes, *edges) for p in r.provenance}
    enforce(store, Written(frozenset(ids), frozenset(docs)))


def says_so(store: Store, kind: str, args: dict[str, Any]) -> bool:
    """What the correction says holds in the store."""
    records = [orjson.loads(line) for line in graph_state(store)[0]]
    if kind == "retract":
        return all(p["doc"] != args["doc"] for r in records for p in r["provenance"])
    if kind == "reject":
        ends = {args["source"], args["target"]}
        return not any(
            r["kind"] == "edge"
            and r["type"] == args["type"]
            and {r["source"], r["target"]} == ends
            and r["props"].get("key") == args["key"]
            for r in records
        )
    nodes = {r["id"]: r for r in records if r["kind"] == "node"}
    if kind == "merge":
        return args["entity"] not in nodes and args["into"] in nodes
    if kind == "rename":
        return nodes[args["entity"]]["name"] == args["name"]
    return args["name"] not in nodes[args["entity"]]["aliases"]  # split


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = make_store("ladybug", Path(tmp_path_factory.mktemp("curation")))
    yield store
    store.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), graph=graphs())
def test_a_correction_holds_through_a_reload_and_undo_gives_the_graph_back(
    shared: Store, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    store = shared
    delete_everything(store)
    nodes, edges = graph
    load(store, nodes, edges)
    before = graph_state(store)
    kind, args = data.draw(corrections(graph))
    correction, _ = curate(store, kind, args, "tester")
    assert says_so(store, kind, args) and collaboration_as_defined(store), (kind, args)
    corrected = graph_state(store)
    load(store, nodes, edges)
    assert graph_state(store) == corrected, (kind, args)
    undo(store, correction.number, "tester")
    assert collaboration_as_defined(store), (kind, args)
    if kind == "retract":
        load(store, nodes, edges)  # a retraction lifted: the source loaded again restores it
    assert graph_state(store) == before, (kind, args)
