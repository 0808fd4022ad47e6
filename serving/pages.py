"""The data of the home page: what the graph holds, its most connected actors, how many
communities it has."""

from __future__ import annotations

from typing import Any

from queries.names import display_form
from queries.store import Store
from queries.view import GraphView
from serving.stats import node_counts

# Communities the home page links to, at most.
COMMUNITIES_LINKED = 10


def home(store: Store, view: GraphView, most_connected: int = 10) -> dict[str, Any]:
    """counts: (label, count) pairs; central: the most connected actors (id, name, label,
    degree); communities: how many to link to."""
    counts = list(node_counts(store).items())
    ties = view.collaboration
    ranked = sorted(zip((-ties.degrees).tolist(), ties.names, strict=True))[:most_connected]
    central = [
        {
            "id": i,
            "name": display_form(view.actors[i].name),
            "label": view.actors[i].label,
            "degree": -negative,
        }
        for negative, i in ranked
    ]
    groups = len(view.communities()) if view.collaboration.number_of_edges() else 0
    return {"counts": counts, "central": central, "communities": min(groups, COMMUNITIES_LINKED)}
