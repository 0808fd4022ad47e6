"""Cells and values of a mapped table, column by column: each distinct cell through the
mapping's own Value code, plain numbers cast by Arrow, templates as string kernels."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.errors import Decline
from graph_loader.tables.mapping import PLACEHOLDER, Value, collapsed
from queries.arrow import ARROW_TYPES, by_distinct


def broadcast(value: Any, n: int) -> pa.Array:
    try:
        return pa.array([value]).take(pa.array(np.zeros(n, dtype=np.int32)))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise Decline from None


def per_distinct(column: pa.Array | pa.ChunkedArray, fn: Any) -> pa.Array:
    """fn applied once to each distinct cell, spread back to every row (null for None)."""

    def converted(cells: list[Any]) -> pa.Array:
        try:
            values = [fn(v) for v in cells]
            if len({type(v) for v in values if v is not None}) > 1:
                raise TypeError("values of two kinds")  # 1 and 2.5 would both become floats
            return pa.array(values)
        except (ValueError, TypeError, pa.ArrowInvalid, pa.ArrowTypeError):
            raise Decline from None  # a cell that does not convert: the row path reports its line

    return by_distinct(column, converted)


def truthy(values: pa.Array) -> np.ndarray:
    """Rows where a value is given (the row path's `if not value: continue`)."""
    if pa.types.is_null(values.type):
        return np.zeros(len(values), dtype=bool)
    if not pa.types.is_string(values.type):
        raise Decline  # ids and names are text
    given = pc.and_(pc.is_valid(values), pc.not_equal(values, ""))
    return pc.fill_null(given, False).to_numpy(zero_copy_only=False)


# Cells Arrow converts exactly as Python's int() and float() do; others go through Python.
_NUMBERS = {
    "int": (r"^-?[0-9]+$", None, pa.int64()),
    "float": (r"^-?[0-9]+(\.[0-9]+)?$", r"^-?[0-9]+,[0-9]+$", pa.float64()),
}


@functools.cache
def _unclean() -> str:
    """Cells collapsed() would change: an edge space, two spaces, or any other of
    the characters str.split() breaks at (str.isspace: tabs, no-break and ideographic spaces,
    all of them in the Basic Multilingual Plane)."""
    others = (f"\\x{{{code:x}}}" for code in range(0x10000) if chr(code).isspace() and code != 32)
    return "^ | $|  |[" + "".join(others) + "]"


class Frame:
    """Some rows of the table (one per distinct combination of a rule's cells) and the
    mapping's values computed on them."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.n = table.num_rows
        self._clean: dict[str, pa.Array] = {}

    def clean(self, column: str) -> pa.Array:
        """The column's cells as the mapping reads them (graph_loader.tables.mapping.collapsed)."""
        if column not in self._clean:
            raw = self.table.column(column).combine_chunks()
            # most cells are clean already: Python sees only the others (a million rows'
            # distinct cells took a second)
            unclean = pc.fill_null(pc.match_substring_regex(raw, _unclean()), False)
            if pc.any(unclean).as_py():
                spaced = per_distinct(pc.if_else(unclean, raw, ""), collapsed)
                raw = pc.if_else(unclean, spaced, raw)
            self._clean[column] = raw
        return self._clean[column]

    def value(self, value: Value | None) -> pa.Array:
        if value is None:
            return pa.nulls(self.n)
        if value.column is not None:
            return self._column(value, value.column)
        if value.template is None:
            return broadcast(value.literal, self.n)
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
            return broadcast(value.template, self.n)
        joined = pc.binary_join_element_wise(*parts, "")
        default = pa.nulls(self.n, pa.string()) if value.default is None else broadcast(value.default, self.n)
        return pc.if_else(empty, default, joined)

    def _column(self, value: Value, column: str) -> pa.Array:
        """The mapping's own Value.get, once per distinct cell; plain numbers (a column of
        amounts has as many distinct cells as rows) converted by Arrow instead."""
        raw = self.table.column(column).combine_chunks()
        if value.map is not None or value.type not in _NUMBERS or not pa.types.is_string(raw.type):
            return per_distinct(raw, lambda v: value.get({column: v}))
        point, comma, kind = _NUMBERS[value.type]
        plain = pc.fill_null(pc.match_substring_regex(raw, point), False)
        text = raw
        if comma is not None:  # a decimal comma: "1,5" is 1.5
            with_comma = pc.fill_null(pc.match_substring_regex(raw, comma), False)
            text = pc.if_else(with_comma, pc.replace_substring(raw, ",", "."), raw)
            plain = pc.or_(plain, with_comma)
        fast = pc.cast(pc.if_else(plain, text, "0"), kind)
        rest = per_distinct(pc.if_else(plain, "", raw), lambda v: value.get({column: v}))
        try:
            return pc.if_else(plain, fast, pc.cast(rest, kind))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise Decline from None

    def props(self, rules: dict[str, Value], typed: dict[str, str]) -> dict[str, pa.Array]:
        """Each property's values, checked as graph_loader.write.fresh checks a plain record's."""
        out = {}
        for prop, rule in rules.items():
            if prop == "key":
                raise Decline  # the writer drops a node's `key`; the row path knows how
            values = self.value(rule)
            if pa.types.is_null(values.type):
                out[prop] = values
                continue
            if pa.types.is_floating(values.type) and not pc.all(pc.is_finite(pc.drop_null(values))).as_py():
                raise Decline
            kind = typed.get(prop)
            if kind is None:
                if not (
                    pa.types.is_string(values.type)
                    or pa.types.is_integer(values.type)
                    or pa.types.is_floating(values.type)
                    or pa.types.is_boolean(values.type)
                ):
                    raise Decline
            elif kind == "DOUBLE" and pa.types.is_integer(values.type):
                values = pc.cast(values, pa.float64())
            elif values.type != ARROW_TYPES[kind]:
                raise Decline  # the general path turns this into an error or converts it
            out[prop] = values
        return out
