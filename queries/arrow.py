"""Arrow shapes of the node and relationship tables: what COPY and LOAD FROM take on
LadybugDB, and what the loader builds its rows into (compact while a load is validated)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from queries import schema

ARROW_TYPES: dict[str, pa.DataType] = {
    "STRING": pa.string(),
    "DOUBLE": pa.float64(),
    "INT64": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "STRING[]": pa.list_(pa.string()),
}
NODE_ARROW_SCHEMA = pa.schema([(c, ARROW_TYPES[t]) for c, t in schema.NODE_COLUMNS.items()])
REL_ARROW_SCHEMA = pa.schema(
    [("from", pa.string()), ("to", pa.string())]
    + [(c, ARROW_TYPES[t]) for c, t in schema.REL_COLUMNS.items()]
)
REL_UPDATE_ARROW_SCHEMA = pa.schema(
    [("type", pa.string()), ("source", pa.string()), ("target", pa.string())]
    + [(c, ARROW_TYPES[t]) for c, t in schema.REL_COLUMNS.items()]
)
REL_KEY_ARROW_SCHEMA = pa.schema(
    [("type", pa.string()), ("source", pa.string()), ("target", pa.string()), ("key", pa.string())]
)
# A derived COLLABORATES row between two actors (queries.schema.COLLABORATION_COLUMNS)
COLLABORATION_ARROW_SCHEMA = pa.schema(
    [("from", pa.string()), ("to", pa.string())]
    + [(c, ARROW_TYPES[t]) for c, t in schema.COLLABORATION_COLUMNS.items()]
)
# The table a LadybugDB statement takes, by the kind its header names (`table: rows=KIND`).
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "node": NODE_ARROW_SCHEMA,
    "rel": REL_ARROW_SCHEMA,
    "rel_update": REL_UPDATE_ARROW_SCHEMA,
    "rel_key": REL_KEY_ARROW_SCHEMA,
    "collaboration": COLLABORATION_ARROW_SCHEMA,
}


def by_distinct(column: pa.Array | pa.ChunkedArray, values_of: Callable[[list[Any]], pa.Array]) -> pa.Array:
    """`values_of` the distinct values of `column` (as a list), spread back to its every row:
    a conversion Arrow cannot do runs once per distinct value, not once per row."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    distinct = pc.unique(column)
    return values_of(distinct.to_pylist()).take(pc.index_in(column, value_set=distinct))
