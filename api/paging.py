"""Paging as API users know it from OpenAlex: page/per_page, or an opaque cursor for deep paging."""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from typing import Annotated, TypeVar

from fastapi import Query

from api.deps import bad_parameter
from api.schemas import Meta

T = TypeVar("T")

PageQ = Annotated[int, Query(ge=1, le=10_000, description="Page number (1-based).")]
PerPageQ = Annotated[int, Query(ge=1, le=100, description="Results per page (at most 100).")]
CursorQ = Annotated[str | None, Query(max_length=64, description="Opaque cursor from meta.next_cursor.")]


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
        raise bad_parameter("cursor", "not a cursor this API gave out")
    return int(text)


def page_of(
    items: Sequence[T], page: int, per_page: int, cursor: str | None, started: float
) -> tuple[list[T], Meta]:
    offset = _decode(cursor) if cursor else (page - 1) * per_page
    chunk = list(items[offset : offset + per_page])
    end = offset + len(chunk)
    next_cursor = _encode(end) if end < len(items) else None
    meta = Meta(
        count=len(items),
        db_response_time_ms=round((time.perf_counter() - started) * 1000, 2),
        page=None if cursor else page,
        per_page=per_page,
        next_cursor=next_cursor,
    )
    return chunk, meta
