"""File > Take offline…: which shared store, into which new file, all of it or some
territories and plans, and how the copy is named for the others."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...i18n import _
from ...services.sync.checkout import Selection, default_copy_name
from ..dialogs.errors import show_error

STORE_FILTER = "PCAET (*.pcaet);;SQLite (*.sqlite *.db);;* (*)"
UUID_ROLE = Qt.ItemDataRole.UserRole


class TakeOfflineDialog(QDialog):
    def __init__(self, source: str, user: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Take offline"))
        intro = QLabel(
            _(
                "Make a copy of a shared store on this computer, to work without the network. "
                "File > Synchronise sends your changes and brings the others' when the shared "
                "store can be reached again."
            )
        )
        intro.setWordWrap(True)

        self.source = QLineEdit(source, self)
        self.source.setPlaceholderText(_("a .pcaet file on a shared folder, or a database URL"))
        browse_source = QPushButton(_("Browse…"), self)
        browse_source.clicked.connect(self._browse_source)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText(_("a new file on this computer"))
        browse_target = QPushButton(_("Browse…"), self)
        browse_target.clicked.connect(self._browse_target)
        self.name = QLineEdit(default_copy_name(user), self)

        self.whole = QRadioButton(_("The &whole store"), self)
        self.some = QRadioButton(_("&Only the territories and plans ticked below:"), self)
        self.whole.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.some)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setEnabled(False)
        self.tree.setMinimumHeight(160)
        self.some.toggled.connect(self._some_toggled)
        self.list_button = QPushButton(_("&List them"), self)
        self.list_button.clicked.connect(self.load_outline)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(_("Shared store:"), _row(self.source, browse_source))
        form.addRow(_("Offline copy:"), _row(self.target, browse_target))
        form.addRow(_("Name of this copy:"), self.name)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Take offline"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.whole)
        layout.addLayout(_row(self.some, self.list_button))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _browse_source(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Shared store"), str(paths.data_dir()), STORE_FILTER
        )
        if chosen:
            self.source.setText(chosen)

    def _browse_target(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Offline copy"), str(paths.data_dir() / "copy.pcaet"), STORE_FILTER
        )
        if chosen:
            self.target.setText(chosen)

    def _some_toggled(self, checked: bool) -> None:
        self.tree.setEnabled(checked)
        if checked and self.tree.topLevelItemCount() == 0:
            self.load_outline()

    def load_outline(self) -> bool:
        """The shared store's territories and their plans, to tick."""
        from ...services.sync.checkout import outline

        location = self.source.text().strip()
        if not location:
            self._show_error(_("Give the shared store first."))
            return False
        try:
            territories = outline(location)
        except Exception as error:  # a known problem gets its message; a bug, the apology
            show_error(self, error)
            return False
        self.tree.clear()
        for territory in territories:
            label = territory.name + (f" ({territory.siren})" if territory.siren else "")
            item = QTreeWidgetItem([label])
            item.setData(0, UUID_ROLE, ("territory", territory.uuid))
            item.setCheckState(0, Qt.CheckState.Unchecked)
            for uuid, title in territory.plans:
                child = QTreeWidgetItem([title])
                child.setData(0, UUID_ROLE, ("plan", uuid))
                child.setCheckState(0, Qt.CheckState.Unchecked)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.error.hide()
        return True

    def selection(self) -> Selection:
        chosen = Selection()
        if not self.some.isChecked():
            return chosen
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            assert item is not None  # index < topLevelItemCount()
            if item.checkState(0) == Qt.CheckState.Checked:
                chosen.territories.append(item.data(0, UUID_ROLE)[1])
                continue
            for row in range(item.childCount()):
                child = item.child(row)
                assert child is not None  # row < childCount()
                if child.checkState(0) == Qt.CheckState.Checked:
                    chosen.plans.append(child.data(0, UUID_ROLE)[1])
        return chosen

    def request(self) -> tuple[str, Path, Selection, str]:
        target = Path(self.target.text().strip()).expanduser()
        if not target.suffix:
            target = target.with_suffix(paths.STORE_SUFFIX)
        return self.source.text().strip(), target, self.selection(), self.name.text().strip()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _accept(self) -> None:
        if not self.source.text().strip():
            self._show_error(_("Give the shared store to take offline."))
            return
        if not self.target.text().strip():
            self._show_error(_("Give the file of the offline copy."))
            return
        target = self.request()[1]
        if target.exists():
            self._show_error(
                _("{path} already exists; choose a new file for the offline copy.").format(
                    path=target
                )
            )
            return
        if self.some.isChecked():
            chosen = self.selection()
            if not chosen.territories and not chosen.plans:
                self._show_error(_("Tick at least one territory or plan, or take the whole store."))
                return
        self.accept()


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for index, widget in enumerate(widgets):
        row.addWidget(widget, 1 if index == 0 else 0)
    return row
