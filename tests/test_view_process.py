"""The view of the graph lives in a process of its own (api.view_process), on either store:
the API's process holds none of it, the view follows the API's writes (on LadybugDB through a
read-only snapshot opened again), and a view process that ends (killed, out of memory) is
started again by the next request that needs it, which answers as before."""

from __future__ import annotations

import gc
import json
import os
import signal
import time
import weakref
from pathlib import Path

import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from api.view_process import ViewProcess
from graph_loader import load_paths
from queries.view import GraphView
from tests.conftest import DATA, KEY, make_store, serving

ASKED = ("/analytics/communities", "/analytics/centrality?metric=betweenness", "/analytics/city-matrix")


@pytest.mark.parametrize("kind", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_the_view_lives_in_its_own_process_follows_writes_and_comes_back_when_killed(
    kind: str, tmp_path: Path
) -> None:
    store = make_store(kind, tmp_path)
    load_paths(store, [DATA / "corpus"])
    gc.collect()
    earlier = weakref.WeakSet(o for o in gc.get_objects() if isinstance(o, GraphView))  # other tests'
    app = create_app(Settings(api_keys=[SecretStr(KEY)]), store)
    try:
        with serving(app, timeout=120) as client:
            before = {path: client.get(path) for path in ASKED}
            assert all(r.status_code == 200 for r in before.values()), before
            assert before["/analytics/communities"].json()["results"], "the corpus has communities"
            views = app.state.views
            assert isinstance(views, ViewProcess)
            first = views.memory_pid()
            assert first is not None and first != os.getpid()
            gc.collect()
            held = [o for o in gc.get_objects() if isinstance(o, GraphView) and o not in earlier]
            assert not held, "the API's process holds a view of the graph"

            os.kill(first, signal.SIGKILL)
            views._process.join(10)  # reaped, as the server's next request finds it
            after = {path: client.get(path) for path in ASKED}
            assert views.memory_pid() not in (None, first)
            for path in ASKED:
                assert after[path].status_code == 200, after[path].text
                assert _untimed(after[path].json()) == _untimed(before[path].json()), path
            assert client.get("/ready").json()["view"] == "ready"

            # a write shows at once in the heavy reads made in the view process, and in the
            # view's answers once the view process has applied it
            hub = before["/analytics/centrality?metric=betweenness"].json()["results"][0]["id"]
            firm = "firm:follower-gmbh"
            records = [
                {"kind": "node", "label": "City", "id": "city:followton", "name": "Followton"},
                {"kind": "node", "label": "Firm", "id": firm, "name": "Follower GmbH"},
                {"kind": "edge", "type": "LOCATED_IN", "source": firm, "target": "city:followton"},
                {"kind": "edge", "type": "COOPERATES_WITH", "source": firm, "target": hub},
            ]
            body = "".join(json.dumps(r) + "\n" for r in records)
            assert client.post("/records", content=body, headers={"X-API-Key": KEY}).status_code == 200
            pairs = client.get("/collaborations", params={"a_city": "Followton"}).json()["results"]
            assert [(p["a_id"], p["b_id"]) for p in pairs] == [(firm, hub)]
            deadline = time.monotonic() + 60
            while client.get("/ready").json()["view"] != "ready":
                assert time.monotonic() < deadline, "the view did not take the write"
                time.sleep(0.1)
            degree = client.get(
                "/analytics/centrality", params={"metric": "degree", "label": "Firm", "top": 100}
            ).json()
            assert firm in {r["id"] for r in degree["results"]}
    finally:
        store.close()


def _untimed(answer: dict[str, object]) -> dict[str, object]:
    meta = dict(answer.get("meta") or {})  # type: ignore[call-overload]
    meta.pop("db_response_time_ms", None)
    return {**answer, "meta": meta}
