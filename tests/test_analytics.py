"""The analytics (queries/analytics/, on igraph) held to networkx's definitions on generated
graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queries.analytics import centrality, communities
from queries.analytics.centrality import betweenness
from queries.analytics.projection import Edges


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    n = draw(st.integers(min_value=1, max_value=30))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80))
    G = nx.Graph()
    G.add_nodes_from(f"n{i}" for i in range(n))
    G.add_weighted_edges_from((f"n{a}", f"n{b}", 1.0 + (a + b) % 3) for a, b in pairs if a != b)
    return G


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_betweenness_is_networkx_betweenness(G: nx.Graph) -> None:
    expected = nx.betweenness_centrality(G)
    found = betweenness(G)
    assert found.keys() == expected.keys()
    assert all(found[k] == pytest.approx(expected[k], abs=1e-12) for k in expected)


def test_sampled_betweenness_is_scaled_as_networkx_scales_it() -> None:
    # scaled by n / sources, the estimates average out at the exact value
    H = nx.relabel_nodes(nx.gnm_random_graph(200, 600, seed=3), str)
    exact = nx.betweenness_centrality(H)
    top = max(exact, key=lambda k: exact[k])
    estimates = [betweenness(H, sources=50, seed=seed)[top] for seed in range(40)]
    assert sum(estimates) / len(estimates) == pytest.approx(exact[top], rel=0.1)
    assert betweenness(H, sources=50, seed=1) == betweenness(H, sources=50, seed=1)  # seeded


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_communities_partition_the_graph_repeatably(G: nx.Graph) -> None:
    found = communities(G)
    members = [m for group in found for m in group]
    assert sorted(members) == sorted(G.nodes) and len(members) == len(set(members))
    assert found == communities(G)
    assert [len(g) for g in found] == sorted((len(g) for g in found), reverse=True)
    if G.number_of_edges():
        # as good a partition as networkx's Louvain, give or take
        louvain = nx.community.louvain_communities(G, weight="weight", seed=42)
        ours = nx.community.modularity(G, [set(g) for g in found], weight="weight")
        assert ours >= nx.community.modularity(G, louvain, weight="weight") - 0.05


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_the_arrays_sent_to_the_analytics_process_give_the_graph_s_answers(G: nx.Graph) -> None:
    """The view sends Edges (arrays), not its networkx graph, to the analytics process."""
    edges = Edges.of(G)
    for metric in ("degree", "betweenness", "eigenvector"):
        expected = centrality(G, metric)
        found = centrality(edges, metric)
        assert found.keys() == expected.keys()
        assert all(found[k] == pytest.approx(expected[k], abs=1e-9) for k in expected), metric
    assert communities(edges) == communities(G)
    assert nx.utils.graphs_equal(edges.to_networkx(), G)
