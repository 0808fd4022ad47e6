"""A mapped table's first load, column by column: the graph graph_loader.tables.row_records makes row
by row, shaped straight into the fresh tables the store copies.

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

from pathlib import Path

from graph_loader.errors import Decline
from graph_loader.tables.mapped.merge import MappedTables, Shaper
from graph_loader.tables.mapped.rules import Records
from graph_loader.tables.mapping import Mapping, check
from queries.store import Store

__all__ = ["MappedTables", "fresh_mapped_tables"]


def fresh_mapped_tables(path: Path, mapping: Mapping, store: Store, size: int) -> MappedTables | None:
    """The fresh tables of a whole mapped table new to the store, or None: use the row path."""
    check(mapping, path)  # a mapping naming missing columns is an error on either path
    try:
        source = Records(path, mapping)
        source.run()
        return Shaper(source, store, size).shape()
    except Decline:
        return None
