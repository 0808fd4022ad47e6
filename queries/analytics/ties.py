"""The collaboration graph as columns: one row per pair of collaborating actors.

A networkx graph of 100,000 actors and 3.2 million pairs held 1.5 GB in the API (a dict
per pair and two adjacency entries); these columns hold about 60 bytes per pair, the
partners of each actor included. The pages, the regional answers and the analytics read
it; a year or a kind of collaboration (`via`) is a selection of its rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from queries.analytics.projection import Edges


def _ends(table: pa.Table, known: pa.Array | Mapping[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The index among `known` of each row's source and target (-1: not among them): by
    Arrow's hash lookup for a whole-graph read; a write's few rows look their ids up in the
    index instead of hashing every name again."""
    if table.num_rows == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if isinstance(known, Mapping):
        a, b = (
            np.fromiter(
                (known.get(i, -1) for i in table[c].to_pylist()), dtype=np.int64, count=table.num_rows
            )
            for c in ("source", "target")
        )
        return a, b
    ends = (pc.fill_null(pc.index_in(table[c], value_set=known), -1) for c in ("source", "target"))
    a, b = (np.asarray(e.to_numpy(), dtype=np.int64) for e in ends)
    return a, b


# Rows of a write up to this many look their ids up in the index one by one; more, by a
# hash table of every name (about 90 ms at 100,000 actors, the time of 20,000 lookups).
LOOKED_UP_MOST = 20_000


def _column(table: pa.Table, name: str, default: float, dtype: type) -> np.ndarray:
    """A numeric column with `default` where the store gave none."""
    values = table[name] if table.num_rows else None
    if values is None or pa.types.is_null(values.type):  # none given (Neo4j infers no type)
        return np.full(table.num_rows, default, dtype=dtype)
    return np.asarray(pc.fill_null(values, default).to_numpy(), dtype=dtype)


# A year the store did not give (0 is no year of any agreement or article).
NO_YEAR = 0
_COLUMNS = ("direct", "shared", "weight", "first_seen", "last_seen", "tie_first_seen", "tie_last_seen")


@dataclass(frozen=True)
class Ties:
    """Pair k joins names[sources[k]] and names[targets[k]]; its weight is how strongly they
    collaborate by the `via` the selection was made for (queries.view.collaboration_weight),
    `direct` the stated tie's weight, `shared` the shared agreements, and the years those of
    the collaboration (first_seen, last_seen) and of the stated tie alone (tie_*)."""

    names: list[str]
    index: Mapping[str, int]
    sources: np.ndarray
    targets: np.ndarray
    direct: np.ndarray
    shared: np.ndarray
    weight: np.ndarray
    first_seen: np.ndarray
    last_seen: np.ndarray
    tie_first_seen: np.ndarray
    tie_last_seen: np.ndarray

    @classmethod
    def build(cls, names: Iterable[str], pairs: pa.Table, tie_years: pa.Table) -> Ties:
        """From the actors that can collaborate, the store's collaboration_edges (each pair
        once, smaller id first) and its cooperation_edges (whose years are the stated tie's),
        as columns: the ids are matched to the actors by Arrow's hash lookup, not per row."""
        names = list(names)
        return cls._of(names, {name: i for i, name in enumerate(names)}, pairs, tie_years)

    @classmethod
    def _of(
        cls,
        names: list[str],
        index: Mapping[str, int],
        pairs: pa.Table,
        tie_years: pa.Table,
        repeats: bool = False,
    ) -> Ties:
        """Ties.build with the index made; `repeats`: the few rows of a write, read actor by
        actor, so a pair may come twice (from each of its ends) and is kept once."""
        few = repeats and pairs.num_rows + tie_years.num_rows <= LOOKED_UP_MOST
        known: pa.Array | Mapping[str, int] = index if few else pa.array(names, type=pa.string())
        a, b = _ends(pairs, known)
        keep = (a >= 0) & (b >= 0) & (a != b)
        if repeats and len(a):
            keys = np.where(keep, np.minimum(a, b) * len(names) + np.maximum(a, b), -1)
            once = np.zeros(len(a), dtype=bool)
            once[np.unique(keys, return_index=True)[1]] = True
            keep &= once

        def column(name: str, default: float, dtype: type) -> np.ndarray:
            values: np.ndarray = _column(pairs, name, default, dtype)[keep]
            return values

        count = int(keep.sum())
        ties = cls(
            names,
            index,
            np.minimum(a, b)[keep].astype(np.int32),
            np.maximum(a, b)[keep].astype(np.int32),
            column("direct", 0.0, np.float64),
            column("shared", 0, np.int32),
            column("weight", 0.0, np.float64),
            column("first_seen", NO_YEAR, np.int16),
            column("last_seen", NO_YEAR, np.int16),
            np.full(count, NO_YEAR, dtype=np.int16),
            np.full(count, NO_YEAR, dtype=np.int16),
        )
        ties._set_tie_years(tie_years, known)
        return ties

    def updated(self, changed: Iterable[str], pairs: pa.Table, tie_years: pa.Table) -> Ties:
        """These ties with every pair of a `changed` actor replaced by `pairs` (the pairs of
        those actors as the store holds them now) and the years of their stated ties from
        `tie_years` (the ties of those actors, in the order cooperation_edges reads them);
        a changed actor new to the ties joins them. These arrays are left as they are: the
        previous view keeps answering from them meanwhile."""
        changed = list(dict.fromkeys(changed))
        added = [a for a in changed if a not in self.index]
        names = self.names + added if added else self.names
        index: Mapping[str, int] = self.index
        if added:
            index = {**self.index, **{a: len(self.names) + i for i, a in enumerate(added)}}
        fresh = Ties._of(names, index, pairs, tie_years, repeats=True)
        kept = self._rows(~self._touching(changed), self.weight)
        columns = ("sources", "targets", *_COLUMNS)
        return Ties(names, index, *(np.concatenate([getattr(kept, c), getattr(fresh, c)]) for c in columns))

    def _keys(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """One number per pair of node indexes, whichever way round they are given."""
        low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
        keys: np.ndarray = low * len(self.names) + high
        return keys

    def _set_tie_years(self, tie_years: pa.Table, known: pa.Array | Mapping[str, int]) -> None:
        a, b = _ends(tie_years, known)
        found = (a >= 0) & (b >= 0)
        if not found.any() or not len(self.sources):
            return
        pair_keys = self._keys(self.sources, self.targets)
        order = np.argsort(pair_keys)
        wanted = self._keys(a[found], b[found])
        at = np.minimum(np.searchsorted(pair_keys, wanted, sorter=order), len(order) - 1)
        rows = order[at]
        hit = pair_keys[rows] == wanted
        # a stated tie both ways round: the later row's years, as they are read
        self.tie_first_seen[rows[hit]] = _column(tie_years, "first_seen", NO_YEAR, np.int16)[found][hit]
        self.tie_last_seen[rows[hit]] = _column(tie_years, "last_seen", NO_YEAR, np.int16)[found][hit]

    # -- selections --------------------------------------------------------------------

    def year_slice(self, year: int | None, via: str = "all") -> Ties:
        """The pairs that collaborate by `via` (all, direct, agreement), or only those active
        in `year` (first_seen <= year <= last_seen, by the years of that kind); each pair's
        weight is then its weight by `via`."""
        if year is None and via == "all":
            return self
        if via == "direct":
            weight, first, last = self.direct, self.tie_first_seen, self.tie_last_seen
        elif via == "agreement":
            weight, first, last = self.shared.astype(np.float64), self.first_seen, self.last_seen
        else:
            weight, first, last = self.weight, self.first_seen, self.last_seen
        keep = weight != 0
        if year is not None:
            first = np.where(first == NO_YEAR, year, first)
            last = np.where(last == NO_YEAR, first, last)
            keep &= (first <= year) & (year <= last)
        return self._rows(keep, weight)

    def _rows(self, keep: np.ndarray, weight: np.ndarray) -> Ties:
        return Ties(
            self.names,
            self.index,
            self.sources[keep],
            self.targets[keep],
            self.direct[keep],
            self.shared[keep],
            weight[keep],
            self.first_seen[keep],
            self.last_seen[keep],
            self.tie_first_seen[keep],
            self.tie_last_seen[keep],
        )

    # -- the graph ---------------------------------------------------------------------

    def __contains__(self, node: object) -> bool:
        return node in self.index

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def number_of_edges(self) -> int:
        return len(self.sources)

    @cached_property
    def degrees(self) -> np.ndarray:
        """How many partners each node has, by index."""
        n = len(self.names)
        return np.bincount(self.sources, minlength=n) + np.bincount(self.targets, minlength=n)

    def degree(self, node: str) -> int:
        return int(self.degrees[self.index[node]])

    @cached_property
    def _adjacency(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each node's partners and the rows joining them, grouped by node (offsets into the
        two arrays): 16 bytes per pair."""
        ends = np.concatenate([self.sources, self.targets])
        others = np.concatenate([self.targets, self.sources])
        rows = np.concatenate([np.arange(len(self.sources), dtype=np.int32)] * 2)
        order = np.argsort(ends, kind="stable")
        offsets = np.zeros(len(self.names) + 1, dtype=np.int64)
        np.cumsum(self.degrees, out=offsets[1:])
        return offsets, others[order].astype(np.int32), rows[order]

    def partners(self, node: str) -> dict[str, int]:
        """The partners of `node`, each with the row of their pair."""
        offsets, others, rows = self._adjacency
        i = self.index[node]
        span = slice(offsets[i], offsets[i + 1])
        return {self.names[o]: r for o, r in zip(others[span].tolist(), rows[span].tolist(), strict=True)}

    def tie(self, row: int) -> dict[str, Any]:
        """What joins the pair of `row`, years None where the store gave none."""
        tie: dict[str, Any] = {
            "direct": float(self.direct[row]),
            "shared": int(self.shared[row]),
            "weight": float(self.weight[row]),
        }
        for column in _COLUMNS[3:]:
            year = int(getattr(self, column)[row])
            tie[column] = None if year == NO_YEAR else year
        return tie

    def edges(self, rows: np.ndarray | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every pair (or those of `rows`) with what joins it, a dict made per pair."""
        for row in range(len(self.sources)) if rows is None else rows.tolist():
            yield self.names[self.sources[row]], self.names[self.targets[row]], self.tie(row)

    def rows_touching(self, members: Iterable[str]) -> np.ndarray:
        """The rows of the pairs with at least one end among `members`."""
        return np.flatnonzero(self._touching(members))

    def _touching(self, members: Iterable[str]) -> np.ndarray:
        wanted = self._mask(members)
        touching: np.ndarray = wanted[self.sources] | wanted[self.targets]
        return touching

    def _mask(self, members: Iterable[str]) -> np.ndarray:
        wanted = np.zeros(len(self.names), dtype=bool)
        wanted[[self.index[m] for m in members if m in self.index]] = True
        return wanted

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every pair, without what joins it."""
        names = self.names
        for a, b in zip(self.sources.tolist(), self.targets.tolist(), strict=True):
            yield names[a], names[b]

    def within(self, node: str, hops: int) -> set[str]:
        """`node` and everyone at most `hops` partners away."""
        seen = {node}
        frontier = [node]
        for _ in range(hops):
            frontier = [p for n in frontier for p in self.partners(n) if p not in seen]
            seen.update(frontier)
        return seen

    def subgraph(self, members: Iterable[str]) -> nx.Graph:
        """The pairs among `members` as a networkx graph with what joins each (a page's few
        thousand actors at most)."""
        wanted = self._mask(members)
        G = nx.Graph()
        G.add_nodes_from(self.names[i] for i in np.flatnonzero(wanted).tolist())
        for a, b, tie in self.edges(np.flatnonzero(wanted[self.sources] & wanted[self.targets])):
            G.add_edge(a, b, **tie)
        return G

    def as_edges(self) -> Edges:
        """The arrays the analytics process takes."""
        return Edges(self.names, self.sources, self.targets, self.weight)
