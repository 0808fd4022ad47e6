"""The collaboration graph as columns (queries.analytics.ties) against networkx built from the
same rows, on generated graphs: selections by year and kind, partners, reach, subgraphs."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from queries.analytics.ties import Ties

NODES = [f"n{i}" for i in range(10)]
YEARS = st.one_of(st.none(), st.integers(2010, 2016))
PAIR_COLUMNS = ("source", "target", "direct", "shared", "weight", "first_seen", "last_seen")
TIE_COLUMNS = ("source", "target", "first_seen", "last_seen")


def table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pa.Table:
    """Rows as the store's columns() gives them (an empty read has no columns on Neo4j)."""
    if not rows:
        return pa.table({})
    return pa.Table.from_pylist(rows, schema=None).select(list(columns))


@st.composite
def collaboration(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """collaboration_edges rows (each pair once, smaller id first) and cooperation_edges rows
    (a stated tie's years, either way round) for some of the pairs with a direct weight."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=30))
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b in pairs:
        if a == b:
            continue
        direct = draw(st.sampled_from([0.0, 0.5, 1.0, 2.0]))
        shared = draw(st.integers(0 if direct else 1, 3))
        first = draw(YEARS)
        last = draw(YEARS) if first is not None else None
        rows[(min(a, b), max(a, b))] = {
            "source": min(a, b),
            "target": max(a, b),
            "direct": direct,
            "shared": shared,
            "weight": direct + shared,
            "first_seen": first,
            "last_seen": max(first, last) if first is not None and last is not None else last,
        }
    ties = []
    for (a, b), row in rows.items():
        if row["direct"]:
            first = draw(YEARS)
            way = draw(st.booleans())
            ties.append(
                {
                    "source": a if way else b,
                    "target": b if way else a,
                    "first_seen": first,
                    "last_seen": first,
                }
            )
    return list(rows.values()), ties


def reference(rows: list[dict[str, Any]], ties: list[dict[str, Any]], year: int | None, via: str) -> nx.Graph:
    """The selection as the definition says it: the weight by `via` (the stated tie's, the
    shared agreements', both), kept when not 0 and, for a year, active in it by the years of
    that kind (no first year: any; no last year: the first)."""
    tie_years = {tuple(sorted((t["source"], t["target"]))): t for t in ties}
    G = nx.Graph()
    G.add_nodes_from(NODES)
    for row in rows:
        pair = (row["source"], row["target"])
        weight = {"direct": row["direct"], "agreement": float(row["shared"]), "all": row["weight"]}[via]
        if not weight:
            continue
        years = tie_years.get(pair, {}) if via == "direct" else row
        first, last = years.get("first_seen"), years.get("last_seen")
        if year is not None:
            first = first or year
            if not first <= year <= (last or first):
                continue
        G.add_edge(*pair, weight=weight, direct=row["direct"], shared=row["shared"])
        G.edges[pair]["tie_first_seen"] = tie_years.get(pair, {}).get("first_seen")
    return G


@settings(max_examples=300, deadline=None)
@given(
    graph=collaboration(),
    year=YEARS,
    via=st.sampled_from(["all", "direct", "agreement"]),
    node=st.sampled_from(NODES),
    hops=st.integers(1, 3),
    members=st.sets(st.sampled_from(NODES)),
)
def test_same_answers_as_networkx(
    graph: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    year: int | None,
    via: str,
    node: str,
    hops: int,
    members: set[str],
) -> None:
    rows, ties = graph
    expected = reference(rows, ties, year, via)
    found = Ties.build(NODES, table(rows, PAIR_COLUMNS), table(ties, TIE_COLUMNS)).year_slice(year, via)

    assert found.number_of_edges() == expected.number_of_edges()
    assert {frozenset(p) for p in found.pairs()} == {frozenset(e) for e in expected.edges}
    for a, b, tie in found.edges():
        want = expected.edges[a, b]
        assert (tie["weight"], tie["direct"], tie["shared"]) == (
            want["weight"],
            want["direct"],
            want["shared"],
        )
        assert tie["tie_first_seen"] == want["tie_first_seen"]
    assert {n: found.degree(n) for n in NODES} == dict(expected.degree())
    assert set(found.partners(node)) == set(expected[node])
    assert found.within(node, hops) == set(nx.ego_graph(expected, node, radius=hops))
    sub = found.subgraph(members)
    assert set(sub.nodes) == members
    assert {frozenset(e) for e in sub.edges} == {frozenset(e) for e in expected.subgraph(members).edges}
    touching = {frozenset((a, b)) for a, b, _ in found.edges(found.rows_touching(members))}
    assert touching == {frozenset(e) for e in expected.edges if set(e) & members}
    analysed = found.as_edges()
    assert sorted(analysed.weights.tolist()) == sorted(w for _, _, w in expected.edges(data="weight"))
