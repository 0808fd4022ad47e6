"""How the catalog's statements take a caller's filters."""

from __future__ import annotations

from queries.names import name_key


def place_filter(city: str | None) -> dict[str, str]:
    """A place as the statements take it: `city`, an id or a name, and `city_key`, the key of
    that name (name_key), by which they match a place's stored name; '' for none."""
    return {"city": city or "", "city_key": name_key(city) if city else ""}


def actor_filter(city: str | None, label: str | None, country: str | None) -> dict[str, str]:
    """Actors narrowed by the place they are or lie in, their label and their country (its
    upper-case code, their own or their place's), as actor_rows and group_pairs take them."""
    return {**place_filter(city), "label": label or "", "country": (country or "").upper()}
