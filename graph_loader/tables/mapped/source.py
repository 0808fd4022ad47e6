"""A mapped table read whole by Arrow, every cell as text, when its line numbers can be known."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from graph_loader.errors import Decline
from graph_loader.read.tables import header
from graph_loader.tables.mapping import Mapping


def read_table(path: Path, mapping: Mapping) -> pa.Table:
    """The table with every cell as text, or Decline when line numbers (the provenance rows)
    could not be known: a quoted line break, a blank line, a lone carriage return."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        if any(not pa.types.is_string(table.schema.field(c).type) for c in mapping.columns()):
            raise Decline  # the row path writes other types with str()
        return table.select(list(mapping.columns())).combine_chunks()
    if suffix not in (".csv", ".tsv"):
        raise Decline
    import pyarrow.csv as pacsv

    names = header(path, mapping.delimiter)
    if len(set(names)) != len(names):
        raise Decline
    newlines = returns = 0
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            newlines += chunk.count(b"\n")
            returns += chunk.count(b"\r")
            last = chunk[-1:]
    if returns and returns != newlines:
        raise Decline
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
        raise Decline from None
    if table.num_rows + 1 != lines:
        raise Decline
    return table.combine_chunks()
