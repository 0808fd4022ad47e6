"""Fixtures: real stores (LadybugDB in a temp dir always; Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader import load_paths
from queries.store import Store, delete_everything, open_store
from viz.headless import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"
KEY = "test-write-key"


def _neo4j_options() -> dict[str, str] | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return {
        "uri": uri,
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
        "database": os.environ.get("NEO4J_DATABASE", "neo4j"),
    }


def make_store(kind: str, tmp_path: Path) -> Store:
    if kind == "ladybug":
        store = open_store("ladybug", path=tmp_path / "graph.lbug")
    else:
        options = _neo4j_options()
        if options is None:
            pytest.skip("Neo4j half of the store suite: set NEO4J_URI (and NEO4J_PASSWORD) to run it")
        store = open_store("neo4j", **options)
        delete_everything(store)
    store.ensure_schema()
    return store


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test body against every backend (the store contract)."""
    store = make_store(request.param, tmp_path)
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh LadybugDB database in a temporary directory."""
    store = make_store("ladybug", tmp_path)
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI, timeout: float = 30) -> Iterator[httpx.Client]:
    """`app` served by uvicorn on a free loopback port, and a client of it."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "the API did not start"
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("api")
    store = open_store("ladybug", path=folder / "graph.lbug", query_timeout_ms=5000)
    store.ensure_schema()
    load_paths(store, [DATA / "corpus", DATA / "corpus-zh", FIXTURES / "mixed" / "wmu-zh.txt"])
    settings = Settings(ladybug_path=folder / "graph.lbug", api_keys=[SecretStr(KEY)])
    try:
        with serving(create_app(settings, store)) as client:
            yield client
    finally:
        store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: chromium is missing (scripts/test.sh installs it)")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
