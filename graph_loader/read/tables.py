"""Tables to rows: CSV and TSV (the standard csv module), XLSX workbooks (read.workbooks,
with its size checks) and Parquet (pyarrow), each row a dict of text by column name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from graph_loader.read.workbooks import workbook_header, workbook_rows


def table_rows(path: Path, delimiter: str | None, sheet: str | None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line or row number, the row by column name) of a CSV/TSV, XLSX or Parquet table."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".parquet"):
        yield from _other_rows(path, suffix, sheet)
        return
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(
        io.StringIO(text, newline=""), delimiter=delimiter or ("\t" if suffix == ".tsv" else ",")
    )
    for row in reader:
        yield reader.line_num, row


def _other_rows(path: Path, suffix: str, sheet: str | None) -> Iterator[tuple[int, dict[str, str]]]:
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for number, row in enumerate(pq.read_table(path).to_pylist(), start=2):
            yield number, {k: "" if v is None else str(v) for k, v in row.items()}
        return
    yield from workbook_rows(path, sheet)


def header(path: Path, delimiter: str | None, sheet: str | None = None) -> list[str]:
    """The column names of a table, read without its rows."""
    if path.suffix.lower() == ".xlsx":
        return workbook_header(path, sheet)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(
            csv.reader(handle, delimiter=delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")), []
        )
