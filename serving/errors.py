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

    def __reduce__(self) -> tuple[type[BadParameter], tuple[str, str, str]]:
        # as it was, after the trip back from the API's view process (api.view_process)
        return BadParameter, (self.name, self.message, self.where)
