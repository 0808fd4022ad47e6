"""The LadybugDB connections kept for statements: a few, shared by every thread."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ladybug
import pytest

from api.settings import Settings
from api.stores import store_from_settings
from graph_loader import Writer
from graph_loader.write.records import Node
from queries.catalog import Query
from queries.errors import StoreFull, StoreUnavailable
from queries.store import kept_connections, open_store
from queries.store import ladybug as ladybug_store
from queries.store.core_share import CoreShare
from queries.store.kept_connections import KeptConnections
from queries.store.ladybug import FULL_WAIT_S, KEPT_CONNECTIONS, LadybugStore


def test_the_reads_of_sixteen_threads_share_the_kept_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One connection per thread held the API's 16 request threads at 2.2 GB; one per
    statement planned every statement again. The answers stay right either way."""
    store = open_store("ladybug", path=tmp_path / "g.lbug")
    try:
        store.ensure_schema()
        Writer(store).write([Node(label="Firm", id=f"firm:{i}", name=f"F {i}") for i in range(40)], [])
        made = []

        class Counted(ladybug.Connection):  # type: ignore[misc]
            def __init__(self, db: ladybug.Database) -> None:
                made.append(1)
                super().__init__(db)

        monkeypatch.setattr(kept_connections.ladybug, "Connection", Counted)

        def read(i: int) -> str:
            (row,) = store.run("view_actors", {"ids": [f"firm:{i % 40}"]})
            return str(row["name"])

        with ThreadPoolExecutor(max_workers=16) as pool:
            names = list(pool.map(read, range(800)))
        assert names == [f"F {i % 40}" for i in range(800)]
        assert 1 <= len(made) <= KEPT_CONNECTIONS
    finally:
        store.close()


def test_a_statement_waits_while_every_kept_connection_is_lent(tmp_path: Path) -> None:
    db = ladybug.Database(str(tmp_path / "g.lbug"))
    kept = KeptConnections(lambda: db, 1, "the test database")
    got = threading.Event()

    def second() -> None:
        with kept.lent():
            got.set()

    with kept.lent() as first:
        waiting = threading.Thread(target=second)
        waiting.start()
        assert not got.wait(0.3)
    assert got.wait(10)
    waiting.join()
    with kept.lent() as again:
        assert again is first  # given back, kept and lent again
    with kept.lent(discard=True) as again:
        assert again is first
    with kept.lent() as fresh:
        assert fresh is not first  # a discarded connection is not lent again
    kept.close()
    db.close()


def test_closing_ends_the_wait_with_a_clear_error(tmp_path: Path) -> None:
    db = ladybug.Database(str(tmp_path / "g.lbug"))
    kept = KeptConnections(lambda: db, 1, "the test database")
    failed: list[BaseException] = []

    def second() -> None:
        try:
            with kept.lent():
                pass
        except StoreUnavailable as exc:
            failed.append(exc)

    with kept.lent():
        waiting = threading.Thread(target=second)
        waiting.start()
        kept.close()
        waiting.join(10)
    assert [str(e) for e in failed] == ["the test database is closed"]
    db.close()


ANY_CORRECTION = {"kind": "", "subject": "", "who": "", "at_since": "", "at_until": "", "active": -1}


def _plans(store: object) -> list[str]:
    """The statement texts the store's kept connections hold plans for."""
    kept = store._kept  # type: ignore[attr-defined]
    return [key[0] for conn in kept._idle for key in conn._pybind_implicit_prepared_cache]


def test_a_heavy_run_leaves_no_plan_and_a_connection_keeps_a_bounded_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached plan keeps the memory of its last run in the buffer pool: a dozen heavy reads
    in a row filled a 512 MiB pool at 100k / 1M. Light runs keep their plans (planning again
    halved the throughput); heavy ones do not; and no connection keeps more than
    MOST_PLANS, the least recently used dropped first."""
    store = open_store("ladybug", path=tmp_path / "g.lbug")
    try:
        store.ensure_schema()
        Writer(store).write([Node(label="Firm", id=f"firm:{i}", name=f"F {i}") for i in range(5)], [])
        with store._kept.lent():  # type: ignore[attr-defined]
            pass  # one connection made, so every statement below runs on it
        monkeypatch.setattr(ladybug_store, "HEAVY_RUN_MS", 1e9)
        store.run("view_actors", {"ids": ["firm:1"]})
        assert len(_plans(store)) == 1, "a light run keeps its plan"

        monkeypatch.setattr(ladybug_store, "HEAVY_RUN_MS", 0.0)
        store.run("view_actors", {"ids": ["firm:2"]})
        assert _plans(store) == [], "a heavy run drops its plan"

        monkeypatch.setattr(ladybug_store, "HEAVY_RUN_MS", 1e9)
        monkeypatch.setattr(kept_connections, "MOST_PLANS", 2)
        for limit in (1, 2, 3):  # paging written into the text: three statements
            store.run("view_actors", {"ids": ["firm:3"]})
            (used,) = (
                text for text in _plans(store) if "corrections" not in text and "Correction" not in text
            )
            store.run("corrections", {**ANY_CORRECTION, "skip": 0, "limit": limit})
            plans = _plans(store)
            assert len(plans) <= 2
            assert used in plans, "the statement used again is kept, older pages go"
    finally:
        store.close()


def test_a_statement_takes_the_cores_the_running_ones_leave() -> None:
    share = CoreShare(cores=4)
    with share.taken() as alone:
        with share.taken() as second, share.taken() as third:
            assert (alone, second, third) == (4, 2, 1)
            with share.taken() as fifth_of_four:
                assert fifth_of_four == 1, "at least one"
    with share.taken() as again:
        assert again == 4, "a statement that ended gives its cores back"


def test_the_api_shares_the_cores_among_its_statements_and_a_load_takes_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every statement on every core, one client's heavy reads cut the other clients'
    answers sixfold on two cores; with every statement on one, a lone hub answer took twice
    as long."""
    asked: list[int] = []
    real = ladybug.Connection.set_max_threads_for_exec

    def recorded(conn: ladybug.Connection, threads: int) -> None:
        asked.append(threads)
        real(conn, threads)

    monkeypatch.setattr(ladybug.Connection, "set_max_threads_for_exec", recorded)
    settings = Settings(ladybug_path=tmp_path / "g.lbug")
    serving = store_from_settings(settings, serving=True)
    try:
        serving.ensure_schema()
        cores = serving._cores  # type: ignore[attr-defined]
        asked.clear()
        serving.run("any_node")
        with cores.taken():  # another statement running
            serving.run("any_node")
        assert asked == [cores.cores, max(1, cores.cores // 2)]
    finally:
        serving.close()
    loading = store_from_settings(settings)
    try:
        asked.clear()
        loading.run("any_node")
        assert asked == [], "the engine's default: a thread per core"
    finally:
        loading.close()


# Each fits a 32 MiB buffer pool alone; the light one does not fit beside the heavy one while
# the heavy one holds its sorted rows (measured with the ladybug package on its own).
_HEAVY = Query(
    "heavy",
    "ladybug",
    "UNWIND range(1, $n) AS x WITH x ORDER BY x DESC LIMIT 100000000 "
    "UNWIND range(1, $m) AS y RETURN sum(x * y % 7) AS total",
    Path("heavy.cypher"),
    "a sort held while a long tail runs",
    ("n", "m"),
)
_LIGHT = Query(
    "light",
    "ladybug",
    "UNWIND range(1, $n) AS x WITH x % 1000003 AS k, count(*) AS c RETURN max(c) AS most, count(*) AS groups",
    Path("light.cypher"),
    "a hash aggregation",
    ("n",),
)


def test_a_read_that_finds_the_buffer_pool_full_beside_another_waits_for_it_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a small buffer pool a light read beside a heavy one answered 503 (the pool full);
    the heavy one gives its memory back when it ends, so the light one waits and runs again."""
    store = LadybugStore(tmp_path / "g.lbug", buffer_pool_mb=32, shares_cores=True)
    attempts: list[str] = []
    once = LadybugStore._execute_once

    def counted(self: LadybugStore, q: Query, *args: Any) -> list[dict[str, Any]]:
        try:
            rows = once(self, q, *args)
        except StoreFull:
            attempts.append(f"{q.name}: full")
            raise
        attempts.append(f"{q.name}: ok")
        return rows

    monkeypatch.setattr(LadybugStore, "_execute_once", counted)
    heavy = threading.Thread(target=store.run, args=(_HEAVY, {"n": 500_000, "m": 800}))
    try:
        heavy.start()
        while not store._cores.running():  # type: ignore[union-attr]
            time.sleep(0.01)
        time.sleep(1.0)  # sorted by now (0.2 s alone), holding its rows for the tail (4-5 s)
        assert store.run(_LIGHT, {"n": 500_000}) == [{"most": 1, "groups": 500_000}]
        heavy.join()
        # the heavy one's thread notes its answer after it has let the light one go
        assert attempts[0] == "light: full" and sorted(attempts[1:]) == ["heavy: ok", "light: ok"]
    finally:
        heavy.join()
        store.close()


def test_a_read_too_large_for_the_buffer_pool_alone_fails_at_once_naming_the_setting(tmp_path: Path) -> None:
    store = LadybugStore(tmp_path / "g.lbug", buffer_pool_mb=32, shares_cores=True)
    try:
        started = time.monotonic()
        with pytest.raises(
            StoreFull, match="the buffer pool is 32 MiB: raise INNOGRAPH_LADYBUG_BUFFER_POOL_MB"
        ):
            store.run(_LIGHT, {"n": 3_000_000})
        assert time.monotonic() - started < FULL_WAIT_S / 2  # nothing ran beside it: no wait
    finally:
        store.close()


def test_the_plans_of_light_reads_do_not_fill_the_buffer_pool(tmp_path: Path) -> None:
    """Each cached plan keeps its last run's memory: with a 32 MiB pool the seventh distinct
    light read (a hash aggregation of 100,000 rows) found it full with nothing running."""
    store = LadybugStore(tmp_path / "g.lbug", buffer_pool_mb=32, shares_cores=True)
    try:
        for i in range(24):
            read = Query(
                f"light{i}",
                "ladybug",
                f"UNWIND range(1, $n) AS x WITH x % 1000003 + {i} AS k, count(*) AS c "
                "RETURN max(c) AS most, count(*) AS groups",
                Path("light.cypher"),
                "a hash aggregation, one text (so one plan) each",
                ("n",),
            )
            assert store.run(read, {"n": 100_000}) == [{"most": 1, "groups": 100_000}], i
    finally:
        store.close()
