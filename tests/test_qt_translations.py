"""Qt's own buttons follow the language, and switching language replaces Qt's translators."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.ui import qt_translations


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None
    text = button.text()
    box.deleteLater()
    return text.replace("&", "")


def test_standard_buttons_follow_the_language(qapp: QApplication) -> None:
    try:
        installed = qt_translations.install_qt_translations(qapp, "fr")
        assert len(installed) == 2  # Qt's catalog, and the strings it lacks
        assert _cancel_text() == "Annuler"

        qt_translations.install_qt_translations(qapp, "nl")
        assert _cancel_text() == "Annuleren"
        # The French translators are gone, not merely shadowed by the Dutch ones.
        assert len(qt_translations.installed_translators(qapp)) == 2

        qt_translations.install_qt_translations(qapp, "pseudo")
        assert _cancel_text() == "Cancel"
    finally:
        qt_translations.remove_qt_translations(qapp)
    assert qt_translations.installed_translators(qapp) == []
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_missing_catalog_leaves_qt_in_english(qapp: QApplication, tmp_path: Path) -> None:
    installed = qt_translations.install_qt_translations(qapp, "fr", folder=tmp_path)
    assert installed == []
    assert qt_translations.installed_translators(qapp) == []
    assert _cancel_text() == "Cancel"
