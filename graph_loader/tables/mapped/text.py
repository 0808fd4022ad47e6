"""Text Arrow writes for the column path exactly as the row path's Python would: JSON of
untyped properties (as orjson), name keys (as queries.names.name_key), alias lists."""

from __future__ import annotations

import orjson
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.errors import Decline
from graph_loader.tables.mapped.cells import per_distinct


def extra_json(untyped: dict[str, pa.Array], n: int) -> pa.Array:
    """The untyped properties as the writer's JSON text (orjson, sorted keys), or null;
    assembled by Arrow from each value's JSON (a million amounts: 2 s in Python)."""
    if not untyped:
        return pa.nulls(n, pa.string())
    members = []
    for name in sorted(untyped):
        values = untyped[name]
        if pa.types.is_null(values.type):
            continue
        members.append(
            pc.binary_join_element_wise(orjson.dumps(name).decode() + ":", json_values(values), "")
        )
    if not members:
        return pa.nulls(n, pa.string())
    # each given member with a leading comma, then all of them less the first comma
    # (pyarrow 26's null_handling="skip" drops the rows where every member is null)
    parts = [pc.fill_null(pc.binary_join_element_wise(",", m, ""), "") for m in members]
    joined = pc.binary_join_element_wise(*parts, "")
    text = pc.binary_join_element_wise("{", pc.utf8_slice_codeunits(joined, 1), "}", "")
    return pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), text)


def alias_lists(ids: list[str], names: list[str], aliases: dict[str, set[str]]) -> pa.Array:
    """Each node's aliases, sorted, without the name it shows (most nodes have none)."""
    lists: list[list[str]] = [[]] * len(ids)
    if aliases:
        for i, node_id in enumerate(ids):
            known = aliases.get(node_id)
            if known:
                lists[i] = sorted(a for a in known if a != names[i])
    return pa.array(lists, pa.list_(pa.string()))


def json_values(values: pa.Array) -> pa.Array:
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
            slow = per_distinct(pc.if_else(plain, 0.0, values), lambda v: orjson.dumps(v).decode())
            text = pc.if_else(plain, text, slow)
        return text
    if pa.types.is_string(values.type):
        return per_distinct(values, lambda v: None if v is None else orjson.dumps(v).decode())
    raise Decline
