"""`innograph curate ...`: correct the graph, undo a correction, read the log. The same
corrections as POST /curation/... (graph_loader.curate), logged under the user's name."""

from __future__ import annotations

import getpass
from typing import Annotated, Any

import orjson
import typer

from api.cli.common import console, opened_store
from graph_loader import curate, undo
from serving.curation import log as read_log
from serving.curation import merge_suggestions

app = typer.Typer(
    name="curate",
    help="Correct the graph: corrections are kept in the store and applied again at every load.",
    no_args_is_help=True,
)

Reason = Annotated[str, typer.Option("--reason", "-r", help="Why (kept in the log).")]
Who = Annotated[str | None, typer.Option("--who", help="The name the log shows (default: your user name).")]


def _make(kind: str, args: dict[str, Any], who: str | None, reason: str) -> None:
    with opened_store() as store:
        correction, applied = curate(store, kind, args, who or getpass.getuser(), reason)
    console.print(
        f"#{correction.number} {kind} {correction.subject} {orjson.dumps(correction.args).decode()}: "
        f"{applied.taken} records taken away, {len(applied.added)} added",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def merge(
    entity: Annotated[str, typer.Argument(help="The entity that goes.")],
    into: Annotated[str, typer.Argument(help="The entity that stays.")],
    reason: Reason = "",
    who: Who = None,
) -> None:
    """ENTITY and INTO are one: INTO keeps its id and name and takes the rest."""
    _make("merge", {"entity": entity, "into": into}, who, reason)


@app.command()
def split(
    entity: str,
    name: Annotated[str, typer.Argument(help="The alias that is another entity.")],
    doc: Annotated[list[str] | None, typer.Option(help="A document whose statements go with NAME.")] = None,
    into: Annotated[
        str | None, typer.Option(help="The new entity's id (default: from label and name).")
    ] = None,
    reason: Reason = "",
    who: Who = None,
) -> None:
    """NAME (an alias of ENTITY) is another entity, with what --doc documents state (or the
    sentences naming it)."""
    _make("split", {"entity": entity, "name": name, "docs": doc or [], "into": into}, who, reason)


@app.command()
def rename(entity: str, name: str, reason: Reason = "", who: Who = None) -> None:
    """ENTITY is called NAME (its other names stay aliases)."""
    _make("rename", {"entity": entity, "name": name}, who, reason)


@app.command()
def retype(entity: str, label: str, reason: Reason = "", who: Who = None) -> None:
    """ENTITY is a LABEL (its id changes with it)."""
    _make("retype", {"entity": entity, "label": label}, who, reason)


@app.command()
def reject(
    type: Annotated[str, typer.Argument(help="COOPERATES_WITH, PARTY_TO, AFFILIATED_WITH, ...")],
    source: str,
    target: str,
    key: Annotated[str | None, typer.Option(help="Only the relationship with this key.")] = None,
    reason: Reason = "",
    who: Who = None,
) -> None:
    """The relationship TYPE between SOURCE and TARGET is wrong."""
    _make("reject", {"type": type, "source": source, "target": target, "key": key}, who, reason)


@app.command()
def confirm(
    entity: Annotated[str, typer.Argument(help="An entity id, or a relationship's source with --type.")],
    type: Annotated[str | None, typer.Option(help="Confirm a relationship of this type instead.")] = None,
    target: Annotated[str | None, typer.Option(help="The relationship's target.")] = None,
    key: Annotated[str | None, typer.Option()] = None,
    reason: Reason = "",
    who: Who = None,
) -> None:
    """A person checked this entity, or this relationship (--type, --target)."""
    args = (
        {"entity": entity} if type is None else {"type": type, "source": entity, "target": target, "key": key}
    )
    _make("confirm", args, who, reason)


@app.command()
def retract(
    doc: Annotated[str, typer.Argument(help="A document or table id.")], reason: Reason = "", who: Who = None
) -> None:
    """Take away everything DOC states; loading it again brings nothing back until undone."""
    _make("retract", {"doc": doc}, who, reason)


@app.command()
def dismiss(entity: str, other: str, reason: Reason = "", who: Who = None) -> None:
    """ENTITY and OTHER are not one: the suggestion is not made again."""
    _make("dismiss", {"entity": entity, "other": other}, who, reason)


@app.command(name="undo")
def undo_command(number: int, reason: Reason = "", who: Who = None) -> None:
    """Undo correction NUMBER: what it took comes back, what it added goes."""
    with opened_store() as store:
        entry = undo(store, number, who or getpass.getuser(), reason)
    console.print(f"#{entry.number} undo of #{number}", highlight=False)


@app.command(name="log")
def show_log(
    kind: str = "",
    subject: str = "",
    who: Annotated[str, typer.Option("--who")] = "",
    since: str = "",
    until: str = "",
    active: Annotated[
        bool | None, typer.Option("--active/--inactive", help="In force, or undone and undos.")
    ] = None,
    limit: int = 100,
) -> None:
    """The corrections, newest first, as JSON Lines."""
    with opened_store(read_only=True) as store:
        entries = read_log(
            store,
            kind=kind,
            subject=subject,
            who=who,
            since=since,
            until=until,
            active=active,
            per_page=limit,
        )
    for entry in entries.results:
        typer.echo(entry.model_dump_json())


@app.command()
def suggest(label: str = "", limit: int = 25) -> None:
    """Entities that may be one (accept with `merge`, turn down with `dismiss`), as JSON Lines."""
    with opened_store(read_only=True) as store:
        found = merge_suggestions(store, label, limit)
    for suggestion in found.results:
        typer.echo(suggestion.model_dump_json())


def register(root: typer.Typer) -> None:
    root.add_typer(app)
