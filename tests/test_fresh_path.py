"""The fresh path (plain new records shaped straight into COPY tables) must leave exactly the
graph the general writer leaves, on any input, including the awkward records it declines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_loader import load_paths
from graph_loader.errors import LoadRejected
from graph_loader.write import columnar
from graph_loader.write.fresh import edge_row, node_row
from graph_loader.write.records import parse_record
from queries.store import Store
from tests.conftest import make_store
from tests.helpers import snapshot, write_jsonl

LABELS = ["University", "Firm", "City", "Country", "Expert", "Park", "Organization"]
IDS = [f"n{i}" for i in range(8)]
text = st.sampled_from(["Alpha", " Beta ", "Gamma Co.", "温州", "Delta", ""])
provenance = st.lists(
    st.fixed_dictionaries(
        {"doc": st.sampled_from(["d1", "d2", " d3"])},
        optional={
            "confidence": st.sampled_from([0.5, 1, 0.9, True, 2.0]),
            "evidence": st.sampled_from(["A met B.", "", None]),
            "row": st.sampled_from(["3", None]),
        },
    ),
    max_size=3,
)
node_props = st.dictionaries(
    st.sampled_from(["kind", "lat", "year", "key", "colour", "bad key"]),
    st.sampled_from(["x", 1, 2.5, None, True, ["a"]]),
    max_size=3,
)
edge_props = st.dictionaries(
    st.sampled_from(["weight", "role", "key", "first_seen", "note"]),
    st.sampled_from(["x", 1, 2.0, None, 3]),
    max_size=3,
)


@st.composite
def inputs(draw: st.DrawFn) -> list[dict]:
    labels = {i: draw(st.sampled_from(LABELS)) for i in IDS}
    nodes = [
        {
            "kind": "node",
            "label": labels[i],
            "id": i,
            "name": draw(text) or "Name",
            "aliases": draw(st.lists(text, max_size=2)),
            "props": draw(node_props),
            "provenance": draw(provenance),
        }
        for i in draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=12))
    ]
    defined = sorted({n["id"] for n in nodes})
    edges = [
        {
            "kind": "edge",
            "type": draw(st.sampled_from(["COOPERATES_WITH", "LOCATED_IN", "AFFILIATED_WITH"])),
            "source": draw(st.sampled_from(defined)),
            "target": draw(st.sampled_from(defined)),
            "props": draw(edge_props),
            "provenance": draw(provenance),
        }
        for _ in range(draw(st.integers(0, 12)))
    ]
    return nodes + edges


def load_both_ways(
    folder: Path, records: list[dict], times: int, before_fresh: Callable[[Path, Store], None] | None = None
) -> list[tuple[list[dict], list[str]]]:
    """(graph, rejects) after loading `records` `times` times with the fast paths, and without."""
    data = write_jsonl(folder / "in.jsonl", records)
    out = []
    for fresh in (True, False):
        (folder / f"{fresh}").mkdir()
        store = make_store("ladybug", folder / f"{fresh}")
        try:
            if fresh and before_fresh is not None:
                before_fresh(data, store)
            for _ in range(times):
                report = load_paths(
                    store, [data], fresh_path=fresh, skip_invalid=True, rejects_path=folder / "r.jsonl"
                )
            out.append((snapshot(store), [str(p) for p in report.rejected]))
        finally:
            store.close()
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=inputs())
def test_fresh_and_general_paths_leave_the_same_graph(tmp_path_factory, records: list[dict]) -> None:  # type: ignore[no-untyped-def]
    graphs = load_both_ways(tmp_path_factory.mktemp("fresh"), records, times=2)
    assert graphs[0] == graphs[1]


@settings(max_examples=300, deadline=None)
@given(records=inputs())
def test_a_record_the_fresh_path_takes_is_one_the_model_accepts(records: list[dict]) -> None:
    for raw in records:
        shaped = node_row(raw) if raw["kind"] == "node" else edge_row(raw)
        if shaped is not None:
            parse_record(raw)  # raises if the fresh path took something invalid


def test_a_first_load_goes_through_the_fresh_tables(tmp_path: Path) -> None:
    records = [
        {"kind": "node", "label": "Firm", "id": "a", "name": "A"},
        {"kind": "node", "label": "Firm", "id": "b", "name": "B"},
        {"kind": "edge", "type": "COOPERATES_WITH", "source": "b", "target": "a"},
    ]
    store = make_store("ladybug", tmp_path)
    try:
        report = load_paths(store, [write_jsonl(tmp_path / "in.jsonl", records)])
        assert (report.written.nodes_created, report.written.edges_created) == (2, 1)
        again = load_paths(store, [tmp_path / "in.jsonl"])
        assert (again.written.nodes_created, again.written.edges_created) == (0, 0)
    finally:
        store.close()


# any text, and names with the white space Python strips but ASCII-minded code would not
plain_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
) | st.sampled_from(["\u3000A", "B\xa0", "\x85C", "Zoë", "Ｗｅｎｚｈｏｕ", "a\tb", "\u2028D"])
one_provenance = st.lists(
    st.fixed_dictionaries(
        {"doc": st.sampled_from(["d1", "d2"])},
        optional={
            "confidence": st.sampled_from([0.5, 1, 0.25, 0.0, 0.123]),
            "evidence": st.sampled_from(['He said "yes" \\ no.', "A met B.", "温州"]),
            "row": st.sampled_from(["3", "17"]),
        },
    ),
    max_size=1,
)


@st.composite
def plain_inputs(draw: st.DrawFn) -> list[dict]:
    count = draw(st.integers(2, 8))
    nodes = []
    for i in range(count):
        record = {
            "kind": "node",
            "label": draw(st.sampled_from(LABELS)),
            "id": f"n{i}",
            "name": draw(plain_text),
        }
        if draw(st.booleans()):
            record["aliases"] = draw(st.lists(plain_text, max_size=3))
        if draw(st.booleans()):
            record["props"] = draw(
                st.fixed_dictionaries(
                    {},
                    optional={"lat": st.sampled_from([1, 2.5]), "kind": st.just("x"), "year": st.just(2020)},
                )
            )
        if draw(st.booleans()):
            record["provenance"] = draw(one_provenance)
        nodes.append(record)
    pairs = draw(
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=10, unique=True)
    )
    edges = []
    seen = set()
    for a, b in pairs:
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        record = {"kind": "edge", "type": "COOPERATES_WITH", "source": f"n{a}", "target": f"n{b}"}
        if draw(st.booleans()):
            record["props"] = draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "weight": st.sampled_from([2, 0.5]),
                        "first_seen": st.just(2019),
                        "role": st.just("r"),
                    },
                )
            )
        if draw(st.booleans()):
            record["provenance"] = draw(one_provenance)
        edges.append(record)
    return nodes + edges


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=plain_inputs())
def test_the_arrow_path_leaves_the_same_graph(tmp_path_factory, records: list[dict]) -> None:  # type: ignore[no-untyped-def]
    texts = [t for r in records if r["kind"] == "node" for t in [r["name"], *r.get("aliases", [])]]

    def check(data: Path, store: Store) -> None:
        if all(t == t.strip() for t in texts):  # plain and new: the Arrow path takes it
            assert columnar.fresh_tables(data, store, 100) is not None

    graphs = load_both_ways(tmp_path_factory.mktemp("arrow"), records, times=1, before_fresh=check)
    assert graphs[0] == graphs[1]


def test_the_arrow_path_declines_what_it_cannot_check(tmp_path: Path) -> None:
    store = make_store("ladybug", tmp_path)
    try:
        cases = {
            "repeated id": [{"kind": "node", "label": "Firm", "id": "a", "name": "A"}] * 2,
            "explicit null": [{"kind": "node", "label": "Firm", "id": "a", "name": "A", "aliases": None}],
            "untyped property": [
                {"kind": "node", "label": "Firm", "id": "a", "name": "A", "props": {"colour": "red"}}
            ],
            "two provenance entries": [
                {
                    "kind": "node",
                    "label": "Firm",
                    "id": "a",
                    "name": "A",
                    "provenance": [{"doc": "x"}, {"doc": "y"}],
                }
            ],
            "edge before its node": [
                {"kind": "node", "label": "Firm", "id": "a", "name": "A"},
                {"kind": "edge", "type": "COOPERATES_WITH", "source": "a", "target": "b"},
                {"kind": "node", "label": "Firm", "id": "b", "name": "B"},
            ],
            "padded name": [{"kind": "node", "label": "Firm", "id": "a", "name": " A"}],
        }
        for case, records in cases.items():
            assert columnar.fresh_tables(write_jsonl(tmp_path / "in.jsonl", records), store, 100) is None, (
                case
            )
    finally:
        store.close()


def test_the_arrow_path_takes_new_nodes_only_whatever_the_store_holds(tmp_path: Path) -> None:
    """An empty store is answered by one count; a populated one by looking up each id."""
    store = make_store("ladybug", tmp_path)
    try:
        load_paths(
            store,
            [
                write_jsonl(
                    tmp_path / "first.jsonl", [{"kind": "node", "label": "Firm", "id": "a", "name": "A"}]
                )
            ],
        )
        for node_id, taken in (("a", False), ("b", True)):
            data = write_jsonl(
                tmp_path / f"{node_id}.jsonl", [{"kind": "node", "label": "Firm", "id": node_id, "name": "N"}]
            )
            assert (columnar.fresh_tables(data, store, 100) is not None) is taken, node_id
    finally:
        store.close()


def test_a_file_holding_only_null_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """pyarrow 26's JSON reader dies (SIGSEGV) on this file; it must never reach it."""
    (tmp_path / "null.jsonl").write_text("null")
    store = make_store("ladybug", tmp_path)
    try:
        with pytest.raises(LoadRejected, match="null.jsonl:1"):
            load_paths(store, [tmp_path / "null.jsonl"])
    finally:
        store.close()
