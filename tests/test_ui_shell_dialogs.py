"""The shell's dialogs: settings (the user's and the store's), about, and the conflict
dialog; screenshots of each for people to look at. Shared helpers: ``support/shell.py``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from sqlmodel import select
from support.shell import application_look

from desktop import paths
from desktop.models import Action
from desktop.services import actions as action_service
from desktop.services.changes import Actor, ConflictError
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.dialogs.conflict import ConflictDialog
from desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _styled(qapp: Any) -> Iterator[None]:
    with application_look(qapp):
        yield


def test_settings_are_saved(
    qtbot: Any, qapp: Any, window: MainWindow, settings: UserSettings
) -> None:
    from desktop.ui.qt_translations import remove_qt_translations

    assert window.menuBar().actions()[0].text() == "&Fichier"
    dialog = window.dialogs.open_settings()
    dialog.user_name.setText("Dominique Martin")
    dialog.retention.setValue(7)
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    try:
        dialog.accept()
        saved = UserSettings.load()
        assert (saved.user_name, saved.backup_retention, saved.language) == (
            "Dominique Martin",
            7,
            "nl",
        )
        assert window.context is not None and window.context.actor.user == "Dominique Martin"
        assert str(paths.data_dir()) == dialog.data_folder.text()
        # The new language applies at once: menus are made again, with working shortcuts.
        assert window.menuBar().actions()[0].text() == "&Bestand"
        assert window.undo_action.shortcut().toString() == "Ctrl+Z"

        def undo_commands() -> list[QAction]:
            found = window.findChildren(QAction)
            return [a for a in found if a.shortcut().toString() == "Ctrl+Z"]

        qtbot.waitUntil(lambda: len(undo_commands()) == 1)  # the old ones are deleted
    finally:
        remove_qt_translations(qapp)


def test_settings_refuse_a_blank_name(qtbot: Any, window: MainWindow) -> None:
    dialog = window.dialogs.open_settings()
    dialog.user_name.setText("  ")
    dialog.accept()
    assert dialog.isVisible() and not dialog.user_name_error.isHidden()
    assert UserSettings.load().user_name != ""  # nothing written
    dialog.reject()


def test_store_settings_thresholds_and_rates(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store, actor: Actor
) -> None:
    from desktop.services import budget as budget_service
    from desktop.services import store_settings

    with store.transaction() as s:
        action = s.exec(select(Action)).first()
        assert action is not None
        budget_service.add_budget_line(s, actor, action, amount=Decimal(1000), unit="GBP")
    dialog = window.dialogs.open_settings()
    page = dialog.store_page
    assert page is not None
    widgets = page.rate_widget("GBP")
    assert widgets is not None, "a currency used by a budget gets a rate row"
    rate, as_of, source = widgets
    # GIVEN inconsistent thresholds: refused, the message is next to them, nothing written
    page.on_track.setValue(12)
    page.slightly.setValue(10)
    dialog.accept()
    assert dialog.isVisible() and not page.threshold_error.isHidden()
    with store.session() as s:
        assert s.get(store_settings.StoreSetting, store_settings.ON_TRACK_THRESHOLDS) is None
    # WHEN they are fixed and a rate is typed the French way
    page.on_track.setValue(3)
    page.slightly.setValue(12.5)
    rate.setText("abc")
    dialog.accept()
    assert dialog.isVisible() and "GBP" in page.rate_error.text()
    rate.setText("1,14")
    source.setText("Banque de France")
    dialog.accept()
    assert not dialog.isVisible()
    # THEN both are stored with the store, as the analyses read them
    with store.session() as s:
        thresholds = store_settings.get(s, store_settings.ON_TRACK_THRESHOLDS)
        rates = store_settings.get(s, store_settings.CURRENCY_RATES)
    assert thresholds == {"on_track": "0.03", "slightly": "0.125"}
    assert rates["GBP"]["EUR"] == "1.14" and rates["GBP"]["source"] == "Banque de France"
    assert rates["GBP"]["as_of"] == as_of.date().toPython().isoformat()


def test_about_shows_versions_and_folders(qtbot: Any, window: MainWindow, store: Store) -> None:
    dialog = window.dialogs.open_about()
    assert dialog.values["schema"].text() == store.revision
    assert dialog.values["log"].text() == str(paths.log_file())


def test_conflict_dialog_shows_theirs_and_yours(
    qtbot: Any, store: Store, actor: Actor, filled: dict[str, int]
) -> None:
    with store.transaction() as s:
        action = s.exec(select(Action)).first()
        assert action is not None
        action_service.update_action(s, actor, action, {"title": "Saved by a colleague"})
        error = ConflictError(action, expected_version=1)
    dialog = ConflictDialog(error, {"title": "Mine"})
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Saved by a colleague"
    assert dialog.table.item(0, 2).text() == "Mine"
    assert dialog.theirs_button.isDefault()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.keep_mine


def test_conflict_dialog_names_the_records_a_field_refers_to(
    qtbot: Any, store: Store, actor: Actor, filled: dict[str, int]
) -> None:
    from desktop.services import plans
    from desktop.ui.editors.record_names import record_names

    with store.transaction() as s:
        action = s.exec(select(Action)).first()
        assert action is not None
        section = plans.create_section(s, actor, plan_id=action.plan_id, title="Mobilité", code="9")
        action_service.update_action(s, actor, action, {"section_id": section.pk})
        error = ConflictError(action, expected_version=1)
    # The resolver of names must reach the table, not be taken for the list of fields.
    dialog = ConflictDialog(error, {"section_id": None}, names=record_names(store))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "9 Mobilité"


def test_dialogs_look_finished(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store, artifacts: Path
) -> None:
    settings_dialog = window.dialogs.open_settings()
    about = window.dialogs.open_about()
    with store.session() as session:
        action = session.exec(select(Action)).first()
        assert action is not None
        error = ConflictError(action, expected_version=0)
    conflict = ConflictDialog(error, {"title": "Rénover les écoles et les gymnases", "code": "1"})
    qtbot.addWidget(conflict)
    conflict.show()
    for name, dialog in (("settings", settings_dialog), ("about", about), ("conflict", conflict)):
        image = dialog.grab()
        assert image.width() > 300 and image.height() > 150
        image.save(str(artifacts / f"shell_dialog_{name}.png"))
    settings_dialog.tabs.setCurrentIndex(1)  # the settings kept with the store
    image = settings_dialog.grab()
    assert image.width() > 300 and settings_dialog.store_page is not None
    image.save(str(artifacts / "shell_dialog_settings_store.png"))
    settings_dialog.reject()
    about.reject()
