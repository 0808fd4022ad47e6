"""What a caller got wrong, said in the caller's terms; the interfaces translate it."""

from __future__ import annotations

from queries.errors import InnographError


class BadParameter(InnographError):
    """A parameter the caller can fix: `name` says which, `where` in what (query, path)."""

    def __init__(self, name: str, message: str, where: str = "query") -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.where = where
