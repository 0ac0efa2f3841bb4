"""Importing the partners' files into the demo store as an officer does in the window: the
territory of indicator values picked by name, SIREN or INSEE code and remembered with the
columns; actions landing in a plan chosen among the existing ones; the template's instruction
cells never taken for data, and the summary counting what is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import func, select
from support.shell import application_look
from support.week import plan_id, shot, territory_id

from desktop.models import Action, Observation, Plan, Section, Territory
from desktop.services.territories import find_territory, search_territories
from desktop.services.text import short_name
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.context import AppContext
from desktop.ui.import_wizard.wizard import (
    HEADER_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    RUN_PAGE,
    SHEET_PAGE,
    SUMMARY_PAGE,
    ImportWizard,
)

pytestmark = pytest.mark.gui
TIMEOUT = 60_000
INDICATORS = "tet-import-indicateurs-emt.xlsx"
ACTIONS = "tet-modele-import-pa.xlsx"


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def fake(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, fake)
    return seen


def open_wizard(
    qtbot: Any, store: Store, path: Path, *, territory: int | None = None, plan: int | None = None
) -> ImportWizard:
    context = AppContext(store, UserSettings(user_name="Camille"))
    context.territory_id, context.plan_id = territory, plan
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
    return wizard


def go_next(qtbot: Any, wizard: ImportWizard, expected: int) -> None:
    page = wizard.currentPage()
    status = getattr(page, "status", None)
    assert page.isComplete(), status.text() if status is not None else page.title()
    wizard.next()
    assert wizard.currentId() == expected
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)


def count(store: Store, model: type, *where: Any) -> int:
    with store.session() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def test_territories_are_found_by_siren_insee_code_name_and_short_name(
    demo_copy: Store,
) -> None:
    with demo_copy.session() as session:
        assert find_territory(session, "246200364").name.startswith(  # type: ignore[union-attr]
            "Communauté d'agglomération du Boulonnais"
        )
        assert find_territory(session, "62193").name.endswith("Calais Terres et Mers")  # type: ignore[union-attr]
        assert find_territory(session, "ca du boulonnais") is not None
        assert find_territory(session, "Métropole Rouen Normandie") is not None
        assert find_territory(session, "999999999") is None
        found = [short_name(t.name) for t in search_territories(session, "2462")]
        assert found == ["CA du Boulonnais"]
        assert [t.siren for t in search_territories(session, "rouen")] == ["200023414"]
        # Each SIREN of the demo is one of the public registers', listed in its notes.
        sirens = {t.name: t.siren for t in session.exec(select(Territory)) if t.siren}
    assert sirens == {
        "Département du Pas-de-Calais": "226200012",
        "Région Hauts-de-France": "200053742",
        "Communauté d'agglomération du Boulonnais": "246200364",
        "Communauté d'agglomération du Pays de Saint-Omer": "200069037",
        "Communauté urbaine de Dunkerque": "245900428",
        "Métropole Rouen Normandie": "200023414",
        "Eurométropole de Strasbourg": "246700488",
    }
    assert short_name("Communauté de communes de Desvres-Samer") == "CC Desvres-Samer"
    assert short_name("Communauté de communes de la Terre des 2 Caps") == (
        "CC de la Terre des 2 Caps"
    )


def test_indicator_values_go_to_the_territory_typed_and_the_profile_remembers_it(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    shared_data: Path,
    artifacts: Path,
) -> None:
    store = demo_copy
    boulonnais = territory_id(store, "Communauté d'agglomération du Boulonnais")
    before = count(store, Observation, Observation.territory_id == boulonnais)
    with application_look(qapp):
        # GIVEN the window on the PASSAGE plan (its territory is the Strait, not an EPCI)
        wizard = open_wizard(
            qtbot,
            store,
            shared_data / INDICATORS,
            territory=territory_id(store, "Détroit"),
            plan=plan_id(store, "PASSAGE"),
        )
        wizard.resize(1024, 680)
        go_next(qtbot, wizard, HEADER_PAGE)
        go_next(qtbot, wizard, MAPPING_PAGE)
        picker = wizard.mapping_page.territory_picker
        # WHEN the officer types the SIREN of the Boulonnais in the territory's search field
        qtbot.keyClicks(picker.search, "246200364")
        assert picker.key() == "246200364"
        assert picker.combo.currentText() == "CA du Boulonnais (246200364)"
        shot(wizard, artifacts, "import_territory_by_siren")
        # THEN the preview accepts the file and the values land in the Boulonnais
        go_next(qtbot, wizard, PREVIEW_PAGE)
        assert "not in the store" not in wizard.preview_page.status.text()
        go_next(qtbot, wizard, SUMMARY_PAGE)
        go_next(qtbot, wizard, RUN_PAGE)
        assert wizard.imported is not None and wizard.imported.inserted > 0
        after = count(store, Observation, Observation.territory_id == boulonnais)
        assert after == before + wizard.imported.inserted
        wizard.close()

        # WHEN next year's file of the same layout comes in
        again = open_wizard(
            qtbot, store, shared_data / INDICATORS, territory=territory_id(store, "Détroit")
        )
        # THEN the remembered columns and territory apply: straight to the preview
        assert again.prepared is not None and again.prepared.profile is not None
        assert again.territory == "246200364"
        go_next(qtbot, again, PREVIEW_PAGE)
        go_next(qtbot, again, SUMMARY_PAGE)
        assert again.dry_run is not None and again.dry_run.inserted == 0
        assert again.dry_run.unchanged == wizard.imported.inserted


@pytest.mark.parametrize(
    ("typed", "siren", "name"),
    [
        ("Rouen", "200023414", "Métropole Rouen Normandie"),
        ("62193", None, "Communauté d'agglomération Grand Calais Terres et Mers"),
    ],
)
def test_territory_found_by_name_or_commune_code_receives_the_values(
    qtbot: Any,
    demo_copy: Store,
    shared_data: Path,
    typed: str,
    siren: str | None,
    name: str,
) -> None:
    store = demo_copy
    wizard = open_wizard(
        qtbot, store, shared_data / INDICATORS, territory=territory_id(store, "Détroit")
    )
    go_next(qtbot, wizard, HEADER_PAGE)
    go_next(qtbot, wizard, MAPPING_PAGE)
    picker = wizard.mapping_page.territory_picker
    qtbot.keyClicks(picker.search, typed)
    assert picker.combo.currentData(0x0003) == name  # the full name in the tooltip
    if siren is not None:
        assert picker.key() == siren
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.inserted > 0
    target = territory_id(store, name)
    assert count(store, Observation, Observation.territory_id == target) >= (
        wizard.imported.inserted
    )


def test_actions_land_in_the_plan_chosen_and_the_summary_counts_what_is_written(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    shared_data: Path,
    artifacts: Path,
) -> None:
    store = demo_copy
    boulonnais = plan_id(store, "PCAET du Pays Boulonnais")
    plans_before = count(store, Plan)
    with application_look(qapp):
        # GIVEN the officer working on the PCAET of the Pays Boulonnais
        wizard = open_wizard(
            qtbot,
            store,
            shared_data / ACTIONS,
            territory=territory_id(store, "Communauté d'agglomération du B"),
            plan=boulonnais,
        )
        wizard.resize(1024, 680)
        go_next(qtbot, wizard, SHEET_PAGE)
        go_next(qtbot, wizard, HEADER_PAGE)
        go_next(qtbot, wizard, MAPPING_PAGE)
        page = wizard.mapping_page
        # THEN the plan proposed is the one worked on, chosen among the existing plans
        titles = [page.plan_combo.itemText(i) for i in range(page.plan_combo.count())]
        assert titles[-1] == "Nouveau plan" and len(titles) == plans_before + 1
        assert page.plan_combo.currentData() == boulonnais
        assert not page.plan_edit.isEnabled()
        shot(wizard, artifacts, "import_actions_target_plan")
        go_next(qtbot, wizard, PREVIEW_PAGE)
        go_next(qtbot, wizard, SUMMARY_PAGE)
        dry = wizard.dry_run
        assert dry is not None and dry.inserted == 1 and dry.created_plans == []
        assert "À ajouter\u00a0: 1" in wizard.summary_page.figures.text()
        shot(wizard, artifacts, "import_actions_summary")
        before = count(store, Action, Action.plan_id == boulonnais)
        go_next(qtbot, wizard, RUN_PAGE)
    # THEN one action was written, as announced, and no instruction became an action; the
    # counts read as French does ("1 ajout", not "1 ajoutées")
    assert wizard.imported is not None and wizard.imported.inserted == 1
    assert "Importé\u00a0: 1 ajout, 0 mise à jour, 0 inchangé, 0 rejet." in (
        wizard.run_page.status.text()
    )
    assert "1 ligne de données" in wizard.file_page.describe()
    assert "33 colonnes" in wizard.file_page.describe()
    assert count(store, Action, Action.plan_id == boulonnais) == before + 1
    assert count(store, Plan) == plans_before
    with store.session() as session:
        titles = list(session.exec(select(Action.title)))
    assert not any(t.startswith("Ces informations") for t in titles)


def test_a_file_whose_axes_match_a_plan_preselects_that_plan(
    qtbot: Any,
    demo_copy: Store,
    shared_data: Path,
) -> None:
    store = demo_copy
    # GIVEN the template imported once into a new plan of the Boulonnais
    wizard = open_wizard(
        qtbot,
        store,
        shared_data / ACTIONS,
        territory=territory_id(store, "Communauté d'agglomération du B"),
    )
    go_next(qtbot, wizard, SHEET_PAGE)
    go_next(qtbot, wizard, HEADER_PAGE)
    go_next(qtbot, wizard, MAPPING_PAGE)
    page = wizard.mapping_page
    page.plan_combo.setCurrentIndex(page.plan_combo.count() - 1)  # "New plan"
    assert page.plan_edit.isEnabled() and page.territory_picker.isEnabled()
    page.plan_edit.setText("Plan climat 2025")
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.created_plans == ["Plan climat 2025"]
    new_plan = plan_id(store, "Plan climat 2025")
    assert count(store, Section, Section.plan_id == new_plan) == 3
    wizard.close()
    # WHEN the file comes again while another plan is being worked on, without a profile
    with store.session() as session:
        from desktop.models import ImportProfile

        for profile in session.exec(select(ImportProfile)):
            session.delete(profile)
        session.commit()
    again = open_wizard(
        qtbot,
        store,
        shared_data / ACTIONS,
        territory=territory_id(store, "Détroit"),
        plan=plan_id(store, "PASSAGE"),
    )
    go_next(qtbot, again, SHEET_PAGE)
    go_next(qtbot, again, HEADER_PAGE)
    go_next(qtbot, again, MAPPING_PAGE)
    # THEN the plan holding the file's axes is proposed
    assert again.mapping_page.plan_combo.currentData() == new_plan
