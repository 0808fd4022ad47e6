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
    """The store had no memory left for a query (LadybugDB's buffer pool is full)."""


class QueryTimeout(InnographError):
    """A query ran longer than its time limit and was stopped."""


class NotFound(InnographError):
    """An entity id that is not in the graph."""
