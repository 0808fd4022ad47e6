"""The query catalog: every file parses, declares its parameters, and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from queries import ddl, schema
from queries.catalog import CYPHER_DIR, DIALECTS, load_catalog, parse_query_file
from queries.errors import CatalogError, QueryNotFound, QueryParameterError
from queries.store import Store

EXAMPLE_PARAMS = {
    "id": "firm:none",
    "ids": ["firm:none"],
    "limit": 5,
    "least": 2,
    "type": "COOPERATES_WITH",
    "rows": [],
    "name": "N",
    "source": "firm:a",
    "target": "firm:b",
    "max_hops": 2,
    "pairs": [],
    "others": ["firm:a"],
    "via": "all",
    "label": "",
    "city": "",
    "city_key": "",
    "since": 0,
    "until": 9999,
    "skip": 0,
    "by": "none",
    "party": "",
    "year": 0,
    "year_text": "",
    "kind": "",
    "nationality": "",
    "firm": "",
    "firm_text": "",
    **{f"{side}_{key}": "" for side in "ab" for key in ("city", "city_key", "label", "country")},
    "flip": False,
    "same": False,
    "country": "",
    "number": 1,
    "subject": "",
    "who": "",
    "at_since": "",
    "at_until": "",
    "active": -1,
    "args": "{}",
    "at": "2026-01-01T00:00:00+00:00",
    "reason": "",
    "undoes": None,
    "undone_by": None,
    "state": "{}",
    "doc": "d",
    "needle": '"doc":"d"',
    "key": "",
}
# the columns of a row, which a statement run by key takes one by one
columns = {**schema.NODE_COLUMNS, **schema.REL_COLUMNS, **schema.COLLABORATION_COLUMNS}
EXAMPLE_PARAMS.update({c: None for c in columns if c not in EXAMPLE_PARAMS})
EXAMPLE_PARAMS.update({"from": "firm:a", "to": "firm:b"})
EXAMPLE_SLOTS = {
    "label": "Firm",
    "other_label": "Firm",
    "rel_type": "COOPERATES_WITH",
    "source_label": "Firm",
    "target_label": "City",
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_file_loads_with_declared_parameters(dialect: str) -> None:
    catalog = load_catalog(dialect)
    assert "collaborators" in catalog
    for query in catalog:
        assert query.doc, f"{query.path} has no description in its header"


def test_statements_are_only_in_cypher_files() -> None:
    """No Cypher keywords in string literals of the Python code (the catalog holds them all)."""
    import re

    pattern = re.compile(r"""["'](MATCH|MERGE|CREATE|UNWIND|COPY|LOAD FROM|DETACH) [(\w$]""")
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for package in ("queries", "graph_loader", "api", "viz"):
        for path in (root / package).rglob("*.py"):
            if path.name == "ddl.py":
                continue  # writes the schema .cypher files from queries/schema.py
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path}:{number}")
    assert offenders == []


def test_generated_statements_match_the_schema() -> None:
    for path, text in ddl.expected_files().items():
        assert path.exists(), f"missing {path}; run python -m queries.ddl"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale; run python -m queries.ddl"


def test_undeclared_and_unused_parameters_fail_at_load_time(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// Something.\n// params: id\nMATCH (n {id: $id}) RETURN n LIMIT $limit\n")
    with pytest.raises(CatalogError, match="undeclared limit"):
        parse_query_file(bad, "ladybug")
    bad.write_text("// Something.\n// params: id, limit\nMATCH (n {id: $id}) RETURN n\n")
    with pytest.raises(CatalogError, match="unused limit"):
        parse_query_file(bad, "ladybug")
    bad.write_text("// Something.\nMATCH (n) RETURN n\n")
    with pytest.raises(CatalogError, match="params"):
        parse_query_file(bad, "ladybug")


def test_parameters_inside_strings_and_comments_are_not_parameters(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(
        "// Something.\n// params: id\nMATCH (n {id: $id}) WHERE n.name <> '$notaparam' RETURN n\n"
    )
    assert parse_query_file(path, "ladybug").params == ("id",)


def test_slots_accept_only_schema_names() -> None:
    query = load_catalog("ladybug").get("create_nodes")
    assert "COPY Firm FROM" in query.render({"label": "Firm"})
    with pytest.raises(QueryParameterError, match="not a name of the schema"):
        query.render({"label": "Firm(id STRING PRIMARY KEY); DROP TABLE City"})


def test_calls_check_parameters(store: Store) -> None:
    with pytest.raises(QueryParameterError, match="missing limit"):
        store.run("collaborators", {"id": "x"})
    with pytest.raises(QueryParameterError, match="unexpected extra"):
        store.run("collaborators", {"id": "x", "limit": 1, "extra": 2})
    with pytest.raises(QueryNotFound):
        store.run("no_such_query")


def test_dialect_variants_sit_beside_a_shared_file_or_are_dialect_only() -> None:
    for path in CYPHER_DIR.rglob("*.cypher"):
        assert path.parent.name in DIALECTS or path.parent.parent == CYPHER_DIR, path


def test_every_statement_runs_on_an_empty_store(store: Store) -> None:
    control = {"begin_transaction", "commit_transaction", "rollback_transaction"}
    for query in store.catalog:
        if query.name in control or query.mode == "schema":
            continue
        params = {name: EXAMPLE_PARAMS[name] for name in query.params}
        if "rows" in params and "rows" not in query.tables:
            # LadybugDB cannot bind UNWIND over an empty list (the writer never sends one).
            params["rows"] = [{"type": "COOPERATES_WITH", "source": "firm:a", "target": "firm:b", "key": ""}]
        with store.transaction() as tx:
            rows = tx.run(query, params, slots={s: EXAMPLE_SLOTS[s] for s in query.slots})
        assert isinstance(rows, list)
    # the schema statements are the ones ensure_schema runs; running them again is a no-op
    store.ensure_schema()


def test_a_statement_in_write_says_its_mode(tmp_path: Path) -> None:
    """Forgetting `mode: write` must not make a write a read that `innograph query` runs."""
    (tmp_path / "write").mkdir()
    path = tmp_path / "write" / "drop.cypher"
    path.write_text("// Remove everything.\n// params: none\nMATCH (n) DETACH DELETE n\n")
    with pytest.raises(CatalogError, match="says its mode"):
        parse_query_file(path, "ladybug")
    (tmp_path / "read").mkdir()
    path = tmp_path / "read" / "drop.cypher"
    path.write_text("// Remove everything.\n// mode: write\n// params: none\nMATCH (n) DETACH DELETE n\n")
    with pytest.raises(CatalogError, match="only reads"):
        parse_query_file(path, "ladybug")


def test_labels_and_types_are_listed_once_in_the_schema() -> None:
    import typing

    from graph_loader.write.records import NodeLabel, RelType
    from queries import schema
    from viz.render import COLOURS, SHAPES

    assert typing.get_args(NodeLabel) == schema.NODE_LABELS
    assert typing.get_args(RelType) == schema.REL_TYPES
    assert tuple(COLOURS) == schema.NODE_LABELS and set(SHAPES) == set(schema.NODE_LABELS)
    assert set(schema.ORGANISATION_LABELS + schema.PLACE_LABELS) < set(schema.COOPERATING_LABELS)


def test_a_new_node_property_reaches_every_statement_that_lists_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every statement that names the node columns is made from queries/schema.py: a property
    # added there appears in all of them once `python -m queries.ddl` has run
    import importlib

    from queries import schema

    monkeypatch.setattr(schema, "NODE_COLUMNS", {**schema.NODE_COLUMNS, "founded": "INT64"})
    regenerated = importlib.reload(ddl)
    try:
        files = regenerated.node_column_statements()
        assert len(files) == 11
        assert all("founded" in text for text in files.values())
        assert "founded INT64" in regenerated.node_table_statement()
    finally:
        monkeypatch.undo()
        importlib.reload(ddl)


def test_a_new_relationship_property_reaches_every_statement_that_lists_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same for the relationship columns: one change to queries/schema.py
    import importlib

    from queries import schema

    monkeypatch.setattr(schema, "REL_COLUMNS", {**schema.REL_COLUMNS, "signed_on": "STRING"})
    regenerated = importlib.reload(ddl)
    try:
        files = regenerated.rel_column_statements()
        assert len(files) == 16
        assert all("signed_on" in text for text in files.values())
        assert "signed_on STRING" in regenerated.rel_table_statement("PARTY_TO")
    finally:
        monkeypatch.undo()
        importlib.reload(ddl)
