"""Arrow shapes of the node and relationship tables: what COPY and LOAD FROM take on
LadybugDB, and what the loader builds its rows into (compact while a load is validated)."""

from __future__ import annotations

import pyarrow as pa

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
