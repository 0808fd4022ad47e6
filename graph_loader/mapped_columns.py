"""A mapped table's first load, column by column: the graph graph_loader.tables makes row by
row, shaped straight into the fresh tables the store copies.

Row by row, a million CORDIS participations become seven million records through Python
templates and an in-memory merge of every repeat (60 us a row, 5.6 GB). Here each column is
cleaned and mapped once per distinct value with the mapping's own code, templates are string
kernels, cities are resolved once per distinct spelling and place, and repeated nodes and
relationships are merged by sorting and grouping in Arrow, in the order the row path would
merge them. Whatever this path does not reproduce exactly (a node the store already holds, a
cell that does not convert, a label that changes, an edge to a node defined further down,
line numbers a quoted line break would shift) makes it decline, and the row path takes the
load and words every problem. Tests hold the two paths to the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.errors import RecordInvalid
from graph_loader.extract.gazetteer import country_name
from graph_loader.fresh import EDGE_TABLE_SCHEMA, FreshTables, display_name, plain_id, plain_name
from graph_loader.places import resolve_city
from graph_loader.tables import PLACEHOLDER, Mapping, Value, check, header
from queries import schema
from queries.arrow import NODE_ARROW_SCHEMA
from queries.names import name_key
from queries.store import Store

_LABELS = frozenset(schema.NODE_LABELS)
# Provenance entries turned into text at once (see _Build._provenance).
_ENTRIES_AT_ONCE = 200_000
_ARROW_OF = {"STRING": pa.string(), "DOUBLE": pa.float64(), "INT64": pa.int64(), "BOOLEAN": pa.bool_()}


class _Decline(Exception):
    """This input needs the row path."""


@dataclass
class MappedTables:
    tables: FreshTables  # node_tables and edge_tables filled
    records: int  # the records the row path would have counted valid
    warnings: list[RecordInvalid] = field(default_factory=list)


def fresh_mapped_tables(path: Path, mapping: Mapping, store: Store, size: int) -> MappedTables | None:
    """The fresh tables of a whole mapped table new to the store, or None: use the row path."""
    check(mapping, path)  # a mapping naming missing columns is an error on either path
    try:
        return _Build(path, mapping, store, size).run()
    except _Decline:
        return None


def _read(path: Path, mapping: Mapping) -> pa.Table:
    """The table with every cell as text, or _Decline when line numbers (the provenance rows)
    could not be known: a quoted line break, a blank line, a lone carriage return."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        if any(not pa.types.is_string(table.schema.field(c).type) for c in mapping.columns()):
            raise _Decline  # the row path writes other types with str()
        return table.select(list(mapping.columns())).combine_chunks()
    if suffix not in (".csv", ".tsv"):
        raise _Decline
    import pyarrow.csv as pacsv

    names = header(path, mapping.delimiter)
    if len(set(names)) != len(names):
        raise _Decline
    newlines = returns = 0
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            newlines += chunk.count(b"\n")
            returns += chunk.count(b"\r")
            last = chunk[-1:]
    if returns and returns != newlines:
        raise _Decline
    lines = newlines + (1 if last not in (b"", b"\n") else 0)
    try:
        table = pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(
                delimiter=mapping.delimiter or ("\t" if suffix == ".tsv" else ",")
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                include_columns=sorted(mapping.columns()),
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        raise _Decline from None
    if table.num_rows + 1 != lines:
        raise _Decline
    return table.combine_chunks()


def _broadcast(value: Any, n: int) -> pa.Array:
    try:
        return pa.array([value]).take(pa.array(np.zeros(n, dtype=np.int32)))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise _Decline from None


def _per_distinct(column: pa.Array | pa.ChunkedArray, fn: Any) -> pa.Array:
    """fn applied once to each distinct cell, spread back to every row (null for None)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    distinct = pc.unique(column)
    try:
        values = [fn(v) for v in distinct.to_pylist()]
        if len({type(v) for v in values if v is not None}) > 1:
            raise TypeError("values of two kinds")  # 1 and 2.5 would both become floats
        results = pa.array(values)
    except (ValueError, TypeError, pa.ArrowInvalid, pa.ArrowTypeError):
        raise _Decline from None  # a cell that does not convert: the row path reports its line
    return results.take(pc.index_in(column, value_set=distinct))


def _truthy(values: pa.Array) -> np.ndarray:
    """Rows where a value is given (the row path's `if not value: continue`)."""
    if pa.types.is_null(values.type):
        return np.zeros(len(values), dtype=bool)
    if not pa.types.is_string(values.type):
        raise _Decline  # ids and names are text
    given = pc.and_(pc.is_valid(values), pc.not_equal(values, ""))
    return pc.fill_null(given, False).to_numpy(zero_copy_only=False)


# Cells Arrow converts exactly as Python's int() and float() do; others go through Python.
_NUMBERS = {
    "int": (r"^-?[0-9]+$", None, pa.int64()),
    "float": (r"^-?[0-9]+(\.[0-9]+)?$", r"^-?[0-9]+,[0-9]+$", pa.float64()),
}


class _Frame:
    """Some rows of the table (one per distinct combination of a rule's cells) and the
    mapping's values computed on them."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.n = table.num_rows
        self._clean: dict[str, pa.Array] = {}

    def clean(self, column: str) -> pa.Array:
        """The column with whitespace collapsed, as Value.get does it."""
        if column not in self._clean:
            self._clean[column] = _per_distinct(self.table.column(column), lambda v: " ".join(v.split()))
        return self._clean[column]

    def value(self, value: Value | None) -> pa.Array:
        if value is None:
            return pa.nulls(self.n)
        if value.column is not None:
            return self._column(value, value.column)
        if value.template is None:
            return _broadcast(value.literal, self.n)
        parts: list[Any] = []
        empty = pa.array(np.zeros(self.n, dtype=bool))
        position = 0
        for match in PLACEHOLDER.finditer(value.template):
            if match.start() > position:
                parts.append(value.template[position : match.start()])
            cleaned = self.clean(match.group(1))
            parts.append(cleaned)
            empty = pc.or_(empty, pc.equal(cleaned, ""))
            position = match.end()
        if position < len(value.template):
            parts.append(value.template[position:])
        if not any(isinstance(p, pa.Array) for p in parts):
            return _broadcast(value.template, self.n)
        joined = pc.binary_join_element_wise(*parts, "")
        default = (
            pa.nulls(self.n, pa.string()) if value.default is None else _broadcast(value.default, self.n)
        )
        return pc.if_else(empty, default, joined)

    def _column(self, value: Value, column: str) -> pa.Array:
        """The mapping's own Value.get, once per distinct cell; plain numbers (a column of
        amounts has as many distinct cells as rows) converted by Arrow instead."""
        raw = self.table.column(column).combine_chunks()
        if value.map is not None or value.type not in _NUMBERS or not pa.types.is_string(raw.type):
            return _per_distinct(raw, lambda v: value.get({column: v}))
        point, comma, kind = _NUMBERS[value.type]
        plain = pc.fill_null(pc.match_substring_regex(raw, point), False)
        text = raw
        if comma is not None:  # a decimal comma: "1,5" is 1.5
            with_comma = pc.fill_null(pc.match_substring_regex(raw, comma), False)
            text = pc.if_else(with_comma, pc.replace_substring(raw, ",", "."), raw)
            plain = pc.or_(plain, with_comma)
        fast = pc.cast(pc.if_else(plain, text, "0"), kind)
        rest = _per_distinct(pc.if_else(plain, "", raw), lambda v: value.get({column: v}))
        try:
            return pc.if_else(plain, fast, pc.cast(rest, kind))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise _Decline from None

    def props(self, rules: dict[str, Value], typed: dict[str, str]) -> dict[str, pa.Array]:
        """Each property's values, checked as graph_loader.fresh checks a plain record's."""
        out = {}
        for prop, rule in rules.items():
            if prop == "key":
                raise _Decline  # the writer drops a node's `key`; the row path knows how
            values = self.value(rule)
            if pa.types.is_null(values.type):
                out[prop] = values
                continue
            if pa.types.is_floating(values.type) and not pc.all(pc.is_finite(pc.drop_null(values))).as_py():
                raise _Decline
            kind = typed.get(prop)
            if kind is None:
                if not (
                    pa.types.is_string(values.type)
                    or pa.types.is_integer(values.type)
                    or pa.types.is_floating(values.type)
                    or pa.types.is_boolean(values.type)
                ):
                    raise _Decline
            elif kind == "DOUBLE" and pa.types.is_integer(values.type):
                values = pc.cast(values, pa.float64())
            elif values.type != _ARROW_OF[kind]:
                raise _Decline  # the general path turns this into an error or converts it
            out[prop] = values
        return out


@dataclass
class _Part:
    """One rule slot's records, one per distinct combination of the rule's cells that gives a
    record: `records` (with `seq`, the last row stating it, and `first`, the first), and for
    every row stating one, which (`rows`, `record_of`): the provenance needs every row."""

    records: pa.Table
    rows: np.ndarray
    record_of: np.ndarray


class _Build:
    def __init__(self, path: Path, mapping: Mapping, store: Store, size: int) -> None:
        self.path, self.mapping, self.store, self.size = path, mapping, store, size
        self.table = _read(path, mapping)
        self.n = self.table.num_rows
        if not self.n:
            raise _Decline  # nothing to shape
        # each row's line number (its provenance `row`), and its rank among them as text:
        # the writer sorts provenance entries by that text ("10" before "9")
        self.lines = pc.cast(pa.array(np.arange(2, self.n + 2)), pa.string())
        self.rank = np.empty(self.n, dtype=np.int64)
        self.rank[pc.sort_indices(self.lines).to_numpy()] = np.arange(self.n)
        self.slots = len(mapping.nodes) + 4 * len(mapping.places) + len(mapping.edges)
        self._codes: dict[str, tuple[np.ndarray, int]] = {}
        self.nodes: list[_Part] = []
        self.edges: list[_Part] = []
        self.warnings: list[RecordInvalid] = []
        self.records = 0

    # -- distinct combinations -----------------------------------------------
    def codes(self, column: str) -> tuple[np.ndarray, int]:
        """Each row's cell as the number of its distinct value, and how many there are."""
        if column not in self._codes:
            encoded = pc.dictionary_encode(self.table.column(column).combine_chunks(), null_encoding="encode")
            self._codes[column] = (encoded.indices.to_numpy(zero_copy_only=False), len(encoded.dictionary))
        return self._codes[column]

    def combinations(self, columns: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(each row's combination, the first row and the last row of each combination)."""
        key = np.zeros(self.n, dtype=np.int64)
        for column in sorted(columns):
            codes, count = self.codes(column)
            # renumbered after each column, so the key stays below rows x values
            key = np.unique(key * count + codes, return_inverse=True)[1].reshape(-1)
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        # the last row of each: the first one counted from the end (same sorted order)
        last = self.n - 1 - np.unique(key[::-1], return_index=True)[1]
        return inverse.reshape(-1), first, last

    def frame(self, rows: np.ndarray) -> _Frame:
        return _Frame(self.table.take(pa.array(rows)))

    def part(
        self,
        slot: int,
        mask: np.ndarray,
        inverse: np.ndarray,
        first: np.ndarray,
        last: np.ndarray,
        columns: dict[str, Any],
    ) -> _Part:
        """The records of combinations where `mask` holds, with every row that states them."""
        columns = {
            "seq": pa.array(last * self.slots + slot),
            "first": pa.array(first * self.slots + slot),
            **columns,
        }
        records = pa.table(columns).filter(pa.array(mask))
        number = np.cumsum(mask) - 1  # a kept combination's record number
        stated = mask[inverse]
        rows = np.flatnonzero(stated)
        self.records += len(rows)
        return _Part(records, rows, number[inverse[rows]])

    # -- records, rule by rule -----------------------------------------------
    def run(self) -> MappedTables:
        slot = 0
        for rule in self.mapping.nodes:
            used = set().union(*(v.columns() for v in (rule.id, rule.name, rule.label, *rule.props.values())))
            inverse, first, last = self.combinations(used)
            frame = self.frame(last)
            ids, names, labels = frame.value(rule.id), frame.value(rule.name), frame.value(rule.label)
            mask = _truthy(ids) & _truthy(names)
            props = frame.props(rule.props, schema.NODE_PROPERTIES)
            self.nodes.append(
                self.part(slot, mask, inverse, first, last, _node_columns(ids, labels, names, props))
            )
            slot += 1
        for place in self.mapping.places:
            self.add_place(place, slot)
            slot += 4
        for edge_rule in self.mapping.edges:
            values = (edge_rule.source, edge_rule.target, edge_rule.key, *edge_rule.props.values())
            inverse, first, last = self.combinations(set().union(*(v.columns() for v in values if v)))
            frame = self.frame(last)
            sources, targets = frame.value(edge_rule.source), frame.value(edge_rule.target)
            keys = frame.value(edge_rule.key)
            if not (pa.types.is_string(keys.type) or pa.types.is_null(keys.type)):
                raise _Decline
            keys = pc.if_else(pa.array(_truthy(keys)), keys, "")
            mask = _truthy(sources) & _truthy(targets)
            props = frame.props(edge_rule.props, schema.REL_PROPERTIES)
            columns = _edge_columns(edge_rule.type, sources, targets, keys, props)
            self.edges.append(self.part(slot, mask, inverse, first, last, columns))
            slot += 1
        return self.shape()

    def add_place(self, place: Any, slot: int) -> None:
        """A place rule's records, as tables._row_records makes them: the country; then the
        city and two LOCATED_IN, or (no city) a warning and LOCATED_IN the country."""
        values = (place.actor, place.city, place.country, place.coordinates)
        inverse, first, last = self.combinations(set().union(*(v.columns() for v in values if v)))
        frame = self.frame(last)
        n = frame.n
        actors, cities, countries = (
            frame.value(place.actor),
            frame.value(place.city),
            frame.value(place.country),
        )
        coordinates = frame.value(place.coordinates) if place.coordinates is not None else pa.nulls(n)
        if not pa.types.is_string(countries.type):
            raise _Decline
        if not (pa.types.is_string(cities.type) or pa.types.is_null(cities.type)):
            raise _Decline
        mask = _truthy(actors) & _truthy(countries)
        countries = _per_distinct(pc.if_else(pa.array(mask), countries, ""), str.upper)  # Python's upper
        country_ids = _per_distinct(countries, lambda c: f"country:{c.lower()}")
        country_names = _per_distinct(countries, lambda c: country_name(c) if c else "")
        labels = _broadcast("Country", n)
        columns = _node_columns(country_ids, labels, country_names, {"country": countries})
        self.nodes.append(self.part(slot, mask, inverse, first, last, columns))
        found = _resolve(
            pc.fill_null(pc.cast(cities, pa.string()), ""),
            countries,
            pc.fill_null(pc.cast(coordinates, pa.string()), ""),
        )
        has_city = mask & pc.is_valid(found).to_numpy(zero_copy_only=False)
        no_city = mask & ~has_city
        city_ids = pc.struct_field(found, "id")
        city_props = {
            k: pc.struct_field(found, k) for k in ("country", "kind", "resolved", "lat", "lon", "geonames_id")
        }
        columns = _node_columns(
            city_ids,
            _broadcast("City", n),
            pc.struct_field(found, "name"),
            city_props,
            alias=pc.struct_field(found, "alias"),
        )
        self.nodes.append(self.part(slot + 1, has_city, inverse, first, last, columns))
        empty: dict[str, pa.Array] = {}
        blank = _broadcast("", n)
        to_city = _edge_columns("LOCATED_IN", actors, city_ids, blank, empty)
        self.edges.append(self.part(slot + 2, has_city, inverse, first, last, to_city))
        in_country = _edge_columns("LOCATED_IN", city_ids, country_ids, blank, empty)
        self.edges.append(self.part(slot + 3, has_city, inverse, first, last, in_country))
        # no city: a warning, and the actor in the country (in the slot of the city's first edge)
        only_country = _edge_columns("LOCATED_IN", actors, country_ids, blank, empty)
        self.edges.append(self.part(slot + 2, no_city, inverse, first, last, only_country))
        rows = np.flatnonzero(no_city[inverse])
        if len(rows):
            named = actors.take(pa.array(inverse[rows])).to_pylist()
            self.warnings += [
                RecordInvalid(
                    f"no city for {actor}: located in the country only", where=f"{self.path}:{row + 2}"
                )
                for actor, row in zip(named, rows.tolist(), strict=True)
            ]

    # -- merging and shaping -------------------------------------------------
    def shape(self) -> MappedTables:
        del self.table, self._codes  # the input is read: free it before the merge
        props = sorted({c for part in self.nodes for c in _props_of(part.records)})
        table = _concat([part.records for part in self.nodes])
        encoded = pc.dictionary_encode(table.column("id").combine_chunks())
        merged, node_at = _merged(
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
            raise _Decline  # not a plain id: the general path checks it
        if pc.max(merged.column("label_count_distinct")).as_py() != 1:
            raise _Decline  # one id given two labels: an error the row path words
        labels = merged.column("label_first")
        if not set(pc.unique(labels).to_pylist()) <= _LABELS:
            raise _Decline
        self._check_store(id_list)
        names = merged.column("name_last").to_pylist()
        if not all(map(plain_name, set(names))):
            raise _Decline
        aliases = _aliases(self.nodes, merged, names)
        typed, untyped = _split(merged, props, schema.NODE_PROPERTIES)
        count = len(id_list)
        columns: dict[str, Any] = {
            "id": node_ids,
            "label": labels,
            "name": pa.array(names, pa.string()),
            "name_key": _name_keys(names),
            "aliases": _alias_lists(id_list, names, aliases),
            "provenance": self._provenance(self.nodes, node_at, count),
            "extra": _extra(untyped, count),
            **_typed_columns(typed, schema.NODE_PROPERTIES, count),
        }
        node_table = pa.table(columns).select(NODE_ARROW_SCHEMA.names).cast(NODE_ARROW_SCHEMA)
        fresh = FreshTables(self.size)
        for label in pc.unique(labels).to_pylist():
            part = node_table.filter(pc.equal(labels, label))
            for start in range(0, part.num_rows, self.size):
                fresh.node_tables.append((label, part.slice(start, self.size)))
        self.nodes.clear()
        if self.edges:
            self._shape_edges(node_ids, labels, merged.column("first_min"), fresh)
        fresh.rows = node_table.num_rows + sum(t.num_rows for _, t in fresh.edge_tables)
        return MappedTables(fresh, self.records, self.warnings)

    def _check_store(self, ids: list[str]) -> None:
        """Decline when any id is in the store already: merging with stored nodes is the
        general writer's work."""
        if not self.store.run("count_by_label", timeout_ms=0):
            return  # an empty store (the usual first load)
        for start in range(0, len(ids), 10_000):
            if self.store.run("node_labels", {"ids": ids[start : start + 10_000]}, timeout_ms=0):
                raise _Decline

    def _provenance(self, parts: list[_Part], at: np.ndarray, count: int) -> pa.Array:
        """The provenance text of each of `count` merged nodes or relationships (`at`: where
        each record went), as the writer renders it: one entry per distinct row that states
        it, sorted by the row's text."""
        owners = []
        offset = 0
        for part in parts:
            owners.append(at[offset + part.record_of])
            offset += part.records.num_rows
        codes = np.concatenate(owners)
        rows = np.concatenate([part.rows for part in parts])
        keys = codes * (self.n + 1) + self.rank[rows]
        order = np.argsort(keys)
        keys = keys[order]
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = keys[1:] != keys[:-1]  # a row stating the same node twice: one entry
        order = order[keep]
        del keys, keep
        rows = rows[order]
        ends = np.cumsum(np.bincount(codes[order], minlength=count))  # each owner's last entry + 1
        del codes, order
        head = '{"confidence":1.0,"doc":' + orjson.dumps(self.mapping.document).decode() + ',"row":"'
        # a slice of owners at a time: the entries of a million rows as text at once cost
        # 0.5-0.7 GB for a moment, the largest share of the load's peak
        texts = []
        first = 0
        while first < count:
            start = int(ends[first - 1]) if first else 0
            last = min(count, max(first + 1, int(np.searchsorted(ends, start + _ENTRIES_AT_ONCE, "right"))))
            entries = pc.binary_join_element_wise(
                head, self.lines.take(pa.array(rows[start : ends[last - 1]])), '"}', ""
            )
            offsets = np.concatenate(([0], ends[first:last] - start)).astype(np.int32)
            lists = pa.ListArray.from_arrays(pa.array(offsets), entries)
            texts.append(pc.binary_join_element_wise("[", pc.binary_join(lists, ","), "]", ""))
            first = last
        return pa.concat_arrays(texts) if texts else pa.array([], pa.string())

    def _shape_edges(
        self, node_ids: pa.Array, labels: pa.Array, defined: pa.Array, fresh: FreshTables
    ) -> None:
        for part in self.edges:
            records = part.records
            # an endpoint defined in this table above the edge's first row (else: the store
            # or nowhere, or further down: the row path checks and words it)
            for end in ("source", "target"):
                at = pc.index_in(records.column(end), value_set=node_ids)
                if at.null_count or pc.any(pc.greater(defined.take(at), records.column("first"))).as_py():
                    raise _Decline
                records = records.append_column(f"{end}_label", labels.take(at))
                records = records.append_column(f"{end}_number", at)
            part.records = records
        # a relationship's identity (type, source, target, key) as one number, made from the
        # endpoints' node numbers: no text of a million identities to build and hash
        table = _concat([part.records for part in self.edges])
        identity = np.zeros(table.num_rows, dtype=np.int64)
        for column in ("type", "source_number", "target_number", "key"):
            encoded = pc.dictionary_encode(table.column(column).combine_chunks())
            codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            identity = np.unique(identity * len(encoded.dictionary) + codes, return_inverse=True)[1].reshape(
                -1
            )
        props = sorted(c for c in table.column_names if c.startswith("p:"))
        merged, edge_at = _merged(
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
        typed, untyped = _split(merged, props, schema.REL_PROPERTIES)
        columns: dict[str, Any] = {
            "from": merged.column("source_first"),
            "to": merged.column("target_first"),
            "type": merged.column("type_first"),
            "key": merged.column("key_first"),
            "docs": _broadcast([self.mapping.document], n),
            "confidence": _broadcast(1.0, n),
            "provenance": self._provenance(self.edges, edge_at, n),
            "extra": _extra(untyped, n),
            **_typed_columns(typed, schema.REL_PROPERTIES, n),
        }
        self.edges.clear()
        # a tie without a stated weight weighs its documents: here one, the table
        ties = pc.and_(pc.equal(columns["type"], "COOPERATES_WITH"), pc.is_null(columns["weight"]))
        columns["weight"] = pc.if_else(ties, 1.0, columns["weight"])
        table = pa.table(columns).select(EDGE_TABLE_SCHEMA.names).cast(EDGE_TABLE_SCHEMA)
        pairs = pa.table(
            {
                "type": columns["type"],
                "s": merged.column("source_label_first"),
                "t": merged.column("target_label_first"),
            }
        )
        del merged, columns
        for combo in pairs.group_by(["type", "s", "t"]).aggregate([]).to_pylist():
            pair = (combo["type"], combo["s"], combo["t"])
            if not schema.label_allows(*pair) and not (
                pair[0] in schema.UNDIRECTED and schema.label_allows(pair[0], pair[2], pair[1])
            ):
                raise _Decline  # an error the row path words
            chosen = pc.and_(
                pc.and_(pc.equal(pairs.column("type"), pair[0]), pc.equal(pairs.column("s"), pair[1])),
                pc.equal(pairs.column("t"), pair[2]),
            )
            part = table.filter(chosen)
            for start in range(0, part.num_rows, self.size):
                fresh.edge_tables.append((pair, part.slice(start, self.size)))


def _merged(
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


def _node_columns(
    ids: pa.Array,
    labels: pa.Array,
    names: pa.Array,
    props: dict[str, pa.Array],
    alias: pa.Array | None = None,
) -> dict[str, pa.Array]:
    return {
        "id": ids,
        "label": labels,
        "name": names,
        "alias": alias if alias is not None else pa.nulls(len(ids), pa.string()),
        **{f"p:{k}": v for k, v in props.items()},
    }


def _edge_columns(
    rel_type: str, sources: pa.Array, targets: pa.Array, keys: pa.Array, props: dict[str, pa.Array]
) -> dict[str, pa.Array]:
    if rel_type in schema.UNDIRECTED:  # stored with the smaller id first
        swap = pc.fill_null(pc.less(targets, sources), False)
        sources, targets = pc.if_else(swap, targets, sources), pc.if_else(swap, sources, targets)
    return {
        "type": _broadcast(rel_type, len(sources)),
        "source": sources,
        "target": targets,
        "key": keys,
        **{f"p:{k}": v for k, v in props.items()},
    }


def _resolve(cities: pa.Array, countries: pa.Array, coordinates: pa.Array) -> pa.Array:
    """The City (as _CITY_TYPE) of each (name, country, "lat,lon"), null for no name:
    resolve_city() once per distinct name and country, and once per distinct place only for
    names it does not know (their coordinates decide)."""
    by_name: dict[tuple[str, str], Any] = {}
    out: list[dict[str, Any] | None] = []
    for name, country, coordinate in zip(
        cities.to_pylist(), countries.to_pylist(), coordinates.to_pylist(), strict=True
    ):
        known = by_name.get((name, country))
        if known is None:
            known = by_name[(name, country)] = resolve_city(name, country) or False
        if coordinate:
            lat, lon = _lat_lon(coordinate)
            if known is not False and not known.resolved:
                known = resolve_city(name, country, lat, lon)
        if known is False or known is None:
            out.append(None)
            continue
        out.append(
            {
                "id": known.id,
                "name": known.name,
                "alias": name if name != known.name else None,
                "country": known.country,
                "kind": "city",
                "resolved": known.resolved,
                "lat": known.lat,
                "lon": known.lon,
                "geonames_id": known.geonames_id,
            }
        )
    return pa.array(out, type=_CITY_TYPE)


def _lat_lon(text: str) -> tuple[float, float]:
    """A "lat,lon" cell as the row path reads it; a bad one is the row path's to report."""
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError(text)
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise _Decline from None


def _aliases(parts: list[_Part], merged: pa.Table, names: list[str]) -> dict[str, set[str]]:
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


def _props_of(records: pa.Table) -> list[str]:
    return [c for c in records.column_names if c.startswith("p:")]


def _split(
    merged: pa.Table, props: list[str], typed: dict[str, str]
) -> tuple[dict[str, pa.Array], dict[str, pa.Array]]:
    """The merged ("last") property columns: (typed, untyped) by property name."""
    known = {c[2:]: merged.column(f"{c}_last") for c in props if c[2:] in typed}
    other = {c[2:]: merged.column(f"{c}_last") for c in props if c[2:] not in typed}
    return known, other


def _typed_columns(values: dict[str, pa.Array], typed: dict[str, str], n: int) -> dict[str, pa.Array]:
    return {
        prop: pc.cast(values[prop], _ARROW_OF[kind]) if prop in values else pa.nulls(n, _ARROW_OF[kind])
        for prop, kind in typed.items()
    }


_CITY_TYPE = pa.struct(
    [
        ("id", pa.string()),
        ("name", pa.string()),
        ("alias", pa.string()),
        ("country", pa.string()),
        ("kind", pa.string()),
        ("resolved", pa.bool_()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonames_id", pa.int64()),
    ]
)


def _concat(tables: list[pa.Table]) -> pa.Table:
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
                raise _Decline  # one property with values of two kinds
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


def _extra(untyped: dict[str, pa.Array], n: int) -> pa.Array:
    """The untyped properties as the writer's JSON text (orjson, sorted keys), or null;
    assembled by Arrow from each value's JSON (a million amounts: 2 s in Python)."""
    if not untyped:
        return pa.nulls(n, pa.string())
    members = []
    for name in sorted(untyped):
        values = untyped[name]
        if pa.types.is_null(values.type):
            continue
        members.append(pc.binary_join_element_wise(orjson.dumps(name).decode() + ":", _json(values), ""))
    if not members:
        return pa.nulls(n, pa.string())
    # each given member with a leading comma, then all of them less the first comma
    # (pyarrow 26's null_handling="skip" drops the rows where every member is null)
    parts = [pc.fill_null(pc.binary_join_element_wise(",", m, ""), "") for m in members]
    joined = pc.binary_join_element_wise(*parts, "")
    text = pc.binary_join_element_wise("{", pc.utf8_slice_codeunits(joined, 1), "}", "")
    return pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), text)


def _alias_lists(ids: list[str], names: list[str], aliases: dict[str, set[str]]) -> pa.Array:
    """Each node's aliases, sorted, without the name it shows (most nodes have none)."""
    lists: list[list[str]] = [[]] * len(ids)
    if aliases:
        for i, node_id in enumerate(ids):
            known = aliases.get(node_id)
            if known:
                lists[i] = sorted(a for a in known if a != names[i])
    return pa.array(lists, pa.list_(pa.string()))


def _json(values: pa.Array) -> pa.Array:
    """Each value as orjson writes it (null stays null)."""
    if pa.types.is_boolean(values.type):
        return pc.if_else(values, "true", "false")
    if pa.types.is_integer(values.type):
        return pc.cast(values, pa.string())
    if pa.types.is_floating(values.type):
        # Where orjson writes plain digits (1e-4 <= |x| < 1e16) and Arrow does too, they are
        # the same shortest digits, but for "100" against "100.0"; Arrow's exponents (1e+10)
        # and everything else go through orjson
        text = pc.cast(values, pa.string())
        magnitude = pc.abs(values)
        plain = pc.and_(
            pc.invert(pc.match_substring_regex(text, r"[eEni]")),
            pc.or_(
                pc.equal(magnitude, 0.0),
                pc.and_(pc.greater_equal(magnitude, 1e-4), pc.less(magnitude, 1e16)),
            ),
        )
        plain = pc.fill_null(plain, True)  # null stays null either way
        whole = pc.invert(pc.match_substring_regex(text, r"\."))
        text = pc.if_else(whole, pc.binary_join_element_wise(text, ".0", ""), text)
        if not pc.all(plain).as_py():
            slow = _per_distinct(pc.if_else(plain, 0.0, values), lambda v: orjson.dumps(v).decode())
            text = pc.if_else(plain, text, slow)
        return text
    if pa.types.is_string(values.type):
        return _per_distinct(values, lambda v: None if v is None else orjson.dumps(v).decode())
    raise _Decline


def _name_keys(names: list[str]) -> pa.Array:
    """queries.names.name_key of each name: for ASCII names (fold is lower-casing there) by
    Arrow, for the others by name_key itself."""
    array = pa.array(names, pa.string())
    ascii_only = pc.string_is_ascii(array)
    fast = pc.utf8_trim(pc.replace_substring_regex(pc.ascii_lower(array), r"[^a-z0-9]+", " "), " ")
    if pc.all(ascii_only).as_py():
        return fast
    slow = _per_distinct(pc.if_else(ascii_only, "", array), name_key)
    return pc.if_else(ascii_only, fast, slow)
