"""Nothing is written unless something is accepted, nothing is cut or dropped without a word:
imports whose rows are all rejected, indicators and territories whose values are all
rejected, texts longer than the store holds (a name is never cut: its row is rejected; a free
text is shortened with a warning), in the summary, the command line's text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from desktop import i18n
from desktop.cli.main import main as cli_main
from desktop.io.importer import ImportRequest, import_file
from desktop.io.safety import FileRefused
from desktop.models import (
    Action,
    ChangeLog,
    Indicator,
    Observation,
    Organisation,
    Plan,
    Section,
    Territory,
)
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store

SIREN = "200054781"


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def territory(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        create_territory(session, actor, name="Métropole du Grand Paris", siren=SIREN)
    return store


def count(store: Store, model: type) -> int:
    query = select(func.count()).select_from(model)
    if model is Indicator:  # the file's: every store also holds the indicator referential
        query = query.where(col(Indicator.identifier).is_(None))
    with store.session() as session:
        return int(session.exec(query).one())


def csv_file(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def backups(store: Store) -> list[Path]:
    assert store.path is not None
    folder = store.path.parent / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("dry_run", [False, True])
def test_an_import_whose_every_row_is_rejected_writes_nothing(
    territory: Store, actor: Actor, tmp_path: Path, dry_run: bool
) -> None:
    # GIVEN a file that names two new indicators, none of whose values is a number
    path = csv_file(
        tmp_path / "rejected.csv",
        "Code;Indicateur;Année;Valeur",
        "NEW-1;Conso (GWh);2019;beaucoup",
        "NEW-2;Prod (GWh);2019;n/a ?",
    )
    log_before = count(territory, ChangeLog)
    # WHEN it is imported
    summary = import_file(territory, ImportRequest(path, dry_run=dry_run), actor)
    # THEN nothing is created, committed or backed up, and the summary says so
    assert (summary.inserted, summary.rejected, summary.created_indicators) == (0, 2, [])
    assert "Every row was rejected: the import writes nothing and creates nothing." in (
        summary.warnings
    )
    assert count(territory, Indicator) == 0
    assert count(territory, ChangeLog) == log_before
    assert summary.backup is None and backups(territory) == []


def test_an_action_plan_whose_every_row_is_rejected_creates_no_plan(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "plan.csv",
        "Axe;Titre de l'action;Statut",
        "1. Sobriété;;En cours",
        "2. Mobilité;;A venir",
    )
    summary = import_file(territory, ImportRequest(path, kind="actions"), actor)
    assert summary.rejected == 2 and summary.created_plans == summary.created_sections == []
    assert count(territory, Plan) == count(territory, Section) == count(territory, Action) == 0


def test_an_indicator_whose_every_value_is_rejected_is_not_created(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "mixed.csv",
        "Code;Indicateur;Année;Valeur",
        "GOOD;Conso (GWh);2019;12",
        "BAD;Prod (GWh);2019;douze",
        "BAD;Prod (GWh);2020;treize",
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert (summary.inserted, summary.rejected) == (1, 2)
    assert summary.created_indicators == ["GOOD Conso"]
    with territory.session() as session:
        assert [
            i.code
            for i in session.exec(select(Indicator).where(col(Indicator.identifier).is_(None)))
        ] == ["GOOD"]


def test_a_referential_without_values_still_defines_its_indicators(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    # (indicators of the authority's own: the regulatory ones are in the store already)
    path = csv_file(
        tmp_path / "referentiel.csv",
        "Code;Indicateur;Unité",
        "REF-1;Haies plantées;km",
        "REF-2;Logements rénovés;logements",
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert sorted(summary.created_indicators) == ["REF-1 Haies plantées", "REF-2 Logements rénovés"]
    assert count(territory, Indicator) == 2


def test_territories_are_created_only_for_accepted_values(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "epci.csv",
        "SIREN;EPCI;Indicateur;Année;Valeur (GWh)",
        "200000172;CC A;Conso;2019;12",
        "200000438;CC B;Conso;2019;beaucoup",
    )
    summary = import_file(territory, ImportRequest(path, create_territories=True), actor)
    assert (summary.inserted, summary.rejected) == (1, 1)
    assert summary.created_territories == ["200000172"]
    with territory.session() as session:
        assert sorted(t.siren or "" for t in session.exec(select(Territory))) == [
            "200000172",
            SIREN,
        ]


def test_a_territory_name_longer_than_the_store_holds_is_rejected_not_cut(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    name = "Communauté " * 30  # 330 characters
    path = csv_file(
        tmp_path / "long-territory.csv",
        "EPCI;Indicateur;Année;Valeur (GWh)",
        f"{name};Conso;2019;12",
    )
    summary = import_file(territory, ImportRequest(path, create_territories=True), actor)
    assert summary.inserted == 0 and summary.created_territories == []
    assert summary.rejections[0].reason == (
        "territory name: 329 characters, more than the 200 the store holds"
    )
    assert count(territory, Territory) == 1


def test_an_indicator_name_longer_than_the_store_holds_is_rejected_not_cut(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    # (not a regulatory indicator: those are matched to the referential the store holds)
    name = "Linéaire de haies plantées dans le bocage du territoire " * 12  # 672 characters
    path = csv_file(
        tmp_path / "long-name.csv",
        "Indicateur;Année;Valeur",
        f"{name} (km);2019;12",
        f"{name} (km);2020;13",
        "Haies (km);2019;1",
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.inserted == 1
    assert [(r.row, r.reason) for r in summary.rejections] == [
        (
            2,
            f"indicator name: {len(name.strip())} characters, more than the 500 the store "
            "holds: its values are not imported",
        )
    ]
    with territory.session() as session:
        assert [
            len(i.name)
            for i in session.exec(select(Indicator).where(col(Indicator.identifier).is_(None)))
        ] == [5]


def test_a_two_megabyte_name_refuses_the_file_and_says_which_line(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    name = "Consommation " * 160_000
    path = csv_file(tmp_path / "huge-name.csv", "Indicateur;Année;Valeur", f"{name};2019;1")
    with pytest.raises(FileRefused, match="line 2 holds a cell of more than 32,767 characters"):
        import_file(territory, ImportRequest(path), actor)
    assert count(territory, Indicator) == 0


def test_long_free_texts_are_shortened_with_a_warning_everywhere_the_summary_goes(
    territory: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comment = "Une explication très détaillée. " * 400  # 12,800 characters
    source = "ORECA, " * 60  # 420 characters
    path = csv_file(
        tmp_path / "long-texts.csv",
        "Indicateur;Année;Valeur;Commentaire;Source",
        f"Conso (GWh);2019;12;{comment};{source}",
        f"Conso (GWh);2020;13;{comment};court",
    )
    db = str(territory.path)
    assert cli_main(["--lang", "en", "import", "--db", db, str(path), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert (
        "Sheet long-texts, column comment: 2 texts longer than 10,000 characters were "
        "shortened to 10,000 (rows 2, 3)."
    ) in text
    assert (
        "Sheet long-texts, column source: 1 text longer than 300 characters was shortened "
        "to 300 (row 2)."
    ) in text
    assert cli_main(["--lang", "en", "import", "--db", db, str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["warnings"]) == 2
    assert [(s["column"], s["limit"], s["count"], s["rows"]) for s in data["shortened"]] == [
        ("comment", 10000, 2, [2, 3]),
        ("source", 300, 1, [2]),
    ]
    with territory.session() as session:
        stored = session.exec(select(Observation).order_by(Observation.year)).all()
        assert [len(o.comment) for o in stored] == [10_000, 10_000]
        assert len(stored[0].source) == 300 and stored[1].source == "court"


def test_action_texts_too_long_for_the_store(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    title = "Rénover les logements sociaux du territoire " * 12  # 528 characters
    person = "Camille Dupont, " * 15
    path = csv_file(
        tmp_path / "actions.csv",
        "Titre de l'action;Personne pilote;Statut",
        f"{title};Camille;En cours",
        f"Pistes cyclables;{person};A venir",
    )
    summary = import_file(territory, ImportRequest(path, kind="actions", plan="PCAET"), actor)
    assert summary.inserted == 1
    assert [(r.row, r.reason) for r in summary.rejections] == [
        (2, f"action title: {len(title.strip())} characters, more than the 500 the store holds")
    ]
    assert any("shortened to 200" in w for w in summary.warnings), summary.warnings
    with territory.session() as session:
        action = session.exec(select(Action)).one()
        assert action.title == "Pistes cyclables" and len(action.lead_person) == 200


def test_a_siren_too_long_is_rejected_not_cut(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "partenaires.csv", "Nom;SIREN", "Région Hauts-de-France;2000539100000"
    )
    summary = import_file(territory, ImportRequest(path, kind="organisations"), actor)
    assert [r.reason for r in summary.rejections] == ["A SIREN number has 9 digits."]
    with territory.session() as session:
        assert session.exec(select(Organisation)).one().siren is None
