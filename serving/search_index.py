"""Name search: an actor's names and aliases as search keys, scored against the searched name.

One rule scores (key_scores) and ranks (ranked) on both stores; where the keys come from
differs. On Neo4j the store's full-text index gives the candidates (StoreSearch): the API
holds none of the graph. LadybugDB has no full-text index here (its extension would be
downloaded), so on it the keys are held in the API's memory (SearchKeys): per actor one key
per distinct name or alias, its name (for ordering) and its label (the embedded store finds
a node in its label's table in microseconds, in all tables in milliseconds): about 450 bytes
an actor, 52 MB for 116,665 actors of one name each. It is kept current by the writer's
batches (serving.kept): the actors a write touched are read again from the store.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from queries.names import SPELLING_VARIANTS, name_key, normalise_spelling
from queries.store import Store
from queries.view import WHOLE_GRAPH_READ_MS
from serving.filters import actor_filter
from serving.kept import Kept

# Close spellings a search keeps, the closest first.
FUZZY_MOST = 50
# The candidates the full-text index gives a search on Neo4j, its best first.
CANDIDATES = 1000


def search_keys(row: Mapping[str, Any]) -> frozenset[str]:
    """The keys an actor is found by: its name's and each alias's name_key, spelling variants
    mapped (Jangtse -> Yangtze)."""
    return frozenset(name_key(normalise_spelling(s)) for s in {row["name"], *(row["aliases"] or [])})


def key_scores(wanted: str, keys: Sequence[str]) -> dict[str, float]:
    """The score of each of `keys` that matches the searched key `wanted`: exact 100, as whole
    words 95, a close spelling (rapidfuzz ratio >= 85; the FUZZY_MOST closest) 0.9 of its ratio."""
    scores: dict[str, float] = {}
    padded = f" {wanted} "
    for key in keys:
        if key == wanted:
            scores[key] = 100.0
        elif padded in f" {key} ":
            scores[key] = 95.0
    if len(wanted) >= 4:
        for key, score, _ in process.extract(
            wanted, keys, scorer=fuzz.ratio, score_cutoff=85, limit=FUZZY_MOST
        ):
            scores[key] = max(scores.get(key, 0.0), float(score) * 0.9)
    return scores


def ranked(
    scores: Mapping[str, float],
    owners: Mapping[str, Iterable[str]],
    names: Mapping[str, str],
    limit: int,
) -> list[tuple[str, float]]:
    """(actor, score) of the owners of the scored keys, each by its best key: best first, then
    by name and id."""
    best: dict[str, float] = {}
    for key, score in scores.items():
        for actor in owners.get(key, ()):
            best[actor] = max(best.get(actor, 0.0), score)
    return sorted(best.items(), key=lambda item: (-item[1], names[item[0]], item[0]))[:limit]


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


class Search(Labels, Protocol):
    """A name search (SearchKeys in memory, StoreSearch on the store's full-text index)."""

    def search(self, q: str, limit: int = 1000) -> list[tuple[str, float]]: ...


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
    # Tuples, not sets: an empty set is 216 bytes and a tuple of one 48, and nearly every key
    # has one owner and every actor one or two keys (91 -> 52 MB for 116,665 actors).
    def __init__(self, rows: Iterable[Mapping[str, Any]] = ()) -> None:
        self._keys_of: dict[str, tuple[str, ...]] = {}
        self._owners: dict[str, tuple[str, ...]] = {}
        self._names: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._choices: list[str] | None = None  # the keys as a list, for rapidfuzz
        self.update(rows)

    def update(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Put these actors' names and aliases in place of what the index had for them."""
        for row in rows:
            actor = row["id"]
            for key in self._keys_of.get(actor, ()):
                others = tuple(a for a in self._owners[key] if a != actor)
                if others:
                    self._owners[key] = others
                else:
                    del self._owners[key]
            keys = tuple(search_keys(row))
            self._keys_of[actor] = keys
            self._names[actor] = row["name"]
            self._labels[actor] = sys.intern(row["label"])  # a dozen labels, not one string each
            for key in keys:
                self._owners[key] = (*self._owners.get(key, ()), actor)
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
        """(actor id, score) of actors whose name or alias matches `q` (key_scores), best
        first, then by name."""
        wanted = name_key(normalise_spelling(q))
        if not wanted:
            return []
        if self._choices is None:
            self._choices = list(self._owners)
        return ranked(key_scores(wanted, self._choices), self._owners, self._names, limit)


class StoreSearch(StoreLabels):
    """Name search on a store with a full-text index of names and aliases (Neo4j's
    actor_names): the CANDIDATES it ranks first for the searched words, each word also
    within two edits and in its older spellings, scored and ranked as SearchKeys does. What
    it does not find that SearchKeys does: a close spelling among the actors the index does
    not rank that high; a word whose letters the index keeps joined to the next by an
    apostrophe or a dot ("Lu" of "Lu’an"; "Lu’an" itself is found); a name with its words
    run together ("GuoShengkun"); a search of English stop words alone ("of", "the"), which
    the index's analyzer leaves out."""

    def search(self, q: str, limit: int = 1000) -> list[tuple[str, float]]:
        wanted = name_key(normalise_spelling(q))
        if not wanted:
            return []
        owners: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for row in self._store.run("actor_search", {"lucene": lucene_query(wanted), "limit": CANDIDATES}):
            names[row["id"]] = row["name"]
            for key in search_keys(row):
                owners.setdefault(key, set()).add(row["id"])
        return ranked(key_scores(wanted, list(owners)), owners, names, limit)


# the older spellings of each searched word (yangtze -> jangtse), which stored names may use
_OLDER = {name_key(new): name_key(old) for old, new in SPELLING_VARIANTS.items()}
_LATIN = re.compile(r"[a-z0-9]+")
_JOINERS = ("'", "\u2019", ".")


def lucene_query(wanted: str) -> str:
    """A Lucene query for the candidates of the searched key `wanted`: the whole of it as a
    phrase (boosted), or any of its words, Latin words of four letters or more also within two
    edits (a key holds only letters, digits and spaces: nothing to escape)."""
    words = wanted.split()
    # the index keeps an apostrophe or a dot between letters inside one word (Xi’an, U.S.),
    # which name_key splits in two: each pair of adjacent words also joined so
    joined = [
        f"{a}{mark}{b}~" if _LATIN.fullmatch(a + b) and len(a + b) >= 4 else f'"{a}{mark}{b}"'
        for a, b in itertools.pairwise(words)
        for mark in _JOINERS
    ]
    words += [_OLDER[w] for w in words if w in _OLDER]
    terms = [f"{w}~" if len(w) >= 4 and _LATIN.fullmatch(w) else w for w in dict.fromkeys(words)]
    return " OR ".join([f'"{wanted}"^4', *terms, *joined])


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
