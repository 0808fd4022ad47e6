"""Neo4j: the production store, driven by the `neo4j` dialect of the catalog.

Every node also carries the label `Entity`, which holds the uniqueness constraint
on `id`, so that statements can find any node by id through one index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
import pyarrow as pa
from neo4j.exceptions import AuthError, DatabaseUnavailable, Neo4jError, ServiceUnavailable, SessionExpired

from queries import schema
from queries.catalog import Catalog, Query, load_catalog
from queries.errors import InnographError, QueryTimeout, StoreUnavailable
from queries.store.base import Params, Row, Slots

T = TypeVar("T")
# Rows of a whole-graph read made into columns at a time (columns())
COLUMNS_BATCH = 100_000


class _TxRunner:
    """Runs catalog statements inside one open Neo4j transaction."""

    def __init__(self, store: Neo4jStore, tx: neo4j.Transaction) -> None:
        self._store = store
        self._tx = tx
        self.ran: list[tuple[str, dict[str, Any]]] | None = None  # kept by a rehearsal

    def run(
        self,
        query: Query | str,
        params: Mapping[str, Any] | None = None,
        *,
        slots: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
    ) -> list[Row]:
        text, bound = self._store.prepare(query, params, slots)
        if self.ran is not None:
            self.ran.append((text, bound))
        return [record.data() for record in self._tx.run(text, bound)]


class _Rehearsal(_TxRunner):
    """The store as seen from inside one transaction that is rolled back at the end
    (Neo4jStore.rehearsal): reads see what it wrote, nothing of it is ever committed. It
    keeps each statement's text and parameters (`ran`)."""

    dialect = "neo4j"

    def __init__(self, store: Neo4jStore, tx: neo4j.Transaction) -> None:
        super().__init__(store, tx)
        self.catalog = store.catalog
        self.ran = []

    def stream(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> Iterator[Row]:
        yield from self.run(query, params, slots=slots)

    def columns(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> pa.Table:
        return pa.Table.from_pylist(self.run(query, params, slots=slots))

    def write_transaction(self, work: Callable[[_Rehearsal], T]) -> T:
        return work(self)

    @contextmanager
    def transaction(self) -> Iterator[_Rehearsal]:
        yield self

    @contextmanager
    def bulk(self) -> Iterator[None]:
        yield

    def ensure_schema(self) -> None:
        raise InnographError("the schema is not changed in a rehearsal")

    def describe(self) -> str:
        return f"a rolled-back transaction on {self._store.describe()}"

    def close(self) -> None:
        pass


class Neo4jStore:
    """A Neo4j 5 database reached with the official driver."""

    dialect = "neo4j"

    def __init__(
        self,
        *,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        query_timeout_ms: int = 0,
        catalog: Catalog | None = None,
    ) -> None:
        self.uri = uri
        self.database = database
        self._options = {
            "uri": uri,
            "user": user,
            "password": password,
            "database": database,
            "query_timeout_ms": query_timeout_ms,
        }
        self.query_timeout_ms = query_timeout_ms
        self.catalog = catalog or load_catalog(self.dialect)
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                max_connection_pool_size=50,  # the API's worker threads, with room to spare
                connection_acquisition_timeout=30.0,
                # retries of managed transactions on transient errors; a server that is gone
                # answers 503 after this long rather than holding the request
                max_transaction_retry_time=10.0,
                # a property no node has yet is normal in a schemaless graph, not a warning
                notifications_disabled_categories=[neo4j.NotificationDisabledCategory.UNRECOGNIZED],
            )
            self._driver.verify_connectivity()
        except AuthError:
            raise StoreUnavailable(
                f"Neo4j at {uri} refused the credentials of user {user!r}: check NEO4J_PASSWORD "
                "(and NEO4J_USER; also read as INNOGRAPH_NEO4J_PASSWORD and INNOGRAPH_NEO4J_USER)"
            ) from None
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreUnavailable(f"Neo4j at {uri} is unreachable: {exc}") from None

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database})"

    def refresh(self) -> None:
        """Nothing to do: each transaction on the server sees every commit made before it."""

    def reopen_options(self) -> tuple[str, dict[str, Any]]:
        """open_store's arguments for this same database, for another process (the view's)."""
        return self.dialect, dict(self._options)

    def prepare(
        self,
        query: Query | str,
        params: Mapping[str, Any] | None,
        slots: Mapping[str, str] | None,
    ) -> tuple[str, dict[str, Any]]:
        q = self.catalog.get(query) if isinstance(query, str) else query
        bound = dict(params or {})
        q.check_params(bound)
        for name, value in bound.items():
            if hasattr(value, "to_pylist"):  # an Arrow table (the loader's fast paths): a list of maps
                bound[name] = value.to_pylist()
        # Slots a Neo4j variant does not declare are unused there (it takes the
        # label from the row instead); only declared slots are rendered.
        given = {k: v for k, v in (slots or {}).items() if k in q.slots}
        return q.render(given), bound

    def run(
        self,
        query: Query | str,
        params: Mapping[str, Any] | None = None,
        *,
        slots: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
    ) -> list[Row]:
        text, bound = self.prepare(query, params, slots)
        q = self.catalog.get(query) if isinstance(query, str) else query
        if timeout_ms is None:
            timeout_ms = self.query_timeout_ms if q.mode == "read" else 0
        limit = timeout_ms

        # a managed transaction takes its time limit from the unit of work (a Query object
        # with a timeout is refused there: "only supported for session.run")
        @neo4j.unit_of_work(timeout=limit / 1000 if limit else None)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(text, bound)]

        with self._translated(q.name, limit):
            with self._driver.session(database=self.database) as session:
                if q.mode == "read":
                    return session.execute_read(work)
                return session.execute_write(work)

    def stream(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> Iterator[Row]:
        text, bound = self.prepare(query, params, slots)
        name = query if isinstance(query, str) else query.name
        with self._translated(name, None):
            with self._driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                for record in session.run(text, bound):
                    yield record.data()

    @contextmanager
    def _translated(self, name: str, limit_ms: int | None) -> Iterator[None]:
        """The driver's errors as the project's: a server that is gone or still starting is
        unavailable (503 over HTTP), a time limit reached is a timeout, anything else a failed
        query naming the statement."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
            raise StoreUnavailable(f"{self.describe()} is unreachable: {exc}") from None
        except Neo4jError as exc:
            if "Timeout" in (exc.code or ""):
                raise QueryTimeout(f"query {name} stopped after {limit_ms} ms") from None
            raise InnographError(f"query {name} failed on {self.describe()}: {exc}") from exc

    def columns(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> pa.Table:
        # the driver gives records: a batch of them at a time becomes columns
        tables: list[pa.Table] = []
        batch: list[Row] = []
        for row in self.stream(query, params, slots=slots):
            batch.append(row)
            if len(batch) == COLUMNS_BATCH:
                tables.append(pa.Table.from_pylist(batch))
                batch = []
        if batch or not tables:
            tables.append(pa.Table.from_pylist(batch))
        # a column all null in one batch has no type there: the others' type is taken
        return pa.concat_tables(tables, promote_options="default")

    def write_transaction(self, work: Callable[[_TxRunner], T]) -> T:
        """A managed write transaction: the driver retries it on transient errors
        (deadlocks, leader changes) with back-off, up to max_transaction_retry_time."""

        def unit(tx: neo4j.ManagedTransaction) -> T:
            return work(_TxRunner(self, tx))  # type: ignore[arg-type]

        with self._translated("a write transaction", None):
            with self._driver.session(database=self.database) as session:
                return session.execute_write(unit)

    @contextmanager
    def transaction(self) -> Iterator[_TxRunner]:
        with self._driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                yield _TxRunner(self, tx)
            except BaseException:
                tx.rollback()
                raise
            tx.commit()

    @contextmanager
    def rehearsal(self) -> Iterator[_Rehearsal]:
        """A stand-in for this store whose statements all run in one transaction, rolled
        back at the end, then each of them again on its own, rolled back too. The server
        plans a statement the first time it sees it (0.3-0.5 s for the dozen of a small
        write, measured at 20k nodes); a rehearsed write (graph_loader.rehearse) makes
        those plans before a caller's write waits for them. EXPLAIN would not: it leaves
        no plan cached."""
        with self._translated("a rehearsal", None):
            with self._driver.session(database=self.database) as session:
                tx = session.begin_transaction()
                rehearsal = _Rehearsal(self, tx)
                try:
                    yield rehearsal
                finally:
                    tx.rollback()
                # The server keeps no plan made in a transaction that has written something
                # (measured: the next run of it planned again, 30-40 ms): each statement is
                # run once more, first in a transaction of its own, and rolled back. With
                # every set of parameters it ran with: replaying only the first left some
                # statements to be planned again (the cache's key holds more than the text).
                for text, params in rehearsal.ran or ():
                    tx = session.begin_transaction()
                    try:
                        tx.run(text, params).consume()
                    finally:
                        tx.rollback()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        yield  # the server manages its own checkpoints

    def ensure_schema(self) -> None:
        self.run("create_entity_id_constraint")
        self.run("create_entity_name_index")
        self.run("drop_entity_names_index")
        self.run("create_actor_names_index")
        for label in schema.NODE_LABELS:
            self.run("create_label_id_constraint", slots={"label": label})
        self.run("create_correction_constraint")

    def close(self) -> None:
        self._driver.close()
