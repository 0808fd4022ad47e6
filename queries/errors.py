"""Exceptions of the whole library. The CLI and the API translate them at the edges."""

from __future__ import annotations


class InnographError(Exception):
    """Base class of every error innograph raises on purpose."""


class QueryNotFound(InnographError):
    """A catalog query name that does not exist."""


class CatalogError(InnographError):
    """A .cypher file that is malformed: no name, undeclared or unused parameters."""


class QueryParameterError(InnographError):
    """A query was called with missing or unexpected parameters."""


class StoreUnavailable(InnographError):
    """The store cannot be opened or reached (locked, unreachable, bad credentials)."""


class StoreFull(InnographError):
    """The store had no memory left for a query (LadybugDB's buffer pool is full). `beside`:
    the statements that were running beside it (queries.store.core_share's tickets), whose
    memory the query may find once they end."""

    def __init__(self, message: str, beside: frozenset[int] = frozenset()) -> None:
        super().__init__(message)
        self.beside = beside


class QueryTimeout(InnographError):
    """A query ran longer than its time limit and was stopped."""


class NotFound(InnographError):
    """An entity id that is not in the graph."""
