"""``demo``: a store holding the demo territory (the PASSAGE cross-border action plan)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .. import paths
from ..i18n import _, format_number
from .common import EXIT_OK, cli_actor, fail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = sub.add_parser(
        "demo",
        help=_("create a store holding the demo territory"),
        description=_(
            "Create a store holding the demo: the PASSAGE cross-border low-carbon action plan "
            "(Kent County Council and Pas-de-Calais, 2018), the Pays Boulonnais COTRI and "
            "illustrative yearly series. Without --db, the demo store of the data folder."
        ),
    )
    where = command.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, metavar="PATH", help=_("store file (SQLite)"))
    where.add_argument(
        "--database-url",
        metavar="URL",
        help=_("an empty server database to fill, e.g. postgresql+psycopg://user@server/pcaet"),
    )
    command.add_argument(
        "--force", action="store_true", help=_("replace a store file that already holds data")
    )
    command.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from ..services import demo, store_info
    from ..store import open_store

    started = time.perf_counter()
    actor = cli_actor("demo")
    target: str | Path
    if args.database_url:
        if args.force:
            return fail(_("--force only replaces a store file; give --db PATH."))
        target = str(args.database_url)
        store = open_store(target)
        try:
            demo.fill_store(store, actor)  # refuses a database that holds data
        finally:
            store.close()
    else:
        target = Path(args.db) if args.db is not None else paths.demo_store_path()
        if demo.holds_data(target) and not args.force:
            return fail(
                _(
                    "{path} already holds data; nothing was changed (use --force to replace it)."
                ).format(path=target)
            )
        demo.create_demo_store(target, overwrite=args.force, actor=actor)
    seconds = time.perf_counter() - started
    store = open_store(target, create=False)
    try:
        with store.session() as session:
            counts = store_info.counts(session)
        location = store.location
    finally:
        store.close()
    print(
        _(
            "Demo created in {location}: {actions} actions, {indicators} indicators, "
            "{observations} yearly values, in {seconds} s."
        ).format(
            location=location,
            actions=format_number(counts["actions"]),
            indicators=format_number(counts["indicators"]),
            observations=format_number(counts["observations"]),
            seconds=format_number(seconds, decimals=1),
        )
    )
    return EXIT_OK
