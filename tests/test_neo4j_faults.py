"""Neo4j going away: killed in the middle of a load, restarted under a running API, and
reached with a wrong password. These tests start a Neo4j of their own (scripts/neo4j-server.sh
in a temporary folder) so that they can stop it; they need Java and Maven."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader import load_paths
from queries.errors import StoreUnavailable
from queries.store import delete_everything, open_store
from tests.conftest import KEY, ROOT, make_store, serving
from tests.helpers import snapshot, write_jsonl

pytestmark = pytest.mark.neo4j
PASSWORD = "fault-test-password"
CLI = [sys.executable, "-m", "api.cli.main"]


class Server:
    """A Neo4j of these tests' own, started and stopped through the project's script."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {**os.environ, "INNOGRAPH_NEO4J_HOME": str(home), "NEO4J_PASSWORD": PASSWORD}
        self.env.pop("NEO4J_URI", None)
        self.uri = ""

    def start(self, port: int | None = None) -> None:
        args = ["bash", str(ROOT / "scripts" / "neo4j-server.sh"), "start"]
        if port:
            args += ["--port", str(port)]
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        self.uri = done.stdout.strip().removeprefix("NEO4J_URI=")

    def stop(self) -> None:
        script = ROOT / "scripts" / "neo4j-server.sh"
        subprocess.run(["bash", str(script), "stop"], env=self.env, capture_output=True, timeout=120)

    def kill(self) -> None:
        os.kill(int((self.home / "server.pid").read_text()), signal.SIGKILL)
        time.sleep(1)
        (self.home / "server.pid").unlink()

    @property
    def port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])

    def store_env(self) -> dict[str, str]:
        return {
            **os.environ,
            "INNOGRAPH_STORE": "neo4j",
            "NEO4J_URI": self.uri,
            "NEO4J_PASSWORD": PASSWORD,
            "PYTHONPATH": str(ROOT),
        }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not (shutil.which("java") and shutil.which("mvn")):
        pytest.skip("needs Java 17 and Maven to start a Neo4j of its own")
    neo4j = Server(tmp_path_factory.mktemp("neo4j-faults"))
    neo4j.start()
    yield neo4j
    neo4j.stop()


def _records(tmp_path: Path, count: int) -> Path:
    nodes = [{"kind": "node", "label": "Firm", "id": f"firm:k{i}", "name": f"Firm {i}"} for i in range(count)]
    edges = [
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": f"firm:k{i}",
            "target": f"firm:k{(i * 7 + 1) % count}",
        }
        for i in range(count)
        if (i * 7 + 1) % count != i
    ]
    return write_jsonl(tmp_path / "records.jsonl", nodes + edges)


def test_a_load_interrupted_by_neo4j_dying_fails_clearly_and_completes_when_run_again(
    server: Server, tmp_path: Path
) -> None:
    records = _records(tmp_path, 40_000)
    load = [*CLI, "load", "--batch-size", "1000", str(records)]
    running = subprocess.Popen(
        load, env=server.store_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    store = open_store("neo4j", uri=server.uri, password=PASSWORD)
    try:
        deadline = time.time() + 120
        while not store.run("count_by_rel_type") and running.poll() is None:
            assert time.time() < deadline, "no relationship was written"
            time.sleep(0.2)
    finally:
        store.close()
    assert running.poll() is None, "the load finished before it could be interrupted: make it larger"
    server.kill()
    _, err = running.communicate(timeout=120)
    assert running.returncode != 0
    assert "Traceback" not in err and "unreachable" in err, err[-2000:]
    server.start(port=server.port)
    again = subprocess.run(load, env=server.store_env(), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    neo4j = open_store("neo4j", uri=server.uri, password=PASSWORD)
    clean = make_store("ladybug", tmp_path)
    try:
        load_paths(clean, [records])
        assert snapshot(neo4j) == snapshot(clean)
    finally:
        neo4j.close()
        clean.close()


def test_reads_answer_503_while_neo4j_restarts_and_recover_without_restarting_the_api(server: Server) -> None:
    store = open_store("neo4j", uri=server.uri, password=PASSWORD, query_timeout_ms=5000)
    delete_everything(store)
    settings = Settings(store="neo4j", api_keys=[SecretStr(KEY)])
    try:
        with serving(create_app(settings, store), timeout=60) as client:
            assert client.get("/stats").status_code == 200
            server.stop()
            down = client.get("/stats")
            assert down.status_code == 503 and "unreachable" in down.text
            # the streamed reads (whole-graph exports, the API's indexes) say so alike
            with pytest.raises(StoreUnavailable, match="unreachable"):
                store.columns("export_nodes")
            server.start(port=server.port)
            deadline = time.time() + 60
            while (up := client.get("/stats")).status_code != 200:
                assert time.time() < deadline, up.text
                time.sleep(1)
            assert client.get("/ready").json()["status"] == "ready"
    finally:
        store.close()


def test_a_wrong_or_missing_password_is_a_clear_error_naming_the_setting(server: Server) -> None:
    env = {**server.store_env(), "NEO4J_PASSWORD": "not-the-password"}
    wrong = subprocess.run([*CLI, "stats"], env=env, capture_output=True, text=True, timeout=120)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert "refused the credentials" in wrong.stderr and "NEO4J_PASSWORD" in wrong.stderr
    env["NEO4J_PASSWORD"] = ""
    env.pop("INNOGRAPH_NEO4J_PASSWORD", None)
    empty = subprocess.run([*CLI, "stats"], env=env, capture_output=True, text=True, timeout=120)
    assert empty.returncode != 0 and "set NEO4J_PASSWORD" in empty.stderr, empty.stderr


def test_the_neo4j_admin_export_imports_with_neo4j_s_own_bulk_import(server: Server, tmp_path: Path) -> None:
    """`innograph export --format neo4j-admin`, then `neo4j-admin database import full` (through
    scripts/neo4j-server.sh import): the graph of the embedded store, counts and all."""
    from graph_loader.write.collaboration import rebuild as rebuild_collaboration
    from queries.export import export_neo4j_admin
    from tests.conftest import DATA

    embedded = make_store("ladybug", tmp_path)
    load_paths(embedded, [DATA / "corpus", DATA / "corpus-zh"])
    export_neo4j_admin(embedded, tmp_path / "admin")
    server.stop()
    script = ROOT / "scripts" / "neo4j-server.sh"
    imported = subprocess.run(
        ["bash", str(script), "import", str(tmp_path / "admin")],
        env=server.env,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0 and "IMPORT DONE" in imported.stdout, imported.stderr[-2000:]
    server.start(port=server.port)
    neo4j = open_store("neo4j", uri=server.uri, password=PASSWORD)
    try:
        assert snapshot(neo4j) == snapshot(embedded)
        # who collaborates with whom is derived, not exported: recomputed after the import
        assert rebuild_collaboration(neo4j) > 0
        pairs = [sorted(tuple(r.values()) for r in s.run("collaboration_edges")) for s in (neo4j, embedded)]
        assert pairs[0] == pairs[1]
    finally:
        neo4j.close()
        embedded.close()
