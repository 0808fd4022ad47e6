"""Dependencies of the routes: the store, the cached graph view, settings and the write key."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.heavy import HeavyPool
from api.settings import Settings, named_keys
from api.view_cache import Views
from queries.analytics.paths import Links
from queries.store import Store
from serving.hub_rankings import HubRankings
from serving.kept import Kept
from serving.search_index import Labels, Search, SearchKeys, StoreLabels, StoreSearch


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_views(request: Request) -> Views:
    return request.app.state.views  # type: ignore[no-any-return]


def get_links(request: Request) -> Links | None:
    """The in-memory path index, if the store has one and it is built (serving.path_index)."""
    index: Kept[Links] | None = request.app.state.paths
    return index.get() if index is not None else None


# A search waits this long for the search index's first build (seconds at 100k actors).
SEARCH_INDEX_WAIT_S = 120


def get_search(request: Request) -> Search:
    """The name search (serving.search_index): the store's full-text index where it has one,
    else the search index in memory, waiting for its first build."""
    index: Kept[SearchKeys] | None = request.app.state.search
    if index is None:
        return StoreSearch(request.app.state.store)
    keys = index.wait(SEARCH_INDEX_WAIT_S)
    if keys is None:
        raise HTTPException(
            status_code=503, detail="the search index is not ready; retry later", headers={"Retry-After": "5"}
        )
    return keys


def get_labels(request: Request) -> Labels:
    """The actors' labels and names: from the search index once it is built, from the store
    meanwhile (no answer but a search waits for the index)."""
    index: Kept[SearchKeys] | None = request.app.state.search
    keys = index.get() if index is not None else None
    return keys if keys is not None else StoreLabels(request.app.state.store)


def get_hubs(request: Request) -> HubRankings:
    return request.app.state.hubs  # type: ignore[no-any-return]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_heavy(request: Request) -> HeavyPool:
    return request.app.state.heavy  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
ViewsDep = Annotated[Views, Depends(get_views)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
HeavyDep = Annotated[HeavyPool, Depends(get_heavy)]
LinksDep = Annotated["Links | None", Depends(get_links)]
SearchDep = Annotated[Search, Depends(get_search)]
LabelsDep = Annotated[Labels, Depends(get_labels)]
HubsDep = Annotated[HubRankings, Depends(get_hubs)]


def require_write_key(
    settings: SettingsDep, x_api_key: Annotated[str | None, Header(description="A write key.")] = None
) -> str:
    """The key's name; 401 without a key, 403 with a wrong one. Compared in constant time
    (every key, whichever matches), never logged."""
    if not x_api_key:
        raise HTTPException(status_code=401, detail="writes need an API key in the X-API-Key header")
    given = x_api_key.encode()
    matches = [name for name, key in named_keys(settings) if hmac.compare_digest(given, key)]
    if not matches:
        raise HTTPException(status_code=403, detail="this API key may not write")
    return matches[0]


WriteKey = Depends(require_write_key)
KeyName = Annotated[str, Depends(require_write_key)]
