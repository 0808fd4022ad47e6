"""Corrections (graph_loader.curate): each kind applied, the sources loaded again, and the
graph compared with what the correction says; undo gives back the graph as it was; bad
input changes nothing. On both stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader import LoadRejected, load_mapping, load_paths
from graph_loader.curate import CurationError, curate, elements, undo
from queries.export import export_jsonl
from queries.store import Store
from serving.curation import log, merge_suggestions
from tests.browsing import open_page
from tests.conftest import DATA, make_store, serving
from tests.helpers import collaboration_as_defined, graph_state
from viz.render import CONFIRMED

SOURCES = [DATA / "corpus"]
MERGED, SURVIVOR = "firm:philips", "firm:national-instruments"


def records(store: Store) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in graph_state(store)[0]]


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store = make_store(request.param, tmp_path)
    load_paths(store, SOURCES)
    yield store
    store.close()


def _names(store: Store, entity: str) -> tuple[str, list[str]] | None:
    found = elements.nodes(store, [entity]).get(entity)
    return None if found is None else (found["name"], found["aliases"])


def _ends(store: Store, entity: str) -> set[tuple[str, str]]:
    """(type, other end) of every relationship of `entity`."""
    return {
        (r["type"], r["target"] if r["source"] == entity else r["source"])
        for r in elements.edges_of(store, entity)
    }


CASES: dict[str, dict[str, Any]] = {
    "merge": {"entity": MERGED, "into": SURVIVOR},
    "split": {"entity": "firm:yalong-intelligent-equipment-group-co-ltd", "name": "Yalong Intelligent"},
    "rename": {"entity": "university:wenzhou-medical-university", "name": "Wenzhou Medical University (WMU)"},
    "retype": {"entity": "university:2020-university", "label": "Organization"},
    "reject": {"type": "COOPERATES_WITH", "source": "city:wenzhou", "target": "firm:alibaba"},
}


def _holds(store: Store, kind: str, args: dict[str, Any], before: dict[str, Any]) -> None:
    """What the correction says is so in the store."""
    if kind == "merge":
        assert _names(store, MERGED) is None
        name, aliases = _names(store, SURVIVOR) or ("", [])
        assert name == "National Instruments" and "Philips" in aliases
        # every relationship of the merged entity now joins the survivor (but one with itself)
        moved = {(t, SURVIVOR if o == MERGED else o) for t, o in before["ends"][MERGED]}
        assert moved - {(t, o) for t, o in moved if o == SURVIVOR} <= _ends(store, SURVIVOR)
    elif kind == "split":
        entity = args["entity"]
        assert "Yalong Intelligent" not in (_names(store, entity) or ("", []))[1]
        assert _names(store, "firm:yalong-intelligent") == ("Yalong Intelligent", [])
        assert _ends(store, "firm:yalong-intelligent")  # the sentences naming it went with it
    elif kind == "rename":
        name, aliases = _names(store, args["entity"]) or ("", [])
        assert name == args["name"] and "Wenzhou Medical University" in aliases
    elif kind == "retype":
        assert _names(store, args["entity"]) is None
        node = elements.nodes(store, ["organization:2020-university"])["organization:2020-university"]
        assert node["label"] == "Organization" and node["name"] == "2020 University"
        assert {o for _, o in _ends(store, "organization:2020-university")} == {
            o for _, o in before["ends"][args["entity"]]
        }
    elif kind == "reject":
        assert ("COOPERATES_WITH", "firm:alibaba") not in _ends(store, "city:wenzhou")
        pairs = {(r["source"], r["target"]) for r in store.run("collaboration_edges")}
        assert ("city:wenzhou", "firm:alibaba") not in pairs  # nothing else joins them


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_correction_holds_through_loads_and_undo_gives_the_graph_back(loaded: Store, kind: str) -> None:
    store = loaded
    args = CASES[kind]
    before = {
        "graph": graph_state(store),
        "ends": {MERGED: _ends(store, MERGED), args.get("entity"): _ends(store, args.get("entity", ""))},
    }
    correction, applied = curate(store, kind, args, "tester", "a test")
    assert applied.changed and correction.number == 1
    _holds(store, kind, args, before)
    assert collaboration_as_defined(store)
    corrected = graph_state(store)
    assert corrected != before["graph"]

    report = load_paths(store, SOURCES)  # the same sources again: they state what was corrected
    assert report.curated == [1]
    assert graph_state(store) == corrected
    _holds(store, kind, args, before)

    undo(store, correction.number, "tester", "it was right")
    assert collaboration_as_defined(store)
    assert graph_state(store) == before["graph"]
    load_paths(store, SOURCES)
    assert graph_state(store) == before["graph"]  # and the loads no longer apply it
    entries = log(store).results
    assert [(e.number, e.kind, e.undone_by, e.undoes) for e in entries] == [
        (2, "undo", None, 1),
        (1, kind, 2, None),
    ]
    assert (
        entries[1].who == "tester" and entries[1].reason == "a test" and entries[0].reason == "it was right"
    )


def test_collaboration_follows_corrections_on_a_table(tmp_path: Path) -> None:
    rows = (DATA / "cordis-h2020-subset" / "organization.csv").read_text(encoding="utf-8").splitlines()
    table = tmp_path / "organization.csv"
    table.write_text("\n".join(rows[:400]) + "\n", encoding="utf-8")
    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [table], mapping=load_mapping("cordis"))
        before = graph_state(store)
        parties: dict[str, list[str]] = {}
        for r in records(store):
            if r["kind"] == "edge" and r["type"] == "PARTY_TO":
                parties.setdefault(r["target"], []).append(r["source"])
        project, members = max(parties.items(), key=lambda item: len(set(item[1])))
        members = sorted(set(members))
        labels = {r["id"]: r["label"] for r in records(store) if r["kind"] == "node"}
        one, other = next((a, b) for a in members for b in members if a < b and labels[a] == labels[b])
        # a party leaves the project: its pairs with the others lose that shared agreement
        rejected, _ = curate(
            store, "reject", {"type": "PARTY_TO", "source": members[0], "target": project}, "t"
        )
        assert collaboration_as_defined(store)
        merged, _ = curate(store, "merge", {"entity": one, "into": other}, "t")
        assert collaboration_as_defined(store)
        load_paths(store, [table], mapping=load_mapping("cordis"))
        assert collaboration_as_defined(store)
        undo(store, merged.number, "t")
        assert collaboration_as_defined(store)
        undo(store, rejected.number, "t")
        assert collaboration_as_defined(store)
        assert graph_state(store) == before

        # the table file retracted: everything it alone stated goes, and stays gone on reload
        table_doc = "cordis-h2020-organization"
        retracted, _ = curate(store, "retract", {"doc": table_doc}, "t", "wrong file")
        assert graph_state(store) == ([], [])
        load_paths(store, [table], mapping=load_mapping("cordis"))
        assert graph_state(store) == ([], [])
        undo(store, retracted.number, "t")
        load_paths(store, [table], mapping=load_mapping("cordis"))
        assert graph_state(store) == before
    finally:
        store.close()


def test_a_retracted_document_takes_only_what_it_alone_states(loaded: Store) -> None:
    store = loaded
    before = graph_state(store)
    shared = ("LOCATED_IN", "city:qingdao", "country:cn")  # stated by 001 and 003
    only_003 = {
        r["id"]
        for r in records(store)
        if r["kind"] == "node" and {p["doc"] for p in r["provenance"]} == {"003_12f09d1236171b8d"}
    }
    assert only_003
    correction, _ = curate(store, "retract", {"doc": "document:003_12f09d1236171b8d"}, "tester", "withdrawn")
    assert correction.subject == "003_12f09d1236171b8d"

    def check() -> None:
        now = records(store)
        cited = [p["doc"] for r in now for p in r["provenance"]]
        assert "003_12f09d1236171b8d" not in cited
        ids = {r["id"] for r in now if r["kind"] == "node"}
        assert not ids & only_003 and "document:003_12f09d1236171b8d" not in ids
        edge = elements.edges(store, [(*shared, "")])[(*shared, "")]
        assert {p["doc"] for p in edge["provenance"]} == {"001_a76d7432e8c09d0d"}

    check()
    retracted = graph_state(store)
    assert load_paths(store, SOURCES).curated == [1]  # the document again: it stays retracted
    check()
    assert graph_state(store) == retracted
    undo(store, correction.number, "tester", "")
    assert graph_state(store) == retracted  # lifted, but its evidence comes back only with the source
    load_paths(store, SOURCES)
    assert graph_state(store) == before


def test_a_correction_that_no_longer_fits_a_load_waits_and_says_so(tmp_path: Path) -> None:
    store = make_store("ladybug", tmp_path)
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    node = {"kind": "node", "label": "Organization", "id": "organization:li-wei", "name": "Li Wei"}
    first.write_bytes(orjson.dumps(node))
    city = {"kind": "node", "label": "City", "id": "city:graz", "name": "Graz"}
    located = {"kind": "edge", "type": "LOCATED_IN", "source": node["id"], "target": "city:graz"}
    later.write_bytes(b"\n".join(orjson.dumps(r) for r in (node, city, located)))
    try:
        load_paths(store, [first])
        curate(store, "retype", {"entity": node["id"], "label": "Expert"}, "tester", "a person")
        report = load_paths(store, [later])  # an Expert lies nowhere: the retype cannot follow
        assert report.curated == []
        assert [str(w) for w in report.warnings] == [
            "correction #1 (retype organization:li-wei): not applied again: label: LOCATED_IN may not run "
            "from Expert to City (expert:li-wei -> city:graz)"
        ]
        assert set(elements.nodes(store, [node["id"], "expert:li-wei"])) == {node["id"], "expert:li-wei"}
    finally:
        store.close()


def test_confirm_and_dismiss_change_no_element(loaded: Store) -> None:
    store = loaded
    before = graph_state(store)
    curate(store, "confirm", {"entity": SURVIVOR}, "tester", "checked on their site")
    curate(
        store,
        "confirm",
        {"type": "COOPERATES_WITH", "source": "city:wenzhou", "target": "firm:alibaba"},
        "tester",
        "",
    )
    curate(store, "dismiss", {"entity": MERGED, "other": SURVIVOR}, "tester", "two firms")
    assert graph_state(store) == before
    assert [e.kind for e in log(store, active=True).results] == ["dismiss", "confirm", "confirm"]


@pytest.mark.parametrize(
    ("kind", "args", "field", "status"),
    [
        ("merge", {"entity": "firm:nobody", "into": SURVIVOR}, "entity", 404),
        ("merge", {"entity": MERGED, "into": "university:wenzhou-medical-university"}, "into", 422),
        ("merge", {"entity": MERGED, "into": MERGED}, "into", 422),
        ("retype", {"entity": MERGED, "label": "Planet"}, "label", 422),
        ("retype", {"entity": "city:wenzhou", "label": "Expert"}, "label", 422),  # an Expert lies nowhere
        ("split", {"entity": MERGED, "name": "Not An Alias"}, "name", 422),
        ("rename", {"entity": MERGED, "name": "Philips"}, "name", 422),
        ("reject", {"type": "COOPERATES_WITH", "source": MERGED, "target": "city:wenzhou"}, "type", 404),
        ("reject", {"type": "KNOWS", "source": MERGED, "target": SURVIVOR}, "type", 422),
        ("retract", {"doc": "no-such-document"}, "doc", 404),
        ("undo", {}, "kind", 422),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(
    loaded: Store, kind: str, args: dict[str, Any], field: str, status: int
) -> None:
    store = loaded
    before = graph_state(store)
    with pytest.raises(CurationError) as refused:
        curate(store, kind, args, "tester")
    assert (refused.value.field, refused.value.status) == (field, status)
    assert graph_state(store) == before and log(store).results == []


def test_an_undo_is_refused_twice_and_is_not_undone(loaded: Store) -> None:
    store = loaded
    correction, _ = curate(store, "rename", {"entity": MERGED, "name": "Philips NV"}, "tester")
    entry = undo(store, correction.number, "tester")
    after = graph_state(store)
    for number, status in ((correction.number, 409), (entry.number, 409), (99, 404)):
        with pytest.raises(CurationError) as refused:
            undo(store, number, "tester")
        assert refused.value.status == status
    assert graph_state(store) == after and len(log(store).results) == 2


def test_the_log_travels_with_an_export_and_loads_once(loaded: Store, tmp_path: Path) -> None:
    store = loaded
    kept, _ = curate(store, "merge", CASES["merge"], "tester", "one firm")
    undone, _ = curate(store, "reject", CASES["reject"], "tester", "")
    undo(store, undone.number, "tester", "it was right")
    exported = tmp_path / "export.jsonl"
    with exported.open("wb") as out:
        export_jsonl(store, out)
    lines = [orjson.loads(line) for line in exported.read_bytes().splitlines()]
    assert [line["number"] for line in lines if line["kind"] == "correction"] == [1, 2, 3]

    other = make_store("ladybug", tmp_path / "other")
    try:
        first = load_paths(other, [exported])
        assert first.corrections_added == [1, 2, 3]
        assert graph_state(other) == graph_state(store)
        entries = [(e.number, e.kind, e.who, e.undoes, e.undone_by) for e in log(other).results]
        assert entries == [
            (3, "undo", "tester", 2, None),
            (2, "reject", "tester", None, 3),
            (1, "merge", "tester", None, None),
        ]
        assert load_paths(other, [exported]).corrections_added == []  # the same log again: nothing new
        load_paths(other, SOURCES)  # and the sources: the merge holds, the undone reject does not
        assert graph_state(other) == graph_state(store)
    finally:
        other.close()


def test_a_correction_line_is_checked_and_never_posted(tmp_path: Path) -> None:
    store = make_store("ladybug", tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"kind": "correction", "number": 1, "kind_of": "erase", "subject": "x", "who": "a", "at": "t"}\n'
    )
    with pytest.raises(LoadRejected) as refused:
        load_paths(store, [bad])
    assert "bad.jsonl:1: kind_of: unknown correction 'erase'" in str(refused.value.problems[0])
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"kind": "correction", "number": 1, "kind_of": "confirm", "subject": "x", "who": "a", "at": "t"}\n'
    )
    settings = Settings(ladybug_path=tmp_path / "graph.lbug", api_keys=[SecretStr("k")])
    try:
        with serving(create_app(settings, store)) as client:
            answer = client.post("/records", content=good.read_bytes(), headers={"X-API-Key": "k"})
            assert answer.status_code == 422 and "/curation" in answer.text
            assert client.get("/curation/log").json()["results"] == []
    finally:
        store.close()


def _acme(tmp_path: Path) -> Store:
    """Two spellings of one firm in one town, a firm and a university of like names."""
    store = make_store("ladybug", tmp_path)
    lines = [
        {"kind": "node", "label": "City", "id": "city:graz", "name": "Graz", "props": {"country": "AT"}},
        {"kind": "node", "label": "Firm", "id": "firm:acme-robotics-gmbh", "name": "Acme Robotics GmbH"},
        {"kind": "node", "label": "Firm", "id": "firm:acme-robotic-gmbh", "name": "ACME Robotic GmbH."},
        {"kind": "node", "label": "Firm", "id": "firm:acme-foods", "name": "Acme Foods"},
        {
            "kind": "node",
            "label": "University",
            "id": "university:acme-robotics-gmbh",
            "name": "Acme Robotics GmbH",
        },
        *[
            {
                "kind": "edge",
                "type": "LOCATED_IN",
                "source": f,
                "target": "city:graz",
                "provenance": [{"doc": "t"}],
            }
            for f in ("firm:acme-robotics-gmbh", "firm:acme-robotic-gmbh", "firm:acme-foods")
        ],
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": "firm:acme-foods",
            "target": "firm:acme-robotic-gmbh",
            "provenance": [{"doc": "t", "evidence": "Acme Foods works with ACME Robotic GmbH."}],
        },
    ]
    source = tmp_path / "firms.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(line) for line in lines))
    load_paths(store, [source])
    return store


def test_merge_suggestions_are_dismissed_and_not_made_again(tmp_path: Path) -> None:
    store = _acme(tmp_path)
    # alike names of one label in one town: suggested; the University of the same name is not
    # the same label, and Acme Foods not alike
    found = merge_suggestions(store).results
    assert [(s.entity.id, s.other.id) for s in found] == [
        ("firm:acme-robotic-gmbh", "firm:acme-robotics-gmbh")
    ]
    assert found[0].same_place and found[0].shared_partners == 0
    curate(
        store, "dismiss", {"entity": "firm:acme-robotics-gmbh", "other": "firm:acme-robotic-gmbh"}, "tester"
    )
    assert merge_suggestions(store).results == []
    store.close()


def test_a_person_accepts_a_suggestion_and_sees_a_confirmed_tie_in_the_browser(
    tmp_path: Path, browser: object
) -> None:
    store = _acme(tmp_path)
    settings = Settings(ladybug_path=tmp_path / "graph.lbug", api_keys=[SecretStr("carol=secret")])
    try:
        with serving(create_app(settings, store)) as client:
            page, errors, external = open_page(browser, f"{client.base_url}/view/suggestions", "suggestions")
            page.fill("#key", "secret")  # type: ignore[attr-defined]
            page.fill("#reason", "one firm, two spellings")  # type: ignore[attr-defined]
            page.click("text=one: keep the second")  # type: ignore[attr-defined]
            page.wait_for_function("document.getElementById('said').textContent.includes('made')")  # type: ignore[attr-defined]
            assert errors == [] and external == []
            made = client.get("/curation/log").json()["results"]
            assert [(e["kind"], e["subject"], e["args"], e["who"], e["reason"]) for e in made] == [
                (
                    "merge",
                    "firm:acme-robotic-gmbh",
                    {"into": "firm:acme-robotics-gmbh"},
                    "carol",
                    "one firm, two spellings",
                )
            ]
            assert client.get("/entities/firm:acme-robotic-gmbh").status_code == 308

            confirm = {
                "type": "COOPERATES_WITH",
                "source": "firm:acme-foods",
                "target": "firm:acme-robotics-gmbh",
            }
            assert (
                client.post("/curation/confirm", params=confirm, headers={"X-API-Key": "secret"}).status_code
                == 200
            )
            page, errors, _ = open_page(
                browser, f"{client.base_url}/view/entity/firm:acme-foods", "confirmed-tie"
            )
            drawn = page.evaluate(
                "edges.get().map(e => [e.from, e.to, (e.color || {}).color || e.color || null])"
            )  # type: ignore[attr-defined]
            assert [tuple(e) for e in drawn] == [("firm:acme-foods", "firm:acme-robotics-gmbh", CONFIRMED)]
            assert "confirmed by a person" in page.inner_text("body")  # type: ignore[attr-defined]
            assert errors == []
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_the_api_corrects_with_a_key_and_keeps_every_acknowledged_correction(
    tmp_path: Path, kind: str
) -> None:
    store = make_store(kind, tmp_path)
    load_paths(store, SOURCES)
    settings = Settings(
        store=kind, ladybug_path=tmp_path / "graph.lbug", api_keys=[SecretStr("alice=k1"), SecretStr("k2")]
    )
    try:
        with serving(create_app(settings, store)) as client:
            merge = {"entity": MERGED, "into": SURVIVOR, "reason": "one firm"}
            assert client.post("/curation/merge", params=merge).status_code == 401
            assert (
                client.post("/curation/merge", params=merge, headers={"X-API-Key": "alice"}).status_code
                == 403
            )
            made = client.post("/curation/merge", params=merge, headers={"X-API-Key": "k1"})
            assert made.status_code == 200, made.text
            assert made.json()["correction"]["who"] == "alice" and made.json()["removed"] > 0
            moved = client.get(f"/entities/{MERGED}")  # the merged-away id leads to the survivor
            assert (moved.status_code, moved.headers["location"]) == (308, f"/entities/{SURVIVOR}")
            survivor = client.get(f"/entities/{MERGED}", follow_redirects=True).json()
            assert (survivor["id"], survivor["merged_ids"]) == (SURVIVOR, [MERGED])
            page = client.get(f"/view/entity/{MERGED}?hops=2")
            assert (page.status_code, page.headers["location"]) == (308, f"/view/entity/{SURVIVOR}?hops=2")
            assert "Philips" in client.get(f"/entities/{SURVIVOR}").json()["aliases"]
            again = client.post("/curation/merge", params=merge, headers={"X-API-Key": "k1"})
            assert again.status_code == 404 and "no entity" in again.text

            # corrections and loads at once: every acknowledged correction holds afterwards
            targets = [r["id"] for r in store.run("search_index") if r["label"] == "Organization"][:6]
            outcomes: list[tuple[str, int]] = []

            def rename(entity: str) -> None:
                answer = client.post(
                    "/curation/rename",
                    params={"entity": entity, "name": f"Renamed {entity}"},
                    headers={"X-API-Key": "k2"},
                )
                outcomes.append((entity, answer.status_code))

            def reload() -> None:
                text = (DATA / "corpus" / "004_d6cbdc738765ec51.txt").read_text(encoding="utf-8")
                answer = client.post(
                    "/documents",
                    params={"name": "004_d6cbdc738765ec51"},
                    content=text.encode(),
                    headers={"X-API-Key": "k2"},
                )
                outcomes.append(("load", answer.status_code))

            threads = [threading.Thread(target=rename, args=(t,)) for t in targets]
            threads += [threading.Thread(target=reload) for _ in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(code for _, code in outcomes) == [200] * len(threads), outcomes
            for entity in targets:
                shown = client.get(f"/entities/{entity}").json()
                assert shown["name"] == f"Renamed {entity}"
            # the reloads brought it back: merged again
            assert client.get(f"/entities/{MERGED}").status_code == 308

            entries = client.get("/curation/log", params={"kind": "rename", "who": "key 2"}).json()
            assert entries["meta"]["count"] == len(targets)
            assert all(
                e["who"] == "key 2" and "k2" not in orjson.dumps(e).decode() for e in entries["results"]
            )
            assert client.post("/curation/undo/1", headers={"X-API-Key": "k1"}).status_code == 200
            assert client.post("/curation/undo/1", headers={"X-API-Key": "k1"}).status_code == 409
            assert client.get(f"/entities/{MERGED}").status_code == 200
            # the log is read-only here: no route writes to it but the corrections themselves
            assert client.delete("/curation/log").status_code == 405
            assert client.put("/curation/log").status_code == 405
    finally:
        store.close()
