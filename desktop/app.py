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

from . import logging_setup
from .i18n import LANGUAGES, _, set_language, system_language
from .settings import UserSettings

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not display_available():
        print(no_display_message(), file=sys.stderr)
        return EXIT_NO_DISPLAY
    logging_setup.configure()
    settings = UserSettings.load()
    language = set_language(args.lang or settings.language or system_language())

    from .ui.application import run

    return run(args, settings, language)
