"""Collaboration pairs counted with numpy arrays, from the parties of agreements and the
stated ties: an agreement of k parties makes k(k-1)/2 pairs, and a million CORDIS
participations make 4.9 million, so a dictionary of pairs would not fit where arrays do
(graph_loader.write.collaboration reads the inputs and writes the result).

The inputs are Arrow tables, as the store's whole reads give them: ids become positions in
one sorted array of ids by Arrow's hash lookup, not a Python dictionary, so a million
parties read from the store never become Python tuples."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# A year no pair has: the smallest year seen starts here.
_NO_YEAR = np.iinfo(np.int64).max

# The parties of agreements: one row per agreement and party, with the agreement's year.
MEMBERS = pa.schema([("agreement", pa.string()), ("party", pa.string()), ("year", pa.int64())])
# The stated ties (COOPERATES_WITH), in either direction; nulls where nothing is stated.
TIES = pa.schema(
    [
        ("source", pa.string()),
        ("target", pa.string()),
        ("weight", pa.float64()),
        ("first_seen", pa.int64()),
        ("last_seen", pa.int64()),
    ]
)


def members_table(rows: Iterable[tuple[str, str, int | None]]) -> pa.Table:
    """(agreement, party, year) rows as a MEMBERS table."""
    return _table(rows, MEMBERS)


def ties_table(rows: Iterable[tuple[str, str, float | None, int | None, int | None]]) -> pa.Table:
    """(source, target, weight, first year, last year) rows as a TIES table."""
    return _table(rows, TIES)


def _table(rows: Iterable[tuple[object, ...]], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) or [()] * len(schema)
    return pa.table([pa.array(c, f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def as_schema(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table`'s columns of `schema`, cast to its types (a store's read of nothing but nulls
    has Arrow's null type; Neo4j's read of no rows has no columns at all)."""
    if table.num_rows == 0:
        return schema.empty_table()
    return pa.table([table[f.name].cast(f.type) for f in schema], schema=schema)


@dataclass
class Pairs:
    """Every pair with an end among some actors, as arrays: pair i joins ids[low[i]] and
    ids[high[i]] (ids sorted, so the smaller id comes first, as COLLABORATES stores it)."""

    ids: pa.StringArray  # every id met, sorted
    low: np.ndarray
    high: np.ndarray
    direct: np.ndarray  # the strongest stated tie's weight (0.0: none)
    shared: np.ndarray  # agreements both are parties to
    first_seen: np.ndarray  # _NO_YEAR: no year known
    last_seen: np.ndarray  # 0: no year known

    @classmethod
    def count(
        cls,
        members: pa.Table,
        ties: pa.Table,
        *,
        around: list[str] | None = None,
        only: set[tuple[str, str]] | None = None,
    ) -> Pairs:
        """The pairs with an end `around` some actors, or those in `only`, from the parties
        of agreements (`members`, a MEMBERS table) and the ties (a TIES table). A tie states
        weight 1 when it states none, and its last year is its first when only that is
        known."""
        members, ties = as_schema(members, MEMBERS), as_schema(ties, TIES)
        ends = [c.combine_chunks() for c in (members["party"], ties["source"], ties["target"])]
        ids = pc.unique(pa.concat_arrays(ends))
        ids = ids.take(pc.sort_indices(ids))
        size = max(len(ids), 1)

        def positions(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
            """Where each of `values` is in `ids`; -1 where it is not."""
            return np.asarray(pc.fill_null(pc.index_in(values, value_set=ids), -1), dtype=np.int64)

        a1, b1, years = agreement_pairs(members["agreement"], positions(members["party"]), members["year"])
        a = np.concatenate([a1, positions(ties["source"])])
        b = np.concatenate([b1, positions(ties["target"])])
        del a1, b1
        low, high = np.minimum(a, b), np.maximum(a, b)
        del a, b
        keys = low * size + high
        if only is not None:
            pairs = list(only)
            ends_a = positions(pa.array([p[0] for p in pairs], pa.string()))
            ends_b = positions(pa.array([p[1] for p in pairs], pa.string()))
            known = (ends_a >= 0) & (ends_b >= 0)
            keep = (low != high) & np.isin(keys, ends_a[known] * size + ends_b[known])
        else:
            near = np.zeros(len(ids), dtype=bool)
            at = positions(pa.array(around or [], pa.string()))
            near[at[at >= 0]] = True
            keep = (low != high) & (near[low] | near[high])
        del low, high
        unique, where = np.unique(keys[keep], return_inverse=True)
        from_agreements = len(years)
        agreement_keep, tie_keep = keep[:from_agreements], keep[from_agreements:]
        agreement_where, tie_where = where[: agreement_keep.sum()], where[agreement_keep.sum() :]
        weight = np.asarray(pc.fill_null(ties["weight"], 1.0), dtype=float)[tie_keep]
        direct = np.zeros(len(unique))
        np.maximum.at(direct, tie_where, weight)
        shared = np.bincount(agreement_where, minlength=len(unique))
        first_year = np.asarray(pc.fill_null(ties["first_seen"], 0), dtype=np.int64)[tie_keep]
        last_year = pc.fill_null(pc.coalesce(ties["last_seen"], ties["first_seen"]), 0)
        last_year = np.asarray(last_year, dtype=np.int64)[tie_keep]
        first, last = np.full(len(unique), _NO_YEAR), np.zeros(len(unique), dtype=np.int64)
        for at, values in (
            (agreement_where, years[agreement_keep]),
            (tie_where, first_year),
            (tie_where, last_year),
        ):
            stated = values > 0
            np.minimum.at(first, at[stated], values[stated])
            np.maximum.at(last, at[stated], values[stated])
        return cls(ids, unique // size, unique % size, direct, shared, first, last)

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
                "from": self.ids.take(pa.array(self.low[mask])),
                "to": self.ids.take(pa.array(self.high[mask])),
                "direct": pa.array(self.direct[mask], type=pa.float64()),
                "shared": pa.array(self.shared[mask], type=pa.int64()),
                "weight": pa.array(self.direct[mask] + self.shared[mask], type=pa.float64()),
                "first_seen": pa.array(first, type=pa.int64(), mask=first == _NO_YEAR),
                "last_seen": pa.array(last, type=pa.int64(), mask=last == 0),
            }
        )


def agreement_pairs(
    agreement: pa.ChunkedArray, party: np.ndarray, year: pa.ChunkedArray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one end, the other, the agreement's year; 0: none) for every two parties of each
    agreement, `party` giving the parties' positions. The agreements of one size are paired
    at once (a CORDIS project has 2-45 parties: 44 steps for 119,303 agreements)."""
    if len(party) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    codes = np.asarray(pc.index_in(agreement, value_set=pc.unique(agreement)))
    order = np.argsort(codes, kind="stable")
    codes, party = codes[order], party[order]
    years = np.asarray(pc.fill_null(year, 0), dtype=np.int64)[order]
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    sizes = np.diff(np.append(starts, len(codes)))
    ends_a: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    ends_b: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    pair_years: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    for k in np.unique(sizes[sizes >= 2]).tolist():
        group_starts = starts[sizes == k]
        block = group_starts[:, None] + np.arange(k)
        first, second = _upper_triangle(k)
        ends_a.append(party[block[:, first]].ravel())
        ends_b.append(party[block[:, second]].ravel())
        pair_years.append(np.repeat(years[group_starts], len(first)))
    return np.concatenate(ends_a), np.concatenate(ends_b), np.concatenate(pair_years)


@functools.cache
def _upper_triangle(k: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(k, 1)
    return first.astype(np.int64), second.astype(np.int64)
