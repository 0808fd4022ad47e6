"""The rules of a stored record that every write path keeps (the general writer, the fresh
tables of a first load, a mapped table's columns, a correction): its row, the name it shows,
what makes two provenance entries one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.write.records import dumps
from queries import schema
from queries.arrow import by_distinct
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


def name_keys(names: Any) -> Any:
    """name_key of each of `names` (an Arrow column): by Arrow for ASCII names (lower case,
    runs of anything but letters and digits as one space, trimmed: what name_key does to
    ASCII), by name_key itself once per distinct other name."""
    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    plain = pc.string_is_ascii(names)
    fast = pc.utf8_trim(pc.replace_substring_regex(pc.ascii_lower(names), r"[^a-z0-9]+", " "), " ")
    if pc.all(plain).as_py():
        return fast
    others = pc.if_else(plain, "", names)
    keyed = by_distinct(others, lambda distinct: pa.array([name_key(n) for n in distinct], pa.string()))
    return pc.if_else(plain, fast, keyed)


def display_name(current: str, incoming: str) -> str:
    """The name a node shows when two records name it differently: the newer one, except
    that a name in Latin script is not replaced by one without (the interface is in English;
    温州医科大学 stays an alias of Wenzhou Medical University, whichever article came first)."""
    if _has_latin(current) and not _has_latin(incoming):
        return current
    return incoming


def _has_latin(name: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in name)


def provenance_text(entries: Iterable[dict[str, Any]]) -> str | None:
    """The stored text of a node's or a relationship's evidence: its entries in
    provenance_key order, as canonical JSON (None: no evidence)."""
    ordered = sorted(entries, key=provenance_key)
    return dumps(ordered) if ordered else None


def tie_weight(rel_type: str, stated: float | None, documents: int) -> float | None:
    """A relationship's weight: the stated one, else, for a COOPERATES_WITH tie, as many
    documents as state it (at least one)."""
    if rel_type == "COOPERATES_WITH" and stated is None:
        return float(max(1, documents))
    return stated


def tie_weights(types: Any, stated: Any) -> Any:
    """tie_weight over Arrow columns of relationships that each come from one document (a
    table's rows, or a first load's records)."""
    unstated = pc.and_(pc.equal(types, "COOPERATES_WITH"), pc.is_null(stated))
    return pc.if_else(unstated, 1.0, stated)


def edge_table_row(
    rel_type: str,
    key: str,
    props: dict[str, Any],
    docs: Iterable[str],
    confidence: float | None,
    provenance: str | None,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """A relationship's stored columns (without its ends); the general writer and the fresh
    tables both use it."""
    documents = sorted(docs)
    row: dict[str, Any] = dict.fromkeys(schema.REL_PROPERTIES)
    row.update(props)
    row.update(
        weight=tie_weight(rel_type, row.get("weight"), len(documents)),
        key=key,
        docs=documents,
        confidence=confidence,
        provenance=provenance,
        extra=dumps(extra) if extra else None,
    )
    return row
