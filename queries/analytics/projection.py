"""The collaboration graph as igraph holds it: the analytics run there (C, no interpreter
lock held for minutes), while the view keeps networkx for everything else."""

from __future__ import annotations

import threading

import igraph as ig
import networkx as nx

# igraph draws its random numbers from one module-wide generator: seeded runs take turns
_SEEDED = threading.Lock()


def to_igraph(G: nx.Graph, weight: str | None = "weight") -> tuple[ig.Graph, list[str]]:
    """An undirected igraph of G (vertex i is names[i]); edges carry `weight` (1.0 if absent)."""
    names = list(G.nodes)
    index = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in G.edges])
    if weight is not None:
        g.es["weight"] = [float(d.get(weight, 1.0) or 1.0) for _, _, d in G.edges(data=True)]
    return g, names


class seeded:  # noqa: N801 - used as `with seeded(42):`
    """igraph's random numbers drawn from random.Random(seed) for the block, one block at a time."""

    def __init__(self, seed: int | None) -> None:
        self.seed = seed

    def __enter__(self) -> None:
        import random

        _SEEDED.acquire()
        ig.set_random_number_generator(random.Random(self.seed))

    def __exit__(self, *_: object) -> None:
        import random

        ig.set_random_number_generator(random)
        _SEEDED.release()
