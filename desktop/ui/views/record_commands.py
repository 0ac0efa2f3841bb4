"""The record views' two commands on the chosen record: create one (selected and shown at
once) and delete it after asking, each undoable and each failure told to the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from ...models import Entity
from ..commands import CreateCommand, DeleteCommand
from ..context import AppContext
from ..dialogs.confirm import confirm_destructive
from ..editors.common import push_or_tell


class RecordView(Protocol):
    context: AppContext
    current_id: int | None

    def refresh(self) -> None: ...


def create_and_show(view: RecordView, factory: Callable[[Any], Entity], text: str) -> int | None:
    """Create the record ``factory`` makes and select it; its id, or None when refused."""
    assert isinstance(view, QWidget)
    command = CreateCommand(view.context, factory, text=text)
    if not push_or_tell(view, view.context, command, text):
        return None
    view.current_id = command.created_id
    view.refresh()
    return command.created_id


def delete_after_asking(
    view: RecordView, record: Entity, title: str, question: str, *, text: str | None = None
) -> bool:
    """Delete ``record`` if the user says yes to ``question``; False when not deleted."""
    assert isinstance(view, QWidget)
    if not confirm_destructive(view, title, question):
        return False
    command = DeleteCommand(
        view.context, type(record), record.pk, expected_version=record.version, text=text
    )
    if not push_or_tell(view, view.context, command, title):
        return False
    view.current_id = None
    return True
