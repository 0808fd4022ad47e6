"""Which library computes the analytics at 100k actors / 1M collaborating pairs.

    python benchmarks/analytics_libraries.py [--nodes 100000] [--pairs 1000000] [--samples 500]
                                             [--skip-networkx-betweenness]

Generates a seeded collaboration graph shaped like grant participations (agreements of 2-45
parties drawn with power-law participation; every two parties of one agreement collaborate,
weight = agreements shared) until it has the requested pairs, then times, on each library,
from the networkx graph the view holds:
  - the conversion from networkx (igraph, networkit);
  - communities: Louvain (networkx, igraph multilevel, networkit PLM) and Leiden (leidenalg),
    with the modularity each partition reaches (computed by igraph for all of them);
  - approximate betweenness from `--samples` sampled sources (networkx k=..., igraph with a
    sampled source set, networkit EstimateBetweenness), and how many of the networkx
    top 20 each finds in its own top 20.
networkx betweenness at 1M pairs takes tens of minutes: it is timed on 20 sources and scaled
to `--samples` (said so in its row), or skipped. Last, the functions the API runs
(queries.analytics), timed the same way; `--shipped-only` times only those.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import leidenalg
import networkit as nk
import networkx as nx

from queries.analytics.centrality import betweenness
from queries.analytics.communities import RUNS, communities


def collaboration_graph(nodes: int, pairs: int, seed: int = 5) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.Graph()
    graph.add_nodes_from(f"a{i}" for i in range(nodes))
    made = 0  # number_of_edges() walks every node
    while made < pairs:
        size = max(2, min(45, int(rng.lognormvariate(2.0, 0.6))))
        members = {
            f"a{min(int(rng.paretovariate(0.9)) - 1, nodes - 1) if rng.random() < 0.5 else rng.randrange(nodes)}"
            for _ in range(size)
        }
        members_list = sorted(members)
        for i, a in enumerate(members_list):
            for b in members_list[i + 1 :]:
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1.0
                else:
                    graph.add_edge(a, b, weight=1.0)
                    made += 1
    return graph


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def to_igraph(graph: nx.Graph) -> tuple[ig.Graph, list[str]]:
    names = list(graph.nodes)
    index = {n: i for i, n in enumerate(names)}
    edges = [(index[a], index[b]) for a, b in graph.edges]
    weights = [d["weight"] for _, _, d in graph.edges(data=True)]
    g = ig.Graph(n=len(names), edges=edges)
    g.es["weight"] = weights
    return g, names


def to_networkit(graph: nx.Graph) -> tuple[nk.Graph, list[str]]:
    names = list(graph.nodes)
    index = {n: i for i, n in enumerate(names)}
    g = nk.Graph(len(names), weighted=True)
    for a, b, d in graph.edges(data=True):
        g.addEdge(index[a], index[b], d["weight"])
    return g, names


def modularity(g: ig.Graph, membership: list[int]) -> float:
    return float(g.modularity(membership, weights="weight"))


def membership(names: list[str], groups: list[set[str]] | list[list[str]]) -> list[int]:
    """Each vertex's group number (vertices in the order of `names`)."""
    index = {n: i for i, n in enumerate(names)}
    out = [0] * len(names)
    for number, group in enumerate(groups):
        for name in group:
            out[index[name]] = number
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--skip-networkx-betweenness", action="store_true")
    parser.add_argument(
        "--shipped-only", action="store_true", help="time only what the API runs (queries.analytics)"
    )
    args = parser.parse_args()

    graph, seconds = timed(lambda: collaboration_graph(args.nodes, args.pairs))
    print(
        f"graph: {graph.number_of_nodes():,} actors, {graph.number_of_edges():,} pairs ({seconds:.0f} s to make)"
    )
    shipped = shipped_rows(graph, args.samples)
    if args.shipped_only:
        print_rows(shipped)
        return
    (ig_graph, ig_names), ig_convert = timed(lambda: to_igraph(graph))
    (nk_graph, nk_names), nk_convert = timed(lambda: to_networkit(graph))
    print(f"conversion from networkx: igraph {ig_convert:.1f} s, networkit {nk_convert:.1f} s")
    nk.setSeed(42, False)

    rows: list[tuple[str, str, float, str]] = []
    found, s = timed(lambda: nx.community.louvain_communities(graph, weight="weight", seed=42))
    rows.append(
        (
            "communities",
            "networkx louvain_communities",
            s,
            f"modularity {modularity(ig_graph, membership(ig_names, found)):.3f}",
        )
    )
    found, s = timed(lambda: ig_graph.community_multilevel(weights="weight"))
    rows.append(
        (
            "communities",
            "igraph community_multilevel",
            s,
            f"modularity {modularity(ig_graph, found.membership):.3f}",
        )
    )
    found, s = timed(
        lambda: leidenalg.find_partition(
            ig_graph, leidenalg.ModularityVertexPartition, weights="weight", seed=42
        )
    )
    rows.append(
        (
            "communities",
            "leidenalg (Leiden, modularity)",
            s,
            f"modularity {modularity(ig_graph, found.membership):.3f}",
        )
    )
    found, s = timed(
        lambda: nk.community.detectCommunities(nk_graph, algo=nk.community.PLM(nk_graph, True), inspect=False)
    )
    nk_membership = [found.subsetOf(i) for i in range(nk_graph.numberOfNodes())]
    rows.append(("communities", "networkit PLM", s, f"modularity {modularity(ig_graph, nk_membership):.3f}"))

    k = args.samples
    reference: list[str] = []
    if not args.skip_networkx_betweenness:
        few = 20
        scores, s = timed(lambda: nx.betweenness_centrality(graph, k=few, seed=42))
        reference = sorted(scores, key=lambda n: -scores[n])[:20]
        rows.append(("betweenness", f"networkx k={few}, scaled to k={k}", s * k / few, "top 20: reference"))

    def overlap(top: list[str]) -> str:
        return f"top 20: {len(set(top) & set(reference))} of networkx's" if reference else ""

    sources = random.Random(42).sample(range(ig_graph.vcount()), min(k, ig_graph.vcount()))
    scores, s = timed(lambda: ig_graph.betweenness(directed=False, sources=sources))
    top = [ig_names[i] for i in sorted(range(len(scores)), key=lambda i: -scores[i])[:20]]
    rows.append(("betweenness", f"igraph, {k} sampled sources", s, overlap(top)))
    estimate = nk.centrality.EstimateBetweenness(nk_graph, k, True, True)
    _, s = timed(estimate.run)
    top = [nk_names[i] for i, _ in estimate.ranking()[:20]]
    rows.append(("betweenness", f"networkit EstimateBetweenness, {k} samples", s, overlap(top)))

    print_rows(rows + shipped)


def shipped_rows(graph: nx.Graph, samples: int) -> list[tuple[str, str, float, str]]:
    """What the API runs (queries.analytics, the conversion to igraph included): the
    communities as the best of its seeded Louvain runs, betweenness from `samples` sources."""
    found, s = timed(lambda: communities(graph))
    g, names = to_igraph(graph)
    rows = [
        (
            "communities",
            f"shipped: queries.analytics communities (best of {RUNS} seeded runs)",
            s,
            f"modularity {modularity(g, membership(names, found)):.3f}",
        )
    ]
    _, s = timed(lambda: betweenness(graph, sources=samples))
    rows.append(("betweenness", f"shipped: queries.analytics betweenness, {samples} sources", s, ""))
    return rows


def print_rows(rows: list[tuple[str, str, float, str]]) -> None:
    print()
    print("| analytic | library | seconds | quality |")
    print("|---|---|---|---|")
    for analytic, library, seconds, quality in rows:
        print(f"| {analytic} | {library} | {seconds:.1f} | {quality} |")


if __name__ == "__main__":
    main()
