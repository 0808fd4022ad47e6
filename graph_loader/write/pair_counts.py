"""Collaboration pairs counted with numpy arrays, from the parties of agreements and the
stated ties: an agreement of k parties makes k(k-1)/2 pairs, and a million CORDIS
participations make 4.9 million, so a dictionary of pairs would not fit where arrays do
(graph_loader.write.collaboration reads the inputs and writes the result)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

# A year no pair has: the smallest year seen starts here.
_NO_YEAR = np.iinfo(np.int64).max


@dataclass
class Pairs:
    """Every pair with an end among some actors, as arrays: pair i joins ids[low[i]] and
    ids[high[i]] (ids sorted, so the smaller id comes first, as COLLABORATES stores it)."""

    ids: np.ndarray  # every id met, sorted (object array of str)
    low: np.ndarray
    high: np.ndarray
    direct: np.ndarray  # the strongest stated tie's weight (0.0: none)
    shared: np.ndarray  # agreements both are parties to
    first_seen: np.ndarray  # _NO_YEAR: no year known
    last_seen: np.ndarray  # 0: no year known

    @classmethod
    def count(
        cls,
        members: list[tuple[str, str, int]],
        ties: list[tuple[str, str, float, int, int]],
        *,
        around: list[str] | None = None,
        only: set[tuple[str, str]] | None = None,
    ) -> Pairs:
        """The pairs with an end `around` some actors, or those in `only`, from the parties
        of agreements (`members`: agreement, party, year) and the ties (actor, other,
        weight, first year, last year)."""
        ids = sorted({m[1] for m in members} | {t[0] for t in ties} | {t[1] for t in ties})
        index = {i: n for n, i in enumerate(ids)}
        a1, b1, years = agreement_pairs(members, index)
        a2 = np.array([index[t[0]] for t in ties], dtype=np.int64)
        b2 = np.array([index[t[1]] for t in ties], dtype=np.int64)
        a, b = np.concatenate([a1, a2]), np.concatenate([b1, b2])
        low, high = np.minimum(a, b), np.maximum(a, b)
        keys = low * max(len(ids), 1) + high
        if only is not None:
            wanted = [index[a] * max(len(ids), 1) + index[b] for a, b in only if a in index and b in index]
            keep = (low != high) & np.isin(keys, np.array(wanted, dtype=np.int64))
        else:
            near = np.zeros(len(ids), dtype=bool)
            near[[index[a] for a in around or () if a in index]] = True
            keep = (low != high) & (near[low] | near[high])
        unique, where = np.unique(keys[keep], return_inverse=True)
        from_agreement = keep[: len(a1)]
        agreement_where, tie_where = where[: from_agreement.sum()], where[from_agreement.sum() :]
        tie_keep = keep[len(a1) :]
        direct = np.zeros(len(unique))
        np.maximum.at(direct, tie_where, np.array([t[2] for t in ties], dtype=float)[tie_keep])
        shared = np.bincount(agreement_where, minlength=len(unique))
        first, last = np.full(len(unique), _NO_YEAR), np.zeros(len(unique), dtype=np.int64)
        tie_years = np.array([(t[3], t[4]) for t in ties], dtype=np.int64).reshape(-1, 2)[tie_keep]
        for at, values in (
            (agreement_where, years[from_agreement]),
            (tie_where, tie_years[:, 0]),
            (tie_where, tie_years[:, 1]),
        ):
            known = values > 0
            np.minimum.at(first, at[known], values[known])
            np.maximum.at(last, at[known], values[known])
        size = max(len(ids), 1)
        return cls(np.array(ids, dtype=object), unique // size, unique % size, direct, shared, first, last)

    def only(self, mask: np.ndarray) -> Pairs:
        """The pairs of `mask`."""
        return Pairs(
            self.ids,
            self.low[mask],
            self.high[mask],
            self.direct[mask],
            self.shared[mask],
            self.first_seen[mask],
            self.last_seen[mask],
        )

    def table(self, mask: np.ndarray) -> pa.Table:
        """The COLLABORATES columns of the pairs in `mask`."""
        first, last = self.first_seen[mask], self.last_seen[mask]
        return pa.table(
            {
                "from": pa.array(self.ids[self.low[mask]], type=pa.string()),
                "to": pa.array(self.ids[self.high[mask]], type=pa.string()),
                "direct": pa.array(self.direct[mask], type=pa.float64()),
                "shared": pa.array(self.shared[mask], type=pa.int64()),
                "weight": pa.array(self.direct[mask] + self.shared[mask], type=pa.float64()),
                "first_seen": pa.array(first, type=pa.int64(), mask=first == _NO_YEAR),
                "last_seen": pa.array(last, type=pa.int64(), mask=last == 0),
            }
        )


def agreement_pairs(
    members: list[tuple[str, str, int]], index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one end, the other, the agreement's year) for every two parties of each agreement."""
    if not members:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    members.sort()
    party = np.array([index[m[1]] for m in members], dtype=np.int64)
    year = np.array([m[2] for m in members], dtype=np.int64)
    starts = [0, *(k for k in range(1, len(members)) if members[k][0] != members[k - 1][0]), len(members)]
    ends_a: list[np.ndarray] = []
    ends_b: list[np.ndarray] = []
    years: list[np.ndarray] = []
    for start, end in zip(starts, starts[1:], strict=False):
        if end - start < 2:
            continue
        first, second = _upper_triangle(end - start)
        ends_a.append(party[start + first])
        ends_b.append(party[start + second])
        years.append(np.full(len(first), year[start], dtype=np.int64))
    if not ends_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(ends_a), np.concatenate(ends_b), np.concatenate(years)


@functools.cache
def _upper_triangle(k: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(k, 1)
    return first.astype(np.int64), second.astype(np.int64)
