"""The `innograph` command line, driven through typer's CliRunner on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.main import app
from tests.conftest import DATA

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.lbug"
    monkeypatch.setenv("INNOGRAPH_LADYBUG_PATH", str(db))
    monkeypatch.chdir(tmp_path)  # no stray .env or rejects file in the repo
    return db


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_load_stats_export_and_reload(env: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("load", str(DATA / "sample"))
    assert code == 0, out
    assert "node(s) created" in out
    code, out, _ = invoke("stats", "--json")
    stats = json.loads(out)
    assert len(stats["labels"]) == 9 and len(stats["relationships"]) == 5
    code, out, _ = invoke("export", "--format", "jsonl")
    assert code == 0
    exported = tmp_path / "export.jsonl"
    exported.write_text(out)
    other = tmp_path / "other.lbug"
    import os

    os.environ["INNOGRAPH_LADYBUG_PATH"] = str(other)
    assert invoke("load", str(exported))[0] == 0
    assert json.loads(invoke("stats", "--json")[1]) == stats


def test_graph_file_exports(env: Path, tmp_path: Path) -> None:
    invoke("load", str(DATA / "sample"))
    for fmt in ("graphml", "gexf"):
        target = tmp_path / f"graph.{fmt}"
        code, _, err = invoke("export", "--format", fmt, "-o", str(target))
        assert code == 0, err
        import networkx as nx

        graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
        assert graph.number_of_nodes() == 111
    code, _, err = invoke("export", "--format", "csv")
    assert code == 2 and "give a folder" in err
    code, _, err = invoke("export", "--format", "pdf")
    assert code == 2


def test_query_runs_named_read_queries_only(env: Path) -> None:
    invoke("load", str(DATA / "sample"))
    code, out, _ = invoke(
        "query", "collaborators", "-p", "id=university:wenzhou-medical-university", "-p", "limit=20", "--json"
    )
    assert code == 0
    partners = {row["name"] for row in json.loads(out)}
    assert "University of Alberta" in partners
    code, _, err = invoke("query", "delete_all")
    assert code == 2 and "only read queries" in err
    code, _, err = invoke("query", "no_such")
    assert code == 1 and "no query named" in err
    code, _, err = invoke("query", "collaborators", "-p", "id=x")
    assert code == 1 and "missing limit" in err
    code, out, _ = invoke("query", "--list")
    assert "collaborators" in out and "delete_all" not in out


def test_bad_input_exits_non_zero_and_names_the_line(env: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "node", "label": "Firm", "id": "firm:a", "name": "A"}\n{"kind": "node"\n')
    code, _, err = invoke("load", str(bad))
    assert code == 1
    assert f"{bad}:2: malformed JSON" in err
    assert "nothing was written" in err
    code, out, _ = invoke("load", "--skip-invalid", "--rejects", str(tmp_path / "rej.jsonl"), str(bad))
    assert code == 0 and (tmp_path / "rej.jsonl").exists()


def test_missing_path_and_missing_database(env: Path, tmp_path: Path) -> None:
    code, _, err = invoke("stats")
    assert code == 1 and "innograph init" in err
    code, _, err = invoke("load", str(tmp_path / "nope.jsonl"))
    assert code == 1 and "no such file" in err


def test_every_command_has_help() -> None:
    for command in ("init", "load", "stats", "export", "query"):
        code, out, _ = invoke(command, "--help")
        assert code == 0 and len(out) > 100, command


def test_aliases_lists_what_a_name_resolves_to(env: Path) -> None:
    invoke("load", str(DATA / "corpus"))
    code, out, _ = invoke("aliases", "WMU", "--json")
    first = json.loads(out)[0]
    assert code == 0 and first["id"] == "university:wenzhou-medical-university" and "WMU" in first["aliases"]
    code, _, err = invoke("aliases", "zzzz-no-such-thing")
    assert code == 1 and "no entity matches" in err


def test_stats_say_how_each_town_was_resolved(env: Path, tmp_path: Path) -> None:
    header = (DATA / "cordis-h2020-subset" / "organization.csv").open().readline()
    columns = [c.strip('"') for c in header.strip().split(",")]
    rows = [
        {"city": "PARIS 15", "country": "FR", "name": "LAB A"},
        {"city": "Paris", "country": "FR", "name": "LAB B"},
        {"city": "SELANGOR", "country": "MY", "name": "LAB C"},
        {"city": "TRES CANTOS MADRID", "country": "ES", "name": "LAB D"},
        {"city": "HELSINGIN YLIOPISTO", "country": "FI", "name": "LAB E"},
    ]
    table = tmp_path / "organization.csv"
    with table.open("w", newline="") as out:
        import csv

        writer = csv.DictWriter(out, fieldnames=columns, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow(
                {c: "" for c in columns}
                | row
                | {"projectID": "1", "projectAcronym": "P", "organisationID": str(i), "activityType": "REC"}
            )
    code, out, err = invoke("load", str(table))
    assert code == 0, out + err
    stats = json.loads(invoke("stats", "--json")[1])["cities"]
    assert (stats["resolved"], stats["unresolved"]) == (3, 1)
    assert stats["spellings resolved by"] == {
        "postal or district form": 1,
        "state or region": 1,
        "town with its province": 1,
    }
    assert [r["name"] for r in stats["unresolved, most used"]] == ["Helsingin Yliopisto"]
    code, out, _ = invoke("stats")
    assert "spellings resolved by: " in " ".join(out.split())


def test_a_curation_session(env: Path) -> None:
    assert invoke("load", str(DATA / "corpus"))[0] == 0
    code, out, err = invoke(
        "curate", "merge", "firm:philips", "firm:national-instruments", "-r", "one firm", "--who", "ann"
    )
    assert code == 0 and out.startswith("#1 merge firm:philips"), err
    code, _, err = invoke("curate", "merge", "firm:nobody", "firm:national-instruments")
    assert code == 1 and "entity: no entity 'firm:nobody'" in err
    code, _, err = invoke("curate", "merge", "firm:apta", "university:wenzhou-medical-university")
    assert code == 1 and "retype one first" in err
    code, out, _ = invoke("load", str(DATA / "corpus"))
    assert code == 0 and "corrections applied again to what this load brought back: #1" in out
    assert invoke("curate", "undo", "1", "--who", "ann")[0] == 0
    code, _, err = invoke("curate", "undo", "1")
    assert code == 1 and "#1 was already undone by #2" in err
    code, out, _ = invoke("curate", "log", "--who", "ann")
    logged = [json.loads(line) for line in out.splitlines()]
    assert [(e["number"], e["kind"], e["reason"]) for e in logged] == [
        (2, "undo", ""),
        (1, "merge", "one firm"),
    ]
