"""Network analytics: plain functions over a networkx graph; they never touch a store."""

from queries.analytics.centrality import centrality
from queries.analytics.communities import communities

__all__ = ["centrality", "communities"]
