"""The `innograph` command line: thin commands over graph_loader and queries."""

from __future__ import annotations

import typer

from api.cli import curate, extract, load, query, serve, view

app = typer.Typer(
    name="innograph",
    help="A knowledge graph of regional innovation cooperation: who cooperates with whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
load.register(app)
query.register(app)
extract.register(app)
serve.register(app)
view.register(app)
curate.register(app)

if __name__ == "__main__":
    app()
