"""The log of corrections, kept in the store (queries.schema.CORRECTION): each correction is
one row with who made it, when and why, numbered in the order made. Nothing rewrites what
was asked; an undo is a row of its own, and the undone row only says by which undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph_loader.write.records import dumps
from queries.graph import correction_record
from queries.store import Store

KINDS = ("merge", "split", "rename", "retype", "reject", "confirm", "retract", "dismiss", "undo")


@dataclass
class Correction:
    number: int
    kind: str
    subject: str
    args: dict[str, Any]
    who: str
    at: str
    reason: str
    undoes: int | None = None
    undone_by: int | None = None
    # what its applications removed from the store and added to it (graph_loader.curate.apply)
    state: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> Correction:
        line = correction_record(row)
        return cls(kind=line.pop("kind_of"), **{k: v for k, v in line.items() if k != "kind"})

    def as_dict(self) -> dict[str, Any]:
        """What the log shows of it (its state is the store's business)."""
        return {
            "number": self.number,
            "kind": self.kind,
            "subject": self.subject,
            "args": self.args,
            "who": self.who,
            "at": self.at,
            "reason": self.reason,
            "undoes": self.undoes,
            "undone_by": self.undone_by,
        }


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add(
    store: Store,
    kind: str,
    subject: str,
    args: dict[str, Any],
    who: str,
    reason: str,
    state: dict[str, Any] | None = None,
    undoes: int | None = None,
) -> Correction:
    """Log a correction (after it was applied); its number."""
    params = {
        "kind": kind,
        "subject": subject,
        "args": dumps(args),
        "who": who,
        "at": now(),
        "reason": reason,
        "undoes": undoes,
        "state": dumps(state or {}),
    }
    number = store.write_transaction(lambda tx: tx.run("create_correction", params)[0]["number"])
    return Correction(number, kind, subject, args, who, params["at"], reason, undoes, None, state or {})


def save_state(store: Store, correction: Correction) -> None:
    params = {
        "number": correction.number,
        "state": dumps(correction.state),
        "undone_by": correction.undone_by,
    }
    store.write_transaction(lambda tx: tx.run("set_correction_state", params))


def get(store: Store, number: int) -> Correction | None:
    rows = store.run("correction", {"number": number})
    return Correction.of_row(rows[0]) if rows else None


def active(store: Store) -> list[Correction]:
    """The corrections in force, oldest first."""
    return [Correction.of_row(r) for r in store.run("active_corrections", timeout_ms=0)]
