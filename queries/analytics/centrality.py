"""Who is central in the cooperation network: hubs (degree), brokers (betweenness), eigenvector.

Each function takes the cooperation graph `G` (nodes are actor ids, edges carry
`weight`) first, as networkx's own algorithms do.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["centrality"]

METRICS = ("degree", "betweenness", "eigenvector")


def centrality(G: nx.Graph, metric: str = "degree", *, weight: str | None = None) -> dict[str, float]:
    """Centrality of every node by `metric`.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> centrality(G, "degree")["b"]
    1.0
    >>> round(centrality(G, "betweenness")["b"], 2)
    1.0
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}")
    if G.number_of_nodes() == 0:
        return {}
    if metric == "degree":
        return dict(nx.degree_centrality(G))
    if metric == "betweenness":
        # exact up to a few thousand nodes; sampled beyond (seeded, so repeatable)
        k = None if G.number_of_nodes() <= 2000 else 500
        return dict(nx.betweenness_centrality(G, k=k, seed=42))
    try:
        return dict(nx.eigenvector_centrality(G, max_iter=1000, weight=weight))
    except nx.PowerIterationFailedConvergence:
        return dict(nx.eigenvector_centrality_numpy(G, weight=weight))
