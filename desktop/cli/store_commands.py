"""``init``, ``info``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _
from ..models import TerritoryKind
from ..settings import UserSettings
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    add_store_options,
    cli_actor,
    fail,
    open_from_args,
    print_json,
    store_target,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help=_("create a store with one territory"))
    add_store_options(init)
    init.add_argument("--name", required=True, help=_("name of the territory (EPCI)"))
    init.add_argument("--siren", help=_("SIREN number (9 digits)"))
    init.add_argument(
        "--kind",
        default="ca",
        choices=[k.value for k in TerritoryKind],
        help=_("kind of territory"),
    )
    init.add_argument("--population", type=int)
    init.set_defaults(handler=run_init)

    info = sub.add_parser("info", help=_("what a store holds"))
    add_store_options(info)
    info.add_argument("--json", action="store_true", help=_("print JSON"))
    info.set_defaults(handler=run_info)

    backup = sub.add_parser("backup", help=_("copy the store to a backup file"))
    add_store_options(backup)
    backup.add_argument("--out", type=Path, metavar="FILE")
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser("restore", help=_("replace the store with a backup"))
    restore.add_argument("--db", type=Path, metavar="PATH", required=True)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=run_restore)


def run_init(args: argparse.Namespace) -> int:
    from ..services import store_info, territories
    from ..services.changes import ValidationError
    from ..services.validation import check_siren

    try:  # refuse a bad number before a file is created
        check_siren(args.siren)
    except ValidationError as error:
        return fail(f"--siren: {error}")
    store = open_from_args(args, create=True)
    try:
        with store.transaction() as session:
            if not store_info.is_empty(session):
                return fail(_("This store already holds a territory; nothing was changed."))
            try:
                territory = territories.create_territory(
                    session,
                    cli_actor(),
                    name=args.name,
                    siren=args.siren,
                    kind=TerritoryKind(args.kind),
                    population=args.population,
                )
            except ValidationError as error:
                return fail(f"--{error.field}: {error}")
        print(
            _("Created {name} in {location}.").format(name=territory.name, location=store.location)
        )
        return EXIT_OK
    finally:
        store.close()


def run_info(args: argparse.Namespace) -> int:
    from ..services import store_info
    from ..store.migrate import current_revision

    store = open_from_args(args)
    try:
        with store.session() as session:
            data: dict[str, object] = dict(store_info.counts(session))
        with store.engine.connect() as connection:
            data["schema_revision"] = current_revision(connection)
        data["location"] = store.location
        if args.json:
            print_json(data)
        else:
            for key, value in data.items():
                print(f"{key}: {value}")
        return EXIT_OK
    finally:
        store.close()


def run_backup(args: argparse.Namespace) -> int:
    if args.out is not None:
        from ..outputs import check_output

        check_output(args.out)
    store = open_from_args(args)
    try:
        if store.path is None:
            return fail(_("Backups of a server database are made with the server's own tools."))
        target = store.backup(args.out)
        print(_("Backup written to {path}").format(path=target))
        return EXIT_OK
    finally:
        store.close()


def run_restore(args: argparse.Namespace) -> int:
    from ..store import StoreError, restore_store

    target = store_target(args)
    assert isinstance(target, Path)

    def announce(seconds: float) -> None:
        print(
            _(
                "The store is in use by another program or window; waiting up to {seconds} s "
                "for it to finish…"
            ).format(seconds=f"{seconds:g}"),
            file=sys.stderr,
            flush=True,
        )

    try:
        safety = restore_store(
            target, args.file, on_wait=announce, keep_backups=UserSettings.load().backup_retention
        )
    except StoreError as error:
        return fail(_("Nothing was restored: {reason}").format(reason=error), EXIT_ERROR)
    print(
        _("Restored {file} into {store}; the previous content was saved to {safety}.").format(
            file=args.file, store=target, safety=safety
        )
    )
    return EXIT_OK
