"""Which town or region a table's spelling names (graph_loader.places.towns), on the shipped
GeoNames and ISO 3166-2 lists: the cases the CORDIS subset brought, each with the step
that must find it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_loader.places import towns as places
from graph_loader.places.towns import how_resolved, resolve_city


@pytest.mark.parametrize(
    ("spelling", "country", "coordinates", "name", "kind", "how"),
    [
        ("KOLN", "DE", None, "Köln", "city", places.BY_NAME),
        ("MUNCHEN", "DE", None, "Munich", "city", places.BY_ALTERNATE_NAME),
        ("ROMA", "IT", None, "Rome", "city", places.BY_ALTERNATE_NAME),  # not the province
        ("WIEN", "AT", None, "Vienna", "city", places.BY_ALTERNATE_NAME),  # not the Land
        ("NEW YORK", "US", None, "New York City", "city", places.BY_ALTERNATE_NAME),
        ("PARIS 15", "FR", None, "Paris", "city", places.BY_POSTAL_FORM),
        ("TOULOUSE CEDEX 9", "FR", None, "Toulouse", "city", places.BY_POSTAL_FORM),
        ("DERIO (BIZKAIA)", "ES", None, "Derio", "city", places.BY_POSTAL_FORM),
        ("SELANGOR", "MY", None, "Selangor", "region", places.BY_REGION),  # not Kuala Selangor
        ("NAVARRA", "ES", None, "Navarra", "region", places.BY_REGION),
        ("LANDAU AN DER ISAR", "DE", None, "Landau an der Isar", "city", places.BY_SMALL_TOWN),
        ("Leudelange", "LU", None, "Leudelange", "city", places.BY_SMALL_TOWN),  # not Dudelange
        ("Remich", "LU", None, "Remich", "city", places.BY_SMALL_TOWN),  # the town, not its canton
        ("TRES CANTOS MADRID", "ES", None, "Tres Cantos", "city", places.BY_TOWN_AND_PROVINCE),
        ("ZWIJNAARDE - GENT", "BE", None, "Zwijnaarde", "city", places.BY_TOWN_AND_PROVINCE),
        ("YORK NORTH YORKSHIRE", "GB", None, "York", "city", places.BY_TOWN_AND_PROVINCE),
        # a namesake near the row's coordinates (Bangor in Wales, not Northern Ireland)
        ("BANGOR", "GB", (53.228, -4.129), "Bangor", "city", places.BY_COORDINATES),
        ("RUESCHLIKON", "CH", (47.307, 8.556), "Rüschlikon", "city", places.BY_NEAR_SPELLING),
    ],
)
def test_a_spelling_names_its_place(
    spelling: str,
    country: str,
    coordinates: tuple[float, float] | None,
    name: str,
    kind: str,
    how: str,
) -> None:
    place = resolve_city(spelling, country, *(coordinates or (None, None)))
    assert place is not None and place.resolved
    assert (place.name, place.kind, place.country, place.how) == (name, kind, country, how)


def test_coordinates_choose_only_among_towns_called_so() -> None:
    # the City of London has "London" among its alternate names and lies nearer to many rows
    assert resolve_city("LONDON", "GB", 51.515, -0.092).name == "London"  # type: ignore[union-attr]
    bangor_wales = resolve_city("BANGOR", "GB", 53.228, -4.129)
    bangor_ulster = resolve_city("BANGOR", "GB", 54.653, -5.668)
    assert bangor_wales and bangor_ulster and bangor_wales.id != bangor_ulster.id
    # a namesake far from the row's coordinates is not chosen: the first town stays
    assert resolve_city("NEWPORT", "GB", 10.0, 10.0).id == resolve_city("NEWPORT", "GB").id  # type: ignore[union-attr]


def test_a_compound_spelling_far_from_its_coordinates_stays_unresolved() -> None:
    # Saint-Quentin-en-Yvelines (near Versailles) is not Saint-Quentin in the Aisne
    assert resolve_city("SAINT QUENTIN YVELINES CEDEX", "FR", None, None).resolved  # type: ignore[union-attr]
    assert not resolve_city("SAINT QUENTIN YVELINES CEDEX", "FR", 48.78, 2.04).resolved  # type: ignore[union-attr]


def test_towns_of_one_name_in_two_countries_get_two_ids() -> None:
    cambridge = {resolve_city("Cambridge", c).id for c in ("GB", "US")}  # type: ignore[union-attr]
    assert cambridge == {"city:cambridge", "city:cambridge-us"}
    # a region whose name a town elsewhere has carries its country
    assert resolve_city("Victoria", "AU").id == "city:victoria-au"  # type: ignore[union-attr]


def test_an_unknown_name_stays_unresolved_with_its_country() -> None:
    place = resolve_city("HELSINGIN YLIOPISTO", "FI")
    assert place is not None and not place.resolved and place.how == places.UNRESOLVED
    assert place.name == "Helsingin Yliopisto" and place.id.endswith("-fi")
    assert resolve_city("  ", "FI") is None


def test_how_resolved_names_the_step_of_each_alias() -> None:
    paris = resolve_city("Paris", "FR")
    assert paris is not None
    assert how_resolved("PARIS 15", "FR", paris.id) == places.BY_POSTAL_FORM
    bangor = resolve_city("BANGOR", "GB", 53.228, -4.129)
    assert bangor is not None
    assert how_resolved("BANGOR", "GB", bangor.id) == places.BY_COORDINATES
    ruschlikon = resolve_city("RUESCHLIKON", "CH", 47.307, 8.556)
    assert ruschlikon is not None
    assert how_resolved("RUESCHLIKON", "CH", ruschlikon.id) == places.BY_NEAR_SPELLING


def test_the_towns_table_is_kept_between_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built once into the user's cache folder and read back as built; a damaged file is
    built again, and a cache folder that cannot be written costs only the time."""
    from graph_loader.places import geonames

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    older = tmp_path / "cache" / "innograph" / "towns-0123456789abcdef.arrow"
    older.parent.mkdir(parents=True)
    older.write_bytes(b"an earlier version's")
    built = geonames._towns_table()
    kept = geonames._cache_file()
    assert kept.is_file() and kept.parent == older.parent
    assert not older.exists()  # one file, whatever versions came before

    def not_again() -> None:
        raise AssertionError("built again although it is kept")

    monkeypatch.setattr(geonames, "_built_towns_table", not_again)
    assert geonames._towns_table().equals(built)

    kept.write_bytes(b"not an Arrow file")
    monkeypatch.setattr(geonames, "_built_towns_table", lambda: built)
    assert geonames._towns_table().equals(built)
    monkeypatch.setattr(geonames, "_built_towns_table", not_again)
    assert geonames._towns_table().equals(built)  # the damaged file was replaced

    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    monkeypatch.setattr(geonames, "_built_towns_table", lambda: built)
    assert geonames._towns_table().equals(built)


def test_a_region_keeps_the_name_order_its_people_write() -> None:
    # ISO 3166-2 inverts some names ("Madrid, Comunidad de"); a list after a comma is no inversion
    from graph_loader.places.subdivisions import subdivision_spellings

    regions = {region for _, _, region, _ in subdivision_spellings()}
    assert {"Comunidad de Madrid", "Principado de Asturias", "Respublika Tatarstan"} <= regions
    assert "Southern Nations, Nationalities and Peoples" in regions
    assert not {"Madrid, Comunidad de", "Asturias, Principado de"} & regions


def test_regions_have_their_english_names() -> None:
    # ISO 3166-2 writes Lombardia and Vlaams Gewest; English texts write Lombardy and Flanders
    from graph_loader.extract import gazetteer

    regions = gazetteer.subdivisions()
    assert (regions["Lombardy"].country, regions["Flanders"].country) == ("IT", "BE")
    assert regions["Bavaria"].name == "Bayern"  # a name ISO 3166-2 already gives stays its own
    assert "Grad" not in regions  # four letters: an everyday word somewhere (German "degree")
