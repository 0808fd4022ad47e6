"""Network analytics over the collaboration graph, made once per graph version (each view
keeps what it has computed)."""

from __future__ import annotations

import time

from queries.view import GraphView
from serving.paging import meta
from serving.schemas import Community, CommunityList, EntitySummary, Score, ScoreList


def _scores(view: GraphView, ranked: list[tuple[str, float]]) -> list[Score]:
    return [
        Score(id=i, name=view.actors[i].name, label=view.actors[i].label, score=round(s, 6))
        for i, s in ranked
    ]


def centrality(
    view: GraphView,
    metric: str = "degree",
    label: str | None = None,
    top: int = 10,
    year: int | None = None,
    via: str = "all",
) -> ScoreList:
    """Hubs (degree), brokers (betweenness) and influential actors (eigenvector), best first."""
    started = time.perf_counter()
    scores = view.centrality(metric, year, via)
    ranked = sorted(
        ((i, s) for i, s in scores.items() if label is None or view.actors[i].label == label),
        key=lambda x: (-x[1], x[0]),
    )
    return ScoreList(meta=meta(len(ranked), started), metric=metric, results=_scores(view, ranked[:top]))


def brokers(view: GraphView, top: int = 10, year: int | None = None, via: str = "all") -> ScoreList:
    """Actors that bridge otherwise separate groups: the highest betweenness."""
    started = time.perf_counter()
    scores = view.centrality("betweenness", year, via)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    return ScoreList(meta=meta(len(ranked), started), metric="betweenness", results=_scores(view, ranked))


def communities(
    view: GraphView, year: int | None = None, min_size: int = 2, via: str = "all"
) -> CommunityList:
    """Groups that collaborate among themselves (Louvain), of at least `min_size` actors."""
    started = time.perf_counter()
    groups = [g for g in view.communities(year, via) if len(g) >= min_size]
    results = [
        Community(
            size=len(g),
            members=[EntitySummary(id=i, label=view.actors[i].label, name=view.actors[i].name) for i in g],
        )
        for g in groups
    ]
    return CommunityList(meta=meta(len(results), started), results=results)
