"""The whole-file fast path for a JSONL first load: parsed and checked by Arrow, in C++.

A bulk file of new records (every node new to the store and listed once, every
relationship once, every value plain) needs no merging; what it needs is parsing
and checking at the speed of the database's COPY. Arrow's JSON reader parses it
against the record schema, vectorised checks test exactly what the row path
(graph_loader.write.fresh) tests, and the node and relationship tables are built by
column. Anything outside that shape (a repeated id, an id the store holds, an
untyped property, several provenance entries, an edge key, ...) returns None and
the row path takes the file, with its record-by-record errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from graph_loader.errors import Decline
from graph_loader.write.copy import none_stored
from graph_loader.write.fresh import EDGE_TABLE_SCHEMA, FreshTables
from graph_loader.write.rules import name_keys, tie_weights
from queries import schema
from queries.arrow import ARROW_TYPES, NODE_ARROW_SCHEMA
from queries.store import Runner

# Files larger than this are read record by record (the Arrow table of a file is
# held whole in memory).
MAX_BYTES = 512 * 1024 * 1024
_PROVENANCE = pa.list_(
    pa.struct(
        [
            ("doc", pa.string()),
            ("evidence", pa.string()),
            ("confidence", pa.float64()),
            ("row", pa.string()),
        ]
    )
)
_PROPS = {**schema.NODE_PROPERTIES, **schema.REL_PROPERTIES}
_RECORD = pa.schema(
    [
        ("kind", pa.string()),
        ("label", pa.string()),
        ("id", pa.string()),
        ("name", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("type", pa.string()),
        ("source", pa.string()),
        ("target", pa.string()),
        ("props", pa.struct([(k, ARROW_TYPES[t]) for k, t in _PROPS.items()])),
        ("provenance", _PROVENANCE),
    ]
)


def _require(condition: Any) -> None:
    if not (condition.as_py() if isinstance(condition, pa.Scalar) else condition):
        raise Decline


def _plain_text(values: pa.ChunkedArray | pa.Array, longest: int, control: bool = True) -> None:
    """No nulls, 1..longest characters, no surrounding white space, no control characters."""
    _require(values.null_count == 0)
    if len(values) == 0:
        return
    size = pc.binary_length(values)  # bytes: at least the characters, so a cheap bound first
    _require(pc.min(size).as_py() >= 1)
    if pc.max(size).as_py() > longest:
        _require(pc.max(pc.utf8_length(values)).as_py() <= longest)
    # str.strip()'s white space: Unicode separators, ASCII white space, \x1c-\x1f and \x85
    space = r"[\t\n\x0b\x0c\r\x1c-\x1f \x85\p{Z}]"
    pattern = rf"^{space}|{space}$" + (r"|[\x00-\x1f\x7f]" if control else "")
    _require(not pc.any(pc.match_substring_regex(values, pattern)).as_py())


def _json_string(values: pa.Array) -> pa.Array:
    """JSON string literals, as orjson writes them (only \\ and " escaped; control
    characters were declined before)."""
    escaped = pc.replace_substring(pc.replace_substring(values, "\\", "\\\\"), '"', '\\"')
    return pc.binary_join_element_wise('"', escaped, '"', "")


def _provenance(column: pa.ChunkedArray) -> tuple[pa.Array, pa.Array, pa.Array]:
    """(provenance JSON, docs list, confidence) per row: the row path's canonical JSON for
    one entry, null for none. Several entries need merging and sorting: declined."""
    column = column.combine_chunks()
    lengths = pc.fill_null(pc.list_value_length(column), 0)
    _require(pc.max(lengths).as_py() in (None, 0, 1))
    has = pc.equal(lengths, 1)
    entries = pc.list_flatten(column)  # one per row that has one, in row order
    doc = pc.struct_field(entries, "doc")
    evidence = pc.struct_field(entries, "evidence")
    row = pc.struct_field(entries, "row")
    confidence = pc.fill_null(pc.struct_field(entries, "confidence"), 1.0)
    _plain_text(doc, 512)
    for text, longest in ((evidence, 20_000), (row, 200)):
        if text.null_count < len(text):
            if pc.max(pc.binary_length(text)).as_py() > longest:
                _require(pc.max(pc.utf8_length(text)).as_py() <= longest)
            _require(not pc.any(pc.match_substring_regex(text, r"[\x00-\x1f\x7f]")).as_py())
    if len(confidence):
        _require(pc.min(confidence).as_py() >= 0.0 and pc.max(confidence).as_py() <= 1.0)
    number = pc.cast(confidence, pa.string())
    _require(not pc.any(pc.match_substring(number, "e")).as_py())  # exponents: orjson writes them its way
    number = pc.if_else(
        pc.match_substring(number, "."), number, pc.binary_join_element_wise(number, ".0", "")
    )
    optional = [
        pc.if_else(
            pc.is_null(evidence), "", pc.binary_join_element_wise(',"evidence":', _json_string(evidence), "")
        ),
        pc.if_else(pc.is_null(row), "", pc.binary_join_element_wise(',"row":', _json_string(row), "")),
    ]
    text = pc.binary_join_element_wise(
        '[{"confidence":', number, ',"doc":', _json_string(doc), *optional, "}]", ""
    )
    docs = pa.ListArray.from_arrays(pa.array(range(len(doc) + 1), pa.int32()), doc)
    if len(doc) == len(column):  # every row has its one entry: already in row order
        return text, docs, confidence
    # spread the entries back over all rows (rows without provenance get nulls)
    positions = pc.subtract(pc.cumulative_sum(pc.cast(has, pa.int64())), 1)
    take = pc.if_else(has, positions, pa.scalar(None, pa.int64()))
    return text.take(take), docs.take(take), confidence.take(take)


def fresh_tables(path: Path, store: Runner, size: int) -> FreshTables | None:
    """The file's node and relationship tables, or None when it needs the row path."""
    if path.suffix.lower() not in (".jsonl", ".ndjson") or path.stat().st_size > MAX_BYTES:
        return None
    if b"null" in path.read_bytes():
        # Arrow reads an explicit null like a missing field (the model refuses some), and a
        # file holding only `null` crashed pyarrow 26's reader (SIGSEGV, found by the API
        # fuzz test): null literals go the row path
        return None
    try:
        table = pj.read_json(
            path,
            parse_options=pj.ParseOptions(explicit_schema=_RECORD, unexpected_field_behavior="error"),
        )
        return _tables(table, store, size)
    except (Decline, pa.ArrowException, UnicodeDecodeError):
        # UnicodeDecodeError: pyarrow words some parse errors with the bad bytes themselves
        return None


def _tables(table: pa.Table, store: Runner, size: int) -> FreshTables:
    kind = table["kind"]
    _require(kind.null_count == 0 and pc.all(pc.is_in(kind, pa.array(["node", "edge"]))))
    is_node = pc.equal(kind, "node")
    # a node has no edge fields and an edge no node fields
    for column, belongs in (
        ("type", False),
        ("source", False),
        ("target", False),
        ("label", True),
        ("id", True),
    ):
        _require(pc.all(pc.or_(pc.equal(is_node, belongs), pc.is_null(table[column]))))
    for column in ("name", "aliases"):
        _require(pc.all(pc.or_(is_node, pc.is_null(table[column]))))
    table = table.set_column(table.schema.get_field_index("props"), "props", _used_props(table["props"]))
    node_rows = pc.indices_nonzero(is_node)
    edge_rows = pc.indices_nonzero(pc.invert(is_node))
    nodes = table.select(["label", "id", "name", "aliases", "props", "provenance"]).take(node_rows)
    edges = table.select(["type", "source", "target", "props", "provenance"]).take(edge_rows)
    out = FreshTables(size)
    node_labels = _nodes(nodes, store, out)
    _edges(edges, nodes["id"], node_rows, edge_rows, node_labels, out)
    return out


def _used_props(props: pa.ChunkedArray) -> pa.ChunkedArray:
    """Only the properties some record uses (most of the 26 are empty), chunk by chunk
    (joining the chunks of the whole column first cost a tenth of the validation)."""
    rows = len(props)
    used = [f for f in _PROPS if sum(pc.struct_field(c, f).null_count for c in props.chunks) < rows]
    shape = pa.struct([props.type.field(f) for f in used])
    return pa.chunked_array(
        [
            pa.StructArray.from_arrays([pc.struct_field(c, f) for f in used], fields=list(shape))
            if used
            else pa.nulls(len(c), shape)
            for c in props.chunks
        ],
        shape,
    )


def _nodes(nodes: pa.Table, store: Runner, out: FreshTables) -> dict[str, str]:
    for field in _present(nodes["props"]) & (schema.REL_PROPERTIES.keys() - schema.NODE_PROPERTIES.keys()):
        _require(pc.struct_field(nodes["props"], field).null_count == len(nodes))
    labels, ids, names = nodes["label"], nodes["id"], nodes["name"]
    _require(labels.null_count == 0 and pc.all(pc.is_in(labels, pa.array(schema.NODE_LABELS))))
    _plain_text(ids, 512)
    _plain_text(names, 2000, control=False)
    aliases = pc.list_flatten(nodes["aliases"])
    _plain_text(aliases, 2000, control=False) if len(aliases) else None
    _require(pc.count_distinct(ids).as_py() == len(ids))
    id_list = ids.to_pylist()
    _require(none_stored(store, id_list))
    name_list = names.to_pylist()
    alias_lists = nodes["aliases"].to_pylist()
    provenance, _, _ = _provenance(nodes["provenance"])
    columns: dict[str, Any] = {
        "id": ids,
        "label": labels,
        "name": names,
        "name_key": name_keys(names),
        "aliases": pa.array(
            [sorted(set(a) - {n}) if a else [] for a, n in zip(alias_lists, name_list, strict=True)],
            pa.list_(pa.string()),
        ),
        "provenance": provenance,
        "extra": pa.nulls(len(nodes), pa.string()),
    }
    columns.update(_props(nodes["props"], schema.NODE_PROPERTIES, len(nodes)))
    shaped = pa.table({c: columns[c] for c in NODE_ARROW_SCHEMA.names}, schema=NODE_ARROW_SCHEMA)
    for label, part in _groups(shaped, labels):
        out.node_tables += [(label, chunk) for chunk in _chunks(part, out.size)]
    out.rows += shaped.num_rows
    return dict(zip(id_list, labels.to_pylist(), strict=True))


def _edges(
    edges: pa.Table,
    node_ids: pa.ChunkedArray,
    node_rows: pa.Array,
    edge_rows: pa.Array,
    node_labels: dict[str, str],
    out: FreshTables,
) -> None:
    if edges.num_rows == 0:
        return
    for field in _present(edges["props"]) & (schema.NODE_PROPERTIES.keys() - schema.REL_PROPERTIES.keys()):
        _require(pc.struct_field(edges["props"], field).null_count == len(edges))
    types, source, target = edges["type"], edges["source"], edges["target"]
    _require(types.null_count == 0 and pc.all(pc.is_in(types, pa.array(schema.REL_TYPES))))
    _plain_text(source, 512)
    _plain_text(target, 512)
    # every endpoint is a node listed above the edge
    ids = node_ids.combine_chunks()
    by_id = pc.index_in(source, value_set=ids), pc.index_in(target, value_set=ids)
    for where in by_id:
        _require(where.null_count == 0)
        _require(pc.all(pc.less(pc.take(node_rows, where), edge_rows)))
    # the label pair is allowed (either way round for undirected types)
    labels = pa.array(list(node_labels.values()))
    source_label, target_label = pc.take(labels, by_id[0]), pc.take(labels, by_id[1])
    allowed = [f"{t}|{a}|{b}" for t, pairs in schema.REL_PAIRS.items() for a, b in pairs]
    allowed += [f"{t}|{b}|{a}" for t in schema.UNDIRECTED for a, b in schema.REL_PAIRS.get(t, ())]
    pair = pc.binary_join_element_wise(types, source_label, target_label, "|")
    _require(pc.all(pc.is_in(pair, pa.array(allowed))))
    # undirected ties are stored with the smaller id first
    swap = pc.and_(pc.is_in(types, pa.array(sorted(schema.UNDIRECTED))), pc.less(target, source))
    first, second = pc.if_else(swap, target, source), pc.if_else(swap, source, target)
    first_label = pc.if_else(swap, target_label, source_label)
    second_label = pc.if_else(swap, source_label, target_label)
    # each relationship once: (type, first, second) as one integer (counting distinct
    # integers is several times faster than distinct strings)
    n = len(ids)
    type_code = pc.cast(pc.index_in(types, value_set=pa.array(schema.REL_TYPES)), pa.int64())
    first_at = pc.cast(pc.if_else(swap, by_id[1], by_id[0]), pa.int64())
    second_at = pc.cast(pc.if_else(swap, by_id[0], by_id[1]), pa.int64())
    identity = pc.add(pc.multiply(pc.add(pc.multiply(type_code, n), first_at), n), second_at)
    _require(pc.count_distinct(identity).as_py() == len(identity))
    provenance, docs, confidence = _provenance(edges["provenance"])
    columns: dict[str, Any] = {
        "from": first,
        "to": second,
        "type": types,
        "key": pa.array([""] * len(edges), pa.string()),
        "docs": pc.if_else(pc.is_null(docs), pa.scalar([], pa.list_(pa.string())), docs),
        "confidence": confidence,
        "provenance": provenance,
        "extra": pa.nulls(len(edges), pa.string()),
    }
    columns.update(_props(edges["props"], schema.REL_PROPERTIES, len(edges)))
    columns["weight"] = tie_weights(types, columns["weight"])
    shaped = pa.table({c: columns[c] for c in EDGE_TABLE_SCHEMA.names}, schema=EDGE_TABLE_SCHEMA)
    group = pc.binary_join_element_wise(types, first_label, second_label, "|")
    for key, part in _groups(shaped, group):
        rel_type, a, b = key.split("|")
        out.edge_tables += [((rel_type, a, b), chunk) for chunk in _chunks(part, out.size)]
    out.rows += shaped.num_rows


def _present(props: pa.ChunkedArray) -> set[str]:
    return {props.type.field(i).name for i in range(props.type.num_fields)}


def _props(props: pa.ChunkedArray, fields: dict[str, str], rows: int) -> dict[str, Any]:
    """The typed property columns; fields no record uses are plain null columns."""
    out: dict[str, Any] = {}
    present = _present(props)
    for field, kind in fields.items():
        column = pc.struct_field(props, field) if field in present else None
        out[field] = (
            pa.nulls(rows, ARROW_TYPES[kind]) if column is None or column.null_count == rows else column
        )
    return out


def _groups(table: pa.Table, keys: pa.ChunkedArray | pa.Array) -> list[tuple[str, pa.Table]]:
    """The table's rows by key, each group in input order: one sort, then slices."""
    order = pc.sort_indices(keys)  # stable: input order within a key
    ordered = table.take(order)
    counts = pc.value_counts(pc.take(keys, order))
    out, start = [], 0
    for entry in counts.to_pylist():
        out.append((entry["values"], ordered.slice(start, entry["counts"])))
        start += entry["counts"]
    return out


def _chunks(table: pa.Table, size: int) -> list[pa.Table]:
    return [table.slice(start, size) for start in range(0, table.num_rows, size)]
