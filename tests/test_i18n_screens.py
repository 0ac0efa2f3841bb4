"""Every main view screenshotted in each language (and the pseudo-language, whose longer,
accented strings show truncated labels and text that escaped the catalogs).

The PNGs go to tests/artifacts/i18n/ to be looked at; the assertions check what can be checked
without eyes: menus come from the catalog, and Qt's own buttons follow the language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from support.demo_screens import show_demo_window

from desktop import i18n
from desktop.store import Store
from desktop.ui.views import registry


# Deprecation warnings of other modules' Qt calls are theirs to fix; this test is about words.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("language", [*i18n.LANGUAGES, "pseudo"])
def test_screenshot_each_view(
    qtbot: Any, speak: Any, demo_store: Store, artifacts: Path, language: str
) -> None:
    speak(language)
    window = show_demo_window(qtbot, demo_store, language, (1280, 800))
    folder = artifacts / "i18n"
    folder.mkdir(exist_ok=True)
    keys = registry.available_keys()
    assert "dashboard" in keys
    for key in keys:
        assert window.navigate(key), key
        qtbot.wait(80)  # queued refreshes paint, and charts lay out their axes after a first paint
        image = window.grab()
        assert not image.isNull()
        image.save(str(folder / f"{language}_{key}.png"))

    menus = [a for a in window.menuBar().actions() if a.menu() is not None]
    assert menus
    for menu_action in menus:
        title = menu_action.text()
        if language == "pseudo":
            # Every menu title and entry went through the catalog (pseudo strings are bracketed).
            assert title.startswith("[") and title.endswith("]"), title
            for entry in menu_action.menu().actions():  # type: ignore[union-attr]
                text = entry.text()
                if text and not entry.isSeparator() and entry.menu() is None:
                    assert "[" in text, f"{title} > {text}"
        else:
            assert "[" not in title
    titles = [a.text().replace("&", "") for a in menus]
    assert titles[0] == {"fr": "Fichier", "en": "File"}.get(language, titles[0])

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    expected = {"fr": "Annuler", "nl": "Annuleren"}.get(language, "Cancel")
    assert cancel.text().replace("&", "") == expected
