"""Readers turn files into raw record objects, each with the place it came from.

A reader never raises on bad content: it yields a `Problem` for that line and
goes on, so that a load can report every bad record at once.

Formats:
- JSON Lines (.jsonl, .ndjson): the record format of design.md.
- CSV (.csv, .tsv): a nodes file (columns `id,label,name`, ...) or an edges file
  (columns `type,source,target`, ...), told apart by their header. `aliases` is a
  `|`-separated list; `provenance` a JSON list, or the simple columns
  `doc,evidence,confidence,row`; `extra` a JSON object of untyped properties;
  every other column is a property, converted to the type queries.schema gives
  it (empty cells are no value). An edge's optional `key` column tells apart two
  relationships of one type between the same nodes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from queries import schema
from queries.cells import plain_cell

MAX_LINE_BYTES = 16 * 1024 * 1024
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")


class Location(NamedTuple):
    """Where a record comes from. A named tuple: one is made per record of a large load."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """Why a line could not become a record: `field` is '' when it is the whole line.
    A `warning` is reported but rejects nothing."""

    field: str
    reason: str
    warning: bool = False


def read_jsonl(path: Path) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    name = str(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(_lines(handle), start=1):
            where = Location(name, number)
            if isinstance(raw, Problem):
                yield where, raw
                continue
            if b"\x00" in raw:
                yield where, Problem("", "contains a NUL byte")
                continue
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                if not raw.strip():
                    continue
                # orjson refuses invalid UTF-8 too; say so precisely
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as bad:
                    reason = f"not valid UTF-8 (byte 0x{raw[bad.start]:02x} at column {bad.start + 1})"
                    yield where, Problem("", reason)
                    continue
                yield where, Problem("", f"malformed JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield where, Problem("", f"expected a JSON object, got {type(obj).__name__}")
                continue
            yield where, obj


def _lines(handle: io.BufferedReader) -> Iterator[bytes | Problem]:
    """Lines of a binary file; a line longer than MAX_LINE_BYTES becomes a Problem."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = handle.readline(MAX_LINE_BYTES)
            yield Problem("", f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB")
            continue
        yield line


_NODE_HEADER = {"id", "label", "name"}
_EDGE_HEADER = {"type", "source", "target"}
_PROVENANCE_COLUMNS = {"doc", "evidence", "confidence", "row"}


def read_csv(path: Path) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        yield Location(str(path), line), Problem("", f"not valid UTF-8 (byte at offset {exc.start})")
        return
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        yield Location(str(path), line), Problem("", "contains a NUL byte")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    arrays: set[str] = set()
    admin = False
    try:
        if reader.fieldnames:
            admin = any(":" in name for name in reader.fieldnames)
            # neo4j-admin import headers ("id:ID(Entity)", "lat:double", ":TYPE") read as ours
            reader.fieldnames = [_admin_column(name, arrays) for name in reader.fieldnames]
        header = set(reader.fieldnames or [])
    except csv.Error as exc:
        yield Location(str(path), 1), Problem("", f"bad CSV header: {exc}")
        return
    if _NODE_HEADER <= header:
        kind, typed = "node", schema.NODE_PROPERTIES
    elif _EDGE_HEADER <= header:
        kind, typed = "edge", schema.REL_PROPERTIES
    else:
        yield (
            Location(str(path), 1),
            Problem(
                "header",
                "a nodes file needs columns id,label,name and an edges file type,source,target "
                f"(found: {','.join(reader.fieldnames or []) or 'nothing'}; wrong delimiter?)",
            ),
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Location(str(path), reader.line_num), Problem("", f"bad CSV: {exc}")
            return
        where = Location(str(path), reader.line_num)
        if None in row:
            yield where, Problem("", f"more cells than the header has ({len(row[None])} extra)")  # type: ignore[index]
            continue
        yield where, _csv_record(kind, row, typed, arrays, admin)


def _json_list(text: str) -> list[str] | None:
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


_ADMIN_SPECIAL = {":START_ID": "source", ":END_ID": "target", ":TYPE": "type", ":LABEL": "neo4j_labels"}


def _admin_column(name: str, arrays: set[str]) -> str:
    """'id:ID(Entity)' -> 'id', ':START_ID(Entity)' -> 'source', 'aliases:string[]' -> 'aliases'."""
    if ":" not in name:
        return name
    base, _, kind = name.partition(":")
    kind = kind.split("(")[0]
    if not base:
        return _ADMIN_SPECIAL.get(":" + kind, name)
    if kind.endswith("[]"):
        arrays.add(base)
    return base


def _csv_record(
    kind: str, row: dict[str, str], typed: dict[str, str], arrays: set[str] | None = None, admin: bool = False
) -> dict[str, Any] | Problem:
    arrays = arrays or set()
    record: dict[str, Any] = {"kind": kind}
    props: dict[str, Any] = {}
    simple_provenance: dict[str, Any] = {}
    for column, cell in row.items():
        value = plain_cell((cell or "").strip())  # undo the export's formula guard
        if column in ("id", "label", "name", "type", "source", "target"):
            record[column] = value
        elif column == "aliases":
            listed = _json_list(value) if value.startswith("[") else None
            if listed is not None:  # what the export writes when an alias contains `|`
                record["aliases"] = listed
            else:
                separator = ";" if column in arrays else "|"
                record["aliases"] = [a.strip() for a in value.split(separator) if a.strip()]
        elif admin and column in ("neo4j_labels", "name_key", "docs", "confidence"):
            continue  # derived on load: labels from `label`, documents and confidence from provenance
        elif column == "provenance":
            if value:
                try:
                    record["provenance"] = orjson.loads(value)
                except orjson.JSONDecodeError as exc:
                    return Problem("provenance", f"not a JSON list: {exc}")
        elif column == "extra":
            # Untyped properties as one JSON object (what `innograph export --format csv` writes).
            if value:
                try:
                    extra = orjson.loads(value)
                except orjson.JSONDecodeError as exc:
                    return Problem("extra", f"not a JSON object: {exc}")
                if not isinstance(extra, dict):
                    return Problem("extra", "not a JSON object")
                props.update(extra)
        elif column in _PROVENANCE_COLUMNS:
            if value:
                simple_provenance[column] = value
        elif value:
            converted = _convert(value, typed.get(column))
            if isinstance(converted, Problem):
                return Problem(f"props.{column}", converted.reason)
            props[column] = converted
    if simple_provenance:
        if "confidence" in simple_provenance:
            try:
                simple_provenance["confidence"] = float(simple_provenance["confidence"])
            except ValueError:
                return Problem("confidence", f"expected a number, got {simple_provenance['confidence']!r}")
        record.setdefault("provenance", []).append(simple_provenance)
    if props:
        record["props"] = props
    return record


def _convert(value: str, kind: str | None) -> Any:
    """A cell as the schema's type; cells of untyped columns stay text."""
    try:
        if kind == "INT64":
            return int(value)
        if kind == "DOUBLE":
            return float(value)
        if kind == "BOOLEAN":
            lowered = value.lower()
            if lowered in ("true", "1", "yes"):
                return True
            if lowered in ("false", "0", "no"):
                return False
            return Problem("", f"expected a boolean, got {value!r}")
    except ValueError:
        return Problem("", f"expected {kind.lower() if kind else 'text'}, got {value!r}")
    return value


def reader_for(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return read_jsonl
    if suffix in CSV_SUFFIXES:
        return read_csv
    return None
