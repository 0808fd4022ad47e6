"""Dependencies of the routes: the store, the cached graph view, settings and the write key."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.heavy import HeavyPool
from api.settings import Settings
from queries.analytics.paths import Links
from queries.store import Store
from queries.view import GraphView
from serving.path_index import PathIndex


class ViewCache:
    """The view of the graph the API answers from. Once built, a read never waits: after a
    write the ingest writer builds the next view while the previous one keeps answering.
    Each view's analytics are made on the pool of heavy reads, keyed by the view's version."""

    def __init__(self, store: Store, heavy: HeavyPool) -> None:
        self._store = store
        self._heavy = heavy
        self._lock = threading.Lock()
        self._view: GraphView | None = None
        self._stale = False
        self._version = 0

    def _build(self) -> GraphView:
        self._version += 1
        version = self._version
        view = GraphView(
            self._store, lambda key, fn, arguments: self._heavy.run_elsewhere((version, key), fn, arguments)
        )
        threading.Thread(target=_analyse, args=(view,), name=f"analytics-v{version}", daemon=True).start()
        return view

    def get(self) -> GraphView:
        view = self._view
        if view is not None:
            return view
        with self._lock:  # the first build: requests that come meanwhile wait for it
            if self._view is None:
                self._view = self._build()
            return self._view

    def refresh(self) -> None:
        """Build the view of the graph as it is now and put it in place of the old one."""
        with self._lock:
            try:
                self._view = self._build()
            except BaseException:
                self._stale = True
                raise
            self._stale = False

    def state(self) -> str:
        """Whether the first view is "building", "ready" (it shows every acknowledged write)
        or "stale" (the rebuild after the last write failed; the next write tries again)."""
        if self._view is None:
            return "building"
        return "stale" if self._stale else "ready"


# What the home page and the analytics routes ask for most, computed for each graph version
# as soon as it is built, on the analytics pool (a request for one of them meanwhile joins
# the computation under way instead of starting its own).
WARM_ANALYTICS: tuple[Callable[[GraphView], object], ...] = (
    lambda view: view.centrality("degree"),
    lambda view: view.communities(),
    lambda view: view.centrality("betweenness"),
)


def _analyse(view: GraphView) -> None:
    for analytic in WARM_ANALYTICS:
        try:
            analytic(view)
        except Exception:  # noqa: BLE001 - busy, timed out or shut down: a request computes it later
            return


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_view(request: Request) -> GraphView:
    return request.app.state.views.get()  # type: ignore[no-any-return]


def get_links(request: Request) -> Links | None:
    """The in-memory path index, if the store has one and it is built (serving.path_index)."""
    index: PathIndex | None = request.app.state.paths
    return index.get() if index is not None else None


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_heavy(request: Request) -> HeavyPool:
    return request.app.state.heavy  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
ViewDep = Annotated[GraphView, Depends(get_view)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
HeavyDep = Annotated[HeavyPool, Depends(get_heavy)]
LinksDep = Annotated["Links | None", Depends(get_links)]


def require_write_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Header(description="A write key.")] = None
) -> None:
    """401 without a key, 403 with a wrong one; compared in constant time, never logged."""
    if not x_api_key:
        raise HTTPException(status_code=401, detail="writes need an API key in the X-API-Key header")
    given = x_api_key.encode()
    if not any(hmac.compare_digest(given, key.get_secret_value().encode()) for key in settings.api_keys):
        raise HTTPException(status_code=403, detail="this API key may not write")


WriteKey = Depends(require_write_key)
