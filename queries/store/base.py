"""The one interface every part of innograph uses to talk to a graph store."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar, runtime_checkable

import pyarrow as pa

from queries.catalog import Catalog, Query

Row = dict[str, Any]
# A statement's parameters, and the labels its {{slots}} name (queries.catalog)
Params = Mapping[str, Any] | None
Slots = Mapping[str, str] | None
T = TypeVar("T")


@runtime_checkable
class Runner(Protocol):
    """Something that runs catalog statements: a store, or a transaction of one."""

    def run(
        self,
        query: Query | str,
        params: Mapping[str, Any] | None = None,
        *,
        slots: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
    ) -> list[Row]:
        """Run a catalog statement (by name or object) and return its rows as dicts."""
        ...


@runtime_checkable
class Store(Runner, Protocol):
    """A graph store driven by the query catalog of its dialect."""

    dialect: str
    catalog: Catalog

    def stream(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> Iterator[Row]:
        """Rows of a read statement one at a time, without holding them all in memory."""
        ...

    def columns(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> pa.Table:
        """All rows of a read statement as an Arrow table: a whole-graph read kept as columns,
        without a Python object per row where the engine can build them itself."""
        ...

    def write_transaction(self, work: Callable[[Runner], T]) -> T:
        """Run `work` in one write transaction and return its result; a store may run it
        again after a transient failure, so `work` must start from what it reads."""
        ...

    def transaction(self) -> AbstractContextManager[Runner]:
        """A write transaction: everything run inside commits together or not at all."""
        ...

    def bulk(self) -> AbstractContextManager[None]:
        """Around a load of many batches: lets the store defer housekeeping to the end."""
        ...

    def ensure_schema(self) -> None:
        """Create labels, relationship types, constraints and indexes; idempotent."""
        ...

    def describe(self) -> str:
        """Where the store lives, for messages (never includes a password)."""
        ...

    def reopen_options(self) -> tuple[str, dict[str, Any]]:
        """open_store's arguments for this same database in another process (the view's)."""
        ...

    def refresh(self) -> None:
        """Show every commit made so far, for a reader in another process than the writer's
        (the API's view process): an embedded store opened read-only sees a snapshot."""
        ...

    def close(self) -> None: ...
