"""The in-memory path search against networkx, on generated graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from queries.analytics.paths import COLLABORATION_TYPES, PATH_TYPES, Links

NODES = [f"n{i}" for i in range(12)]


@st.composite
def graphs(draw: st.DrawFn) -> list[dict[str, str]]:
    edges = draw(
        st.lists(
            st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.sampled_from(PATH_TYPES)),
            max_size=40,
            unique=True,
        )
    )
    return [{"source": a, "target": b, "type": t} for a, b, t in edges if a != b]


@settings(max_examples=300, deadline=None)
@given(
    rows=graphs(),
    source=st.sampled_from(NODES),
    target=st.sampled_from(NODES),
    hops=st.integers(1, 4),
    types=st.sampled_from([COLLABORATION_TYPES, PATH_TYPES]),
    built=st.integers(0, 40),
    again=st.booleans(),
)
def test_same_shortest_paths_as_networkx(
    rows: list[dict[str, str]],
    source: str,
    target: str,
    hops: int,
    types: tuple[str, ...],
    built: int,
    again: bool,
) -> None:
    """Built from the first `built` relationships, the rest added as writes add them (some
    twice, as a re-written relationship comes again): the paths of the whole graph."""
    links = Links(rows[:built])
    added = rows[built:] + (rows[: built // 2] if again else [])
    assert links.add(added) == len(rows) - min(built, len(rows))
    found = links.shortest_paths(source, target, hops, limit=10_000, types=types)
    graph = nx.Graph()
    graph.add_edges_from((r["source"], r["target"]) for r in rows if r["type"] in types)
    expected: set[tuple[str, ...]] = set()
    if source != target and source in graph and target in graph and nx.has_path(graph, source, target):
        expected = {tuple(p) for p in nx.all_shortest_paths(graph, source, target) if len(p) - 1 <= hops}
    assert {tuple([p[0].source] + [h.target for h in p]) for p in found} == expected
    stored = {(r["type"], r["source"], r["target"]) for r in rows}
    for path in found:
        for hop in path:  # every hop is a stored relationship, walked either way
            assert hop.type in types
            assert (hop.type, hop.stored_source, hop.stored_target) in stored
            assert {hop.source, hop.target} == {hop.stored_source, hop.stored_target}
    # one path per distinct sequence of nodes and types
    assert len({tuple((h.source, h.type) for h in p) for p in found}) == len(found)


def test_the_limit_is_kept_and_the_order_is_stable() -> None:
    rows = [{"source": "s", "target": f"m{i}", "type": "COOPERATES_WITH"} for i in range(30)]
    rows += [{"source": f"m{i}", "target": "t", "type": "PARTY_TO"} for i in range(30)]
    links = Links(rows)
    first = links.shortest_paths("s", "t", 4, limit=25)
    assert len(first) == 25 and first == links.shortest_paths("s", "t", 4, limit=25)
