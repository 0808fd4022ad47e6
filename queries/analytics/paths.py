"""All shortest paths between two entities, in memory, over the relationships a path may use.

The same answer as the catalog's `paths_between` (cooperation, agreements and affiliations,
either direction, at most 4 hops) and, through places as well, `paths_through_places`,
found by a breadth-first search from both ends at once over a compressed adjacency in
numpy arrays: each level expands a whole frontier with a few array operations, so a city
or an agreement with thousands of ties costs one gather, not a Python loop. A test holds
it to networkx's all_shortest_paths.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

PATH_TYPES = ("COOPERATES_WITH", "PARTY_TO", "AFFILIATED_WITH", "LOCATED_IN")
# A path is collaboration unless asked otherwise: two firms of one city are not connected by
# lying in it (a shared town made 41 of 298 unconnected CORDIS pairs "4 hops apart").
COLLABORATION_TYPES = ("COOPERATES_WITH", "PARTY_TO", "AFFILIATED_WITH")
_CODES = {t: i for i, t in enumerate(PATH_TYPES)}


@dataclass(frozen=True)
class Hop:
    source: str  # as the path walks it
    target: str
    type: str
    stored_source: str  # as the relationship is stored
    stored_target: str


# The index's size, stated: per relationship, both directions of a neighbour (int64), its
# type code (int8) and stored direction (bool), 2 x 10 bytes, and one int64 key (what `add`
# skips): 28 bytes; per node, its id string and an int64 offset. No evidence is held: an
# answer reads the evidence of its own hops from the store.
BYTES_PER_RELATIONSHIP = 28


def _key(kinds: np.ndarray, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """One int64 per stored relationship (type, source, target): up to 2**28 nodes."""
    keys: np.ndarray = (sources.astype(np.int64) * (1 << 28) + targets) * 8 + kinds
    return keys


class Links:
    """Every path relationship, both ways, as compressed rows: node i's neighbours are
    indices[indptr[i]:indptr[i + 1]], with their type code and stored direction.

    Relationships written later are added (`add`) without rebuilding the rows: their
    entries are appended to the same arrays and listed per node in `_added`, which every
    expansion of a frontier also reads."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.index: dict[str, int] = {}
        # typed arrays while reading: Python lists of a million numbers are 30 bytes each
        source_list, target_list, kind_list = array("q"), array("q"), array("b")
        for row in rows:
            source_list.append(self.index.setdefault(row["source"], len(self.index)))
            target_list.append(self.index.setdefault(row["target"], len(self.index)))
            kind_list.append(_CODES[row["type"]])
        sources = np.frombuffer(source_list, dtype=np.int64)
        targets = np.frombuffer(target_list, dtype=np.int64)
        kinds = np.frombuffer(kind_list, dtype=np.int8)
        self.ids = list(self.index)
        n = len(self.ids)
        a = np.concatenate([sources, targets])
        order = np.argsort(a, kind="stable")
        self.indices = np.concatenate([targets, sources])[order]
        self.kinds = np.concatenate([kinds, kinds])[order]
        # True where the stored relationship runs from the row's node to the neighbour
        self.forward = np.concatenate([np.ones(len(sources), bool), np.zeros(len(sources), bool)])[order]
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(a, minlength=n), out=self.indptr[1:])
        # the relationships held, as sorted keys (see _key): what `add` skips
        self._keys = np.sort(_key(kinds, sources, targets))
        self._added_keys: set[int] = set()
        self._added: dict[int, list[int]] = {}  # node -> positions of its added neighbours

    def add(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Add relationships written since the index was built (those it has are skipped);
        how many were new."""
        fresh: list[tuple[int, int, int]] = []
        for row in rows:
            if row["type"] not in _CODES:
                continue
            ends = [self.index.setdefault(row[k], len(self.index)) for k in ("source", "target")]
            kind = _CODES[row["type"]]
            key = int(_key(np.array([kind]), np.array([ends[0]]), np.array([ends[1]]))[0])
            held = np.searchsorted(self._keys, key)
            if key in self._added_keys or (held < len(self._keys) and self._keys[held] == key):
                continue
            self._added_keys.add(key)
            fresh.append((kind, ends[0], ends[1]))
        self.ids.extend(list(self.index)[len(self.ids) :])
        if len(self.indptr) < len(self.ids) + 1:  # new nodes: no rows of their own
            self.indptr = np.concatenate(
                [self.indptr, np.full(len(self.ids) + 1 - len(self.indptr), self.indptr[-1])]
            )
        if not fresh:
            return 0
        at = len(self.indices)
        codes, a, b = (np.array(column, dtype=np.int64) for column in zip(*fresh, strict=True))
        self.indices = np.concatenate([self.indices, b, a])
        self.kinds = np.concatenate([self.kinds, codes.astype(np.int8), codes.astype(np.int8)])
        self.forward = np.concatenate([self.forward, np.ones(len(fresh), bool), np.zeros(len(fresh), bool)])
        for k, (_, source, target) in enumerate(fresh):
            self._added.setdefault(source, []).append(at + k)
            self._added.setdefault(target, []).append(at + len(fresh) + k)
        return len(fresh)

    def _expand(self, frontier: np.ndarray, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in `indices`, the parent of each) for every tie of the frontier whose
        type code is `allowed`."""
        starts, ends = self.indptr[frontier], self.indptr[frontier + 1]
        counts = ends - starts
        total = int(counts.sum())
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        positions, parents = offsets + np.arange(total), np.repeat(frontier, counts)
        if self._added:
            extra = [(p, node) for node in frontier.tolist() for p in self._added.get(node, ())]
            if extra:
                more = np.array(extra, dtype=np.int64)
                positions = np.concatenate([positions, more[:, 0]])
                parents = np.concatenate([parents, more[:, 1]])
        keep = allowed[self.kinds[positions]]
        return positions[keep], parents[keep]

    def _work(self, frontier: np.ndarray) -> int:
        """How many ties a frontier has (what growing it costs)."""
        base = int((self.indptr[frontier + 1] - self.indptr[frontier]).sum())
        return (
            base + sum(len(self._added.get(node, ())) for node in frontier.tolist()) if self._added else base
        )

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        limit: int,
        types: tuple[str, ...] = COLLABORATION_TYPES,
    ) -> list[list[Hop]]:
        """Up to `limit` shortest paths of at most `max_hops` hops over relationships of
        `types`, in a stable order."""
        if source not in self.index or target not in self.index or source == target:
            return []
        allowed = np.array([t in types for t in PATH_TYPES], dtype=bool)
        n = len(self.ids)
        ends = (self.index[source], self.index[target])
        dist = [np.full(n, -1, np.int64), np.full(n, -1, np.int64)]
        frontier = [np.array([ends[0]]), np.array([ends[1]])]
        for side in (0, 1):
            dist[side][ends[side]] = 0
        levels: list[list[tuple[np.ndarray, np.ndarray]]] = [[], []]  # per side: (positions, parents)
        depth = [0, 0]
        meeting = np.empty(0, np.int64)
        while depth[0] + depth[1] < max_hops:
            # grow the side whose frontier has fewer ties
            work = [self._work(f) for f in frontier]
            side = 0 if work[0] <= work[1] else 1
            if work[side] == 0:
                break
            positions, parents = self._expand(frontier[side], allowed)
            children = self.indices[positions]
            level = depth[side] + 1
            fresh = dist[side][children] == -1
            dist[side][children[fresh]] = level
            keep = dist[side][children] == level  # every tie into the new level: all shortest paths
            levels[side].append((positions[keep], parents[keep]))
            frontier[side] = np.unique(children[keep])
            depth[side] = level
            met = frontier[side][dist[1 - side][frontier[side]] >= 0]
            if met.size:
                total = dist[0][met] + dist[1][met]
                meeting = np.sort(met[total == total.min()])
                break
        paths: list[list[Hop]] = []
        seen: set[tuple[tuple[str, str], ...]] = set()
        for middle in meeting.tolist():
            for left in self._walks(levels[0], middle, int(dist[0][middle]), limit):
                for right in self._walks(levels[1], middle, int(dist[1][middle]), limit):
                    path = left + [self._reverse(h) for h in reversed(right)]
                    # parallel relationships (two roles in one agreement) make one path
                    signature = tuple((h.source, h.type) for h in path)
                    if signature in seen:
                        continue
                    seen.add(signature)
                    paths.append(path)
                    if len(paths) >= limit:
                        return paths
        return paths

    def _walks(
        self, levels: list[tuple[np.ndarray, np.ndarray]], node: int, depth: int, limit: int
    ) -> list[list[Hop]]:
        """The walks from this side's end to `node` (at `depth`), as hops from the end."""
        if depth == 0:
            return [[]]
        positions, parents = levels[depth - 1]
        into = np.nonzero(self.indices[positions] == node)[0]
        walks: list[list[Hop]] = []
        for k in sorted(into.tolist(), key=lambda k: (int(parents[k]), int(self.kinds[positions[k]]))):
            parent, position = int(parents[k]), int(positions[k])
            for walk in self._walks(levels, parent, depth - 1, limit - len(walks)):
                walks.append(walk + [self._hop(parent, node, position)])
                if len(walks) >= limit:
                    return walks
        return walks

    def _hop(self, parent: int, child: int, position: int) -> Hop:
        a, b = self.ids[parent], self.ids[child]
        stored = (a, b) if self.forward[position] else (b, a)
        return Hop(a, b, PATH_TYPES[self.kinds[position]], *stored)

    @staticmethod
    def _reverse(hop: Hop) -> Hop:
        return Hop(hop.target, hop.source, hop.type, hop.stored_source, hop.stored_target)
