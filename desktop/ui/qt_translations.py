"""Qt's own strings (standard buttons, file and colour dialogs, context menus of text fields)
in the user's language, from the ``qtbase_<lang>.qm`` files that ship with PySide6.

Our own messages go through gettext (``desktop.i18n``); these translators only cover what Qt
draws by itself, so a French officer does not meet "Cancel" next to "Enregistrer".
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..i18n import N_, _

log = logging.getLogger(__name__)

# Our translators carry this name, so a later call finds and removes exactly them and leaves
# any translator another part of the application installed alone.
TRANSLATOR_NAME = "pcaet-qt-translation"
# Qt catalogs loaded for each language, most general first (qtbase covers the widgets we use).
CATALOGS: tuple[str, ...] = ("qtbase",)
# Languages with no Qt catalog of their own: the pseudo-language is a test of our strings.
QT_LANGUAGE = {"pseudo": "en"}


# Strings of Qt's own dialogs that its catalogs lack (Qt 6 added a mnemonic to them and the
# French and Dutch catalogs were not updated): said through our catalogs instead.
MISSING: dict[str, dict[str, str]] = {
    "QFileDialog": {
        "&Look in:": N_("&Look in:"),
        "Files of &type:": N_("Files of &type:"),
    },
    # The Type column of the file list (Qt 6 moved these to a context of their own).
    "QAbstractFileIconProvider": {
        "Folder": N_("Folder"),
        "File": N_("File"),
        "Drive": N_("Drive"),
        "Unknown": N_("Unknown"),
        "%1 File": N_("%1 File"),
    },
}


class MissingQtStrings(QTranslator):
    """Answers only for ``MISSING``; for every other string it has nothing to say (None), so
    Qt asks its own catalogs."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        wanted = MISSING.get(context, {}).get(source)
        return _(wanted) if wanted is not None else None

    def isEmpty(self) -> bool:
        return False


def translations_folder() -> Path:
    """Where PySide6 keeps the ``.qm`` files (inside the wheel, or the frozen bundle)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def installed_translators(app: QCoreApplication) -> list[QTranslator]:
    """The Qt translators this module installed on ``app``."""
    return [t for t in app.findChildren(QTranslator) if t.objectName() == TRANSLATOR_NAME]


def remove_qt_translations(app: QCoreApplication) -> None:
    for translator in installed_translators(app):
        app.removeTranslator(translator)
        # Unparented, the wrapper owns the C++ object and frees it when dropped.
        translator.setParent(None)


def install_qt_translations(
    app: QCoreApplication, language: str, *, folder: Path | None = None
) -> list[QTranslator]:
    """Replace the previous Qt translators on ``app`` by those of ``language``.

    Returns the translators installed; an empty list when Qt has no catalog for the language
    (Qt then speaks English, which is also right for ``en`` and the pseudo-language).
    """
    remove_qt_translations(app)
    code = QT_LANGUAGE.get(language, language)
    directory = folder if folder is not None else translations_folder()
    installed: list[QTranslator] = []
    for catalog in CATALOGS:
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(f"{catalog}_{code}", str(directory)) and app.installTranslator(
            translator
        ):
            installed.append(translator)
        else:
            log.info("no Qt catalog %s_%s in %s", catalog, code, directory)
            translator.setParent(None)
    if installed:
        # Installed last, asked first: it speaks only for the strings Qt's catalogs lack.
        missing = MissingQtStrings(app)
        missing.setObjectName(TRANSLATOR_NAME)
        if app.installTranslator(missing):
            installed.append(missing)
    return installed
