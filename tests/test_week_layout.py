"""The window on a laptop: it fits the screen, stays readable at 1024x700, names territories
as officers do, and is worked from the keyboard without surprises (no destructive Alt+letter,
Cancel by default, Alt+D to Description, Tab through table cells, visible focus), with Qt's
own dialogs in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
)
from sqlmodel import select
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import SMALL, action_id, activate, choose_plan, shot

from desktop import palette
from desktop.models import Action
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.item_models.action_table import STATUS
from desktop.ui.views.actions import ActionListView
from desktop.ui.window import state as window_state
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.navigation import TARGET_ROLE, NavTarget

pytestmark = pytest.mark.gui
BOULONNAIS_PLAN = "PCAET du Pays Boulonnais"


def open_action(qtbot: Any, window: MainWindow, store: Store, code: str) -> ActionListView:
    choose_plan(qtbot, window, store, BOULONNAIS_PLAN, "Pays Boulonnais")
    window.navigate("actions", action_id(store, code))
    qtbot.wait(30)
    view = window.views["actions"]
    assert isinstance(view, ActionListView)
    return view


def page_of(window: MainWindow, key: str) -> QScrollArea:
    return window._pages[key]


def test_the_first_window_fits_a_laptop_screen(
    qtbot: Any,
    demo_copy: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a 1366x768 screen whose task bar leaves 1366x728
    area = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(window_state, "available_area", lambda window: area)
    window = MainWindow(demo_copy, UserSettings(user_name="Camille"))
    qtbot.addWidget(window)
    # THEN the default window is no taller than the free area, and on it
    assert window.height() <= area.height() - 40 and window.width() <= 1200
    assert area.contains(window.frameGeometry().topLeft())
    # AND a window saved on a bigger screen comes back inside this one
    window.resize(1600, 1000)
    window.move(300, 200)
    window_state.fit_to_screen(window)
    assert window.width() <= area.width() and window.height() <= area.height()
    assert area.contains(window.frameGeometry())


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_view_is_readable_at_1024x700(
    qtbot: Any,
    qapp: QApplication,
    speak: Any,
    demo_copy: Store,
    artifacts: Path,
    language: str,
) -> None:
    speak(language)
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, language, SMALL)
        view = open_action(qtbot, window, demo_copy, "PB-3")
        # THEN the list keeps its status column in sight beside the sheet
        header = view.table.horizontalHeader()
        status_left = header.sectionViewportPosition(STATUS)
        assert 0 <= status_left and status_left + 60 <= view.table.viewport().width()
        # and the sheet has room for its form, its sections on one row
        assert view.editor.width() >= 380
        sections = view.editor.tabs
        shown = [b for b in sections.buttons if b.isVisible()]
        assert len({b.y() for b in shown}) == 1
        assert sections.bar.height() < 2 * shown[0].height()
        shot(window, artifacts, f"small_actions_{language}")
        # WHEN the sheet takes the whole width, every section is on that row
        view.full_width.click()
        assert not view.list_panel.isVisible()
        qtbot.waitUntil(lambda: all(b.isVisible() for b in sections.buttons))
        shot(window, artifacts, f"small_sheet_full_width_{language}")
        view.full_width.click()
        # AND no view scrolls sideways as a whole, the COTRI list keeps readable lines
        for key in ("dashboard", "actions", "indicators", "contracts", "meetings", "organisations"):
            window.navigate(key)
            qtbot.wait(30)
            page = page_of(window, key)
            assert page.horizontalScrollBar().maximum() == 0, key
            shot(window, artifacts, f"small_{key}_{language}")
        contracts = window.views["contracts"]
        assert contracts.list.width() >= 190
        item = contracts.list.item(0)
        height = contracts.list.visualItemRect(item).height()
        lines = height // contracts.list.fontMetrics().height()
        assert lines <= 3  # "COTRI du Pays Boulonnais / 2017–2019 · CA ...", not a word a line


def test_the_navigation_groups_territories_by_kind_with_short_names(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", SMALL)
        tree = window.navigation
        model = tree.model()
        top = [model.index(r, 0) for r in range(model.rowCount())]
        names = [i.data() for i in top]
        assert "Pays Boulonnais" in names  # the territory of a plan comes first
        others = top[names.index("Autres territoires")]
        tree.expand(others)
        groups = [model.index(r, 0, others) for r in range(model.rowCount(others))]
        headings = [g.data() for g in groups]
        assert headings == [
            "CU (1)",
            "CA (4)",
            "CC (5)",
            "Départements (1)",
            "Régions (1)",
            "Comtés (1)",
        ]
        ca = groups[headings.index("CA (4)")]
        tree.expand(ca)
        members = {
            model.index(r, 0, ca).data(): model.index(r, 0, ca) for r in range(model.rowCount(ca))
        }
        assert members["CA du Boulonnais"].data(Qt.ItemDataRole.ToolTipRole) == (
            "Communauté d'agglomération du Boulonnais"
        )
        tips = [g.data(Qt.ItemDataRole.ToolTipRole) for g in groups]
        assert tips[1] == "Communautés d’agglomération"
        for group in groups:
            tree.expand(group)
            rows = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
            assert len(set(rows)) == len(rows)  # no two rows read the same
            assert not any(row.startswith("Communauté d") for row in rows)
        cc = groups[headings.index("CC (5)")]
        members = [model.index(r, 0, cc).data() for r in range(model.rowCount(cc))]
        assert "CC Desvres-Samer" in members
        target = model.index(0, 0, cc).data(TARGET_ROLE)
        assert isinstance(target, NavTarget) and target.kind == "territory"
        tree.setCurrentIndex(QModelIndex())
        shot(tree, artifacts, "navigation_grouped")


def test_keyboard_deletion_asks_with_cancel_by_default_and_alt_d_reaches_description(
    qtbot: Any,
    speak: Any,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    speak("fr")  # Qt's own buttons in French too
    window = show_demo_window(qtbot, demo_copy, "fr", SMALL)
    activate(qtbot, window)
    view = open_action(qtbot, window, demo_copy, "PB-3")
    editor = view.editor
    # THEN no deletion button carries an Alt+letter
    assert QKeySequence.mnemonic(view.delete_button.text()).isEmpty()
    for table in editor.tables.values():
        assert QKeySequence.mnemonic(table.remove_button.text()).isEmpty()
    # Alt+S is Statut's, Alt+D Description's
    qtbot.keyClick(view.table, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.fields["status"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.fields["description"]
    # WHEN Delete is pressed on the list, and Enter answers the question
    answers: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.defaultButton().text())
        shot(box, artifacts, "delete_asks_cancel_by_default")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    view.table.setFocus()
    QTimer.singleShot(0, answer)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    # THEN Enter meant Cancel: the action is still there
    assert answers == ["Annuler"]
    with demo_copy.session() as session:
        assert session.exec(select(Action).where(Action.code == "PB-3")).first() is not None


def test_tab_walks_the_cells_of_a_sheet_table_and_combos_show_their_focus(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", SMALL)
        activate(qtbot, window)
        view = open_action(qtbot, window, demo_copy, "PB-5")
        editor = view.editor
        editor.tabs.setCurrentIndex(1)  # Acteurs: the partners table
        partners = editor.tables["partners"]
        assert partners.table.rowCount() >= 2
        first = partners.table.cellWidget(0, 0)
        assert isinstance(first, QComboBox)
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        # WHEN Tab is pressed three times from the first cell
        qtbot.keyClick(first, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is partners.table.cellWidget(0, 1)  # role
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert partners.table.currentColumn() == 2 and partners.table.currentRow() == 0
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        # THEN the next row's first cell, not the next widget of the form
        assert partners.table.currentRow() == 1
        assert QApplication.focusWidget() is partners.table.cellWidget(1, 0)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert (partners.table.currentRow(), partners.table.currentColumn()) == (0, 2)
        # AND a filter combo shows its focus as line edits do: a border in the accent colour
        combo = view.status_filter
        view.search.setFocus()
        qtbot.waitUntil(view.search.hasFocus)
        before = QColor(combo.grab().toImage().pixel(1, combo.height() // 2))
        combo.setFocus()
        qtbot.waitUntil(combo.hasFocus)
        after = QColor(combo.grab().toImage().pixel(1, combo.height() // 2))
        assert after.name() == QColor(palette.ACCENT).name() != before.name()
        shot(view, artifacts, "filter_focus")


@pytest.mark.parametrize(
    ("language", "look_in", "of_type", "folder"),
    [
        ("fr", "Voir &dans\u00a0:", "Fichiers de &type\u00a0:", "Dossier"),
        ("nl", "&Zoeken in:", "Bestanden van &type:", "Map"),
    ],
)
def test_qt_file_dialogs_speak_the_users_language(
    qtbot: Any,
    qapp: QApplication,
    speak: Any,
    artifacts: Path,
    language: str,
    look_in: str,
    of_type: str,
    folder: str,
) -> None:
    speak(language)
    dialog = QFileDialog(None, "Import")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setNameFilter("Tableurs (*.xlsx)")
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert look_in in labels and of_type in labels
    assert not any(text in labels for text in ("&Look in:", "Files of &type:"))
    dialog.resize(700, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The Type column names folders in the language too (a context Qt's catalogs miss).
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == folder
    shot(dialog, artifacts, f"qt_file_dialog_{language}")
