"""A mapped table's records merged as the writer merges repeats, and shaped into the tables
the store copies: by number, in the order the row path meets them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.errors import Decline, RecordInvalid
from graph_loader.runs import combined_key, run_starts
from graph_loader.tables.mapped.cells import broadcast
from graph_loader.tables.mapped.rules import Part, Records
from graph_loader.tables.mapped.text import alias_lists, extra_json
from graph_loader.write.copy import none_stored
from graph_loader.write.fresh import (
    EDGE_TABLE_SCHEMA,
    FreshTables,
    plain_id,
    plain_name,
    with_provenance_rows,
)
from graph_loader.write.rules import display_name, name_keys, tie_weights
from queries import schema
from queries.arrow import ARROW_TYPES, NODE_ARROW_SCHEMA
from queries.store import Store

_LABELS = frozenset(schema.NODE_LABELS)

# Provenance entries turned into text at once (see Shaper._provenance).
ENTRIES_AT_ONCE = 200_000


@dataclass(frozen=True)
class _Rows:
    """Provenance kept as row numbers until a table is copied: as text, the provenance of a
    million rows (a city's lists every row that names it) held 490 MB through all the
    COPYs, and the load's peak was that much higher."""

    document: str
    lines: pa.Array  # each row's line number as text

    def __call__(self, rows: pa.ListArray) -> pa.Array:
        """The provenance text of each list of rows, as the writer renders it; a slice of
        owners at a time (the entries of a million rows as text at once cost 0.5-0.7 GB)."""
        head = '{"confidence":1.0,"doc":' + orjson.dumps(self.document).decode() + ',"row":"'
        rows = rows.combine_chunks() if isinstance(rows, pa.ChunkedArray) else rows
        ends = np.asarray(rows.offsets)[1:] - rows.offsets[0].as_py()
        values = rows.flatten()
        texts = []
        first, count = 0, len(rows)
        while first < count:
            start = int(ends[first - 1]) if first else 0
            last = min(count, max(first + 1, int(np.searchsorted(ends, start + ENTRIES_AT_ONCE, "right"))))
            entries = pc.binary_join_element_wise(
                head, self.lines.take(values.slice(start, int(ends[last - 1]) - start)), '"}', ""
            )
            offsets = np.concatenate(([0], ends[first:last] - start)).astype(np.int32)
            lists = pa.ListArray.from_arrays(pa.array(offsets), entries)
            texts.append(pc.binary_join_element_wise("[", pc.binary_join(lists, ","), "]", ""))
            first = last
        return pa.concat_arrays(texts) if texts else pa.array([], pa.string())


@dataclass
class MappedTables:
    tables: FreshTables  # node_tables and edge_tables filled
    records: int  # the records the row path would have counted valid
    warnings: list[RecordInvalid] = field(default_factory=list)


class Shaper:
    """The nodes and relationships of `source`'s records, merged, as tables of at most `size`
    rows by label and by (type, source label, target label)."""

    def __init__(self, source: Records, store: Store, size: int) -> None:
        self.source, self.store, self.size = source, store, size

    def shape(self) -> MappedTables:
        self.source.release()  # the input is read: free it before the merge
        props = sorted({c for part in self.source.nodes for c in props_of(part.records)})
        table = concat([part.records for part in self.source.nodes])
        encoded = pc.dictionary_encode(table.column("id").combine_chunks())
        merged, node_at = merge_repeats(
            table,
            encoded.indices.to_numpy(zero_copy_only=False),
            [
                ("id", "first"),
                ("label", "count_distinct"),
                ("label", "first"),
                ("name", "count_distinct"),
                ("name", "last"),
                ("first", "min"),
                *((c, "last") for c in props),
            ],
        )
        node_ids = merged.column("id_first")
        id_list = node_ids.to_pylist()
        if not all(map(plain_id, id_list)):
            raise Decline  # not a plain id: the general path checks it
        if pc.max(merged.column("label_count_distinct")).as_py() != 1:
            raise Decline  # one id given two labels: an error the row path words
        labels = merged.column("label_first")
        if not set(pc.unique(labels).to_pylist()) <= _LABELS:
            raise Decline
        self._check_store(id_list)
        names = merged.column("name_last").to_pylist()
        if not all(map(plain_name, set(names))):
            raise Decline
        aliases = aliases_of(self.source.nodes, merged, names)
        typed, untyped = split(merged, props, schema.NODE_PROPERTIES)
        count = len(id_list)
        columns: dict[str, Any] = {
            "id": node_ids,
            "label": labels,
            "name": pa.array(names, pa.string()),
            "name_key": name_keys(pa.array(names, pa.string())),
            "aliases": alias_lists(id_list, names, aliases),
            "provenance": self._provenance(self.source.nodes, node_at, count),
            "extra": extra_json(untyped, count),
            **typed_columns(typed, schema.NODE_PROPERTIES, count),
        }
        defined = merged.column("first_min")
        del merged, typed, untyped, names, aliases
        self.source.nodes.clear()
        fresh = FreshTables(self.size)
        fresh.provenance_text = _Rows(self.source.mapping.document, self.source.lines)
        for (label,), table in in_groups(
            columns, [labels], with_provenance_rows(NODE_ARROW_SCHEMA), self.size
        ):
            fresh.node_tables.append((label, table))
        if self.source.edges:
            self._shape_edges(node_ids, labels, defined, fresh)
        fresh.rows = sum(t.num_rows for _, t in fresh.node_tables + fresh.edge_tables)
        return MappedTables(fresh, self.source.records, self.source.warnings)

    def _check_store(self, ids: list[str]) -> None:
        """Decline when any id is in the store already: merging with stored nodes is the
        general writer's work."""
        if not none_stored(self.store, ids):
            raise Decline

    def _provenance(self, parts: list[Part], at: np.ndarray, count: int) -> pa.ListArray:
        """The provenance of each of `count` merged nodes or relationships (`at`: where each
        record went), as the row numbers the writer would render: one entry per distinct row
        that states it, in the order of the row's text. Rendered at its COPY (`_Rows`)."""
        owners = []
        offset = 0
        for part in parts:
            owners.append(at[offset + part.record_of])
            offset += part.records.num_rows
        codes = np.concatenate(owners)
        rows = np.concatenate([part.rows for part in parts])
        keys = codes * (self.source.n + 1) + self.source.rank[rows]
        order = np.argsort(keys)
        keys = keys[order]
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = keys[1:] != keys[:-1]  # a row stating the same node twice: one entry
        order = order[keep]
        del keys, keep
        ends = np.cumsum(np.bincount(codes[order], minlength=count))
        return pa.ListArray.from_arrays(
            pa.array(np.concatenate(([0], ends)).astype(np.int32)), pa.array(rows[order].astype(np.int32))
        )

    def _shape_edges(
        self, node_ids: pa.Array, labels: pa.Array, defined: pa.Array, fresh: FreshTables
    ) -> None:
        for part in self.source.edges:
            records = part.records
            # an endpoint defined in this table above the edge's first row (else: the store
            # or nowhere, or further down: the row path checks and words it)
            for end in ("source", "target"):
                at = pc.index_in(records.column(end), value_set=node_ids)
                if at.null_count or pc.any(pc.greater(defined.take(at), records.column("first"))).as_py():
                    raise Decline
                records = records.append_column(f"{end}_label", labels.take(at))
                records = records.append_column(f"{end}_number", at)
            part.records = records
        # a relationship's identity (type, source, target, key) as one number, made from the
        # endpoints' node numbers: no text of a million identities to build and hash
        table = concat([part.records for part in self.source.edges])
        ends = [(_numbers(table.column(c)), len(node_ids)) for c in ("source_number", "target_number")]
        key = combined_key(
            [_dictionary_codes(table.column("type")), *ends, _dictionary_codes(table.column("key"))]
        )
        identity = np.unique(key, return_inverse=True)[1].reshape(-1)  # merge_repeats counts by number
        del key, ends
        props = sorted(c for c in table.column_names if c.startswith("p:"))
        merged, edge_at = merge_repeats(
            table,
            identity,
            [
                ("type", "first"),
                ("source", "first"),
                ("target", "first"),
                ("key", "first"),
                ("source_label", "first"),
                ("target_label", "first"),
                *((c, "last") for c in props),
            ],
        )
        n = merged.num_rows
        typed, untyped = split(merged, props, schema.REL_PROPERTIES)
        columns: dict[str, Any] = {
            "from": merged.column("source_first"),
            "to": merged.column("target_first"),
            "type": merged.column("type_first"),
            "key": merged.column("key_first"),
            "docs": broadcast([self.source.mapping.document], n),
            "confidence": broadcast(1.0, n),
            "provenance": self._provenance(self.source.edges, edge_at, n),
            "extra": extra_json(untyped, n),
            **typed_columns(typed, schema.REL_PROPERTIES, n),
        }
        self.source.edges.clear()
        columns["weight"] = tie_weights(columns["type"], columns["weight"])
        pairs = [columns["type"], merged.column("source_label_first"), merged.column("target_label_first")]
        del merged, typed, untyped
        for pair, table in in_groups(columns, pairs, with_provenance_rows(EDGE_TABLE_SCHEMA), self.size):
            if not schema.label_allows(*pair) and not (
                pair[0] in schema.UNDIRECTED and schema.label_allows(pair[0], pair[2], pair[1])
            ):
                raise Decline  # an error the row path words
            fresh.edge_tables.append((pair, table))


def in_groups(
    columns: dict[str, Any], groups: list[Any], shape: pa.Schema, size: int
) -> list[tuple[tuple[Any, ...], pa.Table]]:
    """The rows of `columns` as tables of `shape` of at most `size` rows, one run for each
    distinct combination of the `groups` arrays' values. The rows are put in group order one
    column at a time, each column's old order let go of as the next is made: filtering a
    whole table per group held the table twice (half a gigabyte at a million rows)."""
    n = len(groups[0])
    if not n:
        return []
    code = combined_key(_dictionary_codes(values) for values in groups)
    order = np.argsort(code, kind="stable")
    starts = run_starts(code[order])
    keys = [tuple(values[int(order[start])].as_py() for values in groups) for start in starts]
    permutation = pa.array(order)
    for name in shape.names:
        columns[name] = columns[name].take(permutation)
    table = pa.table({name: columns.pop(name) for name in shape.names}).cast(shape)
    columns.clear()
    out = []
    for key, start, end in zip(keys, starts, [*starts[1:], n], strict=True):
        for at in range(int(start), int(end), size):
            out.append((key, table.slice(at, min(size, int(end) - at))))
    return out


def _dictionary_codes(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """Each value's number among the distinct values, and how many there are."""
    array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    encoded = pc.dictionary_encode(array)
    return encoded.indices.to_numpy(zero_copy_only=False), len(encoded.dictionary)


def _numbers(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    return array.to_numpy(zero_copy_only=False)


def merge_repeats(
    table: pa.Table, codes: np.ndarray, aggregations: list[tuple[str, str]]
) -> tuple[pa.Table, np.ndarray]:
    """Records merged by their number in `codes` as the writer merges repeats (aggregation
    names as Arrow's: "last" is the later record's non-null value), and where each record
    went. Most numbers have one record: those are taken as they are, and only repeated ones
    are sorted into the row path's order and grouped."""
    repeated = np.bincount(codes)[codes] > 1
    alone_rows = np.flatnonzero(~repeated)
    alone = table.take(pa.array(alone_rows))
    columns = {}
    for column, how in aggregations:
        name = f"{column}_{how}"
        if how == "count_distinct":
            columns[name] = pc.cast(pc.is_valid(alone.column(column)), pa.int64())
        else:
            columns[name] = alone.column(column)
    merged = pa.table(columns)
    del alone, columns
    at = np.empty(len(codes), dtype=np.int64)
    at[alone_rows] = np.arange(len(alone_rows))
    if repeated.any():
        many_rows = np.flatnonzero(repeated)
        many = table.take(pa.array(many_rows)).append_column("code", pa.array(codes[many_rows]))
        many = many.take(pc.sort_indices(many.column("seq")))
        grouped = many.group_by("code", use_threads=False).aggregate(aggregations)
        position = np.empty(int(codes.max()) + 1, dtype=np.int64)
        position[grouped.column("code").to_numpy()] = np.arange(grouped.num_rows) + len(alone_rows)
        at[many_rows] = position[codes[many_rows]]
        merged = pa.concat_tables([merged, grouped.select(merged.column_names).cast(merged.schema)])
    return merged.combine_chunks(), at


def aliases_of(parts: list[Part], merged: pa.Table, names: list[str]) -> dict[str, set[str]]:
    """Spellings (of cities), and every name of a node named more than one way. Such a node
    shows (`names`, corrected in place) what the writer's display_name() makes of its names in
    order: the last one in Latin script if any, else the last."""
    aliases: dict[str, set[str]] = {}
    renamed = pc.greater(merged.column("name_count_distinct"), 1)
    several = merged.filter(renamed).column("id_first")
    shown: dict[str, tuple[int, str]] = {}
    latin: dict[str, tuple[int, str]] = {}
    for part in parts:
        records = part.records
        spelled = records.filter(pc.is_valid(records.column("alias")))
        for node_id, alias in zip(
            spelled.column("id").to_pylist(), spelled.column("alias").to_pylist(), strict=True
        ):
            aliases.setdefault(node_id, set()).add(alias)
        if not len(several):
            continue
        named = records.filter(pc.is_in(records.column("id"), value_set=several))
        for node_id, name, seq in zip(
            named.column("id").to_pylist(),
            named.column("name").to_pylist(),
            named.column("seq").to_pylist(),
            strict=True,
        ):
            aliases.setdefault(node_id, set()).add(name)
            if seq > shown.get(node_id, (-1, ""))[0]:
                shown[node_id] = (seq, name)
            if display_name("a", name) == name and seq > latin.get(node_id, (-1, ""))[0]:
                latin[node_id] = (seq, name)  # a name in Latin script
    position = (
        {node_id: i for i, node_id in enumerate(merged.column("id_first").to_pylist())} if shown else {}
    )
    for node_id, (_, last) in shown.items():
        names[position[node_id]] = latin.get(node_id, (0, last))[1]
    return aliases


def props_of(records: pa.Table) -> list[str]:
    return [c for c in records.column_names if c.startswith("p:")]


def split(
    merged: pa.Table, props: list[str], typed: dict[str, str]
) -> tuple[dict[str, pa.Array], dict[str, pa.Array]]:
    """The merged ("last") property columns: (typed, untyped) by property name."""
    known = {c[2:]: merged.column(f"{c}_last") for c in props if c[2:] in typed}
    other = {c[2:]: merged.column(f"{c}_last") for c in props if c[2:] not in typed}
    return known, other


def typed_columns(values: dict[str, pa.Array], typed: dict[str, str], n: int) -> dict[str, pa.Array]:
    return {
        prop: pc.cast(values[prop], ARROW_TYPES[kind]) if prop in values else pa.nulls(n, ARROW_TYPES[kind])
        for prop, kind in typed.items()
    }


def concat(tables: list[pa.Table]) -> pa.Table:
    """Record tables with different property columns, as one (missing properties: null)."""
    if not tables:
        return pa.table({})
    fields: dict[str, pa.DataType] = {}
    for table in tables:
        for f in table.schema:
            if pa.types.is_null(f.type):
                fields.setdefault(f.name, f.type)
            elif f.name not in fields or pa.types.is_null(fields[f.name]):
                fields[f.name] = f.type
            elif fields[f.name] != f.type:
                if pa.types.is_floating(fields[f.name]) and pa.types.is_integer(f.type):
                    continue
                if pa.types.is_integer(fields[f.name]) and pa.types.is_floating(f.type):
                    fields[f.name] = f.type
                    continue
                raise Decline  # one property with values of two kinds
    shape = pa.schema([pa.field(name, kind) for name, kind in fields.items()])
    out = []
    for table in tables:
        columns = {
            name: pc.cast(table.column(name), kind)
            if name in table.column_names
            else pa.nulls(table.num_rows, kind)
            for name, kind in fields.items()
        }
        out.append(pa.table(columns, schema=shape))
    return pa.concat_tables(out)
