"""A window left open while its store is restored elsewhere: its next edit writes nothing by
id, the user is told, and the window shows the restored store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlmodel import select
from support.shell import record_messages

from desktop.models import Action
from desktop.store import Store, restore_store
from desktop.ui.editors.common import save_edit
from desktop.ui.window.main_window import MainWindow


def _titles(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT title FROM action ORDER BY id")]
    finally:
        connection.close()


def test_an_edit_after_a_restore_elsewhere_reloads_instead_of_writing(
    qtbot: Any,
    window: MainWindow,
    store: Store,
    filled: dict[str, int],
    monkeypatch: Any,
    tmp_path: Path,
) -> None:
    seen = record_messages(monkeypatch)
    assert store.path is not None
    # GIVEN a backup whose action ids name other actions (they were created in another order)
    other = tmp_path / "other.pcaet"
    from desktop.store import open_store

    backup_store = open_store(other)
    from support.shell import fill

    from desktop.services.changes import Actor

    fill(backup_store, Actor("b", "test"))
    with backup_store.transaction() as session:
        for action in session.exec(select(Action)):
            action.title = "Backup " + action.title
            session.add(action)
    backup_store.close()
    with store.session() as session:
        first = session.exec(select(Action).order_by(Action.id)).first()
        assert first is not None and first.id is not None
        action_id, version = first.id, first.version
    context = window.context
    assert context is not None
    # WHEN another window restores that backup, and this window then saves an edit by id
    restore_store(store.path, other)
    result = save_edit(window, context, Action, action_id, {"title": "Mine"}, version)
    # THEN nothing was written, the user is told why, and the window reopened the store
    assert result is None
    assert "Mine" not in _titles(store.path)
    assert all(title.startswith("Backup ") for title in _titles(store.path))
    assert any("restored from a backup" in text or "restaurée" in text for _k, _t, text in seen)
    qtbot.waitUntil(lambda: window.store is not store)
    assert not window.store.was_replaced()
    assert window.context is not None and window.context.undo_stack.count() == 0
