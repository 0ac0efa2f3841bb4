"""``checkout``, ``sync``, ``changes`` and ``apply``: offline copies of a shared store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    add_store_options,
    cli_actor,
    fail,
    open_from_args,
    print_json,
)

if TYPE_CHECKING:
    from ..services.sync.common import SyncResult
    from ..store import Store

PREFER = ("mine", "theirs")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    checkout = sub.add_parser(
        "checkout", help=_("take a shared store offline: a local copy that synchronises")
    )
    checkout.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="URL_OR_FILE",
        help=_("the shared store: a store file or a database URL"),
    )
    checkout.add_argument(
        "--db",
        type=Path,
        required=True,
        metavar="LOCAL",
        help=_("the new local copy (a file that does not exist yet)"),
    )
    checkout.add_argument(
        "--territory",
        action="append",
        default=[],
        metavar="SIREN",
        help=_("only this territory, by SIREN, number or name (repeat for several)"),
    )
    checkout.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="ID",
        help=_("only this plan, by number or title (repeat for several)"),
    )
    checkout.add_argument("--name", default="", help=_("how others see this copy"))
    checkout.add_argument("--json", action="store_true", help=_("print JSON"))
    checkout.set_defaults(handler=run_checkout)

    sync = sub.add_parser("sync", help=_("send this copy's changes and receive the others'"))
    sync.add_argument("--db", type=Path, required=True, metavar="LOCAL", help=_("the offline copy"))
    sync.add_argument(
        "--remote",
        metavar="URL_OR_FILE",
        help=_("the shared store, if not where the copy was taken from"),
    )
    _merge_options(sync)
    sync.set_defaults(handler=run_sync)

    changes = sub.add_parser("changes", help=_("write a change package to send without a network"))
    add_store_options(changes, required=True)
    changes.add_argument(
        "--since",
        metavar="STATE",
        help=_(
            "from an offline copy: nothing (its changes for its origin); from a shared "
            "store: the state a copy holds (such as 3fa8c21e-57) or the copy's name"
        ),
    )
    changes.add_argument("--out", type=Path, required=True, metavar="FILE.pcaetsync")
    changes.add_argument("--json", action="store_true", help=_("print JSON"))
    changes.set_defaults(handler=run_changes)

    apply = sub.add_parser("apply", help=_("apply a change package"))
    add_store_options(apply, required=True)
    apply.add_argument("file", type=Path, metavar="FILE.pcaetsync")
    _merge_options(apply)
    apply.set_defaults(handler=run_apply)


def _merge_options(parser: argparse.ArgumentParser) -> None:
    """What a synchronisation and the application of a package share: a dry run, the side
    that settles conflicts, JSON."""
    parser.add_argument(
        "--dry-run", action="store_true", help=_("say what would change, change nothing")
    )
    parser.add_argument(
        "--prefer",
        choices=PREFER,
        help=_(
            "settle conflicts with this side's values (otherwise they are "
            "listed and left as they are)"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def _prefer(args: argparse.Namespace) -> object:
    from ..services.sync.plan import Choice

    return Choice(args.prefer) if getattr(args, "prefer", None) else None


def run_checkout(args: argparse.Namespace) -> int:
    from ..services.sync.checkout import Selection, checkout

    actor = cli_actor()
    result = checkout(
        args.source,
        args.db,
        user=actor.user,
        name=args.name,
        selection=Selection(territories=args.territory, plans=args.plan),
    )
    if args.json:
        print_json(result.as_json())
        return EXIT_OK
    print(_("Took {location} offline into {path}.").format(location=result.location, path=args.db))
    print(
        ngettext("{count} record copied.", "{count} records copied.", result.received).format(
            count=result.received
        )
    )
    print(_("This copy holds state {state} of its origin.").format(state=result.state))
    return EXIT_OK


def _remote(local: Store, remote: str | None) -> Store:
    from ..services.sync import state
    from ..services.sync.common import SyncError
    from ..store import open_store

    location = remote
    if location is None:
        with local.engine.connect() as connection:
            location = state.replica(connection).origin_location
    if not location:
        raise SyncError(
            _("{location} is not an offline copy: take one with pcaet checkout.").format(
                location=local.location
            )
        )
    return open_store(location, create=False)


def run_sync(args: argparse.Namespace) -> int:
    from ..services.sync.online import synchronise
    from ..store import open_store

    local = open_store(args.db, create=False)
    try:
        remote = _remote(local, args.remote)
        try:
            result = synchronise(
                local,
                remote,
                user=cli_actor().user,
                prefer=_prefer(args),  # type: ignore[arg-type]
                dry_run=args.dry_run,
            )
            return _report(result, local, args.json)
        finally:
            remote.close()
    finally:
        local.close()


def run_changes(args: argparse.Namespace) -> int:
    from ..services.sync.package_writer import write_changes

    store = open_from_args(args)
    try:
        out: Path = args.out
        if out.is_dir():
            return fail(
                _("{path} is a folder; give the name of the package file.").format(path=out)
            )
        if not out.parent.is_dir():
            return fail(_("The folder {path} does not exist.").format(path=out.parent))
        result = write_changes(store, out, user=cli_actor().user, since=args.since)
        if args.json:
            print_json(result.as_json())
            return EXIT_OK
        print(
            ngettext(
                "Wrote {count} changed record to {path} ({size}).",
                "Wrote {count} changed records to {path} ({size}).",
                result.sent,
            ).format(count=result.sent, path=out, size=_size(result.package_size))
        )
        return EXIT_OK
    finally:
        store.close()


def run_apply(args: argparse.Namespace) -> int:
    from ..services.sync.packages import apply_package

    store = open_from_args(args)
    try:
        result = apply_package(
            store,
            args.file,
            user=cli_actor().user,
            prefer=_prefer(args),  # type: ignore[arg-type]
            dry_run=args.dry_run,
        )
        if result.already:
            if args.json:
                print_json(result.as_json())
            else:
                print(_("This store already holds everything in this package; nothing changed."))
            return EXIT_OK
        return _report(result, store, args.json)
    finally:
        store.close()


def _size(count: int) -> str:
    from ..i18n import format_number

    if count < 10_000:
        return _("{size} bytes").format(size=format_number(count))
    return _("{size} KB").format(size=format_number(round(count / 1024)))


def _report(result: SyncResult, local: Store, as_json: bool) -> int:
    """The summary, then each conflict; exit 1 when conflicts were left undecided."""
    from ..services.sync.lookup import lookup_in
    from ..services.sync.words import describe, record_name, record_title, shown, who

    code = EXIT_ERROR if result.undecided else EXIT_OK
    if as_json:
        print_json(result.as_json())
        return code
    if result.dry_run:
        print(_("Dry run: nothing was changed. The synchronisation would make these changes:"))
    lines = [
        ngettext("{count} record sent", "{count} records sent", result.sent),
        ngettext("{count} record received", "{count} records received", result.received),
        ngettext(
            "{count} record merged field by field",
            "{count} records merged field by field",
            result.merged,
        ),
        ngettext("{count} conflict", "{count} conflicts", len(result.conflicts)),
    ]
    counts = (result.sent, result.received, result.merged, len(result.conflicts))
    for text, count in zip(lines, counts, strict=True):
        print("  " + text.format(count=count))
    if result.log_entries:
        print(
            "  "
            + ngettext(
                "{count} history entry received",
                "{count} history entries received",
                result.log_entries,
            ).format(count=result.log_entries)
        )
    lookup, sync_schema = lookup_in(local, result)
    for conflict in result.conflicts:
        values = conflict.mine_record or conflict.theirs_record
        title = record_title(sync_schema, conflict.table, values, lookup)
        name = _("{record} “{title}”").format(record=record_name(conflict.table), title=title)
        print("  • " + _("{record}: {what}").format(record=name, what=describe(conflict)))
        if conflict.field:
            mine = shown(sync_schema, conflict.table, conflict.field, conflict.mine, lookup)
            theirs = shown(sync_schema, conflict.table, conflict.field, conflict.theirs, lookup)
        else:
            mine = _("(deleted)") if conflict.mine_record is None else _("(changed)")
            theirs = _("(deleted)") if conflict.theirs_record is None else _("(changed)")
        for label, text, person in (
            (_("here"), mine, conflict.mine_who),
            (_("there"), theirs, conflict.theirs_who),
        ):
            by = who(person)
            line = _("{side}: {value}").format(side=label, value=text)
            print("      " + line + (f" ({by})" if by else ""))
        if conflict.decision is not None:
            print(
                "      "
                + _("kept: {side}").format(
                    side=_("here") if conflict.decision.choice.value == "mine" else _("there")
                )
            )
    if result.undecided:
        print(
            ngettext(
                "{count} conflict was left as it is on both sides; run again with "
                "--prefer mine or --prefer theirs, or decide in the application.",
                "{count} conflicts were left as they are on both sides; run again with "
                "--prefer mine or --prefer theirs, or decide in the application.",
                len(result.undecided),
            ).format(count=len(result.undecided))
        )
    if result.state and result.written:
        print(_("This copy holds state {state} of its origin.").format(state=result.state))
    return code
