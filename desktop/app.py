"""``pcaet-desktop``: start the application window.

Heavy modules (Qt, the store, the window) are imported inside ``main`` after the arguments are
read, so ``--help`` and the no-display message answer at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import logging_setup, paths
from .i18n import LANGUAGES, _, set_language, system_language
from .settings import UserSettings

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from .store import Store
    from .ui.main_window import MainWindow

log = logging.getLogger(__name__)
EXIT_NO_DISPLAY = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pcaet-desktop",
        description=_("Keep, chart and report a climate plan, a COTRI and an action plan."),
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, metavar="PATH", help=_("the store file to open"))
    where.add_argument(
        "--database-url", metavar="URL", help=_("a PostgreSQL database (postgresql://…)")
    )
    where.add_argument("--demo", action="store_true", help=_("open the demo territory"))
    parser.add_argument(
        "store", nargs="?", type=Path, metavar="FILE", help=_("the store file to open")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the interface"))
    # For the start-up benchmark: print "shown" once the window is on screen, then quit.
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser


def display_available() -> bool:
    """False on a Linux or BSD machine without X11 or Wayland and no platform chosen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def no_display_message() -> str:
    return _(
        "No graphical display was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Run the window offscreen:   QT_QPA_PLATFORM=offscreen pcaet-desktop ...\n"
        "or under a virtual screen:  xvfb-run pcaet-desktop ...\n"
        "The command line works without a display: pcaet --help"
    )


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
        from PySide6.QtWidgets import QApplication

        if showing or QApplication.instance() is None:
            from .errors import describe

            print(describe(error)[0], file=sys.stderr)
            return
        from .ui.dialogs.errors import show_error

        showing = True  # an error while showing the apology must not loop
        try:
            show_error(QApplication.activeWindow(), error)
        finally:
            showing = False

    sys.excepthook = hook


def open_initial_store(args: argparse.Namespace, settings: UserSettings) -> Store | None:
    """The store asked for, else the last one, else the default; a known problem is shown and
    the default store is tried instead."""
    from .store import StoreError, open_store
    from .ui.dialogs.errors import show_error

    if args.demo:
        from .errors import UserError

        try:
            demo = paths.demo_store_path()
            if not demo.exists():  # the first time only: building it needs the demo loader
                from .services.demo import ensure_demo_store

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
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFileOpenEvent

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not display_available():
        print(no_display_message(), file=sys.stderr)
        return EXIT_NO_DISPLAY
    logging_setup.configure()
    settings = UserSettings.load()
    language = set_language(args.lang or settings.language or system_language())

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .ui import style
    from .ui.qt_translations import install_qt_translations

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
    from .ui.main_window import MainWindow

    if args.quit_when_shown:
        # "shown": the window has painted its frame, navigation and title (this timer fires
        # before the window's own one that builds the first view); "ready": that view is
        # filled too.
        QTimer.singleShot(0, lambda: print("shown", flush=True))
    window = MainWindow(store, settings)
    open_files_sent_by_the_system(app, window)
    if args.quit_when_shown:
        window.ready.connect(lambda: (print("ready", flush=True), window.close()))
    window.show()
    try:
        return app.exec()
    finally:
        window.store.close()
