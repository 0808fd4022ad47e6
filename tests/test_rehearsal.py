"""A rehearsed write (Neo4jStore.rehearsal with graph_loader.rehearse): the whole path of a
small write runs, so the server plans its statements, and the graph stays as it was."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from api.writing import changes_of
from graph_loader import load_paths, rehearse
from queries import schema
from queries.store import Store
from tests.conftest import DATA, KEY, make_store, serving


def _graph(store: Store) -> tuple[list[Any], list[Any], list[Any]]:
    nodes = sorted(str(sorted(r.items())) for r in store.run("export_nodes"))
    edges = sorted(str(sorted(r.items())) for r in store.run("export_edges"))
    pairs = sorted(str(sorted(r.items())) for r in store.run("collaboration_edges"))
    return nodes, edges, pairs


@pytest.mark.neo4j
def test_a_rehearsed_write_writes_inside_its_transaction_and_leaves_the_graph_as_it_was(
    tmp_path: Path,
) -> None:
    store = make_store("neo4j", tmp_path)
    try:
        load_paths(store, [DATA / "corpus"])
        before = _graph(store)
        with store.rehearsal() as stand_in:  # type: ignore[attr-defined]
            written = rehearse(stand_in)
            changes = changes_of(stand_in, written)
            late = written[-1].nodes[0].id
            # what the rehearsal wrote is there for its own reads: the statements ran
            assert stand_in.run("entity", {"id": late})[0]["name"] == "Rehearsal Firm 1"
            made_up = [n for p in written for n in p.nodes]
            assert sorted({n.label for n in made_up}) == sorted(schema.NODE_LABELS)
            assert all(stand_in.run("entity", {"id": n.id}) for n in made_up)
            assert [len(p) for p in changes.parties.values()] == [2]
            assert [p["name"] for p in stand_in.run("collaborators", {"id": late, "limit": 10})] == [
                "Rehearsal University 0"
            ]
            # the collaboration was refreshed: the new firm's tie to the university, which is a
            # party to the agreement the firm joined
            pairs = [r for r in stand_in.run("collaboration_edges") if late in (r["source"], r["target"])]
            assert sorted((r["direct"], r["shared"]) for r in pairs) == [(1.0, 1)]
        assert _graph(store) == before
        assert not store.run("entity", {"id": late})
    finally:
        store.close()


@pytest.mark.neo4j
def test_the_api_on_neo4j_rehearses_a_write_at_start_and_leaves_nothing_of_it(tmp_path: Path) -> None:
    store = make_store("neo4j", tmp_path)
    try:
        load_paths(store, [DATA / "corpus"])
        before = _graph(store)
        with serving(create_app(Settings(api_keys=[SecretStr(KEY)]), store), timeout=60) as client:
            deadline = time.time() + 60
            while client.get("/ready").json()["writes"] == "waiting" and time.time() < deadline:
                time.sleep(0.2)
            assert client.get("/ready").json()["writes"].startswith("rehearsed in ")
            assert not client.get("/entities", params={"q": "Rehearsal"}).json()["results"]
        assert _graph(store) == before
    finally:
        store.close()
