"""The log of corrections carried with the graph: an exported JSONL file ends with one line
per correction (`{"kind": "correction", ...}`, queries.graph.correction_record), and loading that file adds
the corrections the store does not have, renumbered after its own, then applies them."""

from __future__ import annotations

from typing import Any

from graph_loader.curate.log import KINDS
from graph_loader.errors import RecordInvalid
from graph_loader.write.records import dumps
from queries.store import Store

_TEXT = ("kind_of", "subject", "who", "at")


def check_line(raw: dict[str, Any]) -> dict[str, Any]:
    """A correction line of an export, checked (RecordInvalid names the field)."""
    for name in (*_TEXT, "number"):
        if name not in raw:
            raise RecordInvalid("required", field=name)
    if raw["kind_of"] not in KINDS:
        raise RecordInvalid(f"unknown correction {raw['kind_of']!r}", field="kind_of")
    if not isinstance(raw["number"], int) or isinstance(raw["number"], bool):
        raise RecordInvalid("expected a whole number", field="number")
    for name in ("args", "state"):
        if not isinstance(raw.get(name, {}), dict):
            raise RecordInvalid("expected a JSON object", field=name)
    return raw


def import_lines(store: Store, lines: list[dict[str, Any]]) -> list[int]:
    """Add the corrections of `lines` that the log lacks (the same kind, subject, arguments,
    author and time are the same correction), numbered after the store's own; the numbers
    they got. What an undo refers to follows the new numbers."""
    held = {
        (r["kind"], r["subject"], r["args"] or "{}", r["who"], r["at"]): r["number"]
        for r in store.run("export_corrections", timeout_ms=0)
    }
    numbers: dict[int, int] = {}
    added: list[int] = []
    for line in sorted(lines, key=lambda item: item["number"]):
        key = (line["kind_of"], line["subject"], dumps(line.get("args", {})), line["who"], line["at"])
        if key in held:
            numbers[line["number"]] = held[key]
            continue
        params = {
            "kind": line["kind_of"],
            "subject": line["subject"],
            "args": key[2],
            "who": line["who"],
            "at": line["at"],
            "reason": line.get("reason") or "",
            "undoes": numbers.get(line["undoes"]) if line.get("undoes") is not None else None,
            "state": dumps(line.get("state", {})),
        }
        number = store.write_transaction(lambda tx, p=params: tx.run("create_correction", p)[0]["number"])
        numbers[line["number"]] = held[key] = number
        added.append(number)
    for line in lines:  # an undone correction names its undo, which may come after it
        if line.get("undone_by") is not None and numbers[line["number"]] in added:
            params = {"number": numbers[line["number"]], "undone_by": numbers.get(line["undone_by"])}
            store.write_transaction(lambda tx, p=params: tx.run("set_correction_undone", p))
    return added
