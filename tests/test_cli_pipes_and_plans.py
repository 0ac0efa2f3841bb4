"""A closed output pipe ends quietly; ``--plan NAME`` finds a plan whose name is unique."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support.shell import fill
from support.stores import copy_store

from desktop.cli.main import main
from desktop.models import TerritoryKind
from desktop.services import plans, territories
from desktop.services.changes import Actor
from desktop.store import open_store

ACTOR = Actor("test", "test")


@pytest.fixture
def db(tmp_path: Path, store_template: Path) -> Path:
    path = copy_store(store_template, tmp_path / "store.pcaet")
    store = open_store(path)
    fill(store, ACTOR)
    store.close()
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "obs.csv"
    path.write_text(
        "Indicateur;Année;Valeur\nConso (GWh);2019;1234,5\nConso (GWh);2020;12\n", encoding="utf-8"
    )
    return path


class ClosedPipe(io.TextIOBase):
    """stdout whose reader went away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_every_command_ends_quietly_on_a_closed_pipe(
    db: Path,
    sheet: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    runs = {
        "init": ["init", "--db", str(tmp_path / "new.pcaet"), "--name", "CC"],
        "info": ["info", "--db", str(db), "--json"],
        "backup": ["backup", "--db", str(db)],
        "import": ["import", "--db", str(db), str(sheet), "--json"],
        "template": ["template", "actions", "--out", str(tmp_path / "t.xlsx")],
        "chart": ["chart", "--db", str(db), "--indicator", "GES", "--out", str(tmp_path / "c.svg")],
        "export": ["export", "--db", str(db), "--out", str(tmp_path / "e.xlsx")],
        "restore": ["restore", "--db", str(tmp_path / "new.pcaet"), str(db)],
    }
    for name, args in runs.items():
        monkeypatch.setattr(sys, "stdout", ClosedPipe())
        code = main(["--lang", "en", *args])
        monkeypatch.undo()
        assert code == 141, name
        err = capsys.readouterr().err
        assert "unexpected" not in err and "Traceback" not in err, (name, err)


def test_import_json_into_a_closed_pipe_commits_and_ends_quietly(db: Path, sheet: Path) -> None:
    # The reader is gone before the command starts: its first write meets a closed pipe.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop.cli.main",
                "--lang",
                "en",
                "import",
                "--db",
                str(db),
                str(sheet),
                "--json",
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == ""
    connection = sqlite3.connect(db)
    values = connection.execute(
        "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id "
        "WHERE i.name LIKE 'Conso%'"
    ).fetchone()[0]
    connection.close()
    assert values == 2  # the import was committed


def test_import_json_piped_to_head_reads_the_first_line(db: Path, sheet: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m desktop.cli.main import --db {db} {sheet} --json | head -1; "
        'echo "status ${PIPESTATUS[0]}" >&2',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout == "{\n"
    assert result.stderr.strip() in ("status 0", "status 141")


# -- --plan NAME on a store with several territories ------------------------------------------


def _actions_sheet(path: Path) -> Path:
    path.write_text(
        "Axe (x);Titre de la fiche action;Statut\n1. Énergie;Chaufferie collective;En cours\n",
        encoding="utf-8",
    )
    return path


def test_plan_by_a_unique_name_with_several_territories(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db)
    with store.transaction() as session:
        other = territories.create_territory(
            session, ACTOR, name="CC Voisine", kind=TerritoryKind.CC
        )
        plans.create_plan(session, ACTOR, territory_id=other.pk, title="PCAET Voisine")
    store.close()
    sheet = _actions_sheet(tmp_path / "actions.csv")
    args = ["--lang", "en", "import", "--db", str(db), str(sheet), "--kind", "actions", "--json"]
    assert main([*args, "--plan", "PCAET 2024-2030"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["created_plans"] == [] and summary["inserted"] == 1
    assert main([*args, "--plan", "pcaet voisine"]) == 0  # names compare as people write them
    assert json.loads(capsys.readouterr().out)["inserted"] == 1
    # a new name still needs the territory
    assert main([*args, "--plan", "Nouveau plan"]) == 2
    assert "territory" in capsys.readouterr().err


def test_a_plan_name_shared_by_two_territories_asks_for_the_territory(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db)
    with store.transaction() as session:
        other = territories.create_territory(
            session, ACTOR, name="CC Voisine", kind=TerritoryKind.CC
        )
        plans.create_plan(session, ACTOR, territory_id=other.pk, title="PCAET 2024-2030")
    store.close()
    sheet = _actions_sheet(tmp_path / "actions.csv")
    code = main(
        [
            "--lang",
            "en",
            "import",
            "--db",
            str(db),
            str(sheet),
            "--kind",
            "actions",
            "--plan",
            "PCAET 2024-2030",
        ]
    )
    assert code == 2
    assert "Several territories have a plan named PCAET 2024-2030" in capsys.readouterr().err


def test_help_into_a_closed_pipe_ends_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli.main", "--help"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode in (0, 141) and result.stderr == ""
