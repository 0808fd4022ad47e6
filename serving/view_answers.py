"""The answers made from the view of the graph (queries.view.GraphView), by name, and the
heavy reads of the store answered beside it.

Routes ask for them by name with their parameters, never by handing over a function: the
view lives in a process of its own (api.view_process), which answers only these names.
Each takes the store and the view the process holds; what it returns is pickled back. The
heavy reads need no view: they are there for the process's own opening of the store, whose
engine memory (a scan of every collaboration between two large cities took LadybugDB 2 GB)
then stays out of the API's process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from queries.store import Store
from queries.view import GraphView
from serving import analytics, collaborations, regions
from serving.map import build_map
from serving.pages import home
from serving.views import build_view


def _centrality(store: Store, view: GraphView, **params: Any) -> Any:
    return analytics.centrality(view, **params)


def _brokers(store: Store, view: GraphView, **params: Any) -> Any:
    return analytics.brokers(view, **params)


def _communities(store: Store, view: GraphView, **params: Any) -> Any:
    return analytics.communities(view, **params)


def _city_matrix(store: Store, view: GraphView, **params: Any) -> Any:
    return regions.city_matrix(view, **params)


def _region(store: Store, view: GraphView, **params: Any) -> Any:
    return regions.profile(view, **params)


ANSWERS: dict[str, Callable[..., Any]] = {
    "centrality": _centrality,
    "brokers": _brokers,
    "communities": _communities,
    "city_matrix": _city_matrix,
    "region": _region,
    "home": home,
    "map": build_map,
    "page": build_view,
}


def answer(store: Store, view: GraphView, name: str, params: dict[str, Any]) -> Any:
    """The answer `name` with `params`, from `view` (and the store for what it reads there)."""
    return ANSWERS[name](store, view, **params)


READS: dict[str, Callable[..., Any]] = {
    "collaborations": collaborations.collaborations,
}


def read(store: Store, name: str, params: dict[str, Any]) -> Any:
    """The heavy read `name` with `params`, from the store alone."""
    return READS[name](store, **params)
