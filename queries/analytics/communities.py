"""Communities of the cooperation network (Louvain)."""

from __future__ import annotations

import networkx as nx

__all__ = ["communities"]


def communities(G: nx.Graph, *, weight: str = "weight", seed: int | None = 42) -> list[list[str]]:
    """Groups of actors that cooperate more among themselves than with others, largest first.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if G.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
