"""Commands about articles: extract records from them, and score extraction against annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from api.cli.common import console, errors, reporting_errors
from api.extractors import extractor_from_settings
from api.settings import get_settings
from graph_loader.articles import read_article
from graph_loader.evaluate import Evaluation, score_document


def extract(
    files: Annotated[list[Path], typer.Argument(help="Articles (.txt, .md, .html).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format (jsonl).")] = "jsonl",
    extractor: Annotated[str, typer.Option(help="rules (default, offline) or llm.")] = "rules",
) -> None:
    """Print the records (design.md JSONL: nodes, then edges with evidence) extracted from articles."""
    if fmt != "jsonl":
        errors.print("error: --format must be jsonl")
        raise typer.Exit(2)
    with reporting_errors():
        extract_records = extractor_from_settings(get_settings(), extractor)
        for path in files:
            if not path.is_file():
                errors.print(f"error: {path}: no such file")
                raise typer.Exit(1)
            for record in extract_records(read_article(path)):
                sys.stdout.write(orjson.dumps(record).decode() + "\n")


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of annotation files (<doc>.json).")],
    extractor: Annotated[str, typer.Option(help="rules (default, offline) or llm.")] = "rules",
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of the articles; default: the 'corpus' folder beside --gold.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Score extraction against annotations: precision, recall and F1 per label and relation type,
    per document and micro-averaged."""
    with reporting_errors():
        if not gold.is_dir():
            errors.print(f"error: {gold}: not a folder")
            raise typer.Exit(1)
        folder = corpus or gold.parent / (
            gold.name.replace("gold", "corpus") if "gold" in gold.name else "corpus"
        )
        documents = []
        for path in sorted(gold.glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            doc = annotation.get("doc", path.stem)
            matches = [p for p in folder.glob(f"{doc}.*") if p.suffix in (".txt", ".md", ".html", ".htm")]
            if not matches:
                errors.print(f"error: no article {doc}.txt in {folder} for {path}")
                raise typer.Exit(1)
            records = extractor_from_settings(get_settings(), extractor)(read_article(matches[0]))
            documents.append(score_document(annotation, records))
    report = Evaluation(documents).as_dict()
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    for title, rows in (
        ("entities", report["entities_by_label"]),
        ("relations", report["relations_by_type"]),
    ):
        table = Table("", "tp", "fp", "fn", "precision", "recall", "F1", title=title)
        for name, v in rows.items():
            table.add_row(
                name,
                *(str(v[k]) for k in ("tp", "fp", "fn")),
                *(f"{v[k]:.3f}" for k in ("precision", "recall", "f1")),
            )
        total = report["micro"][title]
        table.add_row(
            "[bold]micro[/]",
            *(str(total[k]) for k in ("tp", "fp", "fn")),
            *(f"[bold]{total[k]:.3f}[/]" for k in ("precision", "recall", "f1")),
        )
        console.print(table)
    table = Table("document", "entity F1", "relation F1", title="per document")
    for doc, v in report["documents"].items():
        table.add_row(doc, f"{v['entities']['f1']:.3f}", f"{v['relations']['f1']:.3f}")
    console.print(table)


def aliases(
    name: Annotated[str, typer.Argument(help="A name, alias or abbreviation.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the entities a name resolves to, with every alias merged into each (to undo a
    merge, list the names under [[keep_apart]] in INNOGRAPH_ALIASES_FILE and reload)."""
    from api.cli.common import opened_store
    from queries.view import GraphView

    with opened_store(read_only=True) as store, reporting_errors():
        hits = GraphView(store).search(name, limit=limit)
        if not hits:
            errors.print(f"no entity matches {name!r}")
            raise typer.Exit(1)
        if as_json:
            rows = [
                {"id": a.id, "label": a.label, "name": a.name, "aliases": a.aliases, "match": s}
                for a, s in hits
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
            return
        table = Table("id", "label", "name", "aliases", "match", title=f"entities for {name!r}")
        for actor, score in hits:
            table.add_row(actor.id, actor.label, actor.name, "\n".join(actor.aliases) or "-", f"{score:.0f}")
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(aliases)
    app.command(name="eval")(eval_command)
