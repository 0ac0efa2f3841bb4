"""Entry point of ``pcaet``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .. import __version__, i18n, logging_setup
from ..errors import UserError, describe
from ..i18n import _
from ..settings import UserSettings
from ..store import StoreError
from . import (
    chart_command,
    demo_command,
    import_command,
    reference_command,
    report_command,
    store_commands,
)
from .common import EXIT_BUG, EXIT_ERROR, fail

# Each module adds its subcommands; one module per family of commands. Their top-level imports
# stay light (argparse, messages, the names of kinds): the data layer loads when a command
# runs, so that --help, --version and a mistyped option answer at once.
COMMAND_MODULES = [
    store_commands, chart_command, report_command, import_command, demo_command, reference_command
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pcaet",
        description=_("PCAET, COTRI and action plan of a territory, from the command line."),
    )
    parser.add_argument("--version", action="version", version=f"pcaet {__version__}")
    parser.add_argument(
        "--lang", choices=list(i18n.LANGUAGES), help=_("language of messages and outputs")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = UserSettings.load()
    # The language is set before the parser exists so that --help is translated too.
    i18n.set_language(
        _language_from_argv(argv) or settings.language or i18n.system_language()
    )
    logging_setup.configure(logging.INFO)
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (StoreError, UserError) as error:
        return fail(str(error), EXIT_ERROR)
    except KeyboardInterrupt:
        return fail(_("Interrupted; nothing was changed."), 130)
    except Exception as error:  # the last resort: a bug, logged with its traceback
        message, _bug = describe(error)
        return fail(message, EXIT_BUG)


if __name__ == "__main__":
    sys.exit(main())
