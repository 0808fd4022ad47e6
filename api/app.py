"""The FastAPI application: routers, the store's lifetime, and library errors as HTTP answers.

The API never runs Cypher from a caller: every route calls named catalog
statements with bound parameters, with limits on page size, hops and time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response

from api.body import BodyLimit
from api.heavy import HeavyPool
from api.routes import (
    agreements,
    analytics,
    collaborations,
    curation,
    entities,
    export,
    health,
    ingest,
    pages,
    paths,
    regions,
)
from api.settings import Settings, get_settings
from api.stores import store_from_settings
from api.view_cache import Views
from api.view_process import ViewProcess
from api.writing import IngestWriter, warm_hubs
from graph_loader import LoadRejected, RecordInvalid
from queries.errors import (
    InnographError,
    NotFound,
    QueryParameterError,
    QueryTimeout,
    StoreFull,
    StoreUnavailable,
)
from queries.store import Store
from serving.curation import Merged
from serving.errors import BadParameter
from serving.hub_rankings import HubRankings
from serving.path_index import path_index
from serving.search_index import search_index

log = logging.getLogger("innograph.api")

# At start, each index waits for the one before it at most this long (a build that fails is
# logged and tried again at the next write; the others need not wait for that).
BUILD_TURN_S = 120


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app; `store` is for tests and embedding (it is not closed at shutdown)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        opened = store or store_from_settings(settings, serving=True)
        opened.ensure_schema()
        app.state.store = opened
        app.state.settings = settings
        timeout = settings.query_timeout_ms / 1000 if settings.query_timeout_ms else None
        # pages, group answers and exports on one pool; analytics on the view's own, so that
        # a flood of analytics leaves the pages their workers
        app.state.heavy = HeavyPool(timeout, workers=2)
        app.state.views = _views(opened, settings, timeout)
        # paths and name search from memory on the embedded store (its own path search is
        # slow, it has no full-text index); on Neo4j the store answers both
        embedded = opened.dialect == "ladybug"
        app.state.paths = path_index(opened) if embedded else None
        app.state.search = search_index(opened) if embedded else None
        app.state.hubs = HubRankings()
        app.state.ingest = IngestWriter(
            opened,
            app.state.views,
            settings.max_pending_loads,
            app.state.paths,
            app.state.search,
            app.state.hubs,
        )
        # built now rather than in the first request, one after the other so that the
        # first questions are answered soonest: search keys (which also give the labels
        # every lookup names), then the paths, then the biggest hubs' rankings, then (on
        # Neo4j) a write rehearsed, then the analytics view (20 s at 1M relationships).
        # Requests that come sooner wait for these same builds (or, for a hub not ranked
        # yet, rank it themselves).
        threading.Thread(target=_warm_up, args=(app,), name="warm-up", daemon=True).start()
        try:
            yield
        finally:
            app.state.heavy.close()
            app.state.views.close()
            # a write still running is not waited for long: loads are idempotent, and an
            # interrupted one is rolled back by the store and can be run again
            if app.state.ingest.close(timeout_s=5) and own:
                opened.close()

    def _warm_up(app: FastAPI) -> None:
        for index in (app.state.search, app.state.paths):
            if index is not None:
                index.start()
                index.wait(BUILD_TURN_S)
        warm_hubs(app.state.store, app.state.hubs)
        app.state.ingest.rehearse()
        try:
            app.state.views.warm()
        except InnographError as exc:
            # a store that is down or restarting: the first request that needs the views
            # builds them and answers 503 until the store is back
            log.warning("views not warmed up: %s", exc)

    app = FastAPI(
        title="innograph",
        summary="Who cooperates with whom in a region's innovation system, on what evidence.",
        version="0.1.0",
        lifespan=lifespan,
    )
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"])

    # the body limit counts the bytes as they arrive, chunked or not
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    app.add_exception_handler(Merged, _merged)
    for error, status in (
        (BadParameter, 422),
        (NotFound, 404),
        (LoadRejected, 422),
        (RecordInvalid, 422),
        (QueryParameterError, 422),
        (QueryTimeout, 504),
        (StoreUnavailable, 503),
        (StoreFull, 503),  # the server's memory for the store, not the caller's request
        (InnographError, 500),
    ):
        app.add_exception_handler(error, _handler(status))
    for module in (
        pages,
        health,
        entities,
        collaborations,
        paths,
        agreements,
        analytics,
        regions,
        export,
        ingest,
        curation,
    ):
        app.include_router(module.router)
    return app


def _views(store: Store, settings: Settings, timeout_s: float | None) -> Views:
    """The view of the graph, in a process of its own (api.view_process) that opens the same
    database: so the API's process holds no copy of the graph on either store."""
    kind, options = store.reopen_options()
    if kind == "ladybug":  # its whole-graph and group reads take more of the engine's memory
        options |= {
            "buffer_pool_mb": settings.ladybug_view_buffer_pool_mb,
            "pool_setting": "INNOGRAPH_LADYBUG_VIEW_BUFFER_POOL_MB",
        }
    return ViewProcess(kind, options, timeout_s)


async def _merged(request: Request, exc: Exception) -> Response:
    """A merged-away id: the same question about the entity it became (308 keeps the method)."""
    assert isinstance(exc, Merged)
    path = request.scope["path"].replace(f"/{exc.entity_id}", f"/{exc.survivor}", 1)
    location = quote(path, safe="/:") + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(location, status_code=308)


def _handler(status: int):  # type: ignore[no-untyped-def]
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        message = str(exc).splitlines()[0]
        body: dict[str, object] = {"detail": message}
        if status == 422:  # the shape the OpenAPI document promises for 422
            where = [exc.where, exc.name] if isinstance(exc, BadParameter) else ["body"]
            message = exc.message if isinstance(exc, BadParameter) else message
            body["detail"] = [{"type": "value_error", "loc": where, "msg": message, "input": None}]
        if isinstance(exc, LoadRejected):
            body["problems"] = [str(p) for p in exc.problems[:100]]
        return JSONResponse(body, status_code=status)

    return handle
