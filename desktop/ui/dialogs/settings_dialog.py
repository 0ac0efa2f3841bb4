"""File > Settings: the user's preferences, shared with the command line (language, user name
written in the change log, data folder, backups kept), and on a second tab the settings kept
with the open store (on-track thresholds, exchange rates)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...i18n import LANGUAGES, _, current_language, system_language
from ...services.changes import ValidationError
from ...settings import UserSettings
from ...store import Store
from .store_settings_page import StoreSettingsPage

# Each language named in itself, so a user lost in the wrong language finds their own.
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands"}


class SettingsDialog(QDialog):
    def __init__(
        self, settings: UserSettings, store: Store | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.settings = settings
        self._language_before = current_language()  # the language the window speaks now

        general = QWidget(self)
        self.language = QComboBox(general)
        self.language.addItem(_("System language"), "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))

        self.user_name = QLineEdit(settings.user_name, general)
        self.user_name.setToolTip(_("Written in the history of every change you make."))
        self.user_name_error = QLabel(_("Give a name: it is written in the history."), general)
        self.user_name_error.setProperty("role", "error")
        self.user_name_error.hide()

        self.data_folder = QLineEdit(str(paths.data_dir()), general)
        self.data_folder.setReadOnly(True)
        self.data_folder.setToolTip(
            _("Set the PCAET_DATA_DIR environment variable to use another folder.")
        )
        open_folder = QPushButton(_("Op&en"), general)
        open_folder.clicked.connect(self._open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(open_folder)

        self.retention = QSpinBox(general)
        self.retention.setRange(1, 500)
        self.retention.setValue(max(1, settings.backup_retention))
        self.retention.setToolTip(_("Older automatic backups are deleted."))
        retention_row = QHBoxLayout()
        retention_row.addWidget(self.retention)
        retention_row.addWidget(QLabel(_("backups of each store"), general))
        retention_row.addStretch(1)

        form = QFormLayout(general)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("Your &name:"), self.user_name)
        form.addRow("", self.user_name_error)
        form.addRow(_("Data folder:"), folder_row)
        # A row holding a layout gets no buddy by itself: without one the "&" would show.
        retention_label = QLabel(_("&Keep the latest:"), general)
        retention_label.setBuddy(self.retention)
        form.addRow(retention_label, retention_row)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, _("&General"))
        self.store_page: StoreSettingsPage | None = None
        if store is not None:
            self.store_page = StoreSettingsPage(store, parent=self.tabs)
            self.tabs.addTab(self.store_page, _("This &store"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 380)

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))

    def chosen_language(self) -> str:
        """The language code chosen, "" for the system's."""
        return str(self.language.currentData() or "")

    def effective_language(self) -> str:
        return self.chosen_language() or system_language()

    def language_changed(self) -> bool:
        """Whether the interface language differs from the one shown when the dialog opened."""
        return self.effective_language() != self._language_before

    def accept(self) -> None:
        """Write the settings file (read by the ``pcaet`` command too) and the store's settings;
        a bad value is shown next to its field and nothing is written."""
        name = self.user_name.text().strip()
        self.user_name_error.setVisible(not name)
        if not name:
            self.tabs.setCurrentIndex(0)
            self.user_name.setFocus()
            return
        if self.store_page is not None:
            try:
                self.store_page.save()
            except ValidationError:
                self.tabs.setCurrentWidget(self.store_page)
                return
        self.settings.language = self.chosen_language()
        self.settings.user_name = name
        self.settings.backup_retention = self.retention.value()
        self.settings.save()
        super().accept()
