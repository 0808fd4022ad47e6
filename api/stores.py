"""Open the store the settings name. The only place that turns settings into a store."""

from __future__ import annotations

from api.settings import Settings
from queries.errors import StoreUnavailable
from queries.store import Store, open_store

# Engine threads for one statement in the API's process. With one per core (the engine's
# default), one client's heavy reads (an unfiltered agreements page, a large city's actors)
# took both cores of the 2-core benchmark machine from the other requests: eight clients'
# collaborators answers fell from 156 to 25 a second (p95 94 -> 862 ms). On one thread each,
# they kept 110 a second (p95 163 ms) while the heavy reads took 0.7 instead of 0.4 s
# (benchmarks/RESULTS.md). The command line's loads keep every core.
SERVING_STATEMENT_THREADS = 1


def store_from_settings(settings: Settings, *, read_only: bool = False, serving: bool = False) -> Store:
    if settings.store == "neo4j":
        if not settings.neo4j_uri:
            raise StoreUnavailable("INNOGRAPH_STORE=neo4j needs NEO4J_URI (and NEO4J_PASSWORD)")
        if not settings.neo4j_password.get_secret_value():
            raise StoreUnavailable("INNOGRAPH_STORE=neo4j needs a password: set NEO4J_PASSWORD")
        return open_store(
            "neo4j",
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            query_timeout_ms=settings.query_timeout_ms,
        )
    return open_store(
        "ladybug",
        path=settings.ladybug_path,
        read_only=read_only,
        query_timeout_ms=settings.query_timeout_ms,
        buffer_pool_mb=settings.ladybug_buffer_pool_mb,
        statement_threads=SERVING_STATEMENT_THREADS if serving else 0,
    )
