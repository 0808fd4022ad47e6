"""The API's single writer: ingest requests gather here and are written in groups.

The embedded store takes one write transaction at a time, and a commit costs about as
much as writing a small request's records (20 ms of 45 measured). So a request
validates its input in its own thread, then queues; one thread takes everything that has
gathered, writes it in one transaction, applies it to the in-memory indexes (search,
paths), and only then answers each request, so that an acknowledged write shows in every
answer to a question. The view the analytics and pages use is updated in the background.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import HTTPException

from api.view_cache import Views
from graph_loader import LoadReport, Prepared, rehearse, write_together
from queries.analytics.paths import Links
from queries.errors import InnographError
from queries.store import Store
from queries.view import Changes
from serving.entities import warm_hub_rankings
from serving.hub_rankings import HubRankings
from serving.kept import Kept
from serving.search_index import SearchKeys

log = logging.getLogger("innograph.writes")

T = TypeVar("T")

# Requests written in one transaction at most (their bodies are bounded by max_body_bytes).
GROUP_MOST = 64


@dataclass
class _Job:
    # a small input written with others, or a large one loaded (or a correction made) alone
    prepared: Prepared | None = None
    alone: Callable[[], Any] | None = None
    done: Future[Any] = field(default_factory=Future)


# the rehearsal of a write (IngestWriter.rehearse), queued as a job is
_REHEARSAL = _Job()


def warm_hubs(store: Store, hubs: HubRankings) -> None:
    """Rank the biggest hubs' partners ahead of their callers (serving.entities.warm_hub_rankings)."""
    try:
        warm_hub_rankings(store, hubs)
    except InnographError as exc:
        # a store that is down or busy: each hub's first request ranks it, as any actor's
        log.warning("hub rankings not made ahead: %s", exc)


def changes_of(store: Store, prepared: list[Prepared]) -> Changes:
    """What the write changed (queries.view.Changes): the nodes written, both ends of
    every relationship written, and each agreement written to with its parties (read
    after the write; they are actors whose partners the write can have changed)."""
    actors = {n.id for p in prepared for n in p.nodes}
    agreements: set[str] = set()
    for edge in (e for p in prepared for e in p.edges):
        actors.update((edge.source, edge.target))
        if edge.type == "PARTY_TO":
            agreements.add(edge.target)
    parties: dict[str, list[str]] = {g: [] for g in agreements}
    if agreements:
        for row in store.run("agreement_parties", {"ids": sorted(agreements)}):
            parties[row["agreement"]].append(row["party"])
            actors.add(row["party"])
    return Changes(frozenset(actors), {g: p for g, p in parties.items() if p})


class IngestWriter:
    def __init__(
        self,
        store: Store,
        views: Views,
        limit: int,
        paths: Kept[Links] | None = None,
        search: Kept[SearchKeys] | None = None,
        hubs: HubRankings | None = None,
    ) -> None:
        self.limit = limit  # requests validating, queued or being written; more get 429
        # a store that plans each statement the first time it sees it offers a rehearsal
        self._rehearsal = getattr(store, "rehearsal", None)
        # whether the writer's statements were run once before any caller's write (rehearse)
        self.rehearsal = "waiting" if self._rehearsal is not None else "not needed"
        self.pending = 0
        self._store = store
        self._views = views
        self._paths = paths
        self._search = search
        self._hubs = hubs
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self._thread.start()

    def close(self, timeout_s: float | None = None) -> bool:
        """Stop after the writes under way; whether the writer stopped within `timeout_s`."""
        self._queue.put(None)
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def admit(self) -> None:
        """Count a request in, or refuse it at once (429, Retry-After) when `limit` are in:
        bounded bodies in memory instead of piling up threads."""
        with self._lock:
            if self.pending >= self.limit:
                raise HTTPException(
                    status_code=429,
                    detail=f"{self.pending} loads are running or waiting; retry later",
                    headers={"Retry-After": "1"},
                )
            self.pending += 1

    def leave(self) -> None:
        with self._lock:
            self.pending -= 1

    def write(self, prepared: Prepared) -> LoadReport:
        """Write a validated input with whatever else is waiting; its own report, or its error."""
        return self._submit(_Job(prepared=prepared))

    def write_alone(self, load: Callable[[], T]) -> T:
        """Run a large load (its own batches and transactions), or a correction, in the
        writer's turn; the indexes are built anew after it."""
        job = _Job(alone=load)
        self._queue.put(job)
        result: T = job.done.result()
        return result

    def _submit(self, job: _Job) -> LoadReport:
        self._queue.put(job)
        result: LoadReport = job.done.result()
        return result

    def rehearse(self) -> None:
        """A store that plans each statement the first time it sees it (Neo4j) offers a
        rehearsal: the whole path of a small write, rolled back (graph_loader.rehearse), so
        that the first caller's write does not wait for the plans. Run in the writer's turn;
        the API asks for it once its first reads are served (it takes the store 0.5-1 s)."""
        if self._rehearsal is not None:
            self._queue.put(_REHEARSAL)

    def _rehearse(self) -> None:
        assert self._rehearsal is not None  # queued only then
        started = time.perf_counter()
        try:
            with self._rehearsal() as stand_in:
                changes_of(stand_in, rehearse(stand_in))
        except Exception as exc:  # noqa: BLE001 - the first write then makes the plans itself
            self.rehearsal = f"failed: {exc}"
            log.warning("write not rehearsed: %s", exc)
            return
        self.rehearsal = f"rehearsed in {time.perf_counter() - started:.1f} s"
        log.info("write %s", self.rehearsal)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            if first is _REHEARSAL:
                self._rehearse()
                continue
            jobs = [first]
            while len(jobs) < GROUP_MOST:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None or more is _REHEARSAL:
                    self._queue.put(more)  # after this group
                    break
                jobs.append(more)
            outcomes = self._write(jobs)
            if not all(isinstance(o, BaseException) for o in outcomes):  # something was written
                # in the background: analytics and pages follow
                self._views.written(self._index(jobs, outcomes))
            for job, outcome in zip(jobs, outcomes, strict=True):
                if isinstance(outcome, BaseException):
                    job.done.set_exception(outcome)
                else:
                    job.done.set_result(outcome)

    def _index(self, jobs: list[_Job], outcomes: list[Any]) -> Changes | None:
        """Bring the in-memory indexes up to date with what was written: the records of small
        inputs are applied to them; after a large load (records the writer never sees) they
        are built anew. What the write changed, for the view (None: not known)."""
        kept = [k for k in (self._paths, self._search) if k is not None]
        written = [j for j, o in zip(jobs, outcomes, strict=True) if not isinstance(o, BaseException)]
        # a correction applied again by the write changes what its records do not say
        curated = any(isinstance(o, LoadReport) and o.curated for o in outcomes)
        if curated or any(j.prepared is None for j in written):
            if self._hubs is not None:
                self._hubs.clear()  # any pair may have changed
                threading.Thread(target=warm_hubs, args=(self._store, self._hubs), daemon=True).start()
            for index in kept:
                index.start()
            return None
        prepared = [j.prepared for j in written if j.prepared is not None]
        changes = changes_of(self._store, prepared)
        if self._hubs is not None:
            self._hubs.forget(changes.actors)
        if self._paths is not None:
            self._paths.written(
                [{"type": e.type, "source": e.source, "target": e.target} for p in prepared for e in p.edges]
            )
        if self._search is not None:
            self._search.written(
                [(n.label, n.id) for p in prepared for n in p.nodes if n.label != "Document"]
            )
        return changes

    def _write(self, jobs: list[_Job]) -> list[Any]:
        """Each job's outcome, in order: runs of small inputs in one transaction each."""
        outcomes: list[Any] = []
        run: list[Prepared] = []

        def flush() -> None:
            if run:
                try:
                    outcomes.extend(write_together(self._store, run))
                except Exception as exc:  # noqa: BLE001 - handed to the waiting request
                    outcomes.extend([exc] * len(run))
                run.clear()

        for job in jobs:
            if job.prepared is not None:
                run.append(job.prepared)
                continue
            flush()
            assert job.alone is not None
            try:
                outcomes.append(job.alone())
            except Exception as exc:  # noqa: BLE001 - handed to the waiting request
                outcomes.append(exc)
        flush()
        return outcomes
