"""Dependencies of the routes: the store, the cached graph view, settings and the write key."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError

from api.settings import Settings
from queries.store import Store
from queries.view import GraphView


class ViewCache:
    """One GraphView per graph version; a write bumps the version and the next read rebuilds."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version = 0
        self._built: tuple[int, GraphView] | None = None

    def invalidate(self) -> None:
        with self._lock:
            self._version += 1

    def current(self) -> bool:
        """Whether the view of the present graph version is built."""
        built = self._built
        return built is not None and built[0] == self._version

    def get(self) -> GraphView:
        with self._lock:
            if self._built is None or self._built[0] != self._version:
                self._built = (self._version, GraphView(self._store))
            return self._built[1]


class LoadQueue:
    """A bound on ingest requests running or waiting for the single writer: beyond it a
    request is refused at once (429, Retry-After) instead of piling up threads and bodies."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pending = 0
        self._lock = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self.pending >= self.limit:
                raise HTTPException(
                    status_code=429,
                    detail=f"{self.pending} loads are running or waiting; retry later",
                    headers={"Retry-After": "1"},
                )
            self.pending += 1
        try:
            yield
        finally:
            with self._lock:
                self.pending -= 1


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_view(request: Request) -> GraphView:
    return request.app.state.views.get()  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
ViewDep = Annotated[GraphView, Depends(get_view)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_write_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Header(description="A write key.")] = None
) -> None:
    """401 without a key, 403 with a wrong one; compared in constant time, never logged."""
    if not x_api_key:
        raise HTTPException(status_code=401, detail="writes need an API key in the X-API-Key header")
    given = x_api_key.encode()
    if not any(hmac.compare_digest(given, key.get_secret_value().encode()) for key in settings.api_keys):
        raise HTTPException(status_code=403, detail="this API key may not write")


WriteKey = Depends(require_write_key)


def bad_parameter(name: str, message: str, where: str = "query") -> RequestValidationError:
    """A 422 in the same shape as FastAPI's own (the shape the OpenAPI document promises)."""
    return RequestValidationError(
        [{"type": "value_error", "loc": (where, name), "msg": message, "input": None}]
    )
