"""Name search: every actor's name and aliases as search keys, in the API's memory.

LadybugDB has no full-text index here (its extension would be downloaded), and the search
tolerates what a text index would not (Jangtse = Yangtze, typos), so the keys are held
here: per actor one key per distinct name or alias (about 100 bytes each with its owner),
its name (for ordering) and its label (the embedded store finds a node in its label's table
in microseconds, in all tables in milliseconds). The index is kept current by the writer's
batches (serving.kept): the actors a write touched are read again from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from queries.names import name_key, normalise_spelling
from queries.store import Store
from queries.view import WHOLE_GRAPH_READ_MS
from serving.filters import actor_filter
from serving.kept import Kept


def by_label(ids: Iterable[str], labels: Mapping[str, str]) -> dict[str, list[str]]:
    """The actors among `ids`, grouped by their label in `labels` (unknown ids left out), in
    the order given."""
    groups: dict[str, list[str]] = {}
    for actor in ids:
        label = labels.get(actor)
        if label is not None:
            groups.setdefault(label, []).append(actor)
    return groups


class Labels(Protocol):
    """What an answer needs to know of the actors it names: the label (for the embedded
    store's lookup by id in one label's table), the name, the actors of each label."""

    def label_of(self, actor: str) -> str | None: ...

    def name_of(self, actor: str) -> str | None: ...

    def by_label(self, ids: Iterable[str]) -> dict[str, list[str]]: ...


class StoreLabels:
    """Labels read from the store (`view_actors`), for the answers that come while the
    search index is being built: only a search waits for the index. Each call is one read
    (on LadybugDB a lookup in every label's table, milliseconds per id)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _rows(self, ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
        wanted = sorted(set(ids))
        return {r["id"]: r for r in self._store.run("view_actors", {"ids": wanted})} if wanted else {}

    def label_of(self, actor: str) -> str | None:
        row = self._rows([actor]).get(actor)
        return None if row is None else str(row["label"])

    def name_of(self, actor: str) -> str | None:
        row = self._rows([actor]).get(actor)
        return None if row is None else str(row["name"])

    def by_label(self, ids: Iterable[str]) -> dict[str, list[str]]:
        ids = list(ids)
        return by_label(ids, {actor: row["label"] for actor, row in self._rows(ids).items()})


class SearchKeys:
    def __init__(self, rows: Iterable[Mapping[str, Any]] = ()) -> None:
        self._keys_of: dict[str, frozenset[str]] = {}
        self._owners: dict[str, set[str]] = {}
        self._names: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._choices: list[str] | None = None  # the keys as a list, for rapidfuzz
        self.update(rows)

    def update(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Put these actors' names and aliases in place of what the index had for them."""
        for row in rows:
            actor = row["id"]
            for key in self._keys_of.get(actor, ()):
                owners = self._owners[key]
                owners.discard(actor)
                if not owners:
                    del self._owners[key]
            keys = frozenset(name_key(normalise_spelling(s)) for s in {row["name"], *(row["aliases"] or [])})
            self._keys_of[actor] = keys
            self._names[actor] = row["name"]
            self._labels[actor] = row["label"]
            for key in keys:
                self._owners.setdefault(key, set()).add(actor)
        self._choices = None

    def label_of(self, actor: str) -> str | None:
        """The label of an actor (None: no such actor); the embedded store looks a node up
        a thousand times faster in its label's table."""
        return self._labels.get(actor)

    def name_of(self, actor: str) -> str | None:
        return self._names.get(actor)

    def by_label(self, ids: Iterable[str]) -> dict[str, list[str]]:
        return by_label(ids, self._labels)

    def search(self, q: str, limit: int = 1000) -> list[tuple[str, float]]:
        """(actor id, score) of actors whose name or alias matches `q`: exact (100), as whole
        words (95), or a close spelling (rapidfuzz ratio >= 85, scored 0.9 of it); best first,
        then by name."""
        wanted = name_key(normalise_spelling(q))
        if not wanted:
            return []
        scores: dict[str, float] = {}
        exact = self._owners.get(wanted, set())
        for actor in exact:
            scores[actor] = 100.0
        padded = f" {wanted} "
        for key, owners in self._owners.items():
            if key != wanted and padded in f" {key} ":
                for actor in owners:
                    scores[actor] = max(scores.get(actor, 0.0), 95.0)
        if len(wanted) >= 4:
            if self._choices is None:
                self._choices = list(self._owners)
            for key, score, _ in process.extract(
                wanted, self._choices, scorer=fuzz.ratio, score_cutoff=85, limit=50
            ):
                for actor in self._owners.get(key, ()):
                    scores[actor] = max(scores.get(actor, 0.0), float(score) * 0.9)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._names[item[0]], item[0]))
        return ranked[:limit]


def search_index(store: Store) -> Kept[SearchKeys]:
    """The search keys of `store`, kept: a write's changes are the (label, id) of the nodes it
    wrote."""

    def build() -> SearchKeys:
        return SearchKeys(store.stream("search_index"))

    def apply(keys: SearchKeys, nodes: list[Any]) -> None:
        by_label: dict[str, set[str]] = {}
        for label, node in nodes:
            by_label.setdefault(label, set()).add(node)
        for label, ids in by_label.items():
            rows = store.run(
                "actor_rows",
                {"ids": sorted(ids), **NO_FILTER},
                slots={"label": label},
                timeout_ms=WHOLE_GRAPH_READ_MS,
            )
            keys.update(rows)

    return Kept("search-index", build, apply)


# actor_rows' filters, none of them narrowing
NO_FILTER = actor_filter(None, None, None)
