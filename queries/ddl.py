"""Text of every statement that lists the columns of queries.schema: the LadybugDB schema,
the reads and writes that name every node column (entity, export_nodes, existing_nodes,
create_nodes, update_nodes, nodes_citing) and every relationship column (export_edges,
node_edges, edges_citing, existing_edges, update_edges, create_edges). Adding a property is a
change to queries/schema.py, then `python -m queries.ddl`.

The statements themselves are committed as .cypher files (the catalog holds every
statement); this module writes them, and tests/test_catalog.py fails when a file and the
schema disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def collaboration_by_key_statement() -> str:
    columns = tuple(schema.COLLABORATION_COLUMNS)
    return (
        f"// Create one {schema.COLLABORATION} relationship: create_collaborations for one row\n"
        "// (a COPY's commit costs 0.3 s on a large table, a CREATE's 7 ms).\n"
        "// mode: write\n// params: from, to, " + ", ".join(columns) + "\n"
        "// slots: source_label, target_label\n"
        "MATCH (a:{{source_label}} {id: $from}), (b:{{target_label}} {id: $to})\n"
        f"CREATE (a)-[c:{schema.COLLABORATION} {{" + _properties(columns) + "}]->(b)\n"
    )


def collaboration_table_statement() -> str:
    pairs = ",\n  ".join(f"FROM {a} TO {b}" for a, b in schema.COLLABORATION_PAIRS)
    return (
        f"// Create the derived {schema.COLLABORATION} relationship table (queries/schema.py).\n"
        "// mode: schema\n// params: none\n"
        f"CREATE REL TABLE IF NOT EXISTS {schema.COLLABORATION}(\n  {pairs},\n"
        f"  {_columns(schema.COLLABORATION_COLUMNS)}\n)\n"
    )


def correction_table_statement() -> str:
    cols = dict(schema.CORRECTION_COLUMNS)
    cols.pop("number")
    return (
        f"// Create the {schema.CORRECTION} table: the log of corrections (queries/schema.py).\n"
        "// mode: schema\n// params: none\n"
        f"CREATE NODE TABLE IF NOT EXISTS {schema.CORRECTION}(\n"
        f"  number INT64 PRIMARY KEY,\n  {_columns(cols)}\n)\n"
    )


_COLUMNS_OF_NODES = tuple(schema.NODE_COLUMNS)
_RETURNS = f"// returns: {', '.join(_COLUMNS_OF_NODES)}\n"


def _set_every_column(row: str) -> str:
    """SET of every node column but the id, from `row` ("r." for a map, "" for LOAD FROM)."""
    return "SET " + ",\n    ".join(f"n.{c} = {row}{c}" for c in _COLUMNS_OF_NODES if c != "id") + "\n"


def _return_every_column(separator: str) -> str:
    return "RETURN " + separator.join(f"n.{c} AS {c}" for c in _COLUMNS_OF_NODES) + "\n"


def node_column_statements() -> dict[Path, str]:
    """The statements that read or write every node column, by file."""
    entity = "// One node by id, with all its columns.\n// params: id\n" + _RETURNS
    existing = (
        "// The nodes among $ids that already exist, with every column (the writer merges\n"
        "// new records into them and skips the ones a load would not change).\n"
        "// mode: read\n// params: ids\n" + _RETURNS + "UNWIND $ids AS i\n"
    )
    citing = (
        "// The nodes whose provenance text holds $needle (a document id as it is written in\n"
        "// JSON), with every column: the caller reads each entry to keep exactly that document's.\n"
        "// params: needle\n" + _RETURNS
    )
    citing_filter = "WHERE n.provenance CONTAINS $needle\n" + _return_every_column(", ")
    update = "// Overwrite existing nodes with their merged values (computed by the writer).\n"
    read, write = CYPHER_DIR / "read", CYPHER_DIR / "write"
    return {
        read / "entity.cypher": entity + "MATCH (n {id: $id})\n" + _return_every_column(", "),
        read / "neo4j" / "entity.cypher": entity
        + "MATCH (n:Entity {id: $id})\n"
        + _return_every_column(", "),
        read / "export_nodes.cypher": (
            "// Every node with all its columns, in the engine's order (see export_edges); not the\n"
            "// corrections' log, which has no label column.\n"
            "// params: none\n"
            + _RETURNS
            + "MATCH (n)\nWHERE n.label IS NOT NULL\n"
            + _return_every_column(", ")
        ),
        read / "nodes_citing.cypher": citing + "MATCH (n)\n" + citing_filter,
        read / "neo4j" / "nodes_citing.cypher": citing + "MATCH (n:Entity)\n" + citing_filter,
        write / "existing_nodes.cypher": existing
        + "MATCH (n {id: i})\n"
        + _return_every_column(",\n       "),
        write / "neo4j" / "existing_nodes.cypher": (
            existing + "MATCH (n:Entity {id: i})\n" + _return_every_column(",\n       ")
        ),
        write / "ladybug" / "update_nodes.cypher": (
            update + "// LOAD FROM keeps each column's type even when every row of a batch is null\n"
            "// (UNWIND over maps would infer STRING, and is slower).\n"
            "// mode: write\n// params: rows\n// table: rows=node\nLOAD FROM $rows\nMATCH (n {id: id})\n"
            + _set_every_column("")
        ),
        write / "neo4j" / "update_nodes.cypher": (
            update
            + "// mode: write\n// params: rows\nUNWIND $rows AS r\nMATCH (n:Entity {id: r.id})\n"
            + _set_every_column("r.")
        ),
        write / "neo4j" / "create_nodes.cypher": (
            "// Create new nodes of one label (ids known to be absent), each with :Entity and that label.\n"
            "// mode: write\n// params: rows\n// slots: label\nUNWIND $rows AS r\n"
            "CREATE (n:Entity:{{label}} {id: r.id})\n" + _set_every_column("r.")
        ),
        write / "ladybug" / "create_node_by_key.cypher": (
            "// Create one new node of a label: create_nodes for one row (a COPY's commit costs\n"
            "// 0.3 s on a large table, a CREATE's 7 ms).\n"
            "// mode: write\n// params: " + ", ".join(_COLUMNS_OF_NODES) + "\n// slots: label\n"
            "CREATE (n:{{label}} {" + _properties(_COLUMNS_OF_NODES) + "})\n"
        ),
    }


def _properties(columns: Iterable[str]) -> str:
    """A property map of `columns`, each from the parameter of its name."""
    return ", ".join(f"{c}: ${c}" for c in columns)


_REL_COLUMNS = tuple(schema.REL_COLUMNS)  # key, docs, ... then the typed properties
_REL_RETURNS = "// returns: type, source, target, " + ", ".join(_REL_COLUMNS) + "\n"
_DATA_MODEL = "|".join(schema.REL_TYPES)  # every relationship type but the derived COLLABORATES


def _rel_return(lead: str) -> str:
    """RETURN of a relationship `e` with every column after `lead` (its type and ends)."""
    columns = ", ".join(f"e.{c} AS {c}" for c in _REL_COLUMNS)
    return f"RETURN {lead}, {columns}\n"


def _rel_set(row: str, skip: tuple[str, ...] = ("key",)) -> str:
    """SET of every relationship column from `row` ("r." for a map, "" for LOAD FROM)."""
    return "SET " + ",\n    ".join(f"e.{c} = {row}{c}" for c in _REL_COLUMNS if c not in skip) + "\n"


def rel_column_statements() -> dict[Path, str]:
    """The statements that read or write every relationship column, by file."""
    return {**_rel_reads(), **_rel_writes()}


def _rel_reads() -> dict[Path, str]:
    read = CYPHER_DIR / "read"
    files: dict[Path, str] = {}
    dialects = (("ladybug", "label(e)", ""), ("neo4j", "type(e)", ":Entity"))
    for dialect, type_of, entity in dialects:
        returned = _rel_return(f"{type_of} AS type, a.id AS source, b.id AS target")
        files[read / dialect / "export_edges.cypher"] = (
            "// Every relationship of the data model (not the derived COLLABORATES) with all its columns,"
            " in the engine's order: one streamed\n"
            "// result, never paged and not sorted. LadybugDB 0.22 returned overlapping\n"
            "// SKIP/LIMIT pages, and large streamed results out of their ORDER BY, whichever\n"
            "// key led (measured; tests/test_store.py); sort downstream when order matters.\n"
            "// params: none\n" + _REL_RETURNS + f"MATCH (a)-[e:{_DATA_MODEL}]->(b)\n" + returned
        )
        files[read / dialect / "node_edges.cypher"] = (
            "// Every relationship of the data model (not the derived COLLABORATES) with node $id at\n"
            "// either end, with all its columns: what a correction moves or removes. A relationship of\n"
            "// the node with itself comes twice.\n"
            "// params: id\n"
            + _REL_RETURNS
            + f"MATCH (a{entity} {{id: $id}})-[e:{_DATA_MODEL}]->(b)\n"
            + returned
            + "UNION ALL\n"
            + f"MATCH (a)-[e:{_DATA_MODEL}]->(b{entity} {{id: $id}})\n"
            + returned
        )
        contains = "list_contains(e.docs, $doc)" if dialect == "ladybug" else "$doc IN e.docs"
        files[read / dialect / "edges_citing.cypher"] = (
            "// Every relationship of the data model that $doc states (among others or alone), with all\n"
            "// its columns: what retracting that document changes.\n"
            "// params: doc\n"
            + _REL_RETURNS
            + f"MATCH (a)-[e:{_DATA_MODEL}]->(b)\nWHERE {contains}\n"
            + returned
        )
    return files


def _rel_writes() -> dict[Path, str]:
    write = CYPHER_DIR / "write"
    files: dict[Path, str] = {}
    existing = "// The relationships among $rows (type, source, target, key) that already exist,\n"
    files[write / "ladybug" / "existing_edges.cypher"] = (
        existing + "// with every column. LOAD FROM an Arrow table: UNWIND over maps was ~10x slower. Every\n"
        "// row's source is a {{source_label}} and its target a {{target_label}}: the ends are\n"
        "// looked up in those tables only; a large batch takes existing_edges_unlabelled.\n"
        "// mode: read\n// params: rows\n// slots: source_label, target_label\n// table: rows=rel_key\n"
        "// by key: existing_edge_by_key\n" + _REL_RETURNS + "LOAD FROM $rows\n"
        "MATCH (a:{{source_label}} {id: source})-[e]->(b:{{target_label}} {id: target})\n"
        "WHERE label(e) = type AND e.key = key\n" + _rel_return("type, source, target")
    )
    files[write / "ladybug" / "existing_edges_unlabelled.cypher"] = (
        existing + "// with every column, whatever the labels of their ends: one probe of a large batch. At\n"
        "// 100k nodes / 500k relationships, 10,000 rows of every label pair took 0.3-0.4 s this way\n"
        "// against 25 probes of existing_edges, one per label pair at 50-100 ms each however\n"
        "// few their rows.\n"
        "// mode: read\n// params: rows\n// table: rows=rel_key\n" + _REL_RETURNS + "LOAD FROM $rows\n"
        "MATCH (a {id: source})-[e]->(b {id: target})\n"
        "WHERE label(e) = type AND e.key = key\n" + _rel_return("type, source, target")
    )
    neo4j_probe = (
        "// mode: read\n// params: rows\n" + _REL_RETURNS + "UNWIND $rows AS r\n"
        "MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})\n"
        "WHERE type(e) = r.type AND e.key = r.key\n"
        + _rel_return("r.type AS type, r.source AS source, r.target AS target")
    )
    files[write / "neo4j" / "existing_edges.cypher"] = existing + "// with every column.\n" + neo4j_probe
    files[write / "neo4j" / "existing_edges_unlabelled.cypher"] = (
        existing + "// with every column: existing_edges itself on this store, where every node is an\n"
        "// Entity and that label's index finds both ends.\n" + neo4j_probe
    )
    files[write / "ladybug" / "create_edge_by_key.cypher"] = (
        "// Create one new relationship of a type between two labels: create_edges for one row\n"
        "// (a COPY's commit costs 0.3 s on a large table, a CREATE's 7 ms).\n"
        "// mode: write\n// params: from, to, "
        + ", ".join(_REL_COLUMNS)
        + "\n// slots: rel_type, source_label, target_label\n"
        "MATCH (a:{{source_label}} {id: $from}), (b:{{target_label}} {id: $to})\n"
        "CREATE (a)-[e:{{rel_type}} {" + _properties(_REL_COLUMNS) + "}]->(b)\n"
    )
    files[write / "ladybug" / "existing_edge_by_key.cypher"] = (
        "// One relationship (type, source, target, key) if it exists, with every column: what\n"
        "// existing_edges gives for one row, found by its ends' keys.\n"
        "// mode: read\n// params: type, source, target, key\n// slots: source_label, target_label\n"
        + _REL_RETURNS
        + "MATCH (a:{{source_label}} {id: $source})-[e]->(b:{{target_label}} {id: $target})\n"
        "WHERE label(e) = $type AND e.key = $key\n"
        + _rel_return("$type AS type, $source AS source, $target AS target")
    )
    update = (
        "// Overwrite existing relationships, found by type, endpoints and key, with\n"
        "// their merged values (computed by the writer).\n// mode: write\n"
    )
    files[write / "ladybug" / "update_edges.cypher"] = (
        update + "// Every row's source is a {{source_label}} and its target a {{target_label}}.\n"
        "// params: rows\n// slots: source_label, target_label\n// table: rows=rel_update\n"
        "// by key: update_edge_by_key\n"
        "LOAD FROM $rows\n"
        "MATCH (a:{{source_label}} {id: source})-[e]->(b:{{target_label}} {id: target})\n"
        "WHERE label(e) = type AND e.key = key\n" + _rel_set("")
    )
    files[write / "ladybug" / "update_edge_by_key.cypher"] = (
        "// Overwrite one relationship, found by its ends' keys: update_edges for one row.\n"
        "// mode: write\n// params: type, source, target, "
        + ", ".join(_REL_COLUMNS)
        + "\n// slots: source_label, target_label\n"
        "MATCH (a:{{source_label}} {id: $source})-[e]->(b:{{target_label}} {id: $target})\n"
        "WHERE label(e) = $type AND e.key = $key\n" + _rel_set("$")
    )
    update += "// params: rows\n"
    files[write / "neo4j" / "update_edges.cypher"] = (
        update + "UNWIND $rows AS r\nMATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})\n"
        "WHERE type(e) = r.type AND e.key = r.key\n" + _rel_set("r.")
    )
    files[write / "neo4j" / "create_edges.cypher"] = (
        "// Create new relationships (known to be absent) of one type.\n"
        "// mode: write\n// params: rows\n// slots: rel_type\nUNWIND $rows AS r\n"
        "MATCH (a:Entity {id: r.from})\nMATCH (b:Entity {id: r.to})\nCREATE (a)-[e:{{rel_type}}]->(b)\n"
        + _rel_set("r.", skip=())
    )
    return files


def expected_files() -> dict[Path, str]:
    files = {LADYBUG_SCHEMA_DIR / "create_node_table.cypher": node_table_statement()}
    files.update(node_column_statements())
    files.update(rel_column_statements())
    for rel_type in schema.REL_TYPES:
        name = f"create_rel_table_{rel_type.lower()}.cypher"
        files[LADYBUG_SCHEMA_DIR / name] = rel_table_statement(rel_type)
    name = f"create_rel_table_{schema.COLLABORATION.lower()}.cypher"
    files[LADYBUG_SCHEMA_DIR / name] = collaboration_table_statement()
    files[LADYBUG_SCHEMA_DIR / "create_correction_table.cypher"] = correction_table_statement()
    files[CYPHER_DIR / "write" / "ladybug" / "create_collaboration_by_key.cypher"] = (
        collaboration_by_key_statement()
    )
    return files


if __name__ == "__main__":
    for path, text in expected_files().items():
        path.write_text(text, encoding="utf-8")
        print(path)  # noqa: T201
