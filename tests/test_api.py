"""The API over real HTTP: uvicorn on a free port, the embedded store loaded from data/corpus."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from api.view_cache import ANALYTICS_SETTLE_S
from graph_loader import load_paths
from queries.store import Store, open_store
from serving import hub_rankings
from tests.conftest import DATA, KEY, serving

WMU = "university:wenzhou-medical-university"
BOYI = "firm:weihai-boyi-agricultural-technology-co-ltd"


def test_health_ready_stats(api: httpx.Client) -> None:
    assert api.get("/health").json() == {"status": "ok"}
    ready = api.get("/ready").json()
    assert ready["status"] == "ready" and ready["view"] in ("ready", "building")
    assert ready["writes"] == "not needed"  # the embedded store plans no statement ahead
    assert api.get("/analytics/city-matrix").status_code == 200  # waits for the view if it is building
    assert api.get("/ready").json()["view"] == "ready"
    stats = api.get("/stats").json()
    assert stats["labels"]["Document"] == 18 and stats["relationships"]["COOPERATES_WITH"] > 10


def test_search_by_name_alias_variant_and_typo(api: httpx.Client) -> None:
    def first(q: str, **params: str) -> str:
        body = api.get("/entities", params={"q": q, **params}).json()
        return body["results"][0]["id"]

    assert first("WMU") == WMU
    assert first("wenzhou medical university") == WMU
    assert first("Wenzhuo Medical University") == WMU  # a typo
    assert (
        first("Jangtse", label="Organization")
        == "organization:yangtze-river-delta-national-innovation-center"
    )
    body = api.get("/entities", params={"label": "Country", "per_page": 5, "group_by": "label"}).json()
    assert body["meta"]["count"] >= 13 and len(body["results"]) == 5
    assert body["group_by"] == [{"key": "Country", "display_name": "Country", "count": body["meta"]["count"]}]
    nxt = api.get(
        "/entities", params={"label": "Country", "per_page": 5, "cursor": body["meta"]["next_cursor"]}
    ).json()
    assert {r["id"] for r in nxt["results"]}.isdisjoint({r["id"] for r in body["results"]})
    in_weihai = api.get("/entities", params={"city": "Weihai"}).json()["results"]
    assert BOYI in {r["id"] for r in in_weihai}


def test_entity_detail_with_location_and_documents(api: httpx.Client) -> None:
    body = api.get(f"/entities/{WMU}").json()
    assert body["name"] == "Wenzhou Medical University" and {"WMU", "温州医科大学"} <= set(body["aliases"])
    assert "city:wenzhou" in {p["id"] for p in body["located_in"]}
    # the English sample article and a Chinese one (tests/fixtures/mixed) name the same university
    assert sorted(d["id"] for d in body["documents"]) == ["document:004_d6cbdc738765ec51", "document:wmu-zh"]


def test_search_by_the_chinese_or_the_english_name(api: httpx.Client) -> None:
    for q in ("温州医科大学", "WMU", "Wenzhou Medical University"):
        first = api.get("/entities", params={"q": q}).json()["results"][0]
        assert first["id"] == WMU, q
    fraunhofer = api.get("/entities", params={"q": "弗劳恩霍夫协会"}).json()["results"][0]
    assert fraunhofer["label"] == "University"


def test_collaborators_with_evidence(api: httpx.Client) -> None:
    body = api.get(f"/entities/{WMU}/collaborators", params={"per_page": 100}).json()
    partners = {r["id"]: r for r in body["results"]}
    alberta = partners["university:university-of-alberta"]
    assert alberta["evidence"] and "University of Alberta" in alberta["evidence"][0]["evidence"]
    assert alberta["agreements"], "also co-party of the cooperation agreement"
    korea = api.get(f"/entities/{BOYI}/collaborators").json()["results"]
    assert [(r["id"], r["via"]) for r in korea] == [("country:kr", "direct")]
    assert "Korean counterparts" in korea[0]["evidence"][0]["evidence"]
    only = api.get(f"/entities/{WMU}/collaborators", params={"label": "Country", "via": "direct"}).json()[
        "results"
    ]
    assert only and all(r["label"] == "Country" for r in only)


def test_paths_have_evidence_on_every_hop(api: httpx.Client) -> None:
    body = api.get(
        "/paths", params={"source": "university:university-of-alberta", "target": "country:kr", "max_hops": 2}
    ).json()
    assert body["results"], body
    for path in body["results"]:
        assert [n["id"] for n in path["nodes"]][0] == "university:university-of-alberta"
        assert all(hop["evidence"] for hop in path["hops"])


def test_agreements_and_analytics(api: httpx.Client) -> None:
    agreements = api.get("/agreements", params={"party": WMU}).json()["results"]
    assert any("University of Alberta" in a["name"] for a in agreements)
    hubs = api.get("/analytics/centrality", params={"metric": "degree", "top": 3}).json()
    assert hubs["results"][0]["id"] in (
        WMU,
        "city:wenzhou",
        "organization:yangtze-river-delta-national-innovation-center",
    )
    assert api.get("/analytics/communities").json()["meta"]["count"] >= 2
    brokers = api.get("/analytics/brokers", params={"top": 2}).json()["results"]
    between = api.get("/analytics/centrality", params={"metric": "betweenness", "top": 2}).json()["results"]
    assert brokers and brokers == between


@pytest.mark.parametrize(
    ("path", "params", "status", "names"),
    [
        ("/entities/firm:nope", {}, 404, "firm:nope"),
        ("/entities/firm:nope/collaborators", {}, 404, "firm:nope"),
        ("/paths", {"source": WMU, "target": "firm:nope"}, 404, "target"),
        ("/paths", {"source": WMU, "target": BOYI, "max_hops": 9}, 422, "max_hops"),
        ("/entities", {"per_page": 1000}, 422, "per_page"),
        ("/entities", {"label": "Spaceship"}, 422, "label"),
        ("/entities", {"cursor": "!!"}, 422, "cursor"),
        ("/analytics/centrality", {"metric": "pagerank"}, 422, "metric"),
    ],
)
def test_bad_requests_name_the_problem(
    api: httpx.Client, path: str, params: dict, status: int, names: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == status
    assert names in json.dumps(response.json())


def test_writes_need_the_key_and_show_up_in_queries(api: httpx.Client) -> None:
    record = {"kind": "node", "label": "Firm", "id": "firm:test-robotics", "name": "Test Robotics Co., Ltd."}
    body = json.dumps(record) + "\n"
    assert api.post("/records", content=body).status_code == 401
    assert api.post("/records", content=body, headers={"X-API-Key": "wrong"}).status_code == 403
    response = api.post("/records", content=body, headers={"X-API-Key": KEY})
    assert response.status_code == 200 and response.json()["nodes_created"] == 1
    article = "Test Robotics Co., Ltd. cooperated with Zhejiang University on service robots in Hangzhou.\n"
    response = api.post(
        "/documents", params={"name": "../../etc/passwd"}, content=article, headers={"X-API-Key": KEY}
    )
    assert response.status_code == 200, response.text
    partners = api.get("/entities/firm:test-robotics-co-ltd/collaborators").json()["results"]
    assert "university:zhejiang-university" in {p["id"] for p in partners}
    bad = api.post("/records", content='{"kind": "node"\n', headers={"X-API-Key": KEY})
    assert bad.status_code == 422 and "malformed JSON" in json.dumps(bad.json())


def test_openapi_documents_every_route(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    for route in (
        "/entities",
        "/entities/{entity_id}",
        "/entities/{entity_id}/collaborators",
        "/paths",
        "/agreements",
        "/analytics/centrality",
        "/analytics/communities",
        "/records",
        "/documents",
    ):
        assert route in spec["paths"], route


def test_collaborations_between_groups(api: httpx.Client) -> None:
    body = api.get(
        "/collaborations", params={"a_city": "Wenzhou", "b_label": "Country", "per_page": 100}
    ).json()
    pairs = {(r["a_id"], r["b_id"]) for r in body["results"]}
    assert (WMU, "country:ca") in pairs and (WMU, "country:th") in pairs
    assert all(r["evidence"] for r in body["results"])
    unis = api.get(
        "/collaborations", params={"a_label": "University", "b_label": "University", "per_page": 100}
    ).json()
    names = {frozenset((r["a_name"], r["b_name"])) for r in unis["results"]}
    assert frozenset(("Wenzhou Medical University", "University of Alberta")) in names
    assert api.get("/collaborations").status_code == 422


def test_experts_serving_organisations(api: httpx.Client) -> None:
    rows = api.get("/experts", params={"firm": "Yalong"}).json()["results"]
    assert [(r["name"], r["role"]) for r in rows] == [("Chen Jiquan", "Chairman")]
    wmu = {r["name"] for r in api.get("/experts", params={"firm": WMU}).json()["results"]}
    assert {"Li Xiaokun", "Song Weihong"} <= wmu


def test_city_matrix_and_region_profile(api: httpx.Client) -> None:
    cells = api.get("/analytics/city-matrix").json()["results"]
    assert cells and all(c["count"] >= 1 for c in cells)
    profile = api.get("/analytics/regions", params={"city": "Wenzhou"}).json()
    assert profile["actors"] >= 3 and profile["ties_to_countries"] >= 5
    assert set(profile["partner_mix"]) <= {"university", "industry", "government", "other"}
    assert abs(sum(profile["partner_mix"].values()) - 1) < 0.01
    assert api.get("/analytics/regions", params={"city": "Atlantis"}).status_code == 404


def test_exports(api: httpx.Client) -> None:
    import io
    import zipfile

    import networkx as nx

    graph = nx.read_graphml(io.BytesIO(api.get("/export.graphml").content))
    assert WMU in graph
    assert api.get("/export.gexf").content.startswith(b"<?xml")
    archive = zipfile.ZipFile(io.BytesIO(api.get("/export.csv").content))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]


def test_paths_from_the_index_are_the_store_s_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The in-memory path index (serving.path_index), built from part of the graph and given
    the rest as a writer's batch, answers as the catalog's own statements do, evidence
    included, for every pair of a sample of actors."""
    import random

    from graph_loader import load_paths
    from queries.analytics.paths import Links
    from serving.paths import MAX_PATHS, paths
    from serving.search_index import SearchKeys
    from tests.conftest import DATA, make_store

    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "sample"])
        rows = store.run("connections")
        links = Links(rows[: len(rows) // 2])
        links.add(rows[len(rows) // 2 :])
        keys = SearchKeys(store.run("search_index"))
        actors = sorted(r["id"] for r in store.run("search_index"))
        rng = random.Random(7)
        compared = 0
        for _ in range(150):
            a, b = rng.sample(actors, 2)
            for through in ("collaboration", "places"):
                hops = rng.randint(1, 4)
                mine = paths(store, keys, links, a, b, hops, through).results
                theirs = paths(store, keys, None, a, b, hops, through).results
                if len(theirs) >= MAX_PATHS:  # the store keeps any 25 of more
                    continue
                assert sorted(p.model_dump_json() for p in mine) == sorted(
                    p.model_dump_json() for p in theirs
                )
                compared += bool(theirs)
        assert compared >= 20, compared
    finally:
        store.close()


def test_the_ingest_writer_refuses_beyond_its_bound(store: Store) -> None:
    from fastapi import HTTPException

    from api.heavy import HeavyPool
    from api.view_cache import ViewCache
    from api.writing import IngestWriter

    ingest = IngestWriter(store, ViewCache(store, HeavyPool(timeout_s=5)), limit=2)
    try:
        ingest.admit()
        ingest.admit()
        with pytest.raises(HTTPException) as refused:
            ingest.admit()
        assert refused.value.status_code == 429 and refused.value.headers == {"Retry-After": "1"}
        ingest.leave()
        ingest.admit()  # freed again
        assert ingest.pending == 2
    finally:
        ingest.close()


def test_concurrent_writes_are_each_answered_and_visible_once_acknowledged(api: httpx.Client) -> None:
    """Writes that arrive together are written together; each gets its own counts, and each
    shows in the answers as soon as it is acknowledged, those of the in-memory indexes too."""

    def write(n: int) -> tuple[int, dict, set[str]]:
        firm = f"firm:together-{n}"
        body = "\n".join(
            json.dumps(r)
            for r in (
                {"kind": "node", "label": "Firm", "id": firm, "name": f"Together {n} GmbH"},
                {"kind": "node", "label": "Firm", "id": "firm:shared-partner", "name": "Shared Partner AG"},
                {
                    "kind": "edge",
                    "type": "COOPERATES_WITH",
                    "source": firm,
                    "target": "firm:shared-partner",
                    "provenance": [{"doc": f"together-{n}", "evidence": "together"}],
                },
            )
        )
        with httpx.Client(base_url=str(api.base_url), timeout=60) as client:
            response = client.post("/records", content=body, headers={"X-API-Key": KEY})
            seen = client.get(f"/entities/{firm}/collaborators").json()["results"]
            # the in-memory indexes too: the name in search, the tie in paths
            found = client.get("/entities", params={"q": f"Together {n} GmbH"}).json()["results"]
            assert found and found[0]["id"] == firm, found
            path = client.get(
                "/paths", params={"source": firm, "target": "firm:shared-partner", "max_hops": 1}
            )
            assert path.json()["meta"]["count"] == 1, path.json()
        return response.status_code, response.json(), {p["id"] for p in seen}

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(write, range(12)))
    assert all(status == 200 for status, _, _ in answers), answers
    assert all(seen == {"firm:shared-partner"} for _, _, seen in answers)
    # each request: its own firm created, its own tie created; the shared partner is
    # created by exactly one of them, whichever was written first
    assert all(
        a["nodes_created"] + a["nodes_updated"] == 2 and a["edges_created"] == 1 for _, a, _ in answers
    )
    assert sum(a["nodes_created"] for _, a, _ in answers) == 13
    partners = api.get("/entities/firm:shared-partner/collaborators", params={"per_page": 100}).json()
    assert {p["id"] for p in partners["results"]} == {f"firm:together-{n}" for n in range(12)}


def test_the_api_ranks_its_biggest_hubs_when_it_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No request asks for a collaborator, yet /ready shows the hubs ranked, and their
    answers are the store's."""
    from serving.entities import collaborators
    from serving.search_index import SearchKeys

    monkeypatch.setattr(hub_rankings, "HUB_PARTNERS", 3)
    store = open_store("ladybug", path=tmp_path / "graph.lbug")
    store.ensure_schema()
    load_paths(store, [DATA / "corpus", DATA / "sample"])
    hubs = store.run("collaboration_hubs", {"least": 3, "limit": 1000})
    assert len(hubs) >= 3
    settings = Settings(ladybug_path=tmp_path / "graph.lbug", api_keys=[SecretStr(KEY)])
    try:
        with serving(create_app(settings, store)) as client:
            deadline = time.time() + 20
            while client.get("/ready").json()["hub_rankings"] < len(hubs) and time.time() < deadline:
                time.sleep(0.1)
            assert client.get("/ready").json()["hub_rankings"] == len(hubs)
            keys = SearchKeys(store.run("search_index"))
            for hub in hubs:
                answer = client.get(f"/entities/{hub['id']}/collaborators", params={"per_page": 50}).json()
                asked = collaborators(store, keys, hub["id"], per_page=50)
                assert [r["id"] for r in answer["results"]] == [c.id for c in asked.results]
    finally:
        store.close()


def test_kept_hub_rankings_follow_each_write(api: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hub's kept ranking is forgotten by a write that changes its partners, by a tie or
    through an agreement, and stays right through one that does not."""
    monkeypatch.setattr(hub_rankings, "HUB_PARTNERS", 2)  # every actor with two partners is a hub
    hub = "firm:hub-of-writes"

    def post(*records: dict[str, object]) -> None:
        body = "\n".join(json.dumps(r) for r in records)
        assert api.post("/records", content=body, headers={"X-API-Key": KEY}).status_code == 200

    def partners() -> set[str]:
        answer = api.get(f"/entities/{hub}/collaborators", params={"per_page": 100}).json()
        return {p["id"] for p in answer["results"]}

    def firm(key: str) -> dict[str, object]:
        return {"kind": "node", "label": "Firm", "id": f"firm:{key}", "name": key.title()}

    def tie(key: str) -> dict[str, object]:
        evidence = [{"doc": "hub-writes", "evidence": key}]
        return {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": f"firm:{key}",
            "target": hub,
            "provenance": evidence,
        }

    post(firm("hub-of-writes"), *(r for k in ("hw-a", "hw-b") for r in (firm(k), tie(k))))
    assert partners() == {"firm:hw-a", "firm:hw-b"}  # ranked and kept
    post(firm("hw-c"), tie("hw-c"))
    assert partners() == {"firm:hw-a", "firm:hw-b", "firm:hw-c"}
    post(firm("elsewhere"))  # touches nobody's partners
    assert partners() == {"firm:hw-a", "firm:hw-b", "firm:hw-c"}
    agreement = {"kind": "node", "label": "Agreement", "id": "agreement:hub-writes", "name": "Hub Writes"}
    party = lambda who: {  # noqa: E731
        "kind": "edge",
        "type": "PARTY_TO",
        "source": who,
        "target": "agreement:hub-writes",
        "provenance": [{"doc": "hub-writes", "evidence": who}],
    }
    post(agreement, firm("hw-d"), party(hub))
    post(party("firm:hw-d"))  # the hub's new partner comes through the agreement
    assert partners() == {"firm:hw-a", "firm:hw-b", "firm:hw-c", "firm:hw-d"}


def test_answers_list_the_first_hundred_evidence_entries_and_count_them_all(api: httpx.Client) -> None:
    """A table load gives a country an entry per row; an answer lists 100 and counts all."""
    provenance = [{"doc": "big-table", "row": str(n)} for n in range(2, 252)]
    record = {
        "kind": "node",
        "label": "Firm",
        "id": "firm:much-evidence",
        "name": "Much Evidence",
        "provenance": provenance,
    }
    assert api.post("/records", content=json.dumps(record), headers={"X-API-Key": KEY}).status_code == 200
    detail = api.get("/entities/firm:much-evidence").json()
    assert detail["evidence_total"] == 250 and len(detail["evidence"]) == 100
    assert detail["evidence"][0] == {"doc": "big-table", "evidence": None, "confidence": 1.0, "row": "10"}


def test_each_graph_version_is_analysed_without_being_asked(api: httpx.Client) -> None:
    """The hubs, communities and brokers of a new graph version are computed in the
    background once writes pause (api.view_cache.ANALYTICS_SETTLE_S); asking for them afterwards
    computes nothing."""

    def computed() -> int:
        return int(api.get("/ready").json()["analytics"]["computed"])

    record = {"kind": "node", "label": "Firm", "id": "firm:warm-up-gmbh", "name": "Warm-up GmbH"}
    before = computed()
    assert (
        api.post("/records", content=json.dumps(record) + "\n", headers={"X-API-Key": KEY}).status_code == 200
    )
    # the next view is made after the write is acknowledged and analysed ANALYTICS_SETTLE_S
    # after it is built: wait until the view shows the write, that pause has passed, and the
    # pool has been idle for a second (analytics of earlier versions, which other tests or
    # the start asked for, may still be running when this one starts)
    deadline = time.time() + 90 + ANALYTICS_SETTLE_S
    ready_since = idle_since = 0.0
    while True:
        assert time.time() < deadline, "the new version's analytics were not computed"
        body = api.get("/ready").json()
        pool = body["analytics"]
        ready_since = (ready_since or time.time()) if body["view"] == "ready" else 0.0
        idle = pool and not pool["running"] and not pool["waiting"]  # {}: the view process starting
        idle_since = (idle_since or time.time()) if idle else 0.0
        if (
            ready_since
            and time.time() - ready_since > ANALYTICS_SETTLE_S + 1
            and idle_since
            and time.time() - idle_since > 1
            and pool["computed"] >= before + 3
        ):
            break
        time.sleep(0.2)
    done = computed()
    assert api.get("/analytics/communities").status_code == 200
    assert api.get("/analytics/brokers").status_code == 200
    assert api.get("/analytics/centrality", params={"metric": "degree"}).status_code == 200
    assert computed() == done


def test_each_analytic_runs_in_a_process_of_its_own_below_the_server() -> None:
    """An analytic of a large graph holds hundreds of MB and minutes of a core: its process
    ends with it (the memory goes back) and yields the cores to the server's requests."""
    import os

    from api.heavy import ANALYTICS_NICENESS, HeavyPool

    pool = HeavyPool(timeout_s=120)
    try:
        assert pool.run_elsewhere("nice", os.nice, lambda: (0,)) == os.nice(0) + ANALYTICS_NICENESS
        pids = {pool.run_elsewhere(k, os.getpid, tuple) for k in range(4)}
        assert len(pids) == 4 and os.getpid() not in pids
    finally:
        pool.close()


def test_a_store_out_of_memory_answers_503_naming_the_setting(tmp_path: Path) -> None:
    """A query the engine's buffer pool cannot hold is the server's limit, not the caller's
    error and not a crash: 503 with the setting that sizes the pool."""
    data = tmp_path / "town.jsonl"
    with data.open("w") as out:
        out.write(json.dumps({"kind": "node", "label": "City", "id": "city:x", "name": "Xtown"}) + "\n")
        for i in range(3_000):
            out.write(
                json.dumps({"kind": "node", "label": "Firm", "id": f"firm:f{i}", "name": f"F {i}"}) + "\n"
            )
            edge = {"kind": "edge", "type": "LOCATED_IN", "source": f"firm:f{i}", "target": "city:x"}
            out.write(json.dumps(edge) + "\n")
        for i in range(12_000):
            a, b = i % 3_000, (i % 3_000 + i // 3_000 + 1) % 3_000
            edge = {"kind": "edge", "type": "COOPERATES_WITH", "source": f"firm:f{a}", "target": f"firm:f{b}"}
            out.write(json.dumps(edge) + "\n")
    store = open_store("ladybug", path=tmp_path / "graph.lbug")
    store.ensure_schema()
    load_paths(store, [data])
    store.close()
    store = open_store("ladybug", path=tmp_path / "graph.lbug", buffer_pool_mb=16)
    settings = Settings(
        ladybug_path=tmp_path / "graph.lbug", api_keys=[SecretStr(KEY)], ladybug_view_buffer_pool_mb=16
    )
    try:
        with serving(create_app(settings, store)) as client:
            # read in the view process (serving.view_answers.READS), with its own pool
            answer = client.get("/collaborations", params={"a_city": "city:x", "b_city": "city:x"})
            assert answer.status_code == 503
            assert "INNOGRAPH_LADYBUG_VIEW_BUFFER_POOL_MB" in answer.json()["detail"]
    finally:
        store.close()
