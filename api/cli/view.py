"""`innograph view KIND [KEY] -o FILE.html`: write a network page to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import console, opened_store, reporting_errors
from queries.view import GraphView
from serving.map import build_map
from serving.views import KINDS, build_view
from viz import render_network


def view(
    kind: Annotated[str, typer.Argument(help=f"One of {', '.join(KINDS)}, map.")],
    key: Annotated[str, typer.Argument(help="Entity id, city, community number; empty for 'all'.")] = "",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "network.html"
    ),
    other: Annotated[str, typer.Option(help="For 'between': the second city or a country code.")] = "",
    hops: Annotated[int, typer.Option(min=1, max=3, help="For 'entity': steps from it.")] = 1,
    year: Annotated[int | None, typer.Option(help="Only ties active in this year.")] = None,
    top: Annotated[int, typer.Option(min=1, max=2000, help="For 'all': how many actors.")] = 300,
    size_by: Annotated[str, typer.Option(help="Node size: degree, betweenness or eigenvector.")] = "degree",
) -> None:
    """Write an interactive page (works offline): an entity, city, pair, community, agreement, all,
    or the map of collaboration between cities."""
    with opened_store(read_only=True) as store, reporting_errors():
        graph = GraphView(store)
        if kind == "map":
            built = build_map(store, graph, year=year)
            page = render_network(
                built.nodes, built.edges, title=built.title, notice=built.notice, link_prefix="/view/city/"
            )
        else:
            built = build_view(
                store, graph, kind, key, hops=hops, year=year, top=top, other=other, size_by=size_by
            )
            page = render_network(
                built.nodes, built.edges, title=built.title, notice=built.notice, facts=built.facts
            )
        output.write_text(page, encoding="utf-8")
    console.print(f"wrote {output} ({built.notice})")


def register(app: typer.Typer) -> None:
    app.command()(view)
