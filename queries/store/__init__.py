"""Graph stores: LadybugDB (embedded, the default) and Neo4j (a server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from queries.errors import InnographError
from queries.store.base import Row, Runner, Store

__all__ = ["Row", "Runner", "Store", "delete_everything", "holds_nothing", "open_store"]


def open_store(kind: str, **options: Any) -> Store:
    """Open a store by kind: `open_store("ladybug", path=...)` or
    `open_store("neo4j", uri=..., user=..., password=..., database=...)`."""
    if kind == "ladybug":
        from queries.store.ladybug import LadybugStore

        return LadybugStore(Path(options.pop("path")), **options)
    if kind == "neo4j":
        from queries.store.neo4j import Neo4jStore

        return Neo4jStore(**options)
    raise InnographError(f"unknown store kind {kind!r}; expected 'ladybug' or 'neo4j'")


def holds_nothing(store: Runner) -> bool:
    """Whether the store holds no node of the graph (one row read, however large it is)."""
    return not store.run("any_node", timeout_ms=0)


def delete_everything(store: Store, *, keep_corrections: bool = False) -> int:
    """Remove every relationship, then every node, a batch per transaction; how many nodes
    went. With `keep_corrections` the log of corrections stays, so that the graph loaded
    again is corrected again."""
    while store.run("delete_all_relationships")[0]["deleted"]:
        pass
    total = 0
    while deleted := store.run("delete_all")[0]["deleted"]:
        total += deleted
    if not keep_corrections:
        store.run("delete_corrections")
    return total
