"""Cypher catalog, graph stores and network analytics of innograph."""

from queries.catalog import Catalog, Query, load_catalog
from queries.errors import InnographError, QueryNotFound, StoreUnavailable
from queries.store import Store, open_store

__all__ = [
    "Catalog",
    "InnographError",
    "Query",
    "QueryNotFound",
    "Store",
    "StoreUnavailable",
    "load_catalog",
    "open_store",
]
