"""Open the store the settings name. The only place that turns settings into a store."""

from __future__ import annotations

from api.settings import Settings
from queries.errors import StoreUnavailable
from queries.store import Store, open_store


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
        shares_cores=serving,  # the API's callers share the cores; a load takes them all
    )
