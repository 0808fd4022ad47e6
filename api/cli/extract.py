"""Commands about articles: extract records from them, and score extraction against annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table

from api.cli.common import console, errors, reporting_errors
from api.extractors import extractor_from_settings
from api.settings import get_settings
from graph_loader import Evaluation, RecordInvalid, default_workers, extracted_in_order, load_keep_apart


def extract(
    files: Annotated[list[Path], typer.Argument(help="Articles (.txt, .md, .html).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format (jsonl).")] = "jsonl",
    extractor: Annotated[str, typer.Option(help="rules (default, offline) or llm.")] = "rules",
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that extract articles (default: the number of cores)."),
    ] = None,
) -> None:
    """Print the records (design.md JSONL: nodes, then edges with evidence) extracted from articles."""
    if fmt != "jsonl":
        errors.print("error: --format must be jsonl")
        raise typer.Exit(2)
    with reporting_errors():
        for path in files:
            if not path.is_file():
                errors.print(f"error: {path}: no such file")
                raise typer.Exit(1)
        settings = get_settings()
        found = extracted_in_order(
            [(path, None) for path in files],
            load_keep_apart(settings.aliases_file),
            None if extractor == "rules" else extractor_from_settings(settings, extractor),
            workers or default_workers(),
        )
        for path, result in zip(files, found, strict=True):
            if result.records is None:
                raise RecordInvalid(result.problem, where=str(path))
            for record in result.records:
                sys.stdout.write(orjson.dumps(record).decode() + "\n")


DEV_SETS = ("data/gold", "data/gold-more", "data/gold-zh")


def eval_command(
    gold: Annotated[
        list[Path] | None,
        typer.Option(
            "--gold",
            help="A folder of annotation files (<doc>.json); repeatable. "
            f"Default: {', '.join(DEV_SETS)} where they exist.",
        ),
    ] = None,
    cv: Annotated[
        bool,
        typer.Option(
            "--cv",
            help="Score each document by scorers fitted without it (leave one document "
            "out): the figure that predicts quality on new articles.",
        ),
    ] = False,
    extractor: Annotated[str, typer.Option(help="rules (default, offline) or llm.")] = "rules",
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of the articles; default: the 'corpus' folder beside --gold.")
    ] = None,
    worst: Annotated[int, typer.Option(min=0, help="How many of the worst documents to list.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Score extraction against annotations: each set on its own and together, per label and
    relation type, and the documents that fail worst. With --cv the learned scorers are
    fitted without the document they score."""
    from graph_loader import Learning, evaluate_sets

    folders = gold or [Path(s) for s in DEV_SETS if Path(s).is_dir()]
    if not folders:
        errors.print(f"error: no annotation folder: give --gold (default {', '.join(DEV_SETS)})")
        raise typer.Exit(1)
    with reporting_errors():
        for folder in folders:
            if not folder.is_dir():
                errors.print(f"error: {folder}: not a folder")
                raise typer.Exit(1)
        if corpus is not None and len(folders) == 1:
            from graph_loader import gold_documents

            gold_documents(folders[0], corpus)  # fails early, naming the missing article
        extract_records = extractor_from_settings(get_settings(), extractor)
        pipelines = {"en": Learning()} if extractor == "rules" else {}
        scored = evaluate_sets(folders, pipelines, extract_records, cv)
    report = _report(scored, cv)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    _print_report(report, worst)


def _report(scored: list[Any], cv: bool) -> dict[str, Any]:
    sets: dict[str, list[Any]] = {}
    for document, score in scored:
        sets.setdefault(document.set_name, []).append(score)
    return {
        "cross_validated": cv,
        "sets": {
            name: {"documents": len(scores), **Evaluation(scores).as_dict()["micro"]}
            for name, scores in sets.items()
        },
        **Evaluation([s for _, s in scored]).as_dict(),
    }


def _print_report(report: dict[str, Any], worst: int) -> None:
    how = (
        "cross-validated (each document scored by scorers fitted without it)"
        if report["cross_validated"]
        else ("by the shipped scorers (fitted on these documents: optimistic; --cv for the honest figure)")
    )
    console.print(f"Scored {how}.")
    table = Table(
        "set", "documents", "entity P", "entity R", "entity F1", "relation P", "relation R", "relation F1"
    )
    for name, micro in report["sets"].items():
        e, r = micro["entities"], micro["relations"]
        table.add_row(
            name,
            str(micro["documents"]),
            *(f"{e[k]:.3f}" for k in ("precision", "recall")),
            f"[bold]{e['f1']:.3f}[/]",
            *(f"{r[k]:.3f}" for k in ("precision", "recall")),
            f"[bold]{r['f1']:.3f}[/]",
        )
    console.print(table)
    for title, rows in (
        ("entities", report["entities_by_label"]),
        ("relations", report["relations_by_type"]),
    ):
        table = Table("", "tp", "fp", "fn", "precision", "recall", "F1", title=f"{title}, all sets")
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
    if worst:
        ranked = sorted(
            report["documents"].items(), key=lambda kv: (kv[1]["relations"]["f1"], kv[1]["entities"]["f1"])
        )[:worst]
        table = Table("document", "entity F1", "relation F1", "missed (first)", title="worst documents")
        for doc, v in ranked:
            missed = (v["missed_entities"] + v["missed_relations"])[:3]
            table.add_row(doc, f"{v['entities']['f1']:.3f}", f"{v['relations']['f1']:.3f}", "; ".join(missed))
        console.print(table)


def cross_validated_report(folders: list[Path]) -> None:
    """Print the cross-validated report of `folders` (the training script's --cv)."""
    from graph_loader import Learning, evaluate_sets

    scored = evaluate_sets(folders, {"en": Learning()}, extractor_from_settings(get_settings()), cv=True)
    _print_report(_report(scored, True), 5)


def aliases(
    name: Annotated[str, typer.Argument(help="A name, alias or abbreviation.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the entities a name resolves to, with every alias merged into each (to undo a
    merge, list the names under [[keep_apart]] in INNOGRAPH_ALIASES_FILE and reload)."""
    from api.cli.common import opened_store
    from serving.entities import search
    from serving.search_index import SearchKeys

    with opened_store(read_only=True) as store, reporting_errors():
        hits = search(store, SearchKeys(store.run("search_index")), name, per_page=limit).results
        if not hits:
            errors.print(f"no entity matches {name!r}")
            raise typer.Exit(1)
        if as_json:
            rows = [
                {"id": a.id, "label": a.label, "name": a.name, "aliases": a.aliases, "match": a.score}
                for a in hits
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
            return
        table = Table("id", "label", "name", "aliases", "match", title=f"entities for {name!r}")
        for a in hits:
            table.add_row(a.id, a.label, a.name, "\n".join(a.aliases) or "-", f"{a.score or 0:.0f}")
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(aliases)
    app.command(name="eval")(eval_command)
