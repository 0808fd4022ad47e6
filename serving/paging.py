"""Paging as API users know it from OpenAlex: page/per_page, or an opaque cursor for deep paging."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from queries.store import Store
from serving.errors import BadParameter
from serving.schemas import Meta

T = TypeVar("T")


def _encode(offset: int) -> str:
    return base64.urlsafe_b64encode(str(offset).encode()).decode()


def _decode(cursor: str) -> int:
    """The offset of a cursor this API gave out; anything else (a sign, spaces, underscores,
    other digits than 0-9, padding changed) is refused, since it re-encodes differently."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        text = ""
    if not (text.isascii() and text.isdigit()) or _encode(int(text)) != cursor:
        raise BadParameter("cursor", "not a cursor this API gave out")
    return int(text)


def page_of(
    items: Sequence[T], page: int, per_page: int, cursor: str | None, started: float
) -> tuple[list[T], Meta]:
    """One page of `items` and its Meta (count, time since `started`, the next cursor)."""
    offset = offset_of(page, per_page, cursor)
    chunk = list(items[offset : offset + per_page])
    return chunk, paged_meta(len(items), offset, len(chunk), page, per_page, cursor, started)


def read_page(
    store: Store,
    query: str,
    params: dict[str, Any],
    count: int,
    page: int,
    per_page: int,
    cursor: str | None,
    started: float,
    slots: dict[str, str] | None = None,
) -> tuple[list[dict[str, Any]], Meta]:
    """One page of a catalog statement that takes `skip` and `limit`, out of `count` rows, and
    its Meta."""
    offset = offset_of(page, per_page, cursor)
    rows = (
        store.run(query, {**params, "skip": offset, "limit": per_page}, slots=slots) if offset < count else []
    )
    return rows, paged_meta(count, offset, len(rows), page, per_page, cursor, started)


def counted_first(
    first_rows: Callable[[int], list[dict[str, Any]]], limit: int, count: Callable[[], int]
) -> tuple[int, list[dict[str, Any]]]:
    """How many rows a ranking has and its first `limit` rows: fewer rows than `limit` are the
    whole ranking and so their own count; `count()` runs only for a longer one."""
    rows = first_rows(limit)
    return (len(rows) if len(rows) < limit else count()), rows


def offset_of(page: int, per_page: int, cursor: str | None) -> int:
    """Where the page asked for by `page` or `cursor` starts."""
    return _decode(cursor) if cursor else (page - 1) * per_page


def paged_meta(
    count: int, offset: int, shown: int, page: int, per_page: int, cursor: str | None, started: float
) -> Meta:
    """The Meta of a page of `shown` items from `offset` out of `count`."""
    end = offset + shown
    return Meta(
        count=count,
        db_response_time_ms=elapsed_ms(started),
        page=None if cursor else page,
        per_page=per_page,
        next_cursor=_encode(end) if end < count else None,
    )


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def meta(count: int, started: float) -> Meta:
    """The Meta of an answer that is not paged."""
    return Meta(count=count, db_response_time_ms=elapsed_ms(started))
