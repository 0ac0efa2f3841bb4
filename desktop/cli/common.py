"""What every command shares: store options, output, and turning errors into exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..settings import UserSettings

if TYPE_CHECKING:
    from ..services.changes import Actor
    from ..store import Store

EXIT_OK = 0
EXIT_ERROR = 1  # a known problem: message on stderr
EXIT_REFUSED = 2  # the input (file, store) was refused as a whole
EXIT_BUG = 70


def add_store_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--db", type=Path, metavar="PATH", help=_("store file (SQLite)"))
    group.add_argument(
        "--database-url",
        metavar="URL",
        help=_("database URL, e.g. postgresql+psycopg://user@server/pcaet"),
    )


def store_target(args: argparse.Namespace) -> str | Path | None:
    if getattr(args, "database_url", None):
        return str(args.database_url)
    db = getattr(args, "db", None)
    return Path(db) if db is not None else None


def open_from_args(args: argparse.Namespace, *, create: bool = False) -> Store:
    from ..store import open_store

    # Automatic backups (before a migration, an import) are pruned to the user's retention.
    keep = UserSettings.load().backup_retention
    return open_store(store_target(args), create=create, keep_backups=keep)


def cli_actor(source: str = "cli") -> Actor:
    from ..services.changes import Actor

    return Actor(user=UserSettings.load().user_name, source=source)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(message, file=sys.stderr)
    return code
