"""``pcaet reference``: the Strasbourg reference as JSON and text, saving, importing an official
reference and refusing a file of another territory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from support import strasbourg
from support.stores import copy_store

from desktop.cli.main import main
from desktop.models import ReferenceKind, ReferenceSeries
from desktop.store import open_store


@pytest.fixture
def db(tmp_path: Path, store_template: Path) -> Path:
    path = copy_store(store_template, tmp_path / "ems.pcaet")
    store = open_store(path)
    strasbourg.build(store)
    store.close()
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()  # what earlier commands printed
    assert main(["--lang", "en", "reference", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_gives_series_unit_method_and_missing(db: Path, capsys) -> None:
    data = _json(capsys, "--db", str(db), "--territory", strasbourg.SIREN)
    assert set(data) == {"series", "unit", "method", "missing"}
    assert data["unit"] == "kteq CO2"
    assert data["series"]["cae_1.e"]["2030"] == pytest.approx(653.598 * 0.72)
    assert data["series"]["cae_1.i"]["2030"] == pytest.approx(348.525 * 0.65)
    assert data["series"]["cae_1.i"]["2050"] == pytest.approx(348.525 * 0.19)
    assert list(data["series"]["cae_1.c"]) == [str(y) for y in range(2015, 2051)]
    assert "Simplified SNBC sector reference, not ADEME" in data["method"]
    assert data["missing"] == ["cae_2.g", "cae_2.h", "cae_2.j", "cae_2.l_pcaet", "cae_2.a"]
    energy = _json(capsys, "--db", str(db), "--territory", "Strasbourg", "--domain", "energy")
    assert energy["unit"] == "GWh" and energy["series"] == {} and "L100-4" in energy["method"]


def test_text_prints_every_year_and_names_the_sectors(db: Path, capsys) -> None:
    assert (
        main(["--lang", "fr", "reference", "--db", str(db), "--territory", strasbourg.SIREN]) == 0
    )
    out = capsys.readouterr().out
    assert "Référence sectorielle simplifiée" in out
    lines = [line for line in out.splitlines() if line[:4].isdigit()]
    assert [line[:4] for line in lines] == [str(y) for y in range(2015, 2051)]
    assert "470,6" in next(line for line in lines if line.startswith("2030"))


def test_save_then_import_official_then_refuse_another_territory(
    db: Path, tmp_path: Path, capsys
) -> None:
    assert main(["reference", "--db", str(db), "--territory", strasbourg.SIREN, "--save"]) == 0
    tet = strasbourg.tet_export(tmp_path / "trajectoire.xlsx")
    assert (
        main(["reference", "--db", str(db), "--territory", strasbourg.SIREN, "--import", str(tet)])
        == 0
    )
    data = _json(capsys, "--db", str(db), "--territory", strasbourg.SIREN)
    assert data["series"]["cae_1.c"]["2030"] == strasbourg.official_value("cae_1.c", 2030)
    assert "Official SNBC reference" in data["method"]
    other = strasbourg.ademe_workbook(tmp_path / "outil.xlsx", siren="200067106")
    assert (
        main(
            ["reference", "--db", str(db), "--territory", strasbourg.SIREN, "--import", str(other)]
        )
        == 2
    )
    assert "200067106" in capsys.readouterr().err
    store = open_store(db)
    with store.session() as session:
        kinds = {s.kind for s in session.exec(select(ReferenceSeries))}
    store.close()
    assert kinds == {ReferenceKind.SIMPLIFIED_SNBC, ReferenceKind.OFFICIAL}
    assert any(p.name.startswith("ems-rev") for p in (db.parent / "backups").iterdir())


def test_an_unknown_territory_is_a_known_problem(db: Path, capsys) -> None:
    assert main(["reference", "--db", str(db), "--territory", "999999999"]) == 1
    assert "999999999" in capsys.readouterr().err


@pytest.mark.parametrize("builder", [strasbourg.tet_export, strasbourg.ademe_workbook])
def test_the_ordinary_import_refuses_a_reference_file_and_says_where_it_goes(
    db: Path, tmp_path: Path, capsys, builder
) -> None:
    from desktop.io.importer import ImportRequest, prepare
    from desktop.io.safety import FileRefused
    from desktop.models import Observation

    # GIVEN a trajectory downloaded from Territoires en Transitions, or ADEME's workbook
    path = builder(tmp_path / "trajectoire.xlsx")
    store = open_store(db)
    with store.session() as session:
        before = len(session.exec(select(Observation)).all())
    store.close()
    # WHEN it is given to the ordinary import (the command, and the wizard's analysis)
    assert main(["--lang", "en", "import", "--db", str(db), str(path)]) == 2
    # THEN it is refused, pointing to the reference import, and no value was written
    err = capsys.readouterr().err
    assert "SNBC reference trajectory" in err and "pcaet reference --import" in err
    store = open_store(db)
    with store.session() as session:
        assert len(session.exec(select(Observation)).all()) == before
    with pytest.raises(FileRefused, match="SNBC reference trajectory"):
        prepare(store, ImportRequest(path=path))
    store.close()
