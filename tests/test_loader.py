"""Structured loading: idempotence, round trips, and every kind of bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph_loader import LoadRejected, load_paths
from queries import schema
from queries.export import export_csv, export_jsonl
from queries.store import Store, delete_everything
from tests.conftest import DATA
from tests.helpers import counts, edge, node, snapshot, write_jsonl

SAMPLE = DATA / "sample"


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test of this module runs on each backend (the Neo4j half needs NEO4J_URI)."""
    return any_store


def test_sample_has_every_label_and_relationship_type(any_store: Store) -> None:
    load_paths(any_store, [SAMPLE])
    labels, types = counts(any_store)
    assert set(labels) == set(schema.NODE_LABELS)
    assert set(types) == set(schema.REL_TYPES)


def test_loading_twice_changes_nothing(any_store: Store) -> None:
    first = load_paths(any_store, [SAMPLE])
    before = snapshot(any_store)
    second = load_paths(any_store, [SAMPLE])
    assert snapshot(any_store) == before
    assert second.written.nodes_created == 0 and second.written.edges_created == 0
    assert second.written.nodes_updated == first.written.nodes_created


@pytest.mark.parametrize("probe_by_labels", [0, 1_000_000], ids=["one-probe", "by-label-pair"])
def test_a_reload_with_new_evidence_merges_alike_however_relationships_are_probed(
    any_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probe_by_labels: int
) -> None:
    """The writer probes a large batch's existing relationships in one statement and a small
    one label pair by label pair; both must find the same rows to merge into."""
    from graph_loader.write import writer

    load_paths(any_store, [SAMPLE])
    before = snapshot(any_store)
    edges = [r for r in before if r.get("kind") == "edge"]
    assert edges
    again = [
        {**r, "provenance": [*r.get("provenance", []), {"doc": "second-source", "confidence": 0.5}]}
        for r in edges
    ]
    monkeypatch.setattr(writer, "PROBE_BY_LABELS", probe_by_labels)
    report = load_paths(any_store, [write_jsonl(tmp_path / "again.jsonl", again)])
    assert report.written.edges_created == 0 and report.written.edges_updated == len(edges)
    after = {(r["type"], r["source"], r["target"]): r for r in snapshot(any_store) if r.get("kind") == "edge"}
    for r in edges:
        docs = {p["doc"] for p in after[(r["type"], r["source"], r["target"])]["provenance"]}
        assert docs == {p["doc"] for p in r.get("provenance", [])} | {"second-source"}


def test_jsonl_export_reloads_to_the_same_graph(any_store: Store, tmp_path: Path) -> None:
    load_paths(any_store, [SAMPLE])
    exported = tmp_path / "export.jsonl"
    with exported.open("wb") as out:
        export_jsonl(any_store, out)
    from tests.conftest import make_store

    other = make_store("ladybug", tmp_path / "other")
    load_paths(other, [exported])
    assert snapshot(other) == snapshot(any_store)
    other.close()


def test_csv_export_reloads_to_the_same_graph(store: Store, tmp_path: Path) -> None:
    load_paths(store, [SAMPLE])
    export_csv(store, tmp_path / "csv")
    from tests.conftest import make_store

    other = make_store("ladybug", tmp_path / "other")
    # nodes first: edges need their endpoints
    load_paths(other, [tmp_path / "csv" / "nodes.csv"])
    load_paths(other, [tmp_path / "csv" / "edges.csv"])
    assert snapshot(other) == snapshot(store)
    other.close()


@pytest.mark.parametrize("fmt", ["csv", "neo4j-admin"])
def test_csv_exports_guard_formula_cells_and_reload_them_unchanged(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    from queries.export import export_neo4j_admin

    hostile = [
        node(
            "Firm",
            "firm:f",
            '=HYPERLINK("http://x","click")',
            aliases=["+cmd|' /C calc'!A0", "'s-Hertogenbosch"],
        ),
        node("City", "city:c", "@SUM(1+1)", props={"lat": -3.5}),
    ]
    load_paths(store, [write_jsonl(tmp_path / "in.jsonl", hostile)])
    folder = tmp_path / "out"
    files = export_neo4j_admin(store, folder) if fmt == "neo4j-admin" else list(export_csv(store, folder))
    cells = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert not any(cell[:1] in ("=", "+", "@") for cell in cells)  # nothing a spreadsheet would run
    assert "-3.5" in cells  # numbers stay numbers
    from tests.conftest import make_store

    other = make_store("ladybug", tmp_path / "other")
    load_paths(other, [f for f in files if "node" in f.name])
    assert snapshot(other) == snapshot(store)
    other.close()


def test_duplicates_in_one_input_merge_aliases_and_provenance(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "dup.jsonl",
        [
            node("Firm", "firm:a", "A Co.", aliases=["A"], provenance=[{"doc": "d1", "evidence": "s1"}]),
            node("Firm", "firm:a", "A Company", aliases=["AC"], provenance=[{"doc": "d2", "evidence": "s2"}]),
            node("City", "city:x", "X"),
            edge("COOPERATES_WITH", "firm:a", "city:x", provenance=[{"doc": "d1", "evidence": "s1"}]),
            edge("COOPERATES_WITH", "city:x", "firm:a", provenance=[{"doc": "d2", "evidence": "s2"}]),
        ],
    )
    load_paths(store, [path])
    row = store.run("entity", {"id": "firm:a"})[0]
    assert row["name"] == "A Company"
    assert row["aliases"] == ["A", "A Co.", "AC"]
    assert {p["doc"] for p in json.loads(row["provenance"])} == {"d1", "d2"}
    partners = store.run("collaborators", {"id": "firm:a", "limit": 10})
    assert [(p["id"], p["weight"], p["docs"]) for p in partners] == [("city:x", 2.0, ["d1", "d2"])]


def test_two_roles_of_one_pair_stay_two_relationships(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "roles.jsonl",
        [
            node("Firm", "firm:a", "A"),
            node("Agreement", "agreement:p1", "Project 1"),
            edge("PARTY_TO", "firm:a", "agreement:p1", props={"key": "coordinator", "role": "coordinator"}),
            edge("PARTY_TO", "firm:a", "agreement:p1", props={"key": "participant", "role": "participant"}),
        ],
    )
    load_paths(store, [path])
    assert counts(store)[1] == {"PARTY_TO": 2}


def _assert_rejected(store: Store, path: Path, expected: str) -> None:
    before = snapshot(store)
    with pytest.raises(LoadRejected) as info:
        load_paths(store, [path])
    message = str(info.value)
    assert f"{path}:" in message
    assert expected in message, message
    assert snapshot(store) == before, "a rejected load must write nothing"


GOOD = [node("Firm", "firm:ok", "OK Ltd."), node("City", "city:x", "X")]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([json.dumps(GOOD[0]), '{"kind": "node", "label": "Firm", '], ":2: malformed JSON"),
        ([json.dumps(GOOD[0]), json.dumps(node("Spaceship", "s:1", "S"))], ":2: label: Input should be"),
        (
            [json.dumps(GOOD[0]), json.dumps({"kind": "node", "label": "Firm", "name": "No id"})],
            ":2: id: Field required",
        ),
        (
            [json.dumps(GOOD[1]), json.dumps(node("City", "city:y", "Y", props={"lat": "north"}))],
            ":2: props: Value error, lat: expected double",
        ),
        (
            [*map(json.dumps, GOOD), json.dumps(edge("COOPERATES_WITH", "firm:ok", "firm:ghost"))],
            ":3: target: 'firm:ghost': no node with this id",
        ),
        (
            [*map(json.dumps, GOOD), json.dumps(edge("PARTY_TO", "firm:ok", "city:x"))],
            ":3: type: PARTY_TO may not run from Firm to City",
        ),
        (
            [json.dumps(edge("LOCATED_IN", "firm:ok", "city:x")), *map(json.dumps, GOOD)],
            ":1: source: 'firm:ok': it is defined further down",
        ),
        (["[1, 2]"], ":1: expected a JSON object"),
        ([json.dumps({"kind": "thing"})], ":1: kind: must be 'node' or 'edge'"),
    ],
    ids=[
        "malformed-json",
        "unknown-label",
        "missing-id",
        "wrong-type",
        "edge-to-missing-node",
        "label-pair-not-allowed",
        "edge-before-its-node",
        "not-an-object",
        "unknown-kind",
    ],
)
def test_bad_input_is_reported_and_writes_nothing(
    store: Store, tmp_path: Path, lines: list[str], expected: str
) -> None:
    load_paths(store, [SAMPLE])
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _assert_rejected(store, path, expected)


def test_a_node_stored_under_another_label_is_rejected(store: Store, tmp_path: Path) -> None:
    load_paths(store, [write_jsonl(tmp_path / "a.jsonl", GOOD)])
    path = write_jsonl(tmp_path / "b.jsonl", [node("University", "firm:ok", "OK University")])
    _assert_rejected(store, path, ":1: label: node 'firm:ok' is a Firm in the store")


def test_non_utf8_bytes_are_reported_with_their_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        json.dumps(GOOD[0]).encode()
        + b"\n"
        + '{"kind": "node", "label": "City", "id": "city:k", "name": "K\xf6ln"}\n'.encode("latin-1")
    )
    _assert_rejected(store, path, ":2: not valid UTF-8 (byte 0xf6")


def test_nul_bytes_are_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_bytes(json.dumps(GOOD[0]).encode() + b"\n\x00\x00\n")
    _assert_rejected(store, path, ":2: contains a NUL byte")


def test_skip_invalid_loads_the_rest_and_writes_rejects(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(GOOD[0]),
                "{not json",
                json.dumps(node("City", "city:bad", "Bad", props={"lat": "x"})),
                json.dumps(GOOD[1]),
                json.dumps(edge("LOCATED_IN", "firm:ok", "city:bad")),
                json.dumps(edge("LOCATED_IN", "firm:ok", "city:x")),
            ]
        )
        + "\n"
    )
    rejects = tmp_path / "rejects.jsonl"
    report = load_paths(store, [path], skip_invalid=True, rejects_path=rejects)
    assert counts(store) == ({"City": 1, "Firm": 1}, {"LOCATED_IN": 1})
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [entry["where"].rsplit(":", 1)[1] for entry in lines] == ["2", "3", "5"]
    assert lines[2]["field"] == "target" and lines[2]["record"]["target"] == "city:bad"
    assert len(report.rejected) == 3


def test_csv_with_wrong_delimiter_names_the_header(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nodes.csv"
    path.write_text("id;label;name\nfirm:a;Firm;A\n")
    _assert_rejected(store, path, ":1: header: a nodes file needs columns id,label,name")


def test_csv_cells_are_typed_by_the_schema(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nodes.csv"
    path.write_text(
        "id,label,name,aliases,lat,lon,country,website\ncity:k,City,Köln,Cologne|KOLN,50.94,6.96,DE,https://koeln.de\n"
    )
    load_paths(store, [path])
    row = store.run("entity", {"id": "city:k"})[0]
    assert (row["lat"], row["lon"], row["country"], row["aliases"]) == (
        50.94,
        6.96,
        "DE",
        ["Cologne", "KOLN"],
    )
    assert json.loads(row["extra"]) == {"website": "https://koeln.de"}
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label,name,lat\ncity:z,City,Z,fifty\n")
    _assert_rejected(store, bad, ":2: props.lat: expected double")


def test_folders_skip_notes_and_other_files(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write_jsonl(folder / "sub" / "a.jsonl", GOOD)
    (folder / "README.md").write_text("notes")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    report = load_paths(store, [folder])
    assert report.files == [str(folder / "sub" / "a.jsonl")]
    assert report.skipped_files == [str(folder / "picture.png")]


def test_empty_folder_is_an_error(store: Store, tmp_path: Path) -> None:
    from queries.errors import InnographError

    (tmp_path / "empty").mkdir()
    with pytest.raises(InnographError, match="no loadable files"):
        load_paths(store, [tmp_path / "empty"])


def test_a_zip_bomb_like_xlsx_is_refused_unopened(store: Store, tmp_path: Path) -> None:
    """A workbook whose sheet inflates to 1 GiB is refused from the archive's directory,
    before a byte of it is decompressed; without a mapping a workbook is not records at all."""
    import zipfile

    from graph_loader.tables.mapping import load_mapping
    from queries.errors import InnographError

    bomb = tmp_path / "participations.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(1024):
                sheet.write(chunk)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(
        InnographError, match=r"participations\.xlsx: refused: the workbook would inflate to 1,024 MiB"
    ):
        load_paths(store, [bomb], mapping=load_mapping("cordis"))
    with pytest.raises(
        InnographError, match=r"participations\.xlsx: unsupported file type \.xlsx \(a workbook"
    ):
        load_paths(store, [bomb])
    small_bomb = tmp_path / "small.xlsx"  # within the size limit, but no sheet compresses 1000:1
    with zipfile.ZipFile(small_bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (64 * 1024 * 1024))
    with pytest.raises(
        InnographError, match=r"small\.xlsx: refused: xl/worksheets/sheet1\.xml would inflate"
    ):
        load_paths(store, [small_bomb], mapping=load_mapping("cordis"))
    assert not store.run("count_by_label")


def test_neo4j_admin_export_has_import_headers_and_reloads(store: Store, tmp_path: Path) -> None:
    from queries.export import export_neo4j_admin
    from tests.conftest import make_store

    load_paths(store, [SAMPLE])
    folder = tmp_path / "admin"
    files = export_neo4j_admin(store, folder)
    names = {f.name for f in files}
    assert {f"nodes_{label}.csv" for label in schema.NODE_LABELS} <= names
    assert {f"rels_{kind}.csv" for kind in schema.REL_TYPES} <= names
    node_header = (folder / "nodes_City.csv").read_text().splitlines()[0].split(",")
    assert node_header[0] == "id:ID(Entity)" and node_header[-1] == ":LABEL"
    assert "aliases:string[]" in node_header and "lat:double" in node_header and "year:long" in node_header
    rel_header = (folder / "rels_COOPERATES_WITH.csv").read_text().splitlines()[0].split(",")
    assert rel_header[:2] == [":START_ID(Entity)", ":END_ID(Entity)"] and rel_header[-1] == ":TYPE"
    assert "neo4j-admin database import full" in (folder / "IMPORT.txt").read_text()
    other = make_store("ladybug", tmp_path / "other")
    load_paths(other, sorted(folder.glob("nodes_*.csv")))
    load_paths(other, sorted(folder.glob("rels_*.csv")))
    assert counts(other) == counts(store)
    assert snapshot(other) == snapshot(store)
    other.close()


def test_deeply_nested_json_is_rejected(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps(GOOD[0]) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    _assert_rejected(store, path, ":2: malformed JSON")


def test_a_line_longer_than_the_limit_is_rejected(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("w") as out:
        out.write(json.dumps(GOOD[0]) + "\n")
        out.write(
            '{"kind": "node", "label": "Firm", "id": "firm:x", "name": "' + "x" * (17 * 1024 * 1024) + '"}\n'
        )
        out.write(json.dumps(GOOD[1]) + "\n")
    _assert_rejected(store, path, ":2: line longer than 16 MiB")


def _inputs(store: Store, tmp_path: Path) -> list[Path]:
    """A university in the store, and three small inputs: a firm and its tie to it; the same
    firm and tie again with news; a third firm."""
    load_paths(
        store, [write_jsonl(tmp_path / "u.jsonl", [node("University", "university:u", "U University")])]
    )
    return [
        write_jsonl(
            tmp_path / "a.jsonl",
            [
                node("Firm", "firm:f", "F GmbH"),
                edge("COOPERATES_WITH", "firm:f", "university:u", provenance=[{"doc": "a", "evidence": "a"}]),
            ],
        ),
        write_jsonl(
            tmp_path / "b.jsonl",
            [
                node("Firm", "firm:f", "F Ltd", aliases=["F"], props={"founded": 1999}),
                edge("COOPERATES_WITH", "university:u", "firm:f", provenance=[{"doc": "b", "evidence": "b"}]),
            ],
        ),
        write_jsonl(tmp_path / "c.jsonl", [node("Firm", "firm:g", "G AG")]),
    ]


def test_inputs_written_together_match_inputs_written_one_by_one(store: Store, tmp_path: Path) -> None:
    from graph_loader.together import prepare, write_together

    inputs = _inputs(store, tmp_path)
    reports = write_together(store, [prepare(store, [path]) for path in inputs])
    together = snapshot(store)
    counted = [
        (r.written.nodes_created, r.written.nodes_updated, r.written.edges_created, r.written.edges_updated)
        for r in reports
    ]
    delete_everything(store)
    alone = [load_paths(store, [path]).written for path in _inputs(store, tmp_path)]
    assert snapshot(store) == together
    assert counted == [(w.nodes_created, w.nodes_updated, w.edges_created, w.edges_updated) for w in alone]
    assert counted == [(1, 0, 1, 0), (0, 1, 0, 1), (1, 0, 0, 0)]


def test_an_input_that_conflicts_with_another_fails_alone(store: Store, tmp_path: Path) -> None:
    from graph_loader.errors import RecordInvalid
    from graph_loader.load import LoadReport
    from graph_loader.together import prepare, write_together

    firm = write_jsonl(tmp_path / "firm.jsonl", [node("Firm", "x:acme", "Acme")])
    university = write_jsonl(tmp_path / "uni.jsonl", [node("University", "x:acme", "Acme University")])
    other = write_jsonl(tmp_path / "other.jsonl", [node("Firm", "firm:other", "Other")])
    outcomes = write_together(store, [prepare(store, [p]) for p in (firm, university, other)])
    assert isinstance(outcomes[0], LoadReport) and outcomes[0].written.nodes_created == 1
    assert isinstance(outcomes[1], RecordInvalid) and "in the store" in str(outcomes[1])
    assert isinstance(outcomes[2], LoadReport) and outcomes[2].written.nodes_created == 1
    labels = {r["id"]: r["label"] for r in store.run("node_labels", {"ids": ["x:acme", "firm:other"]})}
    assert labels == {"x:acme": "Firm", "firm:other": "Firm"}
