"""A week of real use, walked through the window as an officer does, with a screenshot at each
step: create an action, edit it, import both partner files (indicator values and an action
plan), prepare the committee report, export the plan, close and reopen where it was left.

At 1024x700 in French with ``make test``; at 1366x768 and 1024x700, in French and Dutch, with
``-m slow`` (the screenshots of tests/artifacts/week_walk_* are those looked at)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox
from sqlmodel import func, select
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import LAPTOP, SMALL, activate, plan_id, territory_id

from desktop.models import Action, Observation
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.dialogs.export_dialog import ExportDialog
from desktop.ui.dialogs.report_dialog import ReportDialog
from desktop.ui.import_wizard.wizard import ImportWizard
from desktop.ui.views.actions import ActionListView
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.navigation import NavTarget

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


class Walk:
    """The officer's week: one window, a screenshot name per step."""

    def __init__(self, qtbot: Any, store: Store, artifacts: Path, tag: str) -> None:
        self.qtbot, self.store, self.artifacts, self.tag = qtbot, store, artifacts, tag
        self.step = 0

    def shot(self, widget: Any, name: str) -> None:
        QApplication.processEvents()
        self.step += 1
        widget.grab().save(str(self.artifacts / f"week_walk_{self.tag}_{self.step:02d}_{name}.png"))

    def wizard(self, window: MainWindow, path: Path) -> ImportWizard:
        wizard = window.dialogs.open_import(path)
        assert isinstance(wizard, ImportWizard)
        self.qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
        return wizard

    def next(self, wizard: ImportWizard) -> None:
        assert wizard.currentPage().isComplete(), wizard.currentPage().title()
        wizard.next()
        self.qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)

    def through(self, wizard: ImportWizard, name: str) -> None:
        """From the columns page (or the preview of a known layout) to the import."""
        from desktop.ui.import_wizard.wizard import MAPPING_PAGE, RUN_PAGE

        while wizard.currentId() < MAPPING_PAGE:
            self.next(wizard)
        if wizard.currentId() == MAPPING_PAGE:
            self.shot(wizard, f"{name}_columns")
        while wizard.currentId() < RUN_PAGE:
            self.next(wizard)
        self.qtbot.waitUntil(lambda: wizard.imported is not None, timeout=TIMEOUT)
        self.shot(wizard, f"{name}_done")


def count(store: Store, model: Any, *where: Any) -> int:
    with store.session() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def walk_the_week(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    shared: Path,
    artifacts: Path,
    language: str,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag = f"{language}_{size[0]}x{size[1]}"
    walk = Walk(qtbot, store, artifacts, tag)
    pb_plan = plan_id(store, "PCAET du Pays Boulonnais")
    pays = territory_id(store, "Pays Boulonnais")  # the territory of its PCAET
    boulonnais = territory_id(store, "Communauté d'agglomération du B")  # SIREN 246200364
    with application_look(qapp):
        window = show_demo_window(qtbot, store, language, size)
        activate(qtbot, window)
        walk.shot(window, "monday_opening")
        # -- Monday: create an action in the plan of the Pays Boulonnais ----------------------
        window.navigation.select_target(NavTarget("plan", pb_plan, pb_plan, pays))
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        view = window.views["actions"]
        assert isinstance(view, ActionListView)
        title = view.editor.fields["title"]
        assert isinstance(title, QLineEdit) and title.hasFocus()
        qtbot.keyClicks(title, "Plan velo du Boulonnais")
        qtbot.keyClick(title, Qt.Key.Key_Return)
        with store.session() as session:
            created = session.exec(select(Action).where(Action.code == "PB-7")).one()
        assert created.title == "Plan velo du Boulonnais"
        walk.shot(window, "created_PB-7")
        # -- Tuesday: edit it (status, a budget line for next year), undo names the field -----
        status = view.editor.fields["status"]
        assert isinstance(status, QComboBox)
        status.setCurrentIndex(2)
        assert "Statut" in window.undo_action.text() or "Status" in window.undo_action.text()
        view.editor.tabs.setCurrentIndex(2)
        view.editor.tables["budget"].add_row()
        view.editor.tables["budget"].add_row()
        walk.shot(window, "edited_budget")
        # -- Wednesday: the partners' files ---------------------------------------------------
        before = count(store, Observation, Observation.territory_id == boulonnais)
        wizard = walk.wizard(window, shared / "tet-import-indicateurs-emt.xlsx")
        while wizard.currentId() < 3:
            walk.next(wizard)
        qtbot.keyClicks(wizard.mapping_page.territory_picker.search, "246200364")
        walk.through(wizard, "import_indicators")
        assert count(store, Observation, Observation.territory_id == boulonnais) > before
        wizard.close()
        actions_before = count(store, Action, Action.plan_id == pb_plan)
        wizard = walk.wizard(window, shared / "tet-modele-import-pa.xlsx")
        walk.through(wizard, "import_actions")
        assert count(store, Action, Action.plan_id == pb_plan) == actions_before + 1
        wizard.close()
        window.navigate("indicators")
        walk.shot(window, "indicators_after_import")
        # -- Thursday: the committee report, previewed on a machine without a PDF viewer -------
        dialog = window.dialogs.open_report()
        assert isinstance(dialog, ReportDialog)
        dialog.charts.setChecked(False)
        dialog.sheets.setChecked(False)
        dialog.out.setText(str(artifacts / f"week_walk_{tag}_report.pdf"))
        dialog.generate()
        qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=TIMEOUT)
        walk.shot(dialog, "report_written")
        from desktop.ui.window import open_files

        monkeypatch.setattr(open_files.QDesktopServices, "openUrl", lambda url: False)

        def close_box() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                walk.shot(box, "preview_without_viewer")
                box.reject()

        QTimer.singleShot(0, close_box)
        assert dialog.preview() is False
        dialog.close()
        # -- Friday: export the plan for Territoires en Transitions -----------------------------
        window.export_action.trigger()
        export = next(d for d in window.dialogs.open_dialogs if isinstance(d, ExportDialog))
        export.tet_choice.setChecked(True)
        export.plan.setCurrentIndex(export.plan.findData(pb_plan))
        export.out.setText(str(artifacts / f"week_walk_{tag}_tet.xlsx"))
        export.export()
        qtbot.waitUntil(lambda: export.open_button.isEnabled(), timeout=TIMEOUT)
        walk.shot(export, "exported")
        export.close()
        # -- and back to the new action before closing the window -----------------------------
        window.navigate("actions", created.pk)
        walk.shot(window, "friday_evening")
        window.close()
        # -- Monday again: the store reopens on that action -----------------------------------
        again = MainWindow(store, UserSettings(user_name="Camille", language=language))
        qtbot.addWidget(again)
        again.resize(*size)
        with qtbot.waitSignal(again.ready, timeout=10_000):
            again.show()
        assert again.current_key == "actions"
        reopened = again.views["actions"]
        assert isinstance(reopened, ActionListView)
        assert reopened.editor.action_id == created.pk
        walk.shot(again, "reopened")


def test_a_week_in_french_at_1024x700(
    qtbot: Any,
    qapp: QApplication,
    speak: Any,
    demo_copy: Store,
    shared_data: Path,
    artifacts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    speak("fr")
    walk_the_week(qtbot, qapp, demo_copy, shared_data, artifacts, "fr", SMALL, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("size", [LAPTOP, SMALL])
def test_a_week_at_both_sizes_in_french_and_dutch(
    qtbot: Any,
    qapp: QApplication,
    speak: Any,
    demo_copy: Store,
    shared_data: Path,
    artifacts: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    speak(language)
    walk_the_week(qtbot, qapp, demo_copy, shared_data, artifacts, language, size, monkeypatch)
