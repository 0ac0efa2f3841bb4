"""Asking before a destructive step (delete an action, a committee, restore a backup): the
question, with Cancel as the default answer, so a hurried Enter or a key typed for something
else never destroys anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_destructive(parent: QWidget | None, title: str, question: str) -> bool:
    """True only when the user chooses Yes; Enter and Escape answer Cancel."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    answer = QMessageBox.question(
        parent, title, question, buttons, QMessageBox.StandardButton.Cancel
    )
    return answer == QMessageBox.StandardButton.Yes
