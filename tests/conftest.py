"""Fixtures: real stores (LadybugDB in a temp dir always; Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from queries.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


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
        store.run("delete_all")
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
