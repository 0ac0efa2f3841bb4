"""The import wizard driven with pytest-qt, from the file to the committed import: real partner
files, generated files with title rows and several sheets, an edited mapping, rejected cells
in the preview, profile reuse, a refused file and a cancelled import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import col, func, select
from support.hostile import ods_rows_after_a_huge_empty_run

from desktop import i18n
from desktop.io import profiles
from desktop.models import Action, ChangeLog, Indicator, Observation, Plan
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.settings import UserSettings
from desktop.store import Store, open_store
from desktop.ui import style
from desktop.ui.context import AppContext
from desktop.ui.import_wizard.sheet_models import REJECTED_FILL
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
SIREN = "200054781"
TIMEOUT = 60_000


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are checked in English, whatever the catalogs hold (conftest resets it)."""
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _style(qapp: QApplication) -> Iterator[None]:
    sheet, palette = qapp.styleSheet(), qapp.palette()
    style.apply(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A bug shown in a message box would block the test: record it and fail instead."""
    seen: list[str] = []

    def fake(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, fake)
    return seen


@pytest.fixture
def territory(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        create_territory(session, actor, name="Métropole du Grand Paris", siren=SIREN)
    return store


@pytest.fixture
def context(qtbot: Any, territory: Store) -> AppContext:
    return AppContext(territory, UserSettings(user_name="Camille"))


def count(store: Store, model: type) -> int:
    """Rows of a table; for indicators, those an import created (the referential is in every
    store from the start)."""
    query = select(func.count()).select_from(model)
    if model is Indicator:
        query = query.where(col(Indicator.identifier).is_(None))
    with store.session() as session:
        return int(session.exec(query).one())


def open_wizard(qtbot: Any, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard)
    wizard.show()
    settle(qtbot, wizard)
    return wizard


def settle(qtbot: Any, wizard: ImportWizard) -> None:
    """Wait until the background work of the page (reading, checking, importing) is over."""
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)


def go_next(qtbot: Any, wizard: ImportWizard, expected: int) -> None:
    assert wizard.currentPage().isComplete(), wizard.currentPage().title()
    wizard.next()
    assert wizard.currentId() == expected
    settle(qtbot, wizard)


def shot(wizard: ImportWizard, artifacts: Path, name: str) -> None:
    QApplication.processEvents()
    wizard.grab().save(str(artifacts / f"import_wizard_{name}.png"))


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)  # "=SOMME(...)" typed as text
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def test_real_indicator_sheet_from_file_to_commit_then_profile_in_one_step(
    qtbot: Any, context: AppContext, shared_data: Path, artifacts: Path
) -> None:
    store = context.store
    path = shared_data / "tet-import-indicateurs-emt.xlsx"
    # GIVEN the wizard opened on a dropped file
    wizard = open_wizard(qtbot, context, path)
    assert wizard.file_page.isComplete()
    assert "Feuil1" in wizard.file_page.status.text()
    shot(wizard, artifacts, "1_file")
    # WHEN the user goes through the pages with the suggestions
    go_next(qtbot, wizard, HEADER_PAGE)  # one sheet: no sheet page
    assert wizard.header_page.row_spin.value() == wizard.prepared.layout.header_row + 1
    shot(wizard, artifacts, "3_header")
    go_next(qtbot, wizard, MAPPING_PAGE)
    mapping = wizard.mapping_page.mapping()
    assert {"indicator_code", "indicator_name"} <= set(mapping.values())
    assert any(f.startswith("value#") for f in mapping.values())
    shot(wizard, artifacts, "4_mapping")
    go_next(qtbot, wizard, PREVIEW_PAGE)
    preview = wizard.preview_page
    assert preview.isComplete() and wizard.dry_run is not None
    # THEN every rejected cell is marked with its reason: the range "1999-2009" among them
    model = preview.model
    assert model is not None
    marked = [
        (row, col)
        for (row, col), reasons in model.marks.items()
        if any("1999-2009" in r for r in reasons)
    ]
    assert marked
    view_row = model.view_row(marked[0][0])
    assert view_row is not None
    cell = model.index(view_row, max(0, marked[0][1]))
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color().name() == REJECTED_FILL
    assert "1999-2009" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert preview.rejections_model is not None
    assert preview.rejections_model.rowCount() == wizard.dry_run.rejected
    preview._go_to(preview.rejections_model.index(0, 0))
    preview.only_rejected.setChecked(True)
    assert 0 < model.rowCount() <= wizard.dry_run.rejected
    # the file's long column names end in "…" rather than being cut on both sides
    assert preview.table.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight
    shot(wizard, artifacts, "5_preview")
    preview.only_rejected.setChecked(False)
    assert count(store, Observation) == 0  # the dry run wrote nothing
    go_next(qtbot, wizard, SUMMARY_PAGE)
    summary_page = wizard.summary_page
    created = [summary_page.created.item(i).text() for i in range(summary_page.created.count())]
    assert len(created) == len(wizard.dry_run.created_indicators) > 10
    assert "1a" in " ".join(created)
    shot(wizard, artifacts, "6_summary")
    expected = wizard.dry_run.inserted
    # AND the import commits exactly what the dry run announced
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.run_page.isComplete() and wizard.imported is not None
    assert wizard.imported.inserted == expected == count(store, Observation)
    assert wizard.imported.backup and Path(wizard.imported.backup).exists()
    shot(wizard, artifacts, "7_done")
    with store.session() as session:
        assert path.name in set(session.exec(select(ChangeLog.source)))
    saved = profiles.list_profiles(store)
    assert [p.name for p in saved] == [path.stem]
    wizard.accept()

    # Next year's file of the same layout: recognised, mapped by the profile, one step.
    again = open_wizard(qtbot, context, path)
    assert again.prepared is not None and again.prepared.profile == path.stem
    assert again.file_page.nextId() == PREVIEW_PAGE
    go_next(qtbot, again, PREVIEW_PAGE)
    assert "profile" in again.preview_page.status.text()
    go_next(qtbot, again, SUMMARY_PAGE)
    assert again.dry_run is not None and again.dry_run.inserted == 0
    assert again.dry_run.unchanged == expected
    go_next(qtbot, again, RUN_PAGE)
    assert again.imported is not None and again.imported.unchanged == expected
    assert count(store, Observation) == expected


def test_generated_workbook_title_rows_other_sheet_and_edited_mapping(
    qtbot: Any, context: AppContext, tmp_path: Path, artifacts: Path
) -> None:
    store = context.store
    path = _xlsx(
        tmp_path / "partenaire.xlsx",
        {
            "Notes": [["Fichier transmis par l'observatoire"], ["Voir l'onglet Données"]],
            "Données": [
                ["Observatoire régional : consommations du territoire", "", "", ""],
                ["", "", "", ""],
                ["Libellé", "Millésime", "Chiffre (GWh)", "Remarque"],
                ["Consommation résidentielle", 2019, "1 234,5", "estimation"],
                ["Consommation résidentielle", "2 020", "douze", ""],
                ["Consommation tertiaire", 2019, 456, "=SOMME(A1:A2)"],
            ],
        },
    )
    wizard = open_wizard(qtbot, context, path)
    prepared = wizard.prepared
    assert prepared is not None and prepared.sheet.name == "Données"  # the data sheet is chosen
    go_next(qtbot, wizard, SHEET_PAGE)
    assert wizard.sheet_page.sheets.currentItem().text() == "Données"
    shot(wizard, artifacts, "2_sheet")
    go_next(qtbot, wizard, HEADER_PAGE)
    assert wizard.header_page.row_spin.value() == 3  # the title and the blank row are skipped
    go_next(qtbot, wizard, MAPPING_PAGE)
    page = wizard.mapping_page
    # "Chiffre" and "Remarque" are not suggested: the user maps them.
    page.set_field(2, "value")
    page.set_field(3, "comment")
    assert page.mapping() == {0: "indicator_name", 1: "year", 2: "value", 3: "comment"}
    go_next(qtbot, wizard, PREVIEW_PAGE)
    assert wizard.dry_run is not None and wizard.dry_run.rejected == 1
    model = wizard.preview_page.model
    assert model is not None and model.marks == {(4, 2): ["a number was expected"]}
    go_next(qtbot, wizard, SUMMARY_PAGE)
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.inserted == 2
    with store.session() as session:
        values = {(o.year, str(o.value)) for o in session.exec(select(Observation))}
        # "Consommation résidentielle" is the referential's residential consumption
        indicator = session.exec(select(Indicator).where(Indicator.identifier == "cae_2.e")).one()
        comments = set(session.exec(select(Observation.comment)))
    assert values == {(2019, "1234.5"), (2019, "456")} and indicator.unit == "GWh"
    assert "=SOMME(A1:A2)" in comments  # text that looks like a formula stays text


def test_header_row_and_kind_can_be_changed(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    path = _xlsx(
        tmp_path / "orgs.xlsx",
        {
            "Feuille": [
                ["Nom", "Sigle", "Type"],
                ["Région Hauts-de-France", "HDF", "Collectivité"],
            ]
        },
    )
    wizard = open_wizard(qtbot, context, path)
    go_next(qtbot, wizard, HEADER_PAGE)
    wizard.header_page.row_spin.setValue(2)
    assert wizard.prepared is not None and wizard.prepared.layout.names[0] == (
        "Région Hauts-de-France"
    )
    wizard.header_page.row_spin.setValue(1)
    go_next(qtbot, wizard, MAPPING_PAGE)
    page = wizard.mapping_page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("organisations"))
    assert page.mapping() == {0: "name", 1: "acronym", 2: "kind"}
    page.set_field(0, "ignore")
    wizard.next()  # refused: no column of names
    assert wizard.currentId() == MAPPING_PAGE and "organisation names" in page.status.text()
    page.set_field(0, "name")
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    assert wizard.dry_run is not None and wizard.dry_run.created_organisations
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.inserted == 1


def test_action_plan_template_through_the_wizard(
    qtbot: Any, context: AppContext, shared_data: Path, artifacts: Path
) -> None:
    path = shared_data / "tet-modele-import-pa.xlsx"
    wizard = open_wizard(qtbot, context, path)
    assert wizard.prepared is not None and wizard.prepared.sheet.name == "Fichier dimport"
    assert wizard.prepared.kind == "actions"
    go_next(qtbot, wizard, SHEET_PAGE)
    go_next(qtbot, wizard, HEADER_PAGE)
    # The field-type and instruction rows under the header are not data.
    layout = wizard.prepared.layout
    assert layout.first_data_row == layout.header_row + 3
    shot(wizard, artifacts, "3b_header_template")
    go_next(qtbot, wizard, MAPPING_PAGE)
    wizard.mapping_page.plan_edit.setText("PCAET 2024")
    shot(wizard, artifacts, "4b_mapping_actions")
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    shot(wizard, artifacts, "6b_summary_actions")
    # The dry run announces the plan, its axes and sub-axes and the organisations it creates,
    # before anything is written.
    dry = wizard.dry_run
    assert dry is not None
    assert dry.created_plans == ["PCAET 2024"]
    assert [s.split(" ")[0] for s in dry.created_sections] == ["1", "1.1", "1.1.1"]
    assert "Région" in dry.created_organisations
    page = wizard.summary_page
    listed = [page.created.item(i).text() for i in range(page.created.count())]
    assert "Plan: PCAET 2024" in listed
    assert any(t.startswith("Section: 1.1 ") for t in listed)
    assert "Organisation: Région" in listed
    assert page.created_label.text().startswith("Will be created: 1 plan, 3 sections")
    assert count(context.store, Plan) == 0 and count(context.store, Action) == 0
    go_next(qtbot, wizard, RUN_PAGE)
    # One action: the template's example row; its sub-action cell holds an instruction.
    assert wizard.imported is not None and wizard.imported.inserted == dry.inserted == 1
    assert wizard.imported.created_sections == dry.created_sections
    assert "Created: 1 plan, 3 sections (axes and sub-axes), 8 organisations." in (
        wizard.run_page.status.text()
    )
    shot(wizard, artifacts, "7b_done_actions")
    with context.store.session() as session:
        assert [p.title for p in session.exec(select(Plan))] == ["PCAET 2024"]
        actions = session.exec(select(Action)).all()
        assert [(a.code, a.title) for a in actions] == [
            ("1", "Assurer la coordination de la transition écologique")
        ]
        assert actions[0].lead_person == "Marie PAUL, Pierre GWEN"


@pytest.mark.parametrize(
    "name", ["aldo-biomasse-forets-epci.csv", "tet-indicateur-definitions.csv"]
)
def test_other_real_files_through_the_wizard(
    qtbot: Any, context: AppContext, shared_data: Path, name: str
) -> None:
    wizard = open_wizard(qtbot, context, shared_data / name)
    assert wizard.prepared is not None and wizard.prepared.kind == "observations"
    go_next(qtbot, wizard, HEADER_PAGE)
    go_next(qtbot, wizard, MAPPING_PAGE)
    if name.startswith("aldo"):
        wizard.mapping_page.year_spin.setValue(2018)  # the file does not say its year
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    assert wizard.dry_run is not None
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None
    if name.startswith("aldo"):
        # ALDO's forest balance for the store's EPCI, recognised without a mapping; the other
        # EPCIs of the file are unknown territories: reported, not guessed.
        assert wizard.imported.inserted == 1 and wizard.imported.rejected > 1000
        assert any("cae_63.b" in w for w in wizard.imported.warnings)
    else:
        assert len(wizard.imported.created_indicators) > 500
        assert count(context.store, Indicator) == len(wizard.imported.created_indicators)


def test_refused_file_is_explained_and_changes_nothing(
    qtbot: Any, context: AppContext, tmp_path: Path, _no_message_boxes: list[str]
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a workbook" * 20)
    wizard = open_wizard(qtbot, context, path)
    assert not wizard.file_page.isComplete()
    assert "broken.xlsx" in wizard.file_page.status.text()
    assert _no_message_boxes == []  # a known refusal is shown in the page, not as a bug
    assert count(context.store, Indicator) == 0


def test_missing_territory_is_explained_in_the_preview(
    qtbot: Any, store: Store, actor: Actor, tmp_path: Path
) -> None:
    with store.transaction() as session:
        create_territory(session, actor, name="CC A", siren="200000172")
        create_territory(session, actor, name="CC B", siren="200000438")
    context = AppContext(store, UserSettings(user_name="Camille"))
    path = _xlsx(
        tmp_path / "obs.xlsx", {"S": [["Indicateur", "Année", "Valeur"], ["X (t)", 2019, 1]]}
    )
    wizard = open_wizard(qtbot, context, path)
    go_next(qtbot, wizard, HEADER_PAGE)
    go_next(qtbot, wizard, MAPPING_PAGE)
    go_next(qtbot, wizard, PREVIEW_PAGE)
    assert not wizard.preview_page.isComplete()
    assert "territory" in wizard.preview_page.status.text()
    wizard.back()
    page = wizard.mapping_page
    assert page.territory_picker.set_key("200000438")
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.inserted == 1


def test_cancelled_import_leaves_the_store_as_it_was(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    lines = ["Indicateur;Année;Valeur"] + [
        f"Ind {i % 50} (t);{1950 + i // 50};{i}" for i in range(5000)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    wizard = open_wizard(qtbot, context, path)
    go_next(qtbot, wizard, HEADER_PAGE)
    go_next(qtbot, wizard, MAPPING_PAGE)
    go_next(qtbot, wizard, PREVIEW_PAGE)
    go_next(qtbot, wizard, SUMMARY_PAGE)
    before = count(context.store, ChangeLog)
    wizard.next()
    assert wizard.currentId() == RUN_PAGE and wizard.operation is not None
    wizard.operation.cancel()  # what the progress dialog's Cancel button does
    settle(qtbot, wizard)
    assert wizard.imported is None and "cancelled" in wizard.run_page.status.text()
    assert count(context.store, Observation) == 0
    assert count(context.store, ChangeLog) == before


def test_workbook_exported_by_the_application_goes_straight_to_the_summary(
    qtbot: Any, context: AppContext, tmp_path: Path, store: Store, actor: Actor
) -> None:
    from desktop.reports.workbook import export_workbook
    from desktop.services.indicators import create_indicator

    with store.transaction() as session:
        create_indicator(session, actor, code="X1", name="Consommation", unit="MWh")
    out = tmp_path / "export.xlsx"
    export_workbook(store, out)
    target = AppContext(open_store(tmp_path / "other.pcaet"), UserSettings(user_name="Camille"))
    wizard = open_wizard(qtbot, target, out)
    assert wizard.native is not None and wizard.file_page.nextId() == SUMMARY_PAGE
    go_next(qtbot, wizard, SUMMARY_PAGE)
    assert wizard.dry_run is not None and wizard.dry_run.kind == "native"
    assert not wizard.summary_page.save_box.isVisible()
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.imported is not None and wizard.imported.inserted > 0
    assert count(target.store, Indicator) == 1
    target.store.close()


def test_closing_while_reading_drops_the_work_quietly(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    from PySide6.QtCore import QThreadPool

    path = tmp_path / "big.csv"
    lines = ["Indicateur;Année;Valeur"] + [
        f"Ind {i % 50} (t);{1950 + i // 50};{i}" for i in range(20000)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.busy and wizard.operation is not None
    # The reading's outcome still arrives after the wizard closed: once it has (its operation
    # ended), nothing may have happened.
    with qtbot.waitSignal(wizard.operation.ended, timeout=TIMEOUT):
        wizard.reject()  # the user closes the wizard while the file is read
        assert not wizard.busy
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=TIMEOUT)
    assert wizard.prepared is None and count(context.store, Indicator) == 0


def test_long_column_names_are_shortened_in_the_header_and_whole_in_its_tooltip(
    qtbot: Any,
) -> None:
    from desktop.ui.import_wizard.sheet_models import SheetRowsModel

    name = "Commentaire\n(année, source, précisions)"  # written on two lines in the file
    model = SheetRowsModel([["x"], ["y"]], first=1, names=[name])
    horizontal = Qt.Orientation.Horizontal
    assert "\n" not in model.headerData(0, horizontal)
    assert model.headerData(0, horizontal).endswith("Commentaire (année, source, précisions)")
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole).endswith(name)


def test_rows_past_the_last_row_of_a_spreadsheet_are_announced_on_the_summary_page(
    qtbot: Any,
    context: AppContext,
    tmp_path: Path,
    artifacts: Path,
    _no_message_boxes: list[str],
) -> None:
    path = ods_rows_after_a_huge_empty_run(tmp_path, 2_000_000)
    wizard = open_wizard(qtbot, context, path)
    for page in (HEADER_PAGE, MAPPING_PAGE, PREVIEW_PAGE, SUMMARY_PAGE):
        go_next(qtbot, wizard, page)
    warnings = wizard.summary_page.warnings
    assert "past row 1,048,576, the last row a spreadsheet has; they were not read" in (
        warnings.text()
    )
    assert warnings.isVisible()
    shot(wizard, artifacts, "rows_not_read")
    go_next(qtbot, wizard, RUN_PAGE)
    assert wizard.run_page.isComplete() and count(context.store, Observation) == 1
    assert _no_message_boxes == []


def test_a_file_whose_every_row_is_rejected_says_nothing_will_be_written(
    qtbot: Any, context: AppContext, tmp_path: Path, artifacts: Path
) -> None:
    path = tmp_path / "rejected.csv"
    path.write_text(
        "Code;Indicateur;Année;Valeur\nNEW-1;Conso (GWh);2019;beaucoup\n"
        "NEW-2;Prod (GWh);2019;douze\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, context, path)
    for page in (HEADER_PAGE, MAPPING_PAGE, PREVIEW_PAGE):
        go_next(qtbot, wizard, page)
    assert "none is left to import, so nothing would be written" in (
        wizard.preview_page.status.text()
    )
    go_next(qtbot, wizard, SUMMARY_PAGE)
    page = wizard.summary_page
    assert "Every row was rejected: the import writes nothing and creates nothing." in (
        page.warnings.text()
    )
    assert page.created_label.text() == "Nothing new will be created."
    shot(wizard, artifacts, "all_rejected")
    go_next(qtbot, wizard, RUN_PAGE)
    assert count(context.store, Indicator) == 0
