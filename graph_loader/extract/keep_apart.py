"""Resolution settings that a person can change: names that must never be merged.

Extraction merges the names of one entity (abbreviations, short forms, spelling
variants, near-identical names). When it merges two that are different things, a
`keep_apart` entry undoes that for every later extraction:

    # innograph-aliases.toml  (INNOGRAPH_ALIASES_FILE)
    [[keep_apart]]
    names = ["Shanghai Yangtze River Delta Technology Research Institute",
             "Shanghai Yangtze River Delta Technology Innovation Research Institute"]

Names are compared case- and punctuation-insensitively. Graphs already loaded keep
the merged node: re-create them (`innograph init --reset`, then load again).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from graph_loader.errors import RecordInvalid
from queries.names import name_key

KeepApart = frozenset[frozenset[str]]
NOTHING: KeepApart = frozenset()


def load_keep_apart(path: Path | None) -> KeepApart:
    if path is None:
        return NOTHING
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RecordInvalid(f"cannot read the alias settings: {exc}", where=str(path)) from None
    pairs: set[frozenset[str]] = set()
    for number, entry in enumerate(data.get("keep_apart", []), start=1):
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or len(names) < 2 or not all(isinstance(n, str) for n in names):
            raise RecordInvalid(
                f"keep_apart entry {number}: 'names' must list two or more names", where=str(path)
            )
        pairs.update(frozenset((name_key(a), name_key(b))) for a, b in combinations(names, 2))
    return frozenset(pairs)


def kept_apart(name: str, others: Iterable[str], rules: KeepApart) -> bool:
    """Whether `name` may not be merged with an entity known by any of `others`."""
    if not rules:
        return False
    key = name_key(name)
    return any(frozenset((key, name_key(other))) in rules for other in others)
