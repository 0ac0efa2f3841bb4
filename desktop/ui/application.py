"""The application window's start: Qt set-up, the first store, the window, and how errors and
files sent by the system reach it. ``desktop.app`` reads the arguments before any of this loads."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from .. import paths
from ..i18n import _
from ..settings import UserSettings
from ..store import Store
from . import style
from .main_window import MainWindow
from .qt_translations import install_qt_translations

log = logging.getLogger(__name__)
# Markers the start-up benchmark reads on stdout (--quit-when-shown); never shown to users.
SHOWN_MARKER = "shown"
READY_MARKER = "ready"


def install_excepthook() -> None:
    """Unexpected errors: traceback to the log, a short apology with the log's path on screen."""
    showing = False

    def hook(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(traceback)
        if showing or QApplication.instance() is None:
            from ..errors import describe

            print(describe(error)[0], file=sys.stderr)
            return
        from .dialogs.errors import show_error

        showing = True  # an error while showing the apology must not loop
        try:
            show_error(QApplication.activeWindow(), error)
        finally:
            showing = False

    sys.excepthook = hook


def open_initial_store(args: argparse.Namespace, settings: UserSettings) -> Store | None:
    """The store asked for, else the last one, else the default; a known problem is shown and
    the default store is tried instead."""
    from ..store import StoreError, open_store
    from .dialogs.errors import show_error

    if args.demo:
        from ..errors import UserError

        try:
            demo = paths.demo_store_path()
            if not demo.exists():  # the first time only: building it needs the demo loader
                from ..services.demo import ensure_demo_store

                demo = ensure_demo_store()
            return open_store(demo)
        except (StoreError, UserError) as error:
            show_error(None, error)
            return None
    target: str | Path | None
    if args.store and not (args.db or args.database_url or args.demo):
        args.db = args.store  # a double-clicked file: the installers pass it alone
    if args.database_url:
        target = args.database_url
    elif args.db:
        target = args.db
    elif settings.last_store and (
        "://" in settings.last_store or Path(settings.last_store).exists()
    ):
        target = settings.last_store
    else:
        target = None  # PCAET_DATABASE_URL, or the default file in the data folder
    try:
        return open_store(target)
    except StoreError as error:
        show_error(None, error)
        if target is None:
            return None
    try:
        return open_store(None)
    except StoreError as error:
        show_error(None, error)
        return None


def open_files_sent_by_the_system(app: QApplication, window: MainWindow) -> QObject:
    """macOS hands a double-clicked store to the running application as a FileOpen event,
    not as an argument."""

    class FileOpenFilter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
                if event.file():
                    window.files.open_location(Path(event.file()))
                    return True
            return super().eventFilter(watched, event)

    handler = FileOpenFilter(app)
    app.installEventFilter(handler)
    return handler


def run(args: argparse.Namespace, settings: UserSettings, language: str) -> int:
    """Open the window on the store the arguments name; the exit code of the event loop."""
    style.prepare_high_dpi()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("PCAET Desktop")
    app.setOrganizationName("pcaet")
    app.setApplicationDisplayName(_("PCAET Desktop"))
    style.apply(app)
    # Qt's own strings (standard buttons, file dialogs) in the same language as ours.
    install_qt_translations(app, language)
    install_excepthook()

    store = open_initial_store(args, settings)
    if store is None:
        return 1
    if args.quit_when_shown:
        # "shown": the window has painted its frame, navigation and title (this timer fires
        # before the window's own one that builds the first view); "ready": that view is
        # filled too.
        QTimer.singleShot(0, lambda: print(SHOWN_MARKER, flush=True))
    window = MainWindow(store, settings)
    open_files_sent_by_the_system(app, window)
    if args.quit_when_shown:
        window.ready.connect(lambda: (print(READY_MARKER, flush=True), window.close()))
    window.show()
    try:
        return app.exec()
    finally:
        window.store.close()
