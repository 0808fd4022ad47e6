"""Errors of the loaders, on top of queries.errors.InnographError."""

from __future__ import annotations

from queries.errors import InnographError


class RecordInvalid(InnographError):
    """One record that cannot be loaded; `where` is `file:line` when known."""

    def __init__(self, message: str, *, field: str = "", where: str = "") -> None:
        super().__init__(message)
        self.reason = message
        self.field = field
        self.where = where

    def __str__(self) -> str:
        parts = [p for p in (self.where, self.field) if p]
        return ": ".join([*parts, self.reason])


class LoadRejected(InnographError):
    """A load that found invalid records and therefore wrote nothing."""

    def __init__(self, problems: list[RecordInvalid], shown: int = 20) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:shown]]
        if len(problems) > shown:
            lines.append(f"... and {len(problems) - shown} more")
        super().__init__(
            f"{len(problems)} invalid record(s); nothing was written "
            "(use --skip-invalid to load the valid ones):\n" + "\n".join(lines)
        )


class Decline(Exception):
    """A fast path (graph_loader.write.columnar, graph_loader.tables.mapped) cannot take this input as it
    is: the general path takes it instead, and reports any problem with its file and line."""
