"""A read-only, in-memory view of the graph for the analytics and the pages.

Built from a handful of whole-graph catalog reads; the API keeps one per graph version and
makes the next in the background after a write: this one with what the write touched read
again by id (GraphView.updated), or, after a large load, from the whole-graph reads again.
A view is never changed once made: its readers may hold it while the next one is made.
The questions of the API (search, collaborators, collaborations, paths, agreements,
experts) do not use it: they are answered by the catalog and the indexes of serving/.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from queries.analytics import centrality, communities
from queries.analytics.projection import Edges
from queries.analytics.ties import Ties
from queries.names import name_key
from queries.schema import COOPERATING_LABELS, PLACE_LABELS
from queries.store import Store


@dataclass
class Actor:
    id: str
    label: str
    name: str
    aliases: list[str]
    country: str | None
    places: list[dict[str, Any]] = field(default_factory=list)  # what it is LOCATED_IN

    def in_place(self, place: str) -> bool:
        """Whether the actor is the place or lies in it (by id, name, or as a country code)."""
        wanted = name_key(place)
        if self.label in ("City", "Country") and (self.id == place or name_key(self.name) == wanted):
            return True
        return any(p["place_id"] == place or name_key(p["place"] or "") == wanted for p in self.places)

    def cities(self) -> list[str]:
        """The cities (not provinces or regions) this actor is, or lies in, by id."""
        if self.label == "City":
            return [self.id]
        return [p["place_id"] for p in self.places if p["place_label"] == "City"]

    def in_country(self, code: str) -> bool:
        code = code.upper()
        return (self.country or "").upper() == code or any(
            (p["country"] or "").upper() == code for p in self.places
        )


# The view's reads of the whole graph are not a caller's query: the per-query limit
# (INNOGRAPH_QUERY_TIMEOUT_MS) does not apply to them (3.2 million collaborating pairs took
# longer than 30 s to stream from Neo4j). None of them takes caller input.
WHOLE_GRAPH_READ_MS = 0
# A pair's shared agreements listed in an answer (its weight counts them all).
SHARED_LISTED = 50


# How an analytic of this view is made once: given its key, the function that computes it
# (a plain function, so that it can run in another process) and what makes its arguments.
# The API passes its analytics pool (its own process, bounded in time and concurrency,
# results cached across requests); alone, a view computes here and keeps what it computed.
Analysed = Callable[[Hashable, Callable[..., Any], Callable[[], tuple[Any, ...]]], Any]


def _memo() -> Analysed:
    made: dict[Hashable, Any] = {}

    def analysed(key: Hashable, fn: Callable[..., Any], arguments: Callable[[], tuple[Any, ...]]) -> Any:
        if key not in made:
            made[key] = fn(*arguments())
        return made[key]

    return analysed


@dataclass(frozen=True)
class Changes:
    """What a committed write touched, as the view reads it again: `actors`, every node
    written, both ends of every relationship written and every party of each agreement
    written to (every pair whose collaboration the write can change has both ends among
    them: graph_loader.write.collaboration); `parties`, each agreement written to with all
    its parties after the write."""

    actors: frozenset[str]
    parties: Mapping[str, list[str]]


# A write that touched more actors than this makes a whole new view: read one by one (three
# reads of 3-5 ms an actor at 100k / 1M, more for a hub) they would take about as long as
# the whole-graph reads (9-17 s there).
ACTORS_UPDATED_MOST = 2_000


def _actor(row: Mapping[str, Any]) -> Actor:
    return Actor(row["id"], row["label"], row["name"], list(row["aliases"] or []), row["country"])


def _place_keys(actor: Actor) -> set[str]:
    """The keys of GraphView.in_place that list `actor`: itself if it is a place, its places."""
    keys: set[str] = set()
    if actor.label in PLACE_LABELS:
        keys.update((actor.id, name_key(actor.name)))
    for place in actor.places:
        keys.update((place["place_id"], name_key(place["place"] or "")))
    return keys


class GraphView:
    def __init__(self, store: Store, analysed: Analysed | None = None) -> None:
        self._analysed = analysed or _memo()
        self.actors: dict[str, Actor] = {}
        for row in store.stream("search_index"):
            self.actors[row["id"]] = _actor(row)
        for row in store.stream("entity_places"):
            actor = self.actors.get(row["id"])
            if actor is not None:
                actor.places.append(row)
        # who collaborates with whom (queries.schema.COLLABORATION): one row per pair, with
        # the stated tie's weight and years beside the shared agreements' count
        self.collaboration = Ties.build(
            (a.id for a in self.actors.values() if a.label in COOPERATING_LABELS),
            store.columns("collaboration_edges"),
            store.columns("cooperation_edges"),
        )
        # place (id and name key) -> actors that are it or lie in it
        # (sets never changed once made: an updated view makes new ones, see updated())
        by_place: dict[str, set[str]] = {}
        for actor in self.actors.values():
            for key in _place_keys(actor):
                by_place.setdefault(key, set()).add(actor.id)
        self._by_place = {key: frozenset(ids) for key, ids in by_place.items()}
        # who is party to what, both ways: co-parties without a query per request
        self.parties: dict[str, list[str]] = {
            row["id"]: sorted(row["parties"]) for row in store.stream("agreements")
        }
        self._party_sets = {agreement: frozenset(parties) for agreement, parties in self.parties.items()}
        self.party_to: dict[str, list[str]] = {}
        for agreement, parties in self.parties.items():
            for party in parties:
                self.party_to.setdefault(party, []).append(agreement)
        for agreements in self.party_to.values():
            agreements.sort()  # in id order whatever order the engine streamed them in

    def updated(self, store: Store, changes: Changes, analysed: Analysed | None = None) -> GraphView | None:
        """A new view: this one with what `changes` touched read again from the store (the
        actors' names, places and pairs, the agreements' parties), the rest shared with this
        one, which is left as it was (readers may hold it). None when a whole new view is
        the better way: too many actors touched, or a place or an actor's label changed
        (every actor in that place, or its pairs, would change with it)."""
        if len(changes.actors) > ACTORS_UPDATED_MOST:
            return None
        rows = store.run("view_actors", {"ids": sorted(changes.actors)})
        for row in rows:
            before = self.actors.get(row["id"])
            if before is not None and (
                before.label != row["label"] or (before.label in PLACE_LABELS and before.name != row["name"])
            ):
                return None
        new = copy.copy(self)
        new._analysed = analysed or _memo()
        new.actors = dict(self.actors)
        new._by_place = dict(self._by_place)
        for row in rows:
            actor = new.actors[row["id"]] = _actor(row)
            actor.places = store.run("actor_places", {"id": actor.id}, slots={"label": actor.label})
            before = self.actors.get(actor.id)
            old, now = _place_keys(before) if before else set(), _place_keys(actor)
            for key in old - now:
                new._by_place[key] = new._by_place[key] - {actor.id}
            for key in now - old:
                new._by_place[key] = new._by_place.get(key, frozenset()) | {actor.id}
        cooperating = [r for r in rows if r["label"] in COOPERATING_LABELS]

        def read(statement: str) -> pa.Table:  # one read per actor: by label, each takes milliseconds
            tables = [
                store.columns(statement, {"id": r["id"]}, slots={"label": r["label"]}) for r in cooperating
            ]
            return pa.concat_tables(tables, promote_options="default")

        if cooperating:  # else no pair changed: the columns are shared, not copied
            ties = read("actor_cooperation")
            if ties.num_rows:  # in cooperation_edges' order: of a tie stated both ways, the later row's years
                ties = ties.sort_by([("source", "ascending"), ("target", "ascending")])
            new.collaboration = self.collaboration.updated(
                [r["id"] for r in cooperating], read("actor_collaboration"), ties
            )
        new.parties, new._party_sets, new.party_to = (
            dict(self.parties),
            dict(self._party_sets),
            dict(self.party_to),
        )
        for agreement, parties in changes.parties.items():
            before_parties = set(self.parties.get(agreement, ()))
            new.parties[agreement] = sorted(set(parties))
            new._party_sets[agreement] = frozenset(parties)
            for party in before_parties - set(parties):
                new.party_to[party] = [g for g in new.party_to[party] if g != agreement]
            for party in set(parties) - before_parties:
                new.party_to[party] = sorted([*new.party_to.get(party, []), agreement])
        return new

    def shared_agreements(self, actor: str, other: str, tie: dict[str, Any]) -> list[str]:
        """The first SHARED_LISTED agreements both actors are parties to (a page's ties)."""
        shared: list[str] = []
        if tie.get("shared"):
            # walk the shorter agreement list (in id order) and stop at SHARED_LISTED: two
            # hubs share thousands, and a page of them took 160 ms to list whole
            walk, find = sorted((actor, other), key=lambda a: len(self.party_to.get(a, [])))
            shared = list(
                itertools.islice(
                    (g for g in self.party_to.get(walk, []) if find in self._party_sets[g]), SHARED_LISTED
                )
            )
        return shared

    def in_place(self, place: str) -> set[str]:
        """Ids of the actors that are `place` or lie in it (by id or name)."""
        return set(self._by_place.get(place, ())) | self._by_place.get(name_key(place), frozenset())

    def centrality(self, metric: str, year: int | None = None, via: str = "all") -> dict[str, float]:
        """Centrality of every actor by `metric` (queries.analytics), made once per view: a
        betweenness over a large graph takes minutes, and the view changes only with a write."""
        return self._analysed(  # type: ignore[no-any-return]
            ("centrality", metric, year, via),
            centrality,
            lambda: (self.edges(year, via), metric),
        )

    def communities(self, year: int | None = None, via: str = "all") -> list[list[str]]:
        """Louvain communities of the collaboration graph, largest first, made once per view."""
        return self._analysed(  # type: ignore[no-any-return]
            ("communities", year, via), communities, lambda: (self.edges(year, via),)
        )

    def edges(self, year: int | None, via: str = "all") -> Edges:
        """year_slice() as the arrays the analytics process takes."""
        return self.year_slice(year, via).as_edges()

    def year_slice(self, year: int | None, via: str = "all") -> Ties:
        """The collaboration graph by `via` (all, direct, agreement), or only the ties active
        in `year`; each pair's weight is its weight by `via` (Ties.year_slice)."""
        return self.collaboration.year_slice(year, via)
