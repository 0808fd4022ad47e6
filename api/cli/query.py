"""`innograph query NAME --param key=value`: run a named read statement of the catalog."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table

from api.cli.common import console, errors, opened_store, reporting_errors


def _value(text: str) -> Any:
    """A parameter value: JSON when it parses (numbers, lists, true/false), else text."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return text


def query(
    name: Annotated[str | None, typer.Argument(help="A read query of the catalog; see --list.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value, repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON rows instead of a table.")] = False,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the read queries and their parameters.")
    ] = False,
) -> None:
    """Run a named read query of the catalog (only read statements; parameters are bound, never spliced)."""
    with opened_store(read_only=True) as store, reporting_errors():
        if list_queries or name is None:
            table = Table("query", "params", "what it returns")
            for q in store.catalog:
                if q.mode == "read":
                    table.add_row(q.name, ", ".join(q.params) or "-", q.doc)
            console.print(table)
            return
        q = store.catalog.get(name)
        if q.mode != "read":
            errors.print(f"error: {name} is a {q.mode} statement; only read queries run from here")
            raise typer.Exit(2)
        params: dict[str, Any] = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep or not key:
                errors.print(f"error: --param {item!r} is not key=value")
                raise typer.Exit(2)
            params[key.strip()] = _value(value)
        rows = store.run(q, params)
    if as_json:
        sys.stdout.write(orjson.dumps(rows).decode() + "\n")
        return
    table = Table(*(rows[0].keys() if rows else q.returns or ["(no rows)"]))
    for row in rows:
        table.add_row(*(str(v) if v is not None else "" for v in row.values()))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(query)
