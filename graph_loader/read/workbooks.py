"""XLSX workbooks as rows of text, for the table loader; refused unopened if they would inflate
beyond reason (a zip bomb).

An .xlsx file is a zip archive. Its directory states each member's compressed and
uncompressed size before anything is decompressed, so a workbook that claims to inflate to
more than MAX_INFLATED bytes, or a member that compresses better than MAX_RATIO to one (a
sheet of real data compresses about 5 to 20 times), is refused naming the file. openpyxl then
reads the first sheet (or the mapping's `sheet`) in read-only mode, streaming its rows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph_loader.errors import RecordInvalid

MAX_INFLATED = 512 * 1024 * 1024
MAX_RATIO = 200


def check_archive(path: Path) -> None:
    """Refuse a workbook that is not a zip archive or would inflate too far, unopened."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise RecordInvalid(f"not an XLSX workbook ({exc})", where=str(path)) from None
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_INFLATED:
        raise RecordInvalid(
            f"refused: the workbook would inflate to {inflated / 2**20:,.0f} MiB "
            f"(at most {MAX_INFLATED / 2**20:,.0f}); save the sheet as CSV",
            where=str(path),
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(1, member.compress_size):
            ratio = member.file_size // max(1, member.compress_size)
            raise RecordInvalid(
                f"refused: {member.filename} would inflate {ratio:,} times (at most {MAX_RATIO}); "
                "a zip bomb, not a sheet",
                where=str(path),
            )


@contextmanager
def _opened_sheet(path: Path, sheet: str | None) -> Iterator[Any]:
    """The workbook's sheet (the first unless named), checked and opened read-only, closed after."""
    import openpyxl

    check_archive(path)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is None:
            yield workbook.worksheets[0]
        elif sheet not in workbook.sheetnames:
            raise RecordInvalid(
                f"no sheet {sheet!r} (sheets: {', '.join(workbook.sheetnames)})", where=str(path)
            )
        else:
            yield workbook[sheet]
    finally:
        workbook.close()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def workbook_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, cells by header) of each non-empty row below the header row."""
    with _opened_sheet(path, sheet) as opened:
        rows = opened.iter_rows(values_only=True)
        names = [_text(v) for v in next(rows, ())]
        for number, values in enumerate(rows, start=2):
            if all(v is None or v == "" for v in values):
                continue  # a blank row, as a CSV reader passes over a blank line
            yield number, dict(zip(names, (_text(v) for v in values), strict=False))


def workbook_header(path: Path, sheet: str | None = None) -> list[str]:
    with _opened_sheet(path, sheet) as opened:
        return [_text(v) for v in next(opened.iter_rows(values_only=True, max_row=1), ())]
