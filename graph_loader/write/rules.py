"""The rules of a stored record that every write path keeps (the general writer, the fresh
tables of a first load, a mapped table's columns, a correction): its row, the name it shows,
what makes two provenance entries one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_loader.write.records import dumps
from queries import schema
from queries.names import name_key


def provenance_key(entry: dict[str, Any]) -> tuple[str, str, str]:
    """What makes two provenance entries one: the document, its sentence and its row."""
    return (entry["doc"], entry.get("evidence") or "", entry.get("row") or "")


def node_table_row(
    node_id: str,
    label: str,
    name: str,
    aliases: Iterable[str],
    props: dict[str, Any],
    provenance: str | None,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """A node as its table stores it; the general writer and the fresh tables both use it."""
    row: dict[str, Any] = dict.fromkeys(schema.NODE_PROPERTIES)
    row.update(props)
    row.update(
        id=node_id,
        label=label,
        name=name,
        name_key=name_key(name),
        aliases=sorted(a for a in aliases if a != name),
        provenance=provenance,
        extra=dumps(extra) if extra else None,
    )
    return row


def display_name(current: str, incoming: str) -> str:
    """The name a node shows when two records name it differently: the newer one, except
    that a name in Latin script is not replaced by one without (the interface is in English;
    温州医科大学 stays an alias of Wenzhou Medical University, whichever article came first)."""
    if _has_latin(current) and not _has_latin(incoming):
        return current
    return incoming


def _has_latin(name: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in name)
