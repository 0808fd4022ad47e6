"""Who is central in the cooperation network: hubs (degree), brokers (betweenness), eigenvector.

Each function takes the cooperation graph `G` (nodes are actor ids, edges carry
`weight`) first, as networkx's own algorithms do.
"""

from __future__ import annotations

import random

import networkx as nx

from queries.analytics.projection import Edges, to_igraph

__all__ = ["betweenness", "centrality"]

METRICS = ("degree", "betweenness", "eigenvector")
# Betweenness is exact up to this many actors, and estimated from this many sampled sources
# beyond (seeded, so repeatable): 9 s at 100k actors / 1M pairs with igraph, 14 minutes with
# networkx (benchmarks/analytics_libraries.py).
EXACT_UP_TO = 2000
SAMPLED_SOURCES = 500


def centrality(G: nx.Graph | Edges, metric: str = "degree", *, weight: str | None = None) -> dict[str, float]:
    """Centrality of every node by `metric`.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> centrality(G, "degree")["b"]
    1.0
    >>> round(centrality(G, "betweenness")["b"], 2)
    1.0
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}")
    if isinstance(G, Edges):
        if not G.names:
            return {}
        if metric == "degree":  # as networkx: the share of the other nodes one is joined to
            if len(G.names) == 1:
                return {G.names[0]: 1.0}
            scale = 1.0 / (len(G.names) - 1)
            return {name: d * scale for name, d in zip(G.names, G.degrees().tolist(), strict=True)}
        if metric == "betweenness":
            return betweenness(G)
        G = G.to_networkx()
    if G.number_of_nodes() == 0:
        return {}
    if metric == "degree":
        return dict(nx.degree_centrality(G))
    if metric == "betweenness":
        return betweenness(G)
    try:
        return dict(nx.eigenvector_centrality(G, max_iter=1000, weight=weight))
    except nx.PowerIterationFailedConvergence:
        pass
    if nx.is_connected(G):
        return dict(nx.eigenvector_centrality_numpy(G, weight=weight))
    # disconnected and the power iteration did not settle: the numpy solver refuses such a
    # graph (no one answer), so the largest group of connected actors is scored, the rest 0
    largest = max(nx.connected_components(G), key=lambda c: (len(c), sorted(map(str, c))))
    scores = dict.fromkeys(G, 0.0)
    if len(largest) > 1:
        scores.update(nx.eigenvector_centrality_numpy(G.subgraph(largest), weight=weight))
    return scores


def betweenness(G: nx.Graph | Edges, sources: int | None = None, seed: int = 42) -> dict[str, float]:
    """Betweenness normalised as networkx normalises it (by the (n-1)(n-2)/2 pairs of other
    actors), unweighted; from `sources` sampled sources (default: all up to EXACT_UP_TO
    actors, SAMPLED_SOURCES beyond), scaled by n / sources as networkx's `k` is.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> betweenness(G)["b"]
    1.0
    """
    n = len(G.names) if isinstance(G, Edges) else G.number_of_nodes()
    if sources is None:
        sources = n if n <= EXACT_UP_TO else SAMPLED_SOURCES
    g, names = to_igraph(G, weight=None)
    if sources >= n:
        raw = g.betweenness(directed=False)
        scale = 1.0
    else:
        chosen = random.Random(seed).sample(range(n), sources)
        raw = g.betweenness(directed=False, sources=chosen)
        scale = n / sources
    # igraph counts each pair of an undirected graph once, networkx's normalised scale twice
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {names[i]: value * scale * norm for i, value in enumerate(raw)}
