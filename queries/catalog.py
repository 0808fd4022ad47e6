"""Load every Cypher statement from the .cypher files under queries/cypher/.

One statement per file; the file's stem is the query's name. The header comment
(`//` lines before the statement) documents it and declares what it takes:

    // Actors cooperating with $id, with evidence.
    // params: id, limit
    // returns: id, name, label, weight, evidence
    MATCH (a {id: $id})-[r:COOPERATES_WITH]-(b) RETURN ... LIMIT $limit

`params:` must list exactly the `$parameters` the text uses; a mismatch fails at
load time, not at call time. Folders only group files (read/, write/, schema/);
a file of the same name in a `ladybug/` or `neo4j/` subfolder beside it is that
dialect's variant and is picked first for that backend.

Cypher cannot take a label or relationship type as a parameter. The few
statements that must name one (LadybugDB's COPY, schema DDL) declare `slots:`
and write `{{slot}}`; a slot only accepts a name from queries.schema, never
caller input, so no text from outside ever reaches a statement.
Header `table: rows=KIND` (one of TABLE_KINDS) marks a parameter that LadybugDB receives as
an Arrow table (for COPY or LOAD FROM) instead of a list of maps.
Header `by key: NAME` names the statement LadybugDB runs once per row instead, with the row's
columns as its parameters, when the table has few rows: a `LOAD FROM` joins its rows against
a whole relationship table (0.1-1 s at a million relationships) and a transaction holding a
COPY commits in 0.3 s, while a statement that names its ends' keys finds them in a fraction
of a millisecond and a CREATE commits in 7 ms. NAME takes the same slots.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from queries import schema
from queries.arrow import TABLE_SCHEMAS
from queries.errors import CatalogError, QueryNotFound, QueryParameterError

CYPHER_DIR = Path(__file__).parent / "cypher"
DIALECTS = ("ladybug", "neo4j")
# The shapes of Arrow table a LadybugDB statement can take (queries.arrow).
TABLE_KINDS = tuple(TABLE_SCHEMAS)

_HEADER_KEYS = ("params", "returns", "slots", "table", "mode", "by key")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_SLOT = re.compile(r"\{\{([a-z_]+)\}\}")
# Strings and comments are blanked before looking for $params.
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")

SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "label": schema.NODE_LABELS,
    "other_label": schema.NODE_LABELS,
    "source_label": schema.NODE_LABELS,
    "target_label": schema.NODE_LABELS,
    "rel_type": schema.REL_TYPES,
}


@dataclass(frozen=True)
class Query:
    """One named statement in one dialect."""

    name: str
    dialect: str
    text: str
    path: Path
    doc: str
    params: tuple[str, ...]
    returns: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    tables: Mapping[str, str] = field(default_factory=dict)
    mode: str = "read"
    by_key: str | None = None

    def render(self, slots: Mapping[str, str] | None = None) -> str:
        """The text with its `{{slots}}` filled from the schema's closed sets."""
        if not self.slots:
            return self.text
        given = dict(slots or {})
        missing = [s for s in self.slots if s not in given]
        if missing:
            raise QueryParameterError(f"{self.name}: missing slot(s) {', '.join(missing)}")
        for slot in self.slots:
            if given[slot] not in SLOT_VALUES[slot]:
                raise QueryParameterError(
                    f"{self.name}: slot {slot}={given[slot]!r} is not a name of the schema"
                )
        return _SLOT.sub(lambda m: given[m.group(1)], self.text)

    def check_params(self, params: Mapping[str, Any]) -> None:
        missing = sorted(set(self.params) - set(params))
        unexpected = sorted(set(params) - set(self.params))
        if missing or unexpected:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if unexpected:
                parts.append("unexpected " + ", ".join(unexpected))
            raise QueryParameterError(f"query {self.name}: {'; '.join(parts)} parameter(s)")


def parse_query_file(path: Path, dialect: str) -> Query:
    """Read one .cypher file and check its header against its text."""
    raw = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    doc_lines: list[str] = []
    body_lines: list[str] = []
    in_header = True
    for line in raw.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            content = stripped[2:].strip()
            key, sep, value = content.partition(":")
            if sep and key.strip() in _HEADER_KEYS:
                header[key.strip()] = value.strip()
            else:
                doc_lines.append(content)
            continue
        if in_header and not stripped:
            continue
        in_header = False
        body_lines.append(line)
    text = "\n".join(body_lines).strip().rstrip(";").strip()
    where = f"{path}"
    if not text:
        raise CatalogError(f"{where}: no statement")
    if ";" in _STRINGS_AND_COMMENTS.sub("", text):
        raise CatalogError(f"{where}: one statement per file")
    if "params" not in header:
        raise CatalogError(f"{where}: header has no 'params:' line (write 'params: none')")
    declared = _split_list(header["params"])
    used = set(_PARAM.findall(_STRINGS_AND_COMMENTS.sub("''", text)))
    if set(declared) != used:
        undeclared = sorted(used - set(declared))
        unused = sorted(set(declared) - used)
        detail = []
        if undeclared:
            detail.append("undeclared " + ", ".join(undeclared))
        if unused:
            detail.append("unused " + ", ".join(unused))
        raise CatalogError(f"{where}: parameters {'; '.join(detail)}")
    slots = _split_list(header.get("slots", "none"))
    used_slots = set(_SLOT.findall(text))
    if set(slots) != used_slots:
        raise CatalogError(f"{where}: slots declared {sorted(slots)} but used {sorted(used_slots)}")
    for slot in slots:
        if slot not in SLOT_VALUES:
            raise CatalogError(f"{where}: unknown slot {slot!r}")
    tables: dict[str, str] = {}
    for item in _split_list(header.get("table", "none")):
        param, _, kind = item.partition("=")
        if param not in declared or kind not in TABLE_KINDS:
            raise CatalogError(f"{where}: bad 'table:' entry {item!r}")
        tables[param] = kind
    mode = header.get("mode", "read")
    if mode not in ("read", "write", "schema"):
        raise CatalogError(f"{where}: mode must be read, write or schema")
    # a statement that forgot to say it writes would run where only reads may (the `query`
    # command): in write/ and schema/ the mode is said, never assumed, and read/ only reads
    folder = next((part for part in path.parts[::-1] if part in ("read", "write", "schema")), None)
    if folder in ("write", "schema") and "mode" not in header:
        raise CatalogError(f"{where}: a statement in {folder}/ says its mode ('mode: ...') in its header")
    if folder == "read" and mode != "read":
        raise CatalogError(f"{where}: a statement in read/ only reads")
    return Query(
        name=path.stem,
        dialect=dialect,
        text=text,
        path=path,
        doc=" ".join(doc_lines).strip(),
        params=tuple(declared),
        returns=tuple(_split_list(header.get("returns", "none"))),
        slots=tuple(slots),
        tables=tables,
        mode=mode,
        by_key=header.get("by key") or None,
    )


def _split_list(value: str) -> list[str]:
    if value.strip().lower() in ("", "none", "-"):
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


class Catalog:
    """The statements of one dialect, by name: `catalog.get("collaborators")`."""

    def __init__(self, dialect: str, queries: dict[str, Query]) -> None:
        self.dialect = dialect
        self._queries = queries

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryNotFound(
                f"no query named {name!r} for {self.dialect}; see `innograph query --list`"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self._queries.values(), key=lambda q: q.name))

    def names(self, mode: str | None = None) -> list[str]:
        return sorted(n for n, q in self._queries.items() if mode is None or q.mode == mode)


def load_catalog(dialect: str, root: Path = CYPHER_DIR) -> Catalog:
    """All statements for `dialect`: shared files, overridden by the dialect's variants."""
    if dialect not in DIALECTS:
        raise CatalogError(f"unknown dialect {dialect!r}; expected one of {DIALECTS}")
    shared: dict[str, Query] = {}
    variants: dict[str, Query] = {}
    for path in sorted(root.rglob("*.cypher")):
        parent = path.parent.name
        if parent in DIALECTS:
            if parent != dialect:
                continue
            target = variants
        else:
            target = shared
        query = parse_query_file(path, dialect)
        if query.name in target:
            raise CatalogError(f"{path}: query name {query.name!r} also in {target[query.name].path}")
        target[query.name] = query
    queries = {**shared, **variants}
    for query in queries.values():
        if query.by_key is not None:
            _check_by_key(query, queries.get(query.by_key))
    return Catalog(dialect, queries)


def _check_by_key(query: Query, one: Query | None) -> None:
    """A statement run row by row in place of `query` exists, takes one table's columns,
    the same slots and mode, and returns what `query` returns."""
    where = query.path
    if one is None:
        raise CatalogError(f"{where}: 'by key: {query.by_key}' names no statement")
    if len(query.tables) != 1 or set(one.slots) != set(query.slots) or one.mode != query.mode:
        raise CatalogError(f"{where}: 'by key: {query.by_key}' needs one table, the same slots and mode")
    if one.returns != query.returns or one.tables:
        raise CatalogError(f"{where}: 'by key: {query.by_key}' returns otherwise or takes a table")
    ((table, kind),) = query.tables.items()
    columns = set(TABLE_SCHEMAS[kind].names) | (set(query.params) - {table})
    if not set(one.params) <= columns:
        raise CatalogError(f"{where}: 'by key: {query.by_key}' takes parameters its rows do not have")
