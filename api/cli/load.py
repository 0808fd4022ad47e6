"""Commands that change or dump the graph: init, load, stats, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from api.cli.common import console, errors, opened_store, reporting_errors
from api.extractors import extractor_from_settings
from api.settings import get_settings
from graph_loader import default_workers, load_keep_apart, load_mapping, load_paths, rebuild_collaboration
from queries import schema
from queries.export import FORMATS, export_csv, export_graph_file, export_jsonl, export_neo4j_admin
from queries.store import delete_everything
from serving.stats import node_counts, relationship_counts


def init(
    reset: Annotated[bool, typer.Option(help="Delete every node and relationship first.")] = False,
    keep_corrections: Annotated[
        bool,
        typer.Option(help="With --reset: keep the log of corrections, applied again at the next loads."),
    ] = False,
    collaboration: Annotated[
        bool,
        typer.Option(
            help="Recompute who collaborates with whom from the stored ties and agreements "
            "(after a neo4j-admin import)."
        ),
    ] = False,
) -> None:
    """Create the schema (labels, relationship types, constraints); safe to run again."""
    with opened_store() as store:
        store.ensure_schema()
        if reset:
            delete_everything(store, keep_corrections=keep_corrections)
        console.print(f"schema ready in {store.describe()}")
        if collaboration:
            pairs = rebuild_collaboration(store)
            console.print(f"{pairs} pairs of actors collaborate")


def arrow_gives_memory_back() -> None:
    """A large load shapes tables in Arrow, then hands them to the engine's COPY, which wants
    memory of its own. Arrow's default allocator keeps what it freed (a million-row table:
    3.3 GB resident after shaping); jemalloc told to return it at once keeps 1.5 GB, and is
    no slower. Only this command does it: it is a process-wide setting."""
    import pyarrow as pa

    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    except NotImplementedError:  # a pyarrow built without jemalloc: keep its default
        pass


def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders: records (.jsonl, .ndjson, .csv, .tsv) or articles (.txt, .md, .html)."
        ),
    ],
    skip_invalid: Annotated[
        bool, typer.Option(help="Load the valid records and write the rejects to a file.")
    ] = False,
    rejects: Annotated[Path, typer.Option(help="Where --skip-invalid writes rejected records.")] = Path(
        "innograph-rejects.jsonl"
    ),
    batch_size: Annotated[int, typer.Option(min=1, help="Records per transaction.")] = 10_000,
    extractor: Annotated[str, typer.Option(help="For articles: rules (default, offline) or llm.")] = "rules",
    mapping: Annotated[
        str | None, typer.Option(help="Read tables through this mapping: a TOML file, or 'cordis'.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that extract articles (default: the number of cores)."),
    ] = None,
) -> None:
    """Load record files into the graph. Invalid input is reported as file:line: field: reason;
    without --skip-invalid nothing is written when any record is invalid. Loading twice changes nothing."""
    arrow_gives_memory_back()
    settings = get_settings()
    with opened_store() as store:
        store.ensure_schema()
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=errors,
            transient=True,
        ) as progress:
            task = progress.add_task("validating", total=None)

            def on_progress(phase: str, done: int, total: int | None) -> None:
                progress.update(task, description=phase, completed=done, total=total)

            report = load_paths(
                store,
                paths,
                skip_invalid=skip_invalid,
                rejects_path=rejects,
                batch_size=batch_size,
                on_progress=on_progress,
                # the built-in extractor runs in worker processes; another runs here
                extractor=None if extractor == "rules" else extractor_from_settings(settings, extractor),
                keep_apart=load_keep_apart(settings.aliases_file),
                mapping=load_mapping(mapping) if mapping else None,
                workers=workers or default_workers(),
            )
    w = report.written
    console.print(
        f"loaded {report.records} record(s) from {len(report.files)} file(s): "
        f"{w.nodes_created} node(s) created, {w.nodes_updated} updated; "
        f"{w.edges_created} relationship(s) created, {w.edges_updated} updated"
    )
    if report.corrections_added:
        console.print(f"{len(report.corrections_added)} correction(s) added to the log from the input")
    if report.curated:
        numbers = ", ".join(f"#{n}" for n in report.curated)
        console.print(f"corrections applied again to what this load brought back: {numbers}")
    for warning in report.warnings[:20]:
        errors.print(f"warning: {warning}", highlight=False, markup=False, soft_wrap=True)
    if len(report.warnings) > 20:
        errors.print(f"... and {len(report.warnings) - 20} more warning(s)", highlight=False)
    for skipped in report.skipped_files:
        errors.print(f"skipped {skipped}: not a record file", highlight=False)
    if report.rejected:
        errors.print(
            f"{len(report.rejected)} invalid record(s) written to {report.rejects_file}:", highlight=False
        )
        for problem in report.rejected[:20]:
            errors.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)


def resolved_how(cities: list[dict[str, Any]]) -> dict[str, int]:
    """How many spellings of resolved places each step of places.resolve_city() found,
    most first. A City keeps the spellings that differ from its name as aliases; its name
    counts only when it has none (then the sources wrote it so)."""
    from collections import Counter

    from graph_loader import how_resolved

    found = Counter(
        how_resolved(spelling, city["country"], city["id"])
        for city in cities
        if city["country"]
        for spelling in (city["aliases"] or [city["name"]])
    )
    return dict(found.most_common())


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Count nodes by label and relationships by type."""
    with opened_store(read_only=True) as store:
        labels, types = node_counts(store), relationship_counts(store)
        resolution = {r["resolved"]: r["count"] for r in store.run("city_resolution")}
        unresolved = store.run("unresolved_cities", {"limit": 20})
        spellings = store.run("resolved_city_spellings")
        collaboration = store.run("collaboration_count")[0]
    cities = {
        "resolved": resolution.get(True, 0),
        "unresolved": resolution.get(False, 0),
        "not checked": resolution.get(None, 0),
    }
    how = resolved_how(spellings)
    if as_json:
        import orjson

        sys.stdout.write(
            orjson.dumps(
                {
                    "labels": labels,
                    "relationships": types,
                    "cities": {**cities, "spellings resolved by": how, "unresolved, most used": unresolved},
                    "collaboration": collaboration,
                }
            ).decode()
            + "\n"
        )
        return
    for title, known, counts in (
        ("label", schema.NODE_LABELS, labels),
        ("relationship", schema.REL_TYPES, types),
    ):
        table = Table(title=f"by {title}")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name in known:
            table.add_row(name, str(counts.get(name, 0)))
        table.add_row("[bold]total[/]", f"[bold]{sum(counts.values())}[/]")
        console.print(table)
    console.print(
        f"cities: {cities['resolved']} resolved (GeoNames towns, ISO 3166-2 regions), "
        f"{cities['unresolved']} unresolved, "
        f"{cities['not checked']} from sources that do not resolve them"
    )
    if how:
        console.print("spellings resolved by: " + ", ".join(f"{step} {n}" for step, n in how.items()))
    if unresolved:
        console.print(
            "unresolved, most used: "
            + ", ".join(f"{r['name']} ({r['country']}, {r['actors']})" for r in unresolved)
        )
    pairs, direct, shared, both = (collaboration[k] or 0 for k in ("pairs", "direct", "shared", "both"))
    console.print(
        f"collaboration: {pairs} pairs of actors, {direct} by a stated tie, {shared} by shared "
        f"agreements, {both} both"
    )


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (a folder for csv); stdout if omitted.")
    ] = None,
) -> None:
    """Write the whole graph as JSONL records (re-loadable), CSV, GraphML or GEXF."""
    if fmt not in FORMATS:
        errors.print(f"error: --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    with opened_store(read_only=True) as store, reporting_errors():
        if fmt == "neo4j-admin":
            if output is None:
                errors.print(
                    "error: --format neo4j-admin writes one CSV per label and type; give a folder with -o"
                )
                raise typer.Exit(2)
            files = export_neo4j_admin(store, output)
            errors.print(f"wrote {len(files)} files and IMPORT.txt to {output}")
            return
        if fmt == "csv":
            if output is None:
                errors.print("error: --format csv writes nodes.csv and edges.csv; give a folder with -o")
                raise typer.Exit(2)
            nodes_path, edges_path = export_csv(store, output)
            errors.print(f"wrote {nodes_path} and {edges_path}")
            return
        out = output.open("wb") if output else sys.stdout.buffer
        try:
            if fmt == "jsonl":
                export_jsonl(store, out)
            else:
                export_graph_file(store, fmt, out)
        finally:
            if output:
                out.close()
            else:
                out.flush()


def register(app: typer.Typer) -> None:
    for command in (init, load, stats, export):
        app.command()(command)
