"""The application window's start: Qt set-up, the first store, the window, and how errors and
files sent by the system reach it. ``desktop.app`` reads the arguments before any of this loads.

The start is in two steps, so the window is on screen about as fast as any Qt window: first the
window with an outline of the store (territories and plans, read with the standard library),
while the data layer loads on a worker thread; then the store opens and the window fills in.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from .. import paths
from ..heap import freeze_loaded, thaw
from ..i18n import _
from ..settings import UserSettings
from ..store.peek import StoreOutline, peek_outline
from . import style
from .data_layer import DataLayerLoader
from .qt_translations import install_qt_translations
from .views import registry
from .window.main_window import MainWindow
from .window.state import first_view_key

if TYPE_CHECKING:
    from ..store import Store

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


def initial_target(args: argparse.Namespace, settings: UserSettings) -> str | Path | None:
    """The store the window opens on: the one asked for, else the last one, else None for
    ``PCAET_DATABASE_URL`` or the default file."""
    if args.demo:
        return paths.demo_store_path()
    if args.store and not (args.db or args.database_url):
        args.db = args.store  # a double-clicked file: the installers pass it alone
    if args.database_url:
        return str(args.database_url)
    if args.db:
        return Path(args.db)
    last = settings.last_store
    if last and ("://" in last or Path(last).exists()):
        return last
    return None


def preview(target: str | Path | None) -> tuple[str, StoreOutline | None]:
    """Where the store is, as shown to the user, and its outline when it is a readable file."""
    if target is None:
        target = os.environ.get(paths.DATABASE_URL_ENV) or paths.default_store_path()
    if isinstance(target, str) and "://" in target:
        return re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", target), None  # no password
    path = Path(target).expanduser()
    return str(path), peek_outline(path)


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
    target = initial_target(args, settings)
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


def build_demo_store() -> None:
    """The demo store, made the first time it is asked for (about a second)."""
    from ..services.demo import ensure_demo_store

    ensure_demo_store()


class StartUp(QObject):
    """The second step of the start: once the data layer has loaded, open the store and give it
    to the window (unless the system already sent one), or end with code 1 when none opens."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        args: argparse.Namespace,
        settings: UserSettings,
    ) -> None:
        super().__init__(app)
        self.app, self.window, self.args, self.settings = app, window, args, settings
        key = first_view_key(set(registry.available_keys()))
        first_view_services = registry.BY_KEY[key].services if key else ()
        missing_demo = args.demo and not paths.demo_store_path().exists()
        self.loader = DataLayerLoader(
            first_view_services, prepare=build_demo_store if missing_demo else None, parent=self
        )
        self.loader.finished.connect(self.open_store)
        # Each time a store's first view is there: one full collection now, then none this
        # long again while the user works.
        window.ready.connect(lambda: QTimer.singleShot(0, self.settle))
        # Imports cannot be interrupted: quitting meanwhile waits for them (a second at most).
        app.aboutToQuit.connect(self.loader.wait)

    def start(self) -> None:
        self.loader.start()

    def settle(self) -> None:
        # Not while the application is closing (a window shut as soon as it was ready).
        if self.window.isVisible() and not QApplication.closingDown():
            freeze_loaded()

    @Slot()
    def open_store(self) -> None:
        if self.window.has_store():
            return  # a file sent by the system (macOS) was opened meanwhile
        store = open_initial_store(self.args, self.settings)
        if store is None:
            self.window.close()
            self.app.exit(1)
            return
        self.window.set_store(store)


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

    window = MainWindow(None, settings)
    window.show_opening(*preview(initial_target(args, settings)))
    if sys.platform == "darwin":  # elsewhere files come as arguments: no filter on every event
        open_files_sent_by_the_system(app, window)
    start_up = StartUp(app, window, args, settings)
    if args.quit_when_shown:
        # "shown": the window has painted its frame, the store's outline and its title;
        # "ready": the store is open and its first view filled.
        window.ready.connect(lambda: (print(READY_MARKER, flush=True), window.close()))
    window.show()

    def shown() -> None:
        if args.quit_when_shown:
            print(SHOWN_MARKER, flush=True)
        start_up.start()  # after the first paint: the loader would compete with it

    QTimer.singleShot(0, shown)
    try:
        return app.exec()
    finally:
        thaw()
        if window.has_store():
            window.store.close()
