"""Shared editor plumbing: value parsing with translated messages, the inline error label, and
saving one edit through an undoable command with the conflict question."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ... import palette
from ...i18n import _
from ...io.parsing import CellError, is_missing, parse_date, parse_number
from ...models import Entity
from ...record_labels import Names
from ...services.changes import ConflictError, ValidationError
from ...store import StoreError
from ..commands import EditCommand, StoreCommand, push
from ..context import AppContext
from .record_names import record_names


class ParseError(ValueError):
    """Text that is not a value of the field; the message is translated."""


def parse_amount(text: str) -> Decimal | None:
    """ "1 234,5", "1,234.5", "1.234,5" -> Decimal; blank -> None."""
    if not text.strip() or is_missing(text):
        return None
    try:
        return parse_number(text)
    except CellError as error:
        raise ParseError(
            _("{text} is not a number: {reason}").format(text=text.strip(), reason=str(error))
        ) from None


def parse_int(text: str) -> int | None:
    value = parse_amount(text)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise ParseError(_("{text} is not a whole number.").format(text=text.strip()))
    return int(value)


def parse_day(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_date(text.strip())
    except (CellError, ValueError):
        raise ParseError(
            _("{text} is not a date (write it 31/12/2026 or 2026-12-31).").format(text=text.strip())
        ) from None


class ErrorLabel(QLabel):
    """The message shown next to a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {palette.OFF_TRACK};")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


def ask_conflict(
    parent: QWidget, error: ConflictError, mine: Mapping[str, Any], names: Names | None = None
) -> bool:
    """True to keep mine: the user chooses in the conflict dialog."""
    from ..dialogs.conflict import resolve_conflict

    return resolve_conflict(parent, error, mine, names)


def save_edit(
    parent: QWidget,
    context: AppContext,
    model: type[Entity],
    entity_id: int,
    values: Mapping[str, Any],
    expected_version: int | None,
    errors: ErrorLabel | None = None,
) -> int | None:
    """Save ``values`` as one undoable command; returns the new version, or None when the
    value was refused (message shown in ``errors``) or the user took the other version."""
    command = EditCommand(context, model, entity_id, values, expected_version=expected_version)
    try:
        push(context, command)
    except ValidationError as error:
        _show(parent, errors, str(error))
        return None
    except ConflictError as stale:
        # The rolled-back session expired the entity: show the user what is stored now.
        conflict = _with_stored(context, model, entity_id, stale)
        if conflict is None:
            _show(parent, errors, _("This record no longer exists."))
            context.notify(command.notice())
            return None
        if not ask_conflict(parent, conflict, values, record_names(context.store)):
            context.notify(command.notice())  # reload what is stored
            return None
        current = conflict.entity.version
        return save_edit(parent, context, model, entity_id, values, current, errors)
    except (StoreError, LookupError) as error:
        _show(parent, errors, str(error))
        return None
    if errors is not None:
        errors.show_message("")
    return command.version_after


def push_or_tell(parent: QWidget, context: AppContext, command: StoreCommand, title: str) -> bool:
    """Apply and push ``command``; a refusal the user can act on (a rule, a change made
    elsewhere, the store) is shown in a message and nothing changes. Bugs propagate."""
    try:
        push(context, command)
    except (ValidationError, ConflictError, StoreError, LookupError) as error:
        QMessageBox.warning(parent, title, str(error))
        context.notify(command.notice())  # show what is stored now
        return False
    return True


def _with_stored(
    context: AppContext, model: type[Entity], entity_id: int, stale: ConflictError
) -> ConflictError | None:
    """The same conflict over a fresh, fully loaded copy of the stored record."""
    with context.store.session() as session:
        stored = session.get(model, entity_id)
        if stored is None:
            return None
        session.expunge(stored)
    return ConflictError(stored, stale.expected_version)


def _show(parent: QWidget, errors: ErrorLabel | None, message: str) -> None:
    if errors is not None:
        errors.show_message(message)
    else:
        QMessageBox.warning(parent, _("Invalid value"), message)
