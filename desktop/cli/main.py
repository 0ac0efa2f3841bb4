"""Entry point of ``pcaet``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from .. import __version__, i18n, logging_setup, paths
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
    sync_commands,
)
from .common import EXIT_BUG, EXIT_ERROR, fail, store_target

EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away
DRIVERS = {"psycopg", "psycopg2", "pg8000", "asyncpg"}

# Each module adds its subcommands; one module per family of commands. Their top-level imports
# stay light (argparse, messages, the names of kinds): the data layer loads when a command
# runs, so that --help, --version and a mistyped option answer at once.
COMMAND_MODULES = [
    store_commands,
    chart_command,
    report_command,
    import_command,
    demo_command,
    reference_command,
    sync_commands,
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
    i18n.set_language(_language_from_argv(argv) or settings.language or i18n.system_language())
    logging_setup.configure(logging.INFO)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:  # --help, --version, a usage error: printed already
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return _output_closed()
        raise
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _output_closed()
    except (StoreError, UserError) as error:
        return fail(_hide_password(str(error), args), EXIT_ERROR)
    except KeyboardInterrupt:
        return fail(_("Interrupted; nothing was changed."), 130)
    except Exception as error:  # the last resort: a bug, logged with its traceback
        known = _known_store_error(error, args)
        if known is not None:
            return fail(_hide_password(str(known), args), EXIT_ERROR)
        message, _bug = describe(error)
        return fail(message, EXIT_BUG)


def _output_closed() -> int:
    """The reader of our output went away (``pcaet ... | head -1``): what was asked is done;
    end quietly as Unix tools do, with 128 + SIGPIPE, and no error at the interpreter's exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_PIPE


def _location(args: argparse.Namespace) -> str:
    from ..store.store import display_location, resolve_url

    try:
        return display_location(resolve_url(store_target(args)))
    except Exception:  # only for a message: never worse than no location
        return ""


def _known_store_error(error: Exception, args: argparse.Namespace) -> StoreError | None:
    """A database error that escaped a command's own handling (a server that stopped in the
    middle of a read, a missing driver) is still a known problem, not a bug."""
    import sqlite3

    from sqlalchemy import exc as sa_exc

    from ..store.errors import classify

    if isinstance(error, sa_exc.DBAPIError | sa_exc.NoSuchModuleError | sqlite3.Error) or (
        isinstance(error, ModuleNotFoundError) and error.name in DRIVERS
    ):
        return classify(error, _location(args))
    return None


def _hide_password(message: str, args: argparse.Namespace) -> str:
    from sqlalchemy.engine import make_url

    for url in (getattr(args, "database_url", None), os.environ.get(paths.DATABASE_URL_ENV)):
        if url:
            try:
                password = make_url(str(url)).password
            except Exception:  # not a URL: nothing to hide in it
                continue
            if password:
                message = message.replace(str(password), "***")
    return message


if __name__ == "__main__":
    sys.exit(main())
