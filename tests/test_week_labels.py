"""Undo and redo say what they undo in the user's words, and a record's history shows values
as the user reads them: field names, enum words, dates, amounts and referenced records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import LAPTOP, action_id, choose_plan, shot

from desktop.record_labels import field_label, snapshot_text, value_text
from desktop.store import Store
from desktop.ui.views.actions import ActionListView

pytestmark = pytest.mark.gui


def history_rows(view: ActionListView) -> list[tuple[str, str, str]]:
    table = view.editor.history
    return [
        tuple(table.item(row, column).text() for column in (2, 3, 4))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


def test_stored_names_and_codes_read_as_words() -> None:
    assert field_label("lead_organisation_id") == "Organisme pilote"
    assert value_text("budget_line", "state", "to_be_defined") == "À définir"
    assert value_text("action", "status", "in_progress") == "En cours"
    assert value_text("action", "end_date", "2026-03-31") == "31/03/2026"
    assert value_text("budget_line", "amount", "12500.00") == "12\u202f500"
    assert value_text("action", "confidential", "true") == "Oui"
    assert value_text("action", "section_id", "4", lambda table, i: f"{table} {i}") == "section 4"
    summary, details = snapshot_text(
        "budget_line", '{"year": "2026", "state": "amount", "amount": "1500", "unit": "EUR"}'
    )
    assert summary == "2026 1\u202f500 EUR"
    assert "État : Montant".replace(" :", "\u00a0:") in details


def test_undo_labels_and_history_speak_the_users_words(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
        choose_plan(qtbot, window, demo_copy, "PCAET du Pays Boulonnais", "Pays Boulonnais")
        view = window.views["actions"]
        assert isinstance(view, ActionListView)
        view.open_action(action_id(demo_copy, "PB-5"))
        editor = view.editor
        # WHEN the officer renames the action and changes its status and lead
        title = editor.fields["title"]
        assert isinstance(title, QLineEdit)
        title.setFocus()
        title.selectAll()
        qtbot.keyClicks(title, "Pole alimentaire du Boulonnais")  # QTest types ASCII only
        qtbot.keyClick(title, Qt.Key.Key_Return)
        # THEN Edit > Undo names the field as the form does
        assert window.undo_action.text() == "&Annuler Modifier «\u00a0Intitulé\u00a0»"
        status = editor.fields["status"]
        assert isinstance(status, QComboBox)
        status.setCurrentIndex(status.findText("En cours"))
        assert window.undo_action.text() == "&Annuler Modifier «\u00a0Statut\u00a0»"
        lead = editor.fields["lead_organisation_id"]
        assert isinstance(lead, QComboBox)
        lead.setCurrentIndex(lead.findText("Agence de l", Qt.MatchFlag.MatchStartsWith))
        assert lead.currentIndex() > 0
        assert window.undo_action.text() == "&Annuler Modifier «\u00a0Organisme pilote\u00a0»"
        # A budget line made an amount: two fields in one step
        budget = editor.tables["budget"]
        budget.add_row()
        row = budget.table.rowCount() - 1
        state = budget.table.cellWidget(row, 3)
        assert isinstance(state, QComboBox)
        state.setCurrentIndex(state.findText("Montant"))
        assert window.undo_action.text() == "&Annuler Modifier «\u00a0État, Montant\u00a0»"
        window.undo_action.trigger()
        assert window.redo_action.text() == "&Rétablir Modifier «\u00a0État, Montant\u00a0»"
        window.redo_action.trigger()
        # THEN the history reads in words, dates and names, never codes or numbers of rows
        editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
        # the editor reloads once the edits are notified
        status_row = ("Modification\u00a0: action, Statut", "À discuter", "En cours")
        qtbot.waitUntil(lambda: status_row in history_rows(view))
        rows = history_rows(view)
        lead_rows = [r for r in rows if r[0].endswith("Organisme pilote")]
        assert lead_rows[0][1:] == (
            "MACADAM FARM",
            "Agence de l'environnement et de la maîtrise de l'énergie",
        )
        assert not any(r[1].isdigit() or r[2].isdigit() for r in lead_rows)
        created = [r for r in rows if r[0] == "Création\u00a0: ligne budgétaire"]
        assert created[0][2] == f"{date.today().year} À définir"
        assert not any("to_be_defined" in r[1] + r[2] or "_id" in r[0] for r in rows)
        view.editor.resize(700, 500)
        shot(window, artifacts, "history_in_words")
        menu = window.menuBar().actions()[1].menu()
        menu.popup(window.mapToGlobal(window.rect().topLeft()))
        shot(menu, artifacts, "undo_label")
        menu.close()
