"""Store behaviour: schema, transactions, time limits, and the one-writer rule."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph_loader import Writer
from graph_loader.write.records import Edge, Node
from queries.errors import InnographError, QueryTimeout, StoreUnavailable
from queries.store import Store, open_store
from queries.store import neo4j as neo4j_store
from tests.helpers import counts


def test_schema_creation_is_idempotent(any_store: Store) -> None:
    any_store.ensure_schema()
    any_store.ensure_schema()
    assert counts(any_store) == ({}, {})


def test_a_failed_transaction_leaves_nothing(any_store: Store) -> None:
    with pytest.raises(RuntimeError, match="boom"), any_store.transaction() as tx:
        tx.run("create_nodes", {"rows": [_row("firm:a")]}, slots={"label": "Firm"})
        raise RuntimeError("boom")
    assert counts(any_store) == ({}, {})


def test_a_failed_batch_writes_nothing(any_store: Store) -> None:
    writer = Writer(any_store)
    nodes = [
        Node(label="Firm", id="firm:a", name="A"),
        Node(
            label="Firm",
            id="firm:a",
            name="A",
        ),
    ]
    writer.write(nodes, [])
    with pytest.raises(InnographError):
        # the second node has an id the store holds under another label
        writer.write(
            [Node(label="City", id="city:new", name="New"), Node(label="City", id="firm:a", name="A")], []
        )
    assert counts(any_store)[0] == {"Firm": 1}


def test_runaway_reads_are_stopped(store: Store) -> None:
    nodes = [Node(label="Firm", id=f"firm:{i}", name=str(i)) for i in range(3000)]
    ties = [
        Edge(type="COOPERATES_WITH", source=f"firm:{i}", target=f"firm:{(i + k) % 3000}")
        for i in range(3000)
        for k in range(1, 11)
    ]
    Writer(store).write(nodes, ties)
    store.query_timeout_ms = 1  # type: ignore[attr-defined]
    with pytest.raises(QueryTimeout, match="degree_top stopped after 1 ms"):
        for _ in range(20):  # ranking 30,000 ties takes well over 1 ms
            store.run("degree_top", {"limit": 5})
    store.query_timeout_ms = 0  # type: ignore[attr-defined]
    assert len(store.run("degree_top", {"limit": 5})) == 5  # the connection still works


def test_a_second_writer_process_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "graph.lbug"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from queries.store import open_store
            s = open_store("ladybug", path=Path({str(path)!r}))
            s.ensure_schema()
            print("ready", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreUnavailable) as info:
            open_store("ladybug", path=path)
        message = str(info.value)
        assert f"in use by process {holder.pid}" in message
        assert "load through the running API or stop it first" in message
        # a read-only process may still open it beside the writer
        reader = open_store("ladybug", path=path, read_only=True)
        assert reader.run("count_by_label") == []
        reader.close()
    finally:
        holder.kill()
        holder.wait()


def test_read_only_open_of_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="innograph init"):
        open_store("ladybug", path=tmp_path / "none.lbug", read_only=True)


def test_threads_share_one_store(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    writer = Writer(store)

    def write(i: int) -> None:
        writer.write([Node(label="Firm", id=f"firm:{i}-{j}", name="x") for j in range(50)], [])

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(16)))
    assert counts(store)[0] == {"Firm": 16 * 50}


def _row(node_id: str) -> dict[str, object]:
    from queries import schema

    row: dict[str, object] = dict.fromkeys(schema.NODE_COLUMNS)
    row.update(id=node_id, label="Firm", name=node_id, name_key=node_id, aliases=[])
    return row


@pytest.mark.parametrize("kill_after", [4_000, 26_000])
def test_kill_during_load_then_rerun_gives_the_clean_result(tmp_path: Path, kill_after: int) -> None:
    """SIGKILL a load after some batches (nodes only; nodes and edges); re-running it
    gives the same graph as one clean load. Edges are loaded in a second storage
    order, which is also what exposed the engine's overlapping SKIP/LIMIT pages."""
    import json
    import signal

    from graph_loader import load_paths
    from tests.helpers import snapshot

    n = 20_000
    records = [{"kind": "node", "label": "Firm", "id": f"firm:{i}", "name": f"F{i}"} for i in range(n)]
    records += [
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": f"firm:{i}",
            "target": f"firm:{(i * 7 + 1) % n}",
        }
        for i in range(n)
        if (i * 7 + 1) % n != i
    ]
    data = tmp_path / "big.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    path = tmp_path / "killed.lbug"
    script = textwrap.dedent(f"""
        from pathlib import Path
        from queries.store import open_store
        from graph_loader import load_paths
        s = open_store("ladybug", path=Path({str(path)!r})); s.ensure_schema()
        def progress(phase, done, total):
            if phase == "writing":
                print(done, flush=True)
        load_paths(s, [Path({str(data)!r})], batch_size=2000, on_progress=progress)
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= kill_after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    killed = open_store("ladybug", path=path)
    # Loads defer checkpoints (see LadybugStore.bulk): measured, a killed load reopens
    # at the state before it, without the batches it had committed; what matters is
    # that the re-run below reaches exactly the clean result.
    labels, types = counts(killed)
    assert sum(labels.values()) <= n and sum(types.values()) <= len(records) - n
    killed.ensure_schema()
    load_paths(killed, [data], batch_size=2000)
    clean = open_store("ladybug", path=tmp_path / "clean.lbug")
    clean.ensure_schema()
    load_paths(clean, [data], batch_size=2000)
    assert snapshot(killed) == snapshot(clean)
    assert len({(r.get("source"), r.get("target"), r["kind"], r.get("id")) for r in snapshot(killed)}) == len(
        records
    )
    killed.close()
    clean.close()


def test_streamed_edge_export_holds_every_tie_once(store: Store) -> None:
    """At the size where LadybugDB's ORDER BY of a streamed result came back out of order,
    the export (not sorted any more) still holds every tie exactly once."""
    nodes = [Node(label="Firm", id=f"firm:{i:05d}", name=str(i)) for i in range(20_000)]
    edges = [
        Edge(type="COOPERATES_WITH", source=f"firm:{i:05d}", target=f"firm:{(i * 7919 + j) % 20_000:05d}")
        for i in range(20_000)
        for j in (1, 2, 3, 4, 5)
        if (i * 7919 + j) % 20_000 != i
    ]
    Writer(store, batch_size=50_000).write(nodes, edges)
    rows = [(r["type"], r["source"], r["target"], r["key"]) for r in store.stream("export_edges")]
    expected = sorted({e.identity() for e in edges})
    assert len(rows) > 90_000
    assert sorted(rows) == expected


def test_a_store_closed_under_a_reader_is_a_clear_error(tmp_path: Path) -> None:
    """An API shutting down closes its store while its views may still be read: the reader
    gets the project's error naming the read, not the engine's."""
    store = open_store("ladybug", path=tmp_path / "g.lbug")
    store.ensure_schema()
    Writer(store).write([Node(label="Firm", id=f"firm:{i}", name=str(i)) for i in range(3)], [])
    rows = store.stream("export_nodes")
    next(rows)
    store.close()
    with pytest.raises(InnographError, match="reading export_nodes from"):
        list(rows)


def test_loading_an_unchanged_file_again_keeps_memory_flat(tmp_path: Path) -> None:
    """Each table bound to LOAD FROM cost its connection memory until the connection closed;
    the probes of a re-load (one per batch) filled the buffer pool. With a 64 MiB pool and
    60 batches, the re-load used to fail with "buffer pool is full"."""
    import json

    from graph_loader import load_paths

    data = tmp_path / "records.jsonl"
    with data.open("w") as out:
        for i in range(6_000):
            out.write(
                json.dumps({"kind": "node", "label": "Firm", "id": f"firm:f{i}", "name": f"F {i}"}) + "\n"
            )
        for i in range(24_000):  # four distinct ties of each firm
            a, b = i % 6_000, (i % 6_000 + i // 6_000 + 1) % 6_000
            edge = {"kind": "edge", "type": "COOPERATES_WITH", "source": f"firm:f{a}", "target": f"firm:f{b}"}
            out.write(json.dumps(edge) + "\n")
    store = open_store("ladybug", path=tmp_path / "graph.lbug", buffer_pool_mb=64)
    try:
        store.ensure_schema()
        first = load_paths(store, [data])
        again = load_paths(store, [data], batch_size=500)
        assert again.written.nodes_created == 0 and again.written.edges_created == 0
        assert again.written.edges_updated == first.written.edges_created
    finally:
        store.close()


def test_a_copy_committed_before_its_checkpoint_failed_is_not_written_twice(tmp_path: Path) -> None:
    """With a small buffer pool the engine can commit a COPY and then fail its checkpoint. The
    loader used to retry such a COPY in halves, which failed on duplicate keys; it stops saying
    the rows are written, and the same load run again completes the graph."""
    import json

    from graph_loader import load_paths

    data = tmp_path / "long-evidence.jsonl"
    with data.open("w") as out:
        for i in range(9_000):
            evidence = f"x{i} " * 2_000  # about 8 KB: 72 MB of provenance in one COPY
            node = {"kind": "node", "label": "Firm", "id": f"firm:b{i}", "name": f"B {i}"}
            out.write(json.dumps({**node, "provenance": [{"doc": "d", "evidence": evidence}]}) + "\n")
    store = open_store("ladybug", path=tmp_path / "graph.lbug", buffer_pool_mb=96)
    try:
        store.ensure_schema()
        with pytest.raises(InnographError, match="The rows of this step are written") as stopped:
            load_paths(store, [data])
        assert "duplicated primary key" not in str(stopped.value)
    finally:
        store.close()
    store = open_store("ladybug", path=tmp_path / "graph.lbug")
    try:
        load_paths(store, [data])
        assert counts(store) == ({"Firm": 9_000}, {})
    finally:
        store.close()


def test_columns_hold_the_rows_of_a_read(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole-graph read as columns gives the rows the statement gives, nulls included,
    also when Neo4j's batches of rows meet a column all null in one of them."""
    monkeypatch.setattr(neo4j_store, "COLUMNS_BATCH", 2)
    assert any_store.columns("cooperation_edges").num_rows == 0
    nodes = [Node(label="Firm", id=f"firm:{i}", name=str(i)) for i in range(6)]
    edges = [
        Edge(type="COOPERATES_WITH", source="firm:0", target="firm:1"),
        Edge(type="COOPERATES_WITH", source="firm:2", target="firm:3"),
        Edge(type="COOPERATES_WITH", source="firm:4", target="firm:5", props={"first_seen": 2019}),
    ]
    Writer(any_store).write(nodes, edges)
    rows = any_store.run("cooperation_edges")
    table = any_store.columns("cooperation_edges")
    assert sorted(table.to_pylist(), key=lambda r: r["source"]) == sorted(rows, key=lambda r: r["source"])
    assert [r["first_seen"] for r in sorted(rows, key=lambda r: r["source"])] == [None, None, 2019]


def _two_firms_and_a_tie(store: Store) -> None:
    from graph_loader.write.collaboration import rebuild

    nodes = [Node(label="Firm", id=f"firm:{x}", name=x.upper()) for x in "abc"]
    edges = [
        Edge(type="COOPERATES_WITH", source="firm:a", target="firm:b", props={"weight": 2.0}),
        Edge(type="COOPERATES_WITH", source="firm:b", target="firm:c"),
    ]
    Writer(store).write(nodes, edges)
    rebuild(store)


def _ladybug_state(store: Store) -> tuple[list[dict[str, object]], ...]:
    return store.run("export_edges"), store.run("collaboration_edges"), store.run("export_nodes")


def test_statements_with_a_by_key_form_answer_alike_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LadybugDB runs a statement with `by key:` row by row when its table has few rows: both
    ways give the same rows and leave the same graph (the writer's creations, COLLABORATES
    written by the rebuild, the probes, an update and a delete)."""
    from queries.store import ladybug

    slots = {"source_label": "Firm", "target_label": "Firm"}
    keys = [
        {"type": "COOPERATES_WITH", "source": "firm:a", "target": "firm:b", "key": ""},
        {"type": "COOPERATES_WITH", "source": "firm:a", "target": "firm:c", "key": ""},  # none
        {"type": "COLLABORATES", "source": "firm:b", "target": "firm:c", "key": ""},
    ]
    results = []
    for rows_by_key in (0, ladybug.ROWS_BY_KEY):
        monkeypatch.setattr(ladybug, "ROWS_BY_KEY", rows_by_key)
        store = open_store("ladybug", path=tmp_path / f"by{rows_by_key}.lbug")
        store.ensure_schema()
        _two_firms_and_a_tie(store)
        assert {q.name for q in store.catalog if q.by_key} == {
            "create_nodes",
            "create_edges",
            "create_collaborations",
            "existing_edges",
            "update_edges",
            "ties_between",
            "delete_collaborations_between",
        }
        found = store.run("existing_edges", {"rows": keys}, slots=slots)
        ties = store.run("ties_between", {"pairs": keys}, slots=slots)
        assert len(found) == 1 and len(ties) == 2
        update = {**found[0], "docs": ["d9"], "weight": 5.0, "role": None}
        store.run("update_edges", {"rows": [update]}, slots=slots)
        store.run("delete_collaborations_between", {"pairs": keys[1:]}, slots=slots)
        results.append((found, ties, *_ladybug_state(store)))
        store.close()
    assert results[0] == results[1]
    edges, pairs, nodes = results[1][2], results[1][3], results[1][4]
    assert [n["id"] for n in nodes] == ["firm:a", "firm:b", "firm:c"]
    assert [e["docs"] for e in edges if e["source"] == "firm:a"] == [["d9"]]
    assert [(p["source"], p["target"]) for p in pairs] == [("firm:a", "firm:b")]


def test_first_pages_are_written_into_the_statement_and_other_numbers_bound() -> None:
    """LadybugDB plans SKIP and LIMIT parameters slowly: a first page's SKIP 0 and a small
    LIMIT go into the text, anything else (and a parameter used elsewhere) stays bound."""
    from queries.store.ladybug import LITERAL_LIMIT_MOST, _literal_paging

    page = "MATCH (n) RETURN n SKIP $skip LIMIT $limit"
    assert _literal_paging(page, {"skip": 0, "limit": 25, "id": "x"}) == (
        "MATCH (n) RETURN n SKIP 0 LIMIT 25",
        {"id": "x"},
    )
    deep = {"skip": 50, "limit": LITERAL_LIMIT_MOST + 1}
    assert _literal_paging(page, deep) == (page, deep)
    reused = "MATCH (n) WHERE n.x < $limit RETURN n LIMIT $limit"
    assert _literal_paging(reused, {"limit": 5}) == (
        "MATCH (n) WHERE n.x < $limit RETURN n LIMIT 5",
        {"limit": 5},
    )
    assert _literal_paging("MATCH (n) RETURN n LIMIT $limit", {"limit": True})[1] == {"limit": True}
