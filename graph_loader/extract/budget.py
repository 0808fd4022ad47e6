"""A time limit for extraction, checked once per sentence.

Extraction is linear in the text, but an API caller may still send ten megabytes of it.
The API sets a limit around a request's extraction; the extractors call check() as they go,
and an article that takes longer is refused (its load writes nothing) instead of holding a
worker for minutes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph_loader.errors import RecordInvalid

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("extraction_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Extraction inside the block stops after `seconds` (None: no limit)."""
    token = _deadline.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise RecordInvalid(
            f"extraction took longer than {limit[1]:g} s; split the article or load it from the command line"
        )
