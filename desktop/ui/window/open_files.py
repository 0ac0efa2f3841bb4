"""Open a file the application wrote (a report, a workbook) with the system's application for
it, and say so when there is none: a machine without a PDF viewer must not leave "Preview"
doing nothing. The folder is offered instead, and its path can be copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...i18n import _


def open_with_system(path: Path) -> bool:
    """Ask the desktop to open ``path``; False when no application took it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def open_folder(parent: QWidget | None, path: Path) -> bool:
    """Show the folder holding ``path`` in the file manager; if there is none, say where the
    file is and put its path on the clipboard."""
    if open_with_system(path.parent):
        return True
    QGuiApplication.clipboard().setText(str(path))
    QMessageBox.information(
        parent,
        _("Open the folder"),
        _(
            "No file manager could be started. The file is {path}; its path is copied, paste it "
            "where you need it."
        ).format(path=path),
    )
    return False


def open_file(parent: QWidget | None, path: Path, *, kind: str) -> bool:
    """Open ``path`` with the system's application; without one, tell the user and offer to
    open its folder. ``kind`` names the file for the message ("PDF", "Excel")."""
    if not path.exists():
        QMessageBox.warning(
            parent, _("Open"), _("The file {path} is no longer there.").format(path=path)
        )
        return False
    if open_with_system(path):
        return True
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("No application for this file"),
        _(
            "No application is set up on this computer to open {kind} files. The file is "
            "saved as {path}."
        ).format(kind=kind, path=path),
        QMessageBox.StandardButton.Close,
        parent,
    )
    folder = box.addButton(_("Open the &folder"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(folder)
    box.exec()
    if box.clickedButton() is folder:
        open_folder(parent, path)
    return False
