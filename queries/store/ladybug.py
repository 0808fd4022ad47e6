"""LadybugDB: the embedded, on-disk store used when no server is configured.

Engine facts this module relies on (measured; see the README's store section):
- one read-write process per database file; a second one fails on the file lock;
- one Database per process; a Connection runs one statement at a time, from any thread;
- one write transaction at a time, so writes are serialised with a lock here;
- COPY FROM an Arrow table runs inside a transaction and rolls back with it;
- a read-only process may open the file beside the writer and sees the commits made before
  it opened it (a snapshot), whatever the writer commits or checkpoints afterwards.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import ladybug
import pyarrow as pa

from queries import schema
from queries.arrow import TABLE_SCHEMAS
from queries.catalog import Catalog, Query, load_catalog
from queries.errors import InnographError, QueryTimeout, StoreFull, StoreUnavailable
from queries.store.base import Params, Row, Slots
from queries.store.core_share import CoreShare
from queries.store.kept_connections import HEAVY_RUN_MS, KeptConnections, keep_plans

# A statement with a `by key:` statement (queries.catalog) runs it row by row when its table
# has at most this many rows: about 0.2 ms a row against 0.1-1 s for a LOAD FROM's join or
# 0.3 s for a COPY's commit.
ROWS_BY_KEY = 64
# Connections kept for the statements outside a transaction, shared by every thread (see
# queries.store.kept_connections for what one costs and what fewer cost).
KEPT_CONNECTIONS = 2
# A read without a time limit that found the buffer pool full waits at most this long for the
# statements beside it to end before it is tried again.
FULL_WAIT_S = 30.0
T = TypeVar("T")
_LOCK_HOLDER = re.compile(r"PID (\d+)", re.IGNORECASE)


class LadybugStore:
    """A LadybugDB database file, driven by the `ladybug` dialect of the catalog."""

    dialect = "ladybug"

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        query_timeout_ms: int = 0,
        catalog: Catalog | None = None,
        buffer_pool_mb: int = 0,
        follows_writer: bool = False,
        pool_setting: str = "INNOGRAPH_LADYBUG_BUFFER_POOL_MB",
        shares_cores: bool = False,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        # a read-only store beside the process that writes (the API's view process): each
        # statement takes a connection of its own on the latest snapshot (see refresh())
        self.follows_writer = follows_writer and read_only
        self.query_timeout_ms = query_timeout_ms
        self.buffer_pool_mb = buffer_pool_mb
        self.pool_setting = pool_setting  # named when a read does not fit the pool
        # a statement takes the cores the others running leave (queries.store.core_share),
        # else one thread per core, the engine's default
        self._cores = CoreShare() if shares_cores else None
        self.catalog = catalog or load_catalog(self.dialect)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreUnavailable(f"no database at {self.path}; run `innograph init` first")
        self._db = self._open()
        self._local = threading.local()
        self._kept = KeptConnections(lambda: self._db, KEPT_CONNECTIONS, self.describe())
        # The engine allows one write transaction at a time; callers in other
        # threads wait here instead of failing.
        self._write_lock = threading.RLock()
        self._closed = False

    def _open(self) -> ladybug.Database:
        size = self.buffer_pool_mb * 1024 * 1024
        try:
            return ladybug.Database(str(self.path), read_only=self.read_only, buffer_pool_size=size)
        except RuntimeError as exc:
            if not (self.read_only and "recovery is pending" in str(exc)):
                raise StoreUnavailable(self._explain_open_error(exc)) from None
            # a process was killed while checkpointing: a read-write open completes the
            # recovery (unless another process holds the database, which then says so)
            try:
                ladybug.Database(str(self.path), buffer_pool_size=size).close()
                return ladybug.Database(str(self.path), read_only=True, buffer_pool_size=size)
            except RuntimeError as again:
                raise StoreUnavailable(self._explain_open_error(again)) from None

    def refresh(self) -> None:
        """Show what the writing process has committed since this store opened or last
        refreshed: a store that follows a writer opens the latest snapshot. A statement
        running meanwhile ends on the snapshot it began on, which the engine closes (its
        pages freed) once its last connection is closed. Opening takes 0.06-0.1 s at 100k
        nodes / 1M relationships. A store that writes sees its own commits already."""
        if self.follows_writer:
            self._db = self._open()

    def reopen_options(self) -> tuple[str, dict[str, Any]]:
        """open_store's arguments for this same database in another process (the API's
        view process): read-only, following this store's commits by refresh(). Its page cache
        is that process's own to size (buffer_pool_mb, pool_setting)."""
        return self.dialect, {
            "path": self.path,
            "query_timeout_ms": self.query_timeout_ms,
            "read_only": True,
            "follows_writer": True,
        }

    def _explain_open_error(self, exc: Exception) -> str:
        text = str(exc)
        if "lock" in text.lower():
            holder = _LOCK_HOLDER.search(text)
            who = f"process {holder.group(1)}" if holder else "another process"
            return (
                f"the database {self.path} is in use by {who}; load through the running API or stop it first"
            )
        return f"cannot open the database {self.path}: {text}"

    def describe(self) -> str:
        return f"LadybugDB at {self.path}"

    # -- connections ---------------------------------------------------------
    @contextmanager
    def _statement_connection(self, *, binds_tables: bool) -> Iterator[ladybug.Connection]:
        """The connection for one statement: the transaction's inside one; else a kept one,
        or, in a store that follows a writer, one of its own (0.35 ms more a point read at
        100k / 1M) so that no idle connection keeps an old snapshot open."""
        tx_conn = self._tx_conn()
        if tx_conn is not None:
            yield tx_conn
        elif self.follows_writer:
            conn = self._new_connection()
            try:
                yield conn
            finally:
                conn.close()
        else:
            with self._kept.lent(discard=binds_tables) as conn:
                yield conn

    def _tx_conn(self) -> ladybug.Connection | None:
        """The connection of this thread's transaction, if it is in one."""
        conn: ladybug.Connection | None = getattr(self._local, "tx_conn", None)
        return conn

    def _new_connection(self) -> ladybug.Connection:
        if self._closed:
            raise StoreUnavailable(f"{self.describe()} is closed")
        return ladybug.Connection(self._db)

    @contextmanager
    def _running(self, conn: ladybug.Connection, name: str, limit_ms: int = 0) -> Iterator[None]:
        """While the statement `name` runs on `conn`: the engine threads it may take, and its
        errors as the project's."""
        with self._translated(name, f"query {name} failed on {self.describe()}", limit_ms):
            if self._cores is None:
                yield
                return
            with self._cores.taken() as threads:
                conn.set_max_threads_for_exec(threads)
                yield

    def _done(self, conn: ladybug.Connection) -> None:
        """After a whole read: its connection is closed unless it is the transaction's."""
        if conn is not self._tx_conn():
            conn.close()

    # -- running statements --------------------------------------------------
    def run(
        self,
        query: Query | str,
        params: Mapping[str, Any] | None = None,
        *,
        slots: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
    ) -> list[Row]:
        q = self.catalog.get(query) if isinstance(query, str) else query
        if q.by_key is not None:
            rows = _few_rows(q, params or {})
            if rows is not None:
                return self._by_key(q, rows, params or {}, slots, timeout_ms)
        if q.mode in ("write", "schema") and self._tx_conn() is None:
            # A lone write is its own transaction, serialised like the others.
            with self._write_lock:
                return self._execute(q, params or {}, slots, timeout_ms)
        return self._execute(q, params or {}, slots, timeout_ms)

    def _by_key(
        self,
        q: Query,
        rows: list[dict[str, Any]],
        params: Mapping[str, Any],
        slots: Mapping[str, str] | None,
        timeout_ms: int | None,
    ) -> list[Row]:
        """`q` as its `by key` statement run once per row, in one transaction if it writes."""
        one = self.catalog.get(q.by_key or "")
        (table,) = q.tables
        others = {k: v for k, v in params.items() if k != table}

        def each(runner: LadybugStore) -> list[Row]:
            out: list[Row] = []
            for row in rows:
                values = {k: others[k] if k in others else row.get(k) for k in one.params}
                out += runner.run(one, values, slots=slots, timeout_ms=timeout_ms)
            return out

        if q.mode == "read" or self._tx_conn() is not None:
            return each(self)
        with self.transaction() as tx:
            return each(tx)

    def _execute(
        self,
        q: Query,
        params: Mapping[str, Any],
        slots: Mapping[str, str] | None,
        timeout_ms: int | None,
    ) -> list[Row]:
        """`q` run once. A read that found the buffer pool full is run once more, within its
        own time limit, after what held the pool has let go: the plans cached on the idle
        connections (each keeps its last run's memory) are dropped, and the statements that
        ran beside it have ended."""
        started = time.monotonic()
        if timeout_ms is not None:
            limit_ms = int(timeout_ms)
        else:  # the time limit guards reads; a load's writes are bounded by their batch size
            limit_ms = self.query_timeout_ms if q.mode == "read" else 0
        try:
            return self._execute_once(q, params, slots, limit_ms)
        except StoreFull as full:
            if q.mode != "read" or self._tx_conn() is not None:
                raise
            failed = StoreFull(str(full), full.beside)
        # outside the handler: the engine's error, while it lives, keeps the failed run's memory
        forgotten = self._kept.forget_plans()
        if not forgotten and not failed.beside:
            raise failed  # nothing will give memory back: it does not fit this pool
        deadline = started + (limit_ms / 1000 if limit_ms else FULL_WAIT_S)
        if self._cores is not None and not self._cores.wait_ended(failed.beside, deadline - time.monotonic()):
            raise failed
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            raise failed
        return self._execute_once(q, params, slots, left_ms if limit_ms else 0)

    def _execute_once(
        self, q: Query, params: Mapping[str, Any], slots: Mapping[str, str] | None, limit_ms: int
    ) -> list[Row]:
        """`q` run once, stopped after `limit_ms` (0: no limit)."""
        q.check_params(params)
        text, bound = _literal_paging(q.render(slots), dict(params))
        for name, kind in q.tables.items():
            rows = bound[name]
            if isinstance(rows, pa.Table):  # shaped by the caller already
                bound[name] = rows.select(TABLE_SCHEMAS[kind].names).cast(TABLE_SCHEMAS[kind])
            else:
                bound[name] = pa.Table.from_pylist(list(rows), schema=TABLE_SCHEMAS[kind])
        with self._statement_connection(binds_tables=bool(q.tables)) as conn:
            conn.set_query_timeout(max(0, limit_ms))
            try:
                with self._running(conn, q.name, limit_ms):
                    result = conn.execute(text, bound)
            except BaseException:
                keep_plans(conn, text, heavy=True)  # a run stopped at its time limit may have been long
                raise
            if isinstance(result, list):  # several statements; the catalog holds one per file
                result = result[-1]
            columns = result.get_column_names()
            values: list[Any] = result.get_all()
            # Only aggregates (sum of INT64 gives INT128/DECIMAL) need converting.
            wide = [
                i for i, t in enumerate(result.get_column_data_types()) if t.startswith(("INT128", "DECIMAL"))
            ]
            heavy = result.get_execution_time() >= HEAVY_RUN_MS
            result.close()
            keep_plans(conn, text, heavy=heavy)
        if wide:
            for row in values:
                for i in wide:
                    row[i] = _plain(row[i])
        return [dict(zip(columns, row, strict=True)) for row in values]

    def stream(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> Iterator[Row]:
        conn, result = self._whole_read(query, params, slots)
        try:
            columns = result.get_column_names()
            with self._reading(query):
                while result.has_next():
                    yield dict(zip(columns, map(_plain, result.get_next()), strict=True))
        finally:
            result.close()
            self._done(conn)

    def columns(self, query: Query | str, params: Params = None, *, slots: Slots = None) -> pa.Table:
        conn, result = self._whole_read(query, params, slots)
        try:
            with self._reading(query):
                table: pa.Table = result.get_as_arrow(0)  # one chunk, built by the engine
            return table
        finally:
            result.close()
            self._done(conn)

    def _reading(self, query: Query | str) -> AbstractContextManager[None]:
        """The engine's errors while a result is read: a store closed under a reader (an API
        shutting down while its views are built) says so."""
        name = query if isinstance(query, str) else query.name
        return self._translated(name, f"reading {name} from {self.describe()} failed")

    @contextmanager
    def _translated(self, name: str, failed: str, limit_ms: int = 0) -> Iterator[None]:
        """The engine's errors as the project's: a time limit reached is a timeout; anything
        else says what `failed`, and a full buffer pool names the setting that sizes it."""
        try:
            yield
        except RuntimeError as exc:
            if "Interrupted" in str(exc):
                raise QueryTimeout(f"query {name} stopped after {limit_ms} ms") from None
            if "buffer pool is full" in str(exc):
                size = f"{self.buffer_pool_mb} MiB" if self.buffer_pool_mb else "the engine's default size"
                hint = f" (the buffer pool is {size}: raise {self.pool_setting})"
                beside = self._cores.running() if self._cores is not None else frozenset()
                raise StoreFull(f"{failed}: {exc}{hint}", beside) from exc
            raise InnographError(f"{failed}: {exc}") from exc

    def _whole_read(
        self, query: Query | str, params: Mapping[str, Any] | None, slots: Mapping[str, str] | None
    ) -> tuple[ladybug.Connection, Any]:
        """The connection and open result of a read that lasts as long as its reader (no
        time limit: a whole-graph read, not a caller's query); the caller closes both
        (_done). Outside a transaction it has a connection of its own: a kept one would be
        lent for as long as its reader reads, and keep what the whole read cost it."""
        q = self.catalog.get(query) if isinstance(query, str) else query
        q.check_params(params or {})
        conn = self._tx_conn() or self._new_connection()
        try:
            conn.set_query_timeout(0)
            with self._running(conn, q.name):
                result = conn.execute(q.render(slots), dict(params or {}))
        except BaseException:
            self._done(conn)
            raise
        if isinstance(result, list):  # several statements; the catalog holds one per file
            result = result[-1]
        return conn, result

    def write_transaction(self, work: Callable[[LadybugStore], T]) -> T:
        # One writer, serialised in this process: nothing transient to retry.
        with self.transaction() as tx:
            return work(tx)

    @contextmanager
    def transaction(self) -> Iterator[LadybugStore]:
        """A write transaction on a connection of its own, closed when it ends: what it
        cost the connection (its plans, its LOAD FROM tables: KeptConnections.lent) goes
        with it. Kept from one transaction to the next, it left the API about 30 MB larger
        after a small write at 100k / 1M (one probe); a new connection costs 0.35 ms and the
        planning of the transaction's statements."""
        if self._tx_conn() is not None:
            yield self  # nested: part of the enclosing transaction
            return
        with self._write_lock:
            self._local.tx_conn = self._new_connection()
            try:
                self._execute(self.catalog.get("begin_transaction"), {}, None, 0)
                try:
                    yield self
                except BaseException:
                    try:
                        self._execute(self.catalog.get("rollback_transaction"), {}, None, 0)
                    except InnographError:
                        pass  # a failed statement has already rolled the transaction back
                    raise
                self._execute(self.catalog.get("commit_transaction"), {}, None, 0)
            finally:
                self._local.tx_conn.close()
                self._local.tx_conn = None

    @contextmanager
    def bulk(self) -> Iterator[None]:
        # Checkpointing after every batch's commit dominated load time, and checkpointing
        # only at the end let a million-row load fill a 512 MiB buffer pool: a load
        # checkpoints every 64 MiB of write-ahead log, and once more at its end.
        self._execute(self.catalog.get("checkpoint_threshold_load"), {}, None, 0)
        try:
            yield
        finally:
            self._execute(self.catalog.get("checkpoint_threshold_default"), {}, None, 0)
            with self._write_lock:
                self._execute(self.catalog.get("checkpoint"), {}, None, 0)

    def ensure_schema(self) -> None:
        with self._write_lock:
            node_table = self.catalog.get("create_node_table")
            for label in schema.NODE_LABELS:
                self._execute(node_table, {}, {"label": label}, 0)
            for rel_type in (*schema.REL_TYPES, schema.COLLABORATION):
                self._execute(self.catalog.get(f"create_rel_table_{rel_type.lower()}"), {}, None, 0)
            self._execute(self.catalog.get("create_correction_table"), {}, None, 0)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._kept.close()  # a transaction under way closes its own connection
        self._db.close()


def _plain(value: Any) -> Any:
    """Engine values as plain Python: sum() of INT64 comes back as a Decimal."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# `SKIP $skip LIMIT $limit` as parameters costs LadybugDB 1-2.5 ms more per statement than
# the same numbers in the text (a collaborators ranking: 4.5 against 2.3 ms; an answer of
# collaborators 8.0 against 5.4 ms). A first page's SKIP 0 and a LIMIT up to this are written
# in; other numbers stay parameters, so that the statements a connection prepares and keeps
# (one per distinct text) stay a small set.
LITERAL_LIMIT_MOST = 1_000
_PAGING = re.compile(r"\b(SKIP|LIMIT)\s+\$(\w+)\b")


def _literal_paging(text: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The statement with its first-page SKIP and small LIMIT in its text, and the
    parameters left to bind."""
    written: set[str] = set()

    def put(match: re.Match[str]) -> str:
        value = params.get(match.group(2))
        most = min(0, LITERAL_LIMIT_MOST) if match.group(1) == "SKIP" else LITERAL_LIMIT_MOST
        if type(value) is not int or not 0 <= value <= most:
            return match.group(0)
        written.add(match.group(2))
        return f"{match.group(1)} {value}"

    text = _PAGING.sub(put, text)
    still = {k for k in written if re.search(rf"\${k}\b", text)}
    return text, {k: v for k, v in params.items() if k not in written - still}


def _few_rows(q: Query, params: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of `q`'s table when they are few enough to go by key, else None."""
    (table,) = q.tables
    rows = params.get(table)
    if isinstance(rows, pa.Table):
        return rows.to_pylist() if rows.num_rows <= ROWS_BY_KEY else None
    if rows is None:
        return None
    listed = list(rows)
    return listed if len(listed) <= ROWS_BY_KEY else None
