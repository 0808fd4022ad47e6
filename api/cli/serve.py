"""`innograph serve`: the API (and, later, the network pages) over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import console, opened_store, reporting_errors
from api.settings import get_settings


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default from settings: 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings: 8000).")] = None,
    load_if_empty: Annotated[
        list[Path] | None,
        typer.Option(help="Load these files or folders first when the graph is empty (repeatable)."),
    ] = None,
) -> None:
    """Serve the API (OpenAPI at /docs). Opens the store for writing: stop it before loading from the CLI."""
    import uvicorn

    from api.app import create_app
    from graph_loader import load_keep_apart, load_paths
    from queries.store import holds_nothing

    settings = get_settings()
    if load_if_empty:
        with opened_store(settings=settings) as store:
            store.ensure_schema()
            if holds_nothing(store):
                report = load_paths(store, load_if_empty, keep_apart=load_keep_apart(settings.aliases_file))
                console.print(f"loaded {report.records} record(s) from {', '.join(map(str, load_if_empty))}")
    with reporting_errors():
        uvicorn.run(
            create_app(settings),
            host=host or settings.host,
            port=port or settings.port,
            log_level="info",
            # SIGTERM: requests under way get this long, then the server stops (503 to the waiting)
            timeout_graceful_shutdown=5,
        )


def register(app: typer.Typer) -> None:
    app.command()(serve)
