"""Text of the LadybugDB schema statements, derived from queries.schema.

The statements themselves are committed as .cypher files under
queries/cypher/schema/ladybug/ (the catalog holds every statement); this module
writes them, and tests/test_catalog.py fails when a file and the schema disagree.
Regenerate with `python -m queries.ddl`.
"""

from __future__ import annotations

from pathlib import Path

from queries import schema
from queries.catalog import CYPHER_DIR

LADYBUG_SCHEMA_DIR = CYPHER_DIR / "schema" / "ladybug"


def _columns(columns: dict[str, str]) -> str:
    return ",\n  ".join(f"{name} {kind}" for name, kind in columns.items())


def node_table_statement() -> str:
    cols = dict(schema.NODE_COLUMNS)
    cols.pop("id")
    cols.pop("label")
    return (
        "// Create one node table; every label has the same columns (see queries/schema.py).\n"
        "// mode: schema\n// params: none\n// slots: label\n"
        "CREATE NODE TABLE IF NOT EXISTS {{label}}(\n"
        f"  id STRING PRIMARY KEY,\n  label STRING,\n  {_columns(cols)}\n)\n"
    )


def rel_table_statement(rel_type: str) -> str:
    pairs = ",\n  ".join(f"FROM {a} TO {b}" for a, b in schema.REL_PAIRS[rel_type])
    return (
        f"// Create the {rel_type} relationship table with every allowed label pair.\n"
        "// mode: schema\n// params: none\n"
        f"CREATE REL TABLE IF NOT EXISTS {rel_type}(\n  {pairs},\n"
        f"  {_columns(schema.REL_COLUMNS)}\n)\n"
    )


def collaboration_table_statement() -> str:
    pairs = ",\n  ".join(f"FROM {a} TO {b}" for a, b in schema.COLLABORATION_PAIRS)
    return (
        f"// Create the derived {schema.COLLABORATION} relationship table (queries/schema.py).\n"
        "// mode: schema\n// params: none\n"
        f"CREATE REL TABLE IF NOT EXISTS {schema.COLLABORATION}(\n  {pairs},\n"
        f"  {_columns(schema.COLLABORATION_COLUMNS)}\n)\n"
    )


def expected_files() -> dict[Path, str]:
    files = {LADYBUG_SCHEMA_DIR / "create_node_table.cypher": node_table_statement()}
    for rel_type in schema.REL_TYPES:
        name = f"create_rel_table_{rel_type.lower()}.cypher"
        files[LADYBUG_SCHEMA_DIR / name] = rel_table_statement(rel_type)
    name = f"create_rel_table_{schema.COLLABORATION.lower()}.cypher"
    files[LADYBUG_SCHEMA_DIR / name] = collaboration_table_statement()
    return files


if __name__ == "__main__":
    for path, text in expected_files().items():
        path.write_text(text, encoding="utf-8")
        print(path)  # noqa: T201
