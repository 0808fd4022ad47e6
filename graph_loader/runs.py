"""Runs of equal values in a sorted array: how the column paths group rows and pairs
without a dictionary (a million rows, a few million pairs)."""

from __future__ import annotations

import numpy as np


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of `ordered` (sorted) begins; none for no values."""
    if not len(ordered):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
