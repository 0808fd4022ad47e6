"""The view of the graph the analytics and the pages answer from, kept current after writes.

Held by the API's view process (api.view_process), on either store.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from api.heavy import HeavyPool
from api.memory import give_back
from queries.errors import NotFound
from queries.store import Store
from queries.view import Analysed, Changes, GraphView
from serving.view_answers import answer, read

log = logging.getLogger("innograph.views")

# An answer about something the view does not have yet waits this long for the view to show
# every acknowledged write (it is brought up to date in the background after a write).
CATCH_UP_S = 120
# A page waits this long for the view to show every acknowledged write before it answers
# from the latest view built: the person who just corrected or posted something sees it
# (a small write's update takes milliseconds), while a whole rebuild after a large load
# (tens of seconds at 100k nodes) does not hold every page for its whole length.
SEE_WRITES_S = 10.0


class Views(Protocol):
    """What the routes and the writer ask of the view, wherever it lives."""

    def answer(self, name: str, params: dict[str, Any], catch_up: bool = False) -> Any: ...

    def read(self, name: str, params: dict[str, Any]) -> Any: ...

    def written(self, changes: Changes | None) -> None: ...

    def state(self) -> str: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...

    def analytics(self) -> dict[str, int]: ...


class ViewCache:
    """The view of the graph the analytics and the pages answer from (the questions of the
    API answer from the store and the kept indexes). A read never waits once the first view
    is built: after a write the next view is made in the background (the write's changes
    applied to the current one, which shares the rest) while the current one keeps
    answering, so analytics and pages show the graph as of the last view built, and
    /ready says whether that is every acknowledged write ("ready") or not yet ("updating").
    Each view's analytics are made on the pool of heavy reads, keyed by the view's version."""

    def __init__(self, store: Store, heavy: HeavyPool) -> None:
        self._store = store
        self._heavy = heavy
        self._lock = threading.Lock()
        self._view: GraphView | None = None
        self._stale = False
        self._version = 0
        self._wanted = 0  # writes seen; a build catches up with those before it started
        self._built = 0
        self._building = False
        self._changes: list[Changes] = []  # written since the view, to apply to it
        self._whole = False  # a write whose changes are not known: the next view is made whole
        self._settled: threading.Timer | None = None

    def _analysed(self) -> Analysed:
        """The analytics of a new version of the view: on the heavy pool, keyed by version."""
        self._version += 1
        version = self._version
        return lambda key, fn, arguments: self._heavy.run_elsewhere((version, key), fn, arguments)

    def _build(self) -> GraphView:
        view = GraphView(self._store, self._analysed())
        threading.Thread(target=_analyse, args=(view,), name="analytics", daemon=True).start()
        return view

    def _update(self, view: GraphView, changes: list[Changes]) -> GraphView:
        """`view` with `changes` applied (a whole new view when they cannot be). Its analytics
        are made once writes have paused for ANALYTICS_SETTLE_S: each takes seconds to
        minutes of a core, which a stream of small writes would otherwise spend again and
        again beside the reads."""
        touched = Changes(
            frozenset().union(*(c.actors for c in changes)),
            {g: p for c in changes for g, p in c.parties.items()},  # the latest parties of each
        )
        updated = view.updated(self._store, touched, self._analysed())
        if updated is None:
            return self._build()
        if self._settled is not None:
            self._settled.cancel()
        self._settled = threading.Timer(ANALYTICS_SETTLE_S, self._analyse_if_current, (updated,))
        self._settled.daemon = True
        self._settled.start()
        return updated

    def _analyse_if_current(self, view: GraphView) -> None:
        if self._view is view:
            _analyse(view)

    def get(self) -> GraphView:
        view = self._view
        if view is not None:
            return view
        with self._lock:  # the first build: requests that come meanwhile wait for it
            if self._view is None:
                self._view = self._build()
                give_back()
            return self._view

    def warm(self) -> None:
        """Build the first view now rather than in the first request that needs it."""
        self.get()

    def analytics(self) -> dict[str, int]:
        """The analytics computed so far, waiting and cached (api.heavy)."""
        return self._heavy.state()

    def close(self) -> None:
        """Stop the analytics' pool: callers still waiting get 503, a computation running in
        its process is stopped."""
        self._heavy.close()

    def current(self, timeout_s: float) -> GraphView:
        """The view once it shows every write acknowledged so far (waiting up to `timeout_s`
        for the build under way), else the latest one built."""
        wanted = self._wanted
        deadline = time.monotonic() + timeout_s
        while self._built < wanted and not self._stale and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.get()

    def written(self, changes: Changes | None) -> None:
        """A write was committed: bring the view up to date in the background, by applying
        its `changes`, or by a whole new view when they are not known (None: a large load or
        a correction). One update at a time; writes meanwhile are applied after it. The
        store shows the write from now on (a read-only opening takes its latest snapshot)."""
        self._store.refresh()
        with self._lock:
            self._wanted += 1
            if changes is None:
                self._whole = True
            else:
                self._changes.append(changes)
            if self._building:
                return
            self._building = True
        threading.Thread(target=self._catch_up, name="view-update", daemon=True).start()

    def _catch_up(self) -> None:
        while True:
            with self._lock:
                if self._built >= self._wanted:
                    self._building = False
                    return
                target = self._wanted
                whole, changes = self._whole or self._stale, self._changes
                self._whole, self._changes = False, []
            try:
                current = self._view
                if whole or current is None:
                    view = self._build()
                else:
                    view = self._update(current, changes)
            except Exception:  # noqa: BLE001 - the previous view keeps answering; the next write retries
                log.exception("the view could not be brought up to date after a write")
                with self._lock:
                    self._stale = True  # the next write makes a whole new view
                    self._building = False
                return
            with self._lock:
                self._view = view
                self._built = target
                self._stale = False
            give_back()  # what the reads and the previous view's own parts freed

    def answer(self, name: str, params: dict[str, Any], catch_up: bool = False) -> Any:
        """serving.view_answers' answer `name` from the view (its first build happens here).
        With `catch_up` (the pages), the view first catches up with every acknowledged
        write for up to SEE_WRITES_S, and an answer about something still not in the view
        (NotFound) waits for that view up to CATCH_UP_S: the page of a record just posted or
        corrected shows it."""
        view = self.current(SEE_WRITES_S) if catch_up else self.get()
        try:
            return answer(self._store, view, name, params)
        except NotFound:
            if not catch_up:
                raise
            latest = self.current(CATCH_UP_S)
            if latest is view:
                raise
            return answer(self._store, latest, name, params)

    def read(self, name: str, params: dict[str, Any]) -> Any:
        """serving.view_answers' heavy read `name`: from the store, with every write this
        cache was told of (written()), without waiting for a view."""
        return read(self._store, name, params)

    def state(self) -> str:
        """Whether the first view is "building", "ready" (it shows every acknowledged write),
        "updating" (the next view is being made) or "stale" (the last update failed; the
        next write tries again)."""
        if self._view is None:
            return "building"
        if self._stale:
            return "stale"
        return "updating" if self._built < self._wanted else "ready"


# What the home page and the analytics routes ask for most, computed for each graph version
# as soon as it is built, on the analytics pool (a request for one of them meanwhile joins
# the computation under way instead of starting its own).
WARM_ANALYTICS: tuple[Callable[[GraphView], object], ...] = (
    lambda view: view.centrality("degree"),
    lambda view: view.communities(),
    lambda view: view.centrality("betweenness"),
)


# Writes pause this long before an updated view's analytics are made ahead of requests.
ANALYTICS_SETTLE_S = 10.0


def _analyse(view: GraphView) -> None:
    for analytic in WARM_ANALYTICS:
        try:
            analytic(view)
        except Exception:  # noqa: BLE001 - busy, timed out or shut down: a request computes it later
            return
