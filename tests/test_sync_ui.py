"""The File menu's offline copies in the window: take offline, synchronise with the conflicts
dialog, write and apply change packages. Screenshots of the dialogs for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from sqlmodel import select
from support import sync_world as world
from support.shell import application_look, record_messages

from desktop.models import Action
from desktop.services.sync.checkout import checkout
from desktop.services.sync.plan import Choice, ConflictKind
from desktop.settings import UserSettings
from desktop.store import Store, open_store
from desktop.ui.sync.conflicts_dialog import ConflictsDialog
from desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _styled(qapp: Any) -> Iterator[None]:
    with application_look(qapp):
        yield


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("sync-ui-template")
    made = world.build_hub(folder / "hub.pcaet")
    checkout(
        folder / "hub.pcaet", folder / "copy.pcaet", user="Camille", name="Portable de Camille"
    )
    return folder, made


@pytest.fixture
def pair(
    template: tuple[Path, dict[str, list[str]]], tmp_path: Path
) -> Iterator[tuple[Store, Store, dict[str, list[str]]]]:
    world.clone_world(template[0], tmp_path)
    hub = open_store(tmp_path / "hub.pcaet", create=False)
    copy = open_store(tmp_path / "copy.pcaet", create=False)
    yield hub, copy, template[1]
    hub.close()
    copy.close()


def _window(qtbot: Any, store: Store) -> MainWindow:
    main = MainWindow(store, UserSettings(user_name="Camille"))
    qtbot.addWidget(main)
    return main


def _title(store: Store, uuid: str) -> str | None:
    with store.session() as session:
        found = session.exec(select(Action).where(Action.uuid == uuid)).first()
    return None if found is None else found.title


def test_the_file_menu_offers_the_offline_commands(qtbot: Any, pair) -> None:  # type: ignore[no-untyped-def]
    _hub, copy, _made = pair
    window = _window(qtbot, copy)
    file_menu = window.menuBar().actions()[0].menu()
    shown = file_menu.actions()
    assert all(action in shown for action in window.sync_actions)
    assert all(action.isEnabled() for action in window.sync_actions)
    assert window.sync_actions[1].shortcut().toString() == "Ctrl+Shift+Y"


def test_synchronising_asks_about_conflicts_then_applies_the_choices(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch, artifacts: Path
) -> None:
    hub, copy, made = pair
    first, second = made["action"][0], made["action"][1]
    world.edit_action(copy, first, "title", "Rénover les écoles en 2026", "Camille")
    world.edit_action(hub, first, "title", "Rénover les écoles et les crèches", "Dominique")
    world.delete_action(copy, second, "Camille")
    world.edit_action(hub, second, "description", "Ajouté au budget 2026", "Dominique")
    world.set_value(copy, 2017, 812, "Camille")
    world.set_value(hub, 2017, 815, "Dominique")
    world.edit_action(hub, made["action"][2], "title", "Plan vélo (révisé)", "Dominique")
    messages = record_messages(monkeypatch)
    window = _window(qtbot, copy)
    flow = window.sync_commands.synchronise()
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None or bool(messages), timeout=20_000)
    assert not messages, messages
    dialog = flow.dialog
    assert isinstance(dialog, ConflictsDialog)
    assert {c.kind for c in dialog.conflicts} == {
        ConflictKind.FIELD,
        ConflictKind.DELETED_HERE,
        ConflictKind.DUPLICATE,
    }
    # Nothing is written while the user chooses.
    assert _title(copy, made["action"][2]) == "Action 2"
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts / "sync-conflicts.png"))
    assert not dialog.apply_button.isEnabled()
    row = next(i for i, c in enumerate(dialog.conflicts) if c.field == "title")
    dialog.table.selectRow(row)
    assert "Dominique" in dialog.theirs_title.text()
    assert dialog.mine_text.toPlainText() == "Rénover les écoles en 2026"
    dialog.keep_edited.click()
    dialog.edit_box.setText("Rénover les écoles et les crèches en 2026")
    dialog.edit_box.textEdited.emit(dialog.edit_box.text())
    for index in range(len(dialog.conflicts)):
        if index != row:
            dialog.table.selectRow(index)
            dialog.keep_theirs.click()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: any(kind == "information" for kind, *_r in messages), timeout=20_000)
    title = "Rénover les écoles et les crèches en 2026"
    assert _title(copy, first) == _title(hub, first) == title
    assert _title(copy, second) is not None  # theirs: kept with the office's change
    assert _title(copy, made["action"][2]) == "Plan vélo (révisé)"
    assert world.data(copy) == world.data(hub)
    summary = messages[-1][2]
    assert "3" in summary  # three conflicts decided


def test_cancelling_the_conflicts_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub, copy, made = pair
    first = made["action"][0]
    world.edit_action(copy, first, "title", "Mine", "Camille")
    world.edit_action(hub, first, "title", "Theirs", "Dominique")
    world.edit_action(hub, made["action"][1], "title", "Elsewhere", "Dominique")
    record_messages(monkeypatch)
    window = _window(qtbot, copy)
    before = (world.data(copy), world.data(hub))
    flow = window.sync_commands.synchronise()
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=20_000)
    flow.dialog.reject()  # type: ignore[union-attr]
    assert (world.data(copy), world.data(hub)) == before


def test_deciding_later_applies_the_rest(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub, copy, made = pair
    first = made["action"][0]
    world.edit_action(copy, first, "title", "Mine", "Camille")
    world.edit_action(hub, first, "title", "Theirs", "Dominique")
    world.edit_action(hub, made["action"][1], "title", "Elsewhere", "Dominique")
    messages = record_messages(monkeypatch)
    window = _window(qtbot, copy)
    flow = window.sync_commands.synchronise()
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=20_000)
    flow.dialog.done(ConflictsDialog.LATER)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert (_title(copy, first), _title(hub, first)) == ("Mine", "Theirs")
    assert _title(copy, made["action"][1]) == "Elsewhere"


def test_take_offline_makes_a_copy_and_opens_it(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, artifacts: Path
) -> None:
    hub, _copy, _made = pair
    messages = record_messages(monkeypatch)
    window = _window(qtbot, hub)
    dialog = window.sync_commands.take_offline()
    assert dialog.source.text() == hub.location
    target = tmp_path / "laptop.pcaet"
    dialog.target.setText(str(target))
    dialog.some.setChecked(True)
    assert dialog.tree.topLevelItemCount() == 1
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts / "take-offline.png"))
    dialog._accept()  # nothing ticked
    assert dialog.isVisible() and not dialog.error.isHidden()
    from PySide6.QtCore import Qt

    dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    dialog._accept()
    qtbot.waitUntil(lambda: window.store.location == str(target), timeout=30_000)
    assert any(kind == "question" for kind, *_r in messages)
    with window.store.session() as session:
        assert len(session.exec(select(Action)).all()) == 3


def test_change_packages_through_the_file_menu(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hub, copy, made = pair
    world.edit_action(copy, made["action"][0], "title", "Offline", "Camille")
    package = tmp_path / "for-the-office.pcaetsync"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    messages = record_messages(monkeypatch)
    copy_window = _window(qtbot, copy)
    copy_window.sync_commands.write_package()
    qtbot.waitUntil(lambda: package.exists() and bool(messages), timeout=20_000)
    hub_window = _window(qtbot, hub)
    hub_window.sync_commands.apply_package()
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=20_000)
    assert _title(hub, made["action"][0]) == "Offline"
    # Back to the copy: the origin asks for which copy.
    back = tmp_path / "back.pcaetsync"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(back), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Portable de Camille", True))
    world.edit_action(hub, made["action"][1], "title", "At the office", "Dominique")
    hub_window.sync_commands.write_package()
    qtbot.waitUntil(lambda: back.exists() and len(messages) == 3, timeout=20_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(back), ""))
    copy_window.sync_commands.apply_package()
    qtbot.waitUntil(lambda: len(messages) == 4, timeout=20_000)
    assert _title(copy, made["action"][1]) == "At the office"
    assert world.data(copy) == world.data(hub)


def test_a_store_that_is_no_copy_says_how_to_make_one(  # type: ignore[no-untyped-def]
    qtbot: Any, pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub, _copy, _made = pair
    messages = record_messages(monkeypatch)
    window = _window(qtbot, hub)
    assert window.sync_commands.synchronise() is None
    assert messages and "Mettre hors ligne" in messages[0][2]  # says how to make a copy


def test_the_conflicts_dialog_can_keep_all_of_one_side(qtbot: Any, pair) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.sync.lookup import lookup_in
    from desktop.services.sync.online import synchronise

    hub, copy, made = pair
    for uuid in made["action"]:
        world.edit_action(copy, uuid, "title", f"Mine {uuid[:4]}", "Camille")
        world.edit_action(hub, uuid, "title", f"Theirs {uuid[:4]}", "Dominique")
    result = synchronise(copy, hub, user="Camille", dry_run=True)
    lookup, schema = lookup_in(copy, result)
    dialog = ConflictsDialog(
        result.conflicts, schema=schema, lookup=lookup, mine_label="Ici", theirs_label="Bureau"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.apply_button.isEnabled()
    dialog._all(Choice.MINE)
    assert dialog.apply_button.isEnabled()
    assert {d.choice for d in dialog.decisions.values()} == {Choice.MINE}
    assert len(dialog.decisions) == 3


def test_the_history_of_a_record_says_on_which_copy_a_change_was_made(  # type: ignore[no-untyped-def]
    qtbot: Any, pair
) -> None:
    from desktop.services.sync.online import synchronise
    from desktop.ui.editors.history import HistoryTable

    hub, copy, made = pair
    uuid = made["action"][0]
    world.edit_action(copy, uuid, "title", "Offline title", "Camille")
    synchronise(copy, hub, user="Camille")
    window = _window(qtbot, hub)
    table = HistoryTable(window.context, parent=window)
    table.load(uuid)
    who = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert "Camille (sur Portable de Camille)" in who
