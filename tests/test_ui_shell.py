"""The application shell: main window, navigation, welcome screen, store files, drag and
drop, background operations and unexpected errors (settings, about and conflict dialogs are in
``test_ui_shell_dialogs.py``). Dialogs never block: static QMessageBox functions are replaced,
and the shell's own dialogs open non-modally."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QUndoCommand
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlmodel import select
from support.shell import application_look, record_messages

from desktop import paths
from desktop.models import (
    Action,
    Plan,
    Territory,
)
from desktop.progress import Progress
from desktop.services import actions as action_service
from desktop.services.changes import Actor
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.operations import run_in_background
from desktop.ui.views import registry
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.navigation import NavTarget

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _styled(qapp: Any) -> Iterator[None]:
    with application_look(qapp):
        yield


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    return record_messages(monkeypatch)


def test_window_opens_on_a_store_with_data(
    qtbot: Any, filled: dict[str, int], store: Store, settings: UserSettings, artifacts: Path
) -> None:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert not window.is_welcome_shown()
    assert window.navigation.isVisible()
    territory_row = window.navigation.find_target(
        NavTarget("territory", filled["territory"], None, filled["territory"])
    )
    assert territory_row.data() == "Pays de l'Opale"
    plan_row = window.navigation.find_target(
        NavTarget("plan", filled["plan"], filled["plan"], filled["territory"])
    )
    assert window.navigation.isExpanded(territory_row)
    assert plan_row.isValid() == registry.is_available("actions")
    assert window.context is not None and window.context.plan_id == filled["plan"]
    assert "Pays de l'Opale" in window.windowTitle()
    assert store.location in window.store_label.text()
    image = window.grab()
    assert not image.isNull() and image.width() > 600
    image.save(str(artifacts / "shell_main_window.png"))


def test_navigation_switches_views(
    qtbot: Any, filled: dict[str, int], window: MainWindow, artifacts: Path
) -> None:
    window.show()
    qtbot.waitExposed(window)
    shown = []
    for key in registry.available_keys():
        index = window.navigation.find_view(key)
        assert index.isValid(), key
        window.navigation.setCurrentIndex(index)
        view = window.current_view()
        assert view is not None and view.key == key
        assert window.current_key == key and window.view_actions[key].isChecked()
        window.grab().save(str(artifacts / f"shell_view_{key}.png"))
        shown.append(key)
    assert "dashboard" in shown
    # Keyboard: Ctrl+<n> actions reach every view without the mouse.
    window.view_actions[shown[0]].trigger()
    assert window.current_key == shown[0]


def test_actions_load_when_a_section_is_expanded(
    qtbot: Any, filled: dict[str, int], window: MainWindow
) -> None:
    assert registry.is_available("actions")
    tree = window.navigation
    section = tree.find_target(
        NavTarget("section", filled["energy"], filled["plan"], filled["territory"])
    )
    assert section.isValid()
    assert tree.model().rowCount(section) == 1  # the placeholder until expanded
    tree.expand(section)
    titles = sorted(tree.model().index(r, 0, section).data() for r in range(2))
    assert titles == ["1 Rénover les écoles", "2 Chaufferie bois"] or all(
        "écoles" in t or "Chaufferie" in t for t in titles
    )
    assert tree.model().rowCount(section) == 2


def test_last_view_and_geometry_are_remembered(
    qtbot: Any, store: Store, filled: dict[str, int], settings: UserSettings
) -> None:
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.resize(700, 500)
    keys = registry.available_keys()
    target = keys[-1]
    first.navigate(target)
    first.splitter.setSizes([333, 667])
    first.close()

    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.current_key == target)  # built after the first paint
    assert second.size().width() == 700
    assert UserSettings.load().last_store == store.location


def test_welcome_screen_creates_a_territory(
    qtbot: Any, window: MainWindow, store: Store, artifacts: Path
) -> None:
    # GIVEN an empty store: the welcome screen and no navigation
    window.show()
    qtbot.waitExposed(window)
    assert window.is_welcome_shown()
    assert not window.navigation.isVisible()
    assert not window.new_action_action.isEnabled()
    window.grab().save(str(artifacts / "shell_welcome.png"))

    # WHEN the user fills the territory dialog with a bad SIREN
    dialog = window.create_territory()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.name, "Pays de Saint-Omer")
    qtbot.keyClicks(dialog.siren, "200042399")
    # THEN the error is next to the field and nothing can be created
    assert dialog.siren_error.isVisible() and dialog.siren_error.text()
    assert not ok.isEnabled()
    dialog.grab().save(str(artifacts / "shell_territory_dialog.png"))

    # WHEN the SIREN is corrected and the dialog accepted
    dialog.siren.clear()
    qtbot.keyClicks(dialog.siren, "200042398")
    assert not dialog.siren_error.isVisible() and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    # THEN the territory and its first plan exist and the window shows them
    qtbot.waitUntil(lambda: not window.is_welcome_shown())
    with store.session() as session:
        territory = session.exec(select(Territory)).one()
        plan = session.exec(select(Plan)).one()
    assert territory.siren == "200042398" and plan.territory_id == territory.id
    assert window.navigation.isVisible()
    assert window.context is not None and window.context.plan_id == plan.id


def test_dropping_a_non_spreadsheet_is_refused(
    qtbot: Any, filled: dict[str, int], window: MainWindow, tmp_path: Path, messages: list
) -> None:
    pdf = tmp_path / "compte-rendu.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert not event.isAccepted()
    assert len(messages) == 1 and "compte-rendu.pdf" in messages[0][2]


def test_background_helper_delivers_the_result(qtbot: Any, window: MainWindow) -> None:
    def work(progress: Progress) -> int:
        progress.set_total(3)
        for _step in range(3):
            progress.advance()
        return 42

    got: list[int] = []
    operation = run_in_background(work, parent=window, label="Work", on_success=got.append)
    with qtbot.waitSignal(operation.ended, timeout=5000):
        pass
    assert got == [42] and operation.result == 42 and not operation.was_cancelled


def test_background_helper_can_be_cancelled(qtbot: Any, window: MainWindow) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(progress: Progress) -> str:
        progress.set_total(1_000_000)
        started.set()
        for step in range(1_000_000):
            progress.advance()  # raises Cancelled once the user cancelled
            steps.append(step)
            threading.Event().wait(0.001)
        return "finished"

    cancelled: list[bool] = []
    succeeded: list[object] = []
    operation = run_in_background(
        work,
        parent=window,
        label="Long work",
        on_success=succeeded.append,
        on_cancel=lambda: cancelled.append(True),
        minimum_duration_ms=0,
    )
    assert started.wait(5)
    # The user presses Cancel on the progress dialog.
    dialog = operation._dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None
    with qtbot.waitSignal(operation.cancelled, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert cancelled == [True] and succeeded == []
    assert len(steps) < 1_000_000


def test_background_error_shows_an_apology_not_a_traceback(
    qtbot: Any, window: MainWindow, messages: list
) -> None:
    def work(progress: Progress) -> None:
        raise RuntimeError("boom in a worker")

    operation = run_in_background(work, parent=window, label="Work")
    with qtbot.waitSignal(operation.failed, timeout=5000):
        pass
    assert [m[0] for m in messages] == ["critical"]
    assert str(paths.log_file()) in messages[0][2]
    assert "boom in a worker" not in messages[0][2]
    assert "boom in a worker" in paths.log_file().read_text(encoding="utf-8")


def test_a_store_error_shows_a_dialog(
    qtbot: Any, window: MainWindow, store: Store, tmp_path: Path, messages: list
) -> None:
    bogus = tmp_path / "notes.pcaet"
    bogus.write_text("not a database at all, just notes", encoding="utf-8")
    assert window.files.open_location(bogus) is False
    assert [m[0] for m in messages] == ["warning"]
    assert str(bogus) in messages[0][2]
    assert window.store is store  # the open store stays open


def test_backup_now_runs_in_the_background(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store
) -> None:
    operation = window.files.backup_now()
    assert operation is not None
    with qtbot.waitSignal(operation.succeeded, timeout=10000) as blocker:
        pass
    made = blocker.args[0]
    assert isinstance(made, Path) and made.exists() and made.stat().st_size > 0
    assert str(made) in window.statusBar().currentMessage()


def test_new_action_goes_to_the_selected_section(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store
) -> None:
    if registry.is_available("actions"):
        window.navigation.select_target(
            NavTarget("section", filled["mobility"], filled["plan"], filled["territory"])
        )
    else:  # without the action views there is no section row: the section is chosen directly
        window.selected = NavTarget("section", filled["mobility"], filled["plan"])
    action_id = window.new_action()
    assert action_id is not None
    with store.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        assert (action.section_id, action.plan_id) == (filled["mobility"], filled["plan"])
        assert action.title
    if registry.is_available("actions"):
        assert window.current_key == "actions"
    # Undoable like any edit: Ctrl+Z takes the new action away again.
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    with store.session() as session:
        assert session.get(Action, action_id) is None


def test_ctrl_n_opens_the_new_action_with_the_cursor_in_its_title(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store
) -> None:
    assert registry.is_available("actions")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.new_action_action.shortcut().toString() == "Ctrl+N"
    with store.session() as session:
        before = len(session.exec(select(Action)).all())
    window.new_action_action.trigger()  # what Ctrl+N does
    editor = window.views["actions"].editor
    title = editor.fields["title"]
    qtbot.waitUntil(title.hasFocus)
    # typing a title and pressing Enter is enough
    title.selectAll()
    qtbot.keyClicks(title, "Pedibus des ecoles")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    with store.session() as session:
        actions = session.exec(select(Action)).all()
    assert len(actions) == before + 1
    assert any(a.title == "Pedibus des ecoles" for a in actions)


def test_recent_stores_menu_reopens_a_store(
    qtbot: Any, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    from desktop.store import open_store
    from desktop.ui.window import menus

    other = open_store(tmp_path / "other.pcaet")
    other_location = other.location
    window.set_store(other)
    menus.fill_recent(window)
    entries = {a.text(): a for a in window.recent_menu.actions()}
    assert store.location in entries and other_location in entries
    assert not entries[other_location].isEnabled()  # the open one
    entries[store.location].trigger()
    assert window.store.location == store.location
    window.store.close()


def test_splitter_and_views_fit_a_small_screen(
    qtbot: Any, filled: dict[str, int], store: Store, settings: UserSettings
) -> None:
    # The offscreen screen is 800 x 600: a small laptop screen, scaled.
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.resize(780, 560)
    first.show()
    qtbot.waitExposed(first)
    for key in registry.available_keys():
        first.navigate(key)
        # A wide view scrolls inside its page: the tree keeps its room, the window its size.
        assert first.navigation.width() >= 180, key
        assert first.width() == 780, key
    first.splitter.setSizes([250, 530])
    remembered = first.splitter.sizes()[0]
    first.close()
    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.width() == 780
    assert abs(second.splitter.sizes()[0] - remembered) <= 2


def test_undo_and_redo_follow_the_context_stack(qtbot: Any, window: MainWindow) -> None:
    assert window.context is not None
    done: list[str] = []

    class Note(QUndoCommand):
        def redo(self) -> None:
            done.append("redo")

        def undo(self) -> None:
            done.append("undo")

    assert not window.undo_action.isEnabled()
    window.context.undo_stack.push(Note("note"))
    assert window.undo_action.isEnabled() and window.undo_action.shortcut().toString() == "Ctrl+Z"
    window.undo_action.trigger()
    window.redo_action.trigger()
    assert done == ["redo", "undo", "redo"]


def test_registry_skips_only_missing_view_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = registry.ViewSpec("ghost", "desktop.ui.views.ghost_view", "GhostView", "action")
    monkeypatch.setitem(registry.BY_KEY, "ghost", missing)
    assert registry.load_view_class("ghost") is None
    assert not registry.is_available("ghost")
    assert registry.load_view_class("dashboard") is not None


def test_no_display_gives_instructions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import app

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.main([]) == app.EXIT_NO_DISPLAY
    assert "QT_QPA_PLATFORM=offscreen" in capsys.readouterr().err


def test_unexpected_errors_go_to_the_log_with_an_apology(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    import sys

    from desktop.ui import application

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    application.install_excepthook()
    try:
        raise KeyError("secret internal detail")
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert [m[0] for m in messages] == ["critical"]
    assert "secret internal detail" not in messages[0][2]
    assert str(paths.log_file()) in messages[0][2]
    assert "secret internal detail" in paths.log_file().read_text(encoding="utf-8")


def test_dropping_a_spreadsheet_starts_the_import(
    qtbot: Any, filled: dict[str, int], window: MainWindow, tmp_path: Path, messages: list
) -> None:
    sheet = tmp_path / "actions.csv"
    sheet.write_text("Code;Titre\n1;Rénover les écoles\n", encoding="utf-8")
    accepted = window.dialogs.handle_dropped([tmp_path / "notes.pdf", sheet])
    assert accepted
    wizard = window.dialogs.open_dialogs[-1]
    assert type(wizard).__name__ == "ImportWizard" and wizard.isVisible()
    wizard.grab().save(str(Path(__file__).parent / "artifacts" / "shell_drop_import.png"))
    wizard.reject()


def test_prepare_report_opens_the_options_for_the_selected_committee(
    qtbot: Any, filled: dict[str, int], window: MainWindow, artifacts: Path
) -> None:
    if registry.is_available("meetings"):
        assert window.navigation.select_target(NavTarget("meeting", filled["meeting"]))
    dialog = window.dialogs.open_report()
    assert dialog is not None and dialog.isVisible()
    dialog.grab().save(str(artifacts / "shell_report_dialog.png"))
    dialog.reject()


def test_welcome_opens_the_demo(qtbot: Any, window: MainWindow) -> None:
    assert window.is_welcome_shown()
    operation = window.files.open_demo()
    with qtbot.waitSignal(operation.ended, timeout=60000):
        pass
    assert operation.error is None
    assert window.store.path == paths.demo_store_path()
    assert not window.is_welcome_shown() and not window.navigation.isHidden()
    window.store.close()


def test_restore_from_a_backup_brings_the_old_content_back(
    qtbot: Any, filled: dict[str, int], window: MainWindow, store: Store, actor: Actor
) -> None:
    backup = window.files.backup_now()
    assert backup is not None
    with qtbot.waitSignal(backup.succeeded, timeout=10000) as made:
        pass
    with store.transaction() as session:
        action_service.create_action(session, actor, plan_id=filled["plan"], title="Après")
    restore = window.files.restore_from(made.args[0])
    assert restore is not None
    with qtbot.waitSignal(restore.ended, timeout=20000):
        pass
    assert restore.error is None
    assert window.store is not store  # reopened on the restored content
    with window.store.session() as session:
        titles = set(session.exec(select(Action.title)).all())
    assert "Après" not in titles and "Plan vélo" in titles
    window.store.close()


def test_new_store_opens_on_the_welcome_screen(
    qtbot: Any,
    filled: dict[str, int],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "second"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PCAET")
    )
    assert window.files.new_store()
    assert window.store.path == chosen.with_suffix(paths.STORE_SUFFIX).resolve()
    assert window.is_welcome_shown()
    assert UserSettings.load().recent_stores[:1] == [window.store.location]
    window.store.close()


def test_choosing_a_section_filters_the_action_list(
    qtbot: Any, filled: dict[str, int], window: MainWindow
) -> None:
    assert registry.is_available("actions")
    target = NavTarget("section", filled["mobility"], filled["plan"], filled["territory"])
    assert window.navigation.select_target(target)
    view = window.views["actions"]
    assert window.current_view() is view
    combo = getattr(view, "section_filter", None)
    if combo is not None:
        assert combo.currentData() == filled["mobility"]


def test_the_tree_reloads_from_an_outline_read_off_the_gui_thread(
    qtbot: Any,
    filled: dict[str, int],
    window: MainWindow,
    store: Store,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.services import territories
    from desktop.ui.change_notice import ChangeNotice
    from desktop.ui.window import navigation_model

    readers: list[threading.Thread] = []
    read_outline = navigation_model.read_outline

    def recorded(*args: Any) -> Any:
        readers.append(threading.current_thread())
        return read_outline(*args)

    monkeypatch.setattr(navigation_model, "read_outline", recorded)
    with store.transaction() as session:
        peer = territories.create_territory(session, actor, name="CC du Pays d'Opale").pk
    assert window.context is not None
    window.context.notify(ChangeNotice.of("territory", peer))
    # GIVEN a change to what the tree shows WHEN the tree reloads THEN it reads on a worker
    row = NavTarget("territory", peer, None, peer)
    qtbot.waitUntil(lambda: window.navigation.find_target(row).isValid())
    assert readers and threading.main_thread() not in readers
    # A value changes nothing the tree shows: no reload is even scheduled.
    window.context.notify(ChangeNotice.of("observation"))
    assert not window._reload_timer.isActive()
