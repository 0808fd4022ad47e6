"""Communities of the collaboration network (Louvain, igraph's multilevel algorithm: 2 s at
100k actors / 1M pairs against 40 s for networkx's; benchmarks/analytics_libraries.py)."""

from __future__ import annotations

import networkx as nx

from queries.analytics.projection import Edges, seeded, to_igraph

__all__ = ["communities"]


# Seeded Louvain runs of which the best partition is kept.
RUNS = 5


def communities(G: nx.Graph | Edges, *, weight: str = "weight", seed: int | None = 42) -> list[list[str]]:
    """Groups of actors that cooperate more among themselves than with others, largest first.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    g, names = to_igraph(G, weight)
    if not names:
        return []
    # Louvain can stop at a poor local optimum on small sparse graphs (one community of a
    # tree: modularity 0 where a split gives 0.11); the best of five seeded runs did not, on
    # 3,000 random small graphs; five runs take 20 s at 100k/1M with the conversion (target
    # 30 s; benchmarks/analytics_libraries.py --shipped-only)
    runs = []
    for offset in range(RUNS):
        with seeded(None if seed is None else seed + offset):
            runs.append(g.community_multilevel(weights="weight" if g.ecount() else None))
    found = max(runs, key=lambda c: c.modularity)
    groups: dict[int, list[str]] = {}
    for vertex, group in enumerate(found.membership):
        groups.setdefault(group, []).append(names[vertex])
    return sorted((sorted(c) for c in groups.values()), key=lambda c: (-len(c), c))
