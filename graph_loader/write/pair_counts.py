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

from graph_loader.runs import run_starts

# A year no pair has: the smallest year seen starts here.
_NO_YEAR = np.iinfo(np.int32).max

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
    ids[high[i]] (ids sorted, so the smaller id comes first, as COLLABORATES stores it).
    Positions, counts and years are 32-bit: 4.9 million pairs are 200 MB at 64 bits."""

    ids: pa.StringArray  # every id met, sorted
    low: np.ndarray
    high: np.ndarray
    direct: np.ndarray  # the strongest stated tie's weight (0.0: none)
    shared: np.ndarray  # agreements both are parties to
    first_seen: np.ndarray  # _NO_YEAR: no year known
    last_seen: np.ndarray  # 0: no year known

    # Longer than the other functions for a reason: each array is let go of (del) the moment
    # the next step has what it needs. Cut into helpers, the caller's frame would hold every
    # array it passes until the helper returns, and the peak of a million-row load (3.9
    # million pairs, benchmarks/cordis_scale.py) is what this function was shaped for.
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
        ends = [pc.unique(c) for c in (members["party"], ties["source"], ties["target"])]
        ids = pc.unique(pa.concat_arrays(ends))
        ids = ids.take(pc.sort_indices(ids))
        size = max(len(ids), 1)

        def positions(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
            """Where each of `values` is in `ids`; -1 where it is not."""
            return np.asarray(pc.fill_null(pc.index_in(values, value_set=ids), -1), dtype=np.int32)

        # positions and years in 32 bits, the pairs filled in place and numbered by one sort
        # without an inverse: the 3.9 million pairs of a million CORDIS participations took
        # 505 MB more than the load around them, its peak
        a1, b1, years = agreement_pairs(members["agreement"], positions(members["party"]), members["year"])
        a = np.concatenate([a1, positions(ties["source"])])
        b = np.concatenate([b1, positions(ties["target"])])
        del a1, b1
        low, high = np.minimum(a, b), np.maximum(a, b)
        del a, b
        keys = low.astype(np.int64) * size + high
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
        # the kept entries in pair order; each pair's figures reduced over its run of them
        picked = np.flatnonzero(keep).astype(np.int32)
        del keep
        keys = keys[picked]
        order = np.argsort(keys, kind="stable")
        keys, picked = keys[order], picked[order]
        del order
        starts = run_starts(keys)
        unique = keys[starts]
        del keys
        if not len(unique):
            empty = np.zeros(0, dtype=np.int32)
            return cls(ids, empty, empty, np.zeros(0), empty, empty, empty)
        low, high = (unique // size).astype(np.int32), (unique % size).astype(np.int32)
        del unique
        from_agreements = len(years)
        tie = picked >= from_agreements
        shared = np.add.reduceat((~tie).astype(np.int32), starts, dtype=np.int32)
        at = picked[tie] - from_agreements
        if len(at):
            weight = np.zeros(len(picked))
            weight[tie] = np.asarray(pc.fill_null(ties["weight"], 1.0), dtype=float)[at]
            direct = np.maximum(np.maximum.reduceat(weight, starts), 0.0)
            del weight
        else:
            direct = np.zeros(len(starts))
        # each entry's earliest and latest stated year (an agreement's year; a tie's first
        # and last), then each pair's
        first_year = np.asarray(pc.fill_null(ties["first_seen"], 0), dtype=np.int32)[at]
        last_year = pc.fill_null(pc.coalesce(ties["last_seen"], ties["first_seen"]), 0)
        last_year = np.asarray(last_year, dtype=np.int32)[at]
        agreement_year = years[picked[~tie]]
        del picked
        lowest = np.full(len(tie), _NO_YEAR, dtype=np.int32)
        lowest[~tie] = _stated(agreement_year, _NO_YEAR)
        lowest[tie] = np.minimum(_stated(first_year, _NO_YEAR), _stated(last_year, _NO_YEAR))
        first = np.minimum.reduceat(lowest, starts)
        del lowest
        highest = np.zeros(len(tie), dtype=np.int32)
        highest[~tie] = _stated(agreement_year, 0)
        highest[tie] = np.maximum(_stated(first_year, 0), _stated(last_year, 0))
        last = np.maximum.reduceat(highest, starts)
        return cls(ids, low, high, direct, shared, first, last)

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
    codes = np.asarray(pc.index_in(agreement, value_set=pc.unique(agreement)))
    order = np.argsort(codes, kind="stable")
    codes, party = codes[order], party[order]
    years = np.asarray(pc.fill_null(year, 0), dtype=np.int32)[order]
    starts = run_starts(codes)
    sizes = np.diff(np.append(starts, len(codes)))
    del codes, order
    # filled in place, size by size: pieces to concatenate held the pairs twice
    triangles = sizes * (sizes - 1) // 2
    total = int(triangles.sum())
    ends_a, ends_b = np.empty(total, dtype=party.dtype), np.empty(total, dtype=party.dtype)
    pair_years = np.empty(total, dtype=np.int32)
    at = 0
    for k in np.unique(sizes[sizes >= 2]).tolist():
        group_starts = starts[sizes == k]
        block = group_starts[:, None] + np.arange(k)
        first, second = _upper_triangle(k)
        end = at + len(group_starts) * len(first)
        ends_a[at:end] = party[block[:, first]].ravel()
        ends_b[at:end] = party[block[:, second]].ravel()
        pair_years[at:end] = np.repeat(years[group_starts], len(first))
        at = end
    return ends_a, ends_b, pair_years


def _stated(years: np.ndarray, otherwise: int) -> np.ndarray:
    """`years`, with `otherwise` where no year is stated (0)."""
    return np.where(years > 0, years, otherwise)


@functools.cache
def _upper_triangle(k: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(k, 1)
    return first.astype(np.int64), second.astype(np.int64)
