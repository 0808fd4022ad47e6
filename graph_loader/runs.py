"""Keys and runs of equal values: how the column paths group rows and pairs without a
dictionary (a million rows, a few million pairs). A row's values in several columns, each
numbered 0..count-1, become one int64 key; sorted, equal keys make a run."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

# Keys stay below this (products of the columns' counts of distinct values).
KEY_SPACE = 2**62


def combined_key(columns: Iterable[tuple[np.ndarray, int]]) -> np.ndarray:
    """One int64 per row that is equal exactly where all of `columns` (each row's number
    below the column's count) are equal; renumbered only when the product of the counts
    would leave 64 bits, since each renumbering is a sort."""
    key: np.ndarray | None = None
    space = 1  # every key is below it
    for codes, count in columns:
        if key is None:
            key, space = codes.astype(np.int64), max(count, 1)
            continue
        if space * count >= KEY_SPACE:
            key = np.unique(key, return_inverse=True)[1].reshape(-1)
            space = int(key.max()) + 1
        key = key * count + codes
        space *= count
    if key is None:
        raise ValueError("no columns to key by")
    return key


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of `ordered` (sorted) begins; none for no values."""
    if not len(ordered):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
