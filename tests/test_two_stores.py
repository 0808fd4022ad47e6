"""One graph, two stores: the same inputs loaded into LadybugDB and into Neo4j give the
same exports, and the API answers the same JSON from either (timing fields aside).
Needs a Neo4j (NEO4J_URI; scripts/test.sh starts one where Java and Maven are)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader import load_paths
from graph_loader.tables.mapping import load_mapping
from queries.store import Store
from tests.conftest import DATA, KEY, make_store, serving
from tests.helpers import snapshot

pytestmark = pytest.mark.neo4j

INPUTS: dict[str, tuple[list[Path], str | None]] = {
    "sample articles": ([DATA / "corpus"], None),
    "Chinese articles": ([DATA / "corpus-zh"], None),
    "CORDIS subset": ([DATA / "cordis-h2020-subset" / "organization.csv"], "cordis"),
}


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    neo4j = make_store("neo4j", tmp_path)  # skips without NEO4J_URI
    ladybug = make_store("ladybug", tmp_path)
    yield ladybug, neo4j
    ladybug.close()
    neo4j.close()


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_a_load_gives_the_same_graph_in_both_stores(stores: tuple[Store, Store], name: str) -> None:
    paths, mapping = INPUTS[name]
    for store in stores:
        load_paths(store, paths, mapping=load_mapping(mapping) if mapping else None)
    ladybug, neo4j = (snapshot(s) for s in stores)
    assert len(ladybug) > 50
    assert ladybug == neo4j


# GET requests whose answers must not depend on the store (the sample articles and the
# Chinese ones loaded).
REQUESTS = [
    "/stats",
    "/entities?q=WMU",
    "/entities?q=Wenzhou&per_page=50",
    "/entities?label=Country&per_page=100",
    "/entities?city=Wenzhou&group_by=label",
    "/entities/university:wenzhou-medical-university",
    "/entities/university:wenzhou-medical-university/collaborators?per_page=100",
    "/entities/university:wenzhou-medical-university/collaborators?via=agreement",
    "/entities/city:wenzhou",
    "/paths?source=university:wenzhou-medical-university&target=country:kr&max_hops=4",
    "/agreements?per_page=100",
    "/collaborations?a_city=Wenzhou&per_page=100",
    "/experts?per_page=100",
    "/analytics/centrality?metric=degree&top=20",
    "/analytics/centrality?metric=betweenness&top=20",
    "/analytics/brokers?top=10",
    "/analytics/communities",
    "/analytics/city-matrix",
    "/analytics/regions?city=Wenzhou",
]
TIMING = ("db_response_time_ms",)


def _without_timing(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timing(v) for k, v in value.items() if k not in TIMING}
    if isinstance(value, list):
        return [_without_timing(v) for v in value]
    return value


def test_every_read_endpoint_answers_the_same_from_both_stores(tmp_path: Path) -> None:
    answers: list[dict[str, Any]] = []
    for kind in ("ladybug", "neo4j"):
        store = make_store(kind, tmp_path / kind)
        load_paths(store, [DATA / "corpus", DATA / "corpus-zh"])
        settings = Settings(ladybug_path=tmp_path / kind / "graph.lbug", api_keys=[SecretStr(KEY)])
        try:
            with serving(create_app(settings, store)) as client:
                got = {}
                for path in REQUESTS:
                    response = client.get(path)
                    assert response.status_code == 200, (kind, path, response.text[:300])
                    got[path] = _without_timing(response.json())
                answers.append(got)
        finally:
            store.close()
    ladybug, neo4j = answers
    for path in REQUESTS:
        assert ladybug[path] == neo4j[path], (
            f"{path}:\n{json.dumps(ladybug[path])[:600]}\n{json.dumps(neo4j[path])[:600]}"
        )


def test_the_api_on_neo4j_loads_writes_and_shows(tmp_path: Path) -> None:
    """INNOGRAPH_STORE=neo4j end to end: a load, a POST /records, a view page."""
    store = make_store("neo4j", tmp_path)
    load_paths(store, [DATA / "corpus"])
    settings = Settings(store="neo4j", api_keys=[SecretStr(KEY)])
    records = "\n".join(
        json.dumps(r)
        for r in (
            {"kind": "node", "label": "Firm", "id": "firm:posted-on-neo4j", "name": "Posted On Neo4j GmbH"},
            {
                "kind": "edge",
                "type": "COOPERATES_WITH",
                "source": "firm:posted-on-neo4j",
                "target": "university:wenzhou-medical-university",
            },
        )
    )
    try:
        with serving(create_app(settings, store)) as client:
            posted = client.post("/records", content=records, headers={"X-API-Key": KEY})
            assert posted.status_code == 200 and posted.json()["edges_created"] == 1
            partners = client.get(
                "/entities/university:wenzhou-medical-university/collaborators", params={"per_page": 100}
            ).json()["results"]
            assert "firm:posted-on-neo4j" in {p["id"] for p in partners}
            page = client.get("/view/entity/firm:posted-on-neo4j")
            assert page.status_code == 200 and "Posted On Neo4j GmbH" in page.text
            assert client.get("/ready").json()["store"].startswith("Neo4j at bolt://")
    finally:
        store.close()
