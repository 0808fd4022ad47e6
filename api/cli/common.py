"""What every command shares: the settings, the store, and turning errors into messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from api.settings import Settings, get_settings
from api.stores import store_from_settings
from queries.errors import InnographError
from queries.store import Store

console = Console()
errors = Console(stderr=True)


@contextmanager
def opened_store(*, read_only: bool = False, settings: Settings | None = None) -> Iterator[Store]:
    """The configured store, closed afterwards; library errors become exit code 1."""
    with reporting_errors():
        store = store_from_settings(settings or get_settings(), read_only=read_only)
        try:
            yield store
        finally:
            store.close()


@contextmanager
def reporting_errors() -> Iterator[None]:
    try:
        yield
    except InnographError as exc:
        errors.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
