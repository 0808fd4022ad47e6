"""The collaboration graph as igraph holds it: the analytics run there (C, no interpreter
lock held for minutes), while the view keeps networkx for everything else. What crosses to
the analytics process is `Edges`, the graph as arrays (16 bytes per pair, against about 2 GB
for a pickled networkx graph of 3.2 million pairs)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np

# igraph draws its random numbers from one module-wide generator: seeded runs take turns
_SEEDED = threading.Lock()


@dataclass(frozen=True)
class Edges:
    """An undirected graph as arrays: node i is names[i]; pair k joins sources[k] and
    targets[k] with weights[k] (1.0 where the graph gave none)."""

    names: list[str]
    sources: np.ndarray
    targets: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, G: nx.Graph, weight: str = "weight") -> Edges:
        names = list(G.nodes)
        index = {n: i for i, n in enumerate(names)}
        count = G.number_of_edges()
        sources = np.empty(count, dtype=np.int32)
        targets = np.empty(count, dtype=np.int32)
        weights = np.empty(count, dtype=np.float64)
        for k, (a, b, d) in enumerate(G.edges(data=True)):
            sources[k], targets[k], weights[k] = index[a], index[b], float(d.get(weight, 1.0) or 1.0)
        return cls(names, sources, targets, weights)

    def degrees(self) -> np.ndarray:
        """How many pairs each node is in."""
        n = len(self.names)
        return np.bincount(self.sources, minlength=n) + np.bincount(self.targets, minlength=n)

    def to_networkx(self) -> nx.Graph:
        G = nx.Graph()
        G.add_nodes_from(self.names)
        G.add_weighted_edges_from(
            (self.names[a], self.names[b], w)
            for a, b, w in zip(
                self.sources.tolist(), self.targets.tolist(), self.weights.tolist(), strict=True
            )
        )
        return G


def to_igraph(G: nx.Graph | Edges, weight: str | None = "weight") -> tuple[ig.Graph, list[str]]:
    """An undirected igraph of G (vertex i is names[i]); edges carry `weight` (1.0 if absent)."""
    edges = G if isinstance(G, Edges) else Edges.of(G, weight or "weight")
    g = ig.Graph(n=len(edges.names), edges=np.column_stack([edges.sources, edges.targets]).tolist())
    if weight is not None:
        g.es["weight"] = edges.weights.tolist()
    return g, edges.names


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
