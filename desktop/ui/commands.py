"""Undoable edits: every change the views make is a QUndoCommand over the services.

Each command does its work in one ``store.transaction()`` and then calls
``context.notify(command.notice())``. Commands are applied *before* they are pushed (``push``): a
validation error or a conflict is raised to the caller, which shows it, and nothing lands on
the undo stack. Later undo/redo failures (someone else changed the record meanwhile) are shown
as a message and leave the store as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import Session

from ..errors import UserError, describe
from ..i18n import _
from ..models import Action, BudgetLine, Entity
from ..record_labels import fields_label
from ..services import actions as action_service
from ..services import budget as budget_service
from ..services import changes, snapshots
from ..services.changes import ConflictError, ValidationError, entity_name
from ..store import StoreError
from ..store.errors import StoreReplaced
from .change_notice import ChangeNotice
from .context import AppContext

log = logging.getLogger(__name__)


@contextmanager
def _keep_conflicting(session: Session) -> Iterator[None]:
    """A conflict's record is taken out of the session before the rollback, so it keeps the
    values someone else stored and the conflict dialog can show them (a rolled-back instance
    would be expired, and unreadable once the session closes)."""
    try:
        yield
    except ConflictError as error:
        if error.entity in session:
            session.expunge(error.entity)
        raise


def _update(
    session: Session,
    context: AppContext,
    entity: Entity,
    values: Mapping[str, Any],
    expected_version: int | None,
) -> None:
    """The domain service for that entity, so its validation rules apply."""
    with _keep_conflicting(session):
        _update_with_service(session, context, entity, values, expected_version)


def _update_with_service(
    session: Session,
    context: AppContext,
    entity: Entity,
    values: Mapping[str, Any],
    expected_version: int | None,
) -> None:
    if isinstance(entity, Action):
        action_service.update_action(
            session, context.actor, entity, values, expected_version=expected_version
        )
    elif isinstance(entity, BudgetLine):
        budget_service.update_budget_line(
            session,
            context.actor,
            entity,
            dict(values),
            parent=snapshots.parent_of(session, entity),  # type: ignore[arg-type]
            expected_version=expected_version,
        )
    else:
        changes.update(
            session,
            entity,
            values,
            context.actor,
            expected_version=expected_version,
            parent=snapshots.parent_of(session, entity),
        )


def _delete(session: Session, context: AppContext, entity: Entity, expected: int | None) -> None:
    with _keep_conflicting(session):
        _delete_with_service(session, context, entity, expected)


def _delete_with_service(
    session: Session, context: AppContext, entity: Entity, expected: int | None
) -> None:
    if isinstance(entity, Action):
        action_service.delete_action(session, context.actor, entity, expected_version=expected)
    else:
        changes.delete(
            session,
            entity,
            context.actor,
            expected_version=expected,
            parent=snapshots.parent_of(session, entity),
        )


# The version each record had after this window's last write to it, per context. Undo and
# redo compare against it: our own later edits of the same record (undone first, in stack
# order) do not count as a conflict, a save by anyone else since does.
_known_versions: WeakKeyDictionary[AppContext, dict[tuple[str, int], int]] = WeakKeyDictionary()


def _remember(context: AppContext, entity: Entity) -> None:
    _known_versions.setdefault(context, {})[(entity_name(entity), entity.pk)] = entity.version


def _known(context: AppContext, model: type[Entity], entity_id: int) -> int | None:
    return _known_versions.get(context, {}).get((entity_name(model), entity_id))


class StoreCommand(QUndoCommand):
    """Common plumbing: the first redo is skipped because ``apply`` already did the work."""

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._applied = False
        self.table = ""

    def apply(self) -> None:
        """Do the change now; raises ValidationError / ConflictError / StoreError."""
        self._do()
        self._applied = True
        self.context.notify(self.notice())

    def notice(self) -> ChangeNotice:
        """What the command wrote: its table and the record it worked on, when known."""
        return ChangeNotice.of(self.table, *self._record_ids())

    def _record_ids(self) -> tuple[int | None, ...]:
        return ()

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # pushed right after apply: already done
            return
        self._guarded(self._do)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception as error:  # shown, not raised: Qt cannot unwind through the stack
            self.setObsolete(True)
            if isinstance(error, StoreReplaced):
                self.context.store_replaced.emit()
            _tell_not_replayed(error)
        self.context.notify(self.notice())

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class EditCommand(StoreCommand):
    """Change fields of one entity; undo puts the previous values back."""

    def __init__(
        self,
        context: AppContext,
        model: type[Entity],
        entity_id: int,
        values: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        text: str | None = None,
    ) -> None:
        fields = fields_label(list(values))
        super().__init__(context, text or _("Edit {fields}").format(fields=fields))
        self.model = model
        self.entity_id = entity_id
        self.values = dict(values)
        self.expected_version = expected_version
        self.previous: dict[str, Any] = {}
        self.version_after: int | None = None
        self.table = entity_name(model)

    def _record_ids(self) -> tuple[int | None, ...]:
        return (self.entity_id,)

    def _load(self, session: Session) -> Entity:
        entity = session.get(self.model, self.entity_id)
        if entity is None:
            raise LookupError(_("This record no longer exists."))
        return entity

    def _expected(self) -> int | None:
        """The version the record must still have: the one the editor read for the first
        apply, then the one this window last wrote."""
        if self.version_after is None:
            return self.expected_version
        known = _known(self.context, self.model, self.entity_id)
        return self.version_after if known is None else known

    def _do(self) -> None:
        with self.context.store.transaction() as session:
            entity = self._load(session)
            expected = self._expected()
            self.previous = {name: getattr(entity, name) for name in self.values}
            _update(session, self.context, entity, self.values, expected)
            session.flush()
            self.version_after = entity.version
            _remember(self.context, entity)

    def _undo(self) -> None:
        with self.context.store.transaction() as session:
            entity = self._load(session)
            _update(session, self.context, entity, self.previous, self._expected())
            session.flush()
            self.version_after = entity.version
            _remember(self.context, entity)


class CreateCommand(StoreCommand):
    """Create with ``factory(session)``; undo deletes it, redo restores the same record."""

    def __init__(
        self,
        context: AppContext,
        factory: Callable[[Session], Entity],
        *,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.factory = factory
        self.model: type[Entity] | None = None
        self.created_id: int | None = None
        self.snapshot: snapshots.Snapshot | None = None

    def _record_ids(self) -> tuple[int | None, ...]:
        return (self.created_id,)

    def _do(self) -> None:
        with self.context.store.transaction() as session:
            if self.snapshot is None:
                entity = self.factory(session)
            else:
                entity = snapshots.restore(session, self.snapshot, self.context.actor)
            self.model = type(entity)
            self.created_id = entity.pk
            self.table = entity_name(entity)
            _remember(self.context, entity)

    def _undo(self) -> None:
        assert self.model is not None and self.created_id is not None
        with self.context.store.transaction() as session:
            entity = session.get(self.model, self.created_id)
            if entity is None:
                return
            self.snapshot = snapshots.capture(session, entity)
            _delete(session, self.context, entity, None)


class DeleteCommand(StoreCommand):
    """Delete an entity with what cascades from it; undo restores all of it, same uuids."""

    def __init__(
        self,
        context: AppContext,
        model: type[Entity],
        entity_id: int,
        *,
        expected_version: int | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(context, text or _("Delete"))
        self.model = model
        self.entity_id = entity_id
        self.expected_version = expected_version
        self.snapshot: snapshots.Snapshot | None = None
        self.table = entity_name(model)

    def _record_ids(self) -> tuple[int | None, ...]:
        return (self.entity_id,)

    def _do(self) -> None:
        with self.context.store.transaction() as session:
            if self.snapshot is None:
                entity = session.get(self.model, self.entity_id)
                expected = self.expected_version
            else:
                entity = snapshots.find_by_uuid(session, self.model, self.snapshot.uuid)
                expected = None
            if entity is None:
                raise LookupError(_("This record no longer exists."))
            self.snapshot = snapshots.capture(session, entity)
            _delete(session, self.context, entity, expected)

    def _undo(self) -> None:
        assert self.snapshot is not None
        with self.context.store.transaction() as session:
            restored = snapshots.restore(session, self.snapshot, self.context.actor)
            self.entity_id = restored.pk
            _remember(self.context, restored)


def _tell_not_replayed(error: Exception) -> None:
    """Say why an undo or redo step failed, without blocking: ``undo()`` runs inside the
    undo stack (often inside a key event), where a nested event loop would be fragile.

    A known problem (changed elsewhere, deleted, refused value, store locked) is said as is;
    anything else is a bug: its traceback goes to the log and the user gets the log's path."""
    known = (ConflictError, ValidationError, LookupError, StoreError, UserError)
    if isinstance(error, known):
        log.warning("undo/redo not replayed: %s", error)
        reason = str(error)
    else:
        reason = describe(error)[0]
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("Undo"),
        _("This step could not be replayed: {reason}").format(reason=reason),
        QMessageBox.StandardButton.Ok,
        QApplication.activeWindow(),
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def push(context: AppContext, command: StoreCommand) -> None:
    """Apply ``command`` (errors propagate, nothing is pushed) and put it on the undo stack.

    A store replaced since the window opened it (restored from a backup elsewhere) takes no
    write: ids may name other records now. The window reloads it; the caller shows why."""
    try:
        command.apply()
    except StoreReplaced:
        context.store_replaced.emit()
        raise
    context.undo_stack.push(command)
