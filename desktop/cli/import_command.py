"""``pcaet import FILE`` and ``pcaet template KIND``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _, format_number, ngettext
from ..io import kinds
from ..models.enums import ObservationKind, ValueOrigin
from ..progress import Progress
from .common import (
    EXIT_OK,
    EXIT_REFUSED,
    add_store_options,
    cli_actor,
    fail,
    open_from_args,
    print_json,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import", help=_("import a partner spreadsheet (xlsx, xls, ods, csv)"))
    add_store_options(parser)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--kind",
        choices=[kinds.AUTO, *kinds.KINDS],
        default=kinds.AUTO,
        help=_("what the file holds (detected by default)"),
    )
    parser.add_argument(
        "--territory", metavar="SIREN", help=_("territory of rows that do not name one")
    )
    parser.add_argument("--plan", metavar="NAME", help=_("plan that receives imported actions"))
    parser.add_argument("--sheet", metavar="NAME", help=_("sheet to import"))
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help=_("mapping profile to apply, or to save when it does not exist"),
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help=_("year of the values when the file has no year column"),
    )
    parser.add_argument(
        "--origin",
        choices=[o.value for o in ValueOrigin],
        help=_(
            "who produced the values (recognised from the file by default: "
            "an observatory's export, ALDO, else the authority)"
        ),
    )
    parser.add_argument(
        "--value-kind",
        choices=[k.value for k in ObservationKind],
        help=_(
            "how the values were obtained (measured by default, modelled "
            "for an observatory's or ALDO's)"
        ),
    )
    parser.add_argument(
        "--create-territories",
        action="store_true",
        help=_("create the territories the file names that the store lacks"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("check and count without changing the store")
    )
    parser.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    parser.set_defaults(handler=run_import_command)

    template = sub.add_parser("template", help=_("write a blank, documented import template"))
    template.add_argument(
        "kind",
        choices=list(kinds.KINDS),
        metavar="KIND",
        # Named from the registry: a kind added there is offered here too.
        help=_("what the template imports: {kinds}").format(kinds=", ".join(kinds.KINDS)),
    )
    template.add_argument(
        "--out", type=Path, required=True, metavar="FILE.xlsx", help=_("the workbook to write")
    )
    template.set_defaults(handler=run_template_command)


def run_import_command(args: argparse.Namespace) -> int:
    from ..io.importer import ImportRequest, import_file
    from ..io.safety import FileRefused
    from ..io.workbook_native import WorkbookError

    request = ImportRequest(
        path=args.file,
        kind=args.kind,
        sheet=args.sheet,
        territory=args.territory,
        plan=args.plan,
        year=args.year,
        profile=args.profile,
        create_territories=args.create_territories,
        dry_run=args.dry_run,
        origin=ValueOrigin(args.origin) if args.origin else None,
        value_kind=ObservationKind(args.value_kind) if args.value_kind else None,
    )
    store = open_from_args(args)
    try:
        summary = import_file(store, request, cli_actor(), _waiting_notice())
    except (FileRefused, WorkbookError) as error:
        # Refused as a whole: one line on stderr, nothing changed.
        return fail(str(error).splitlines()[0] if str(error) else "", EXIT_REFUSED)
    finally:
        store.close()
    if args.json:
        print_json(summary.to_dict())
        return EXIT_OK
    if summary.dry_run:
        print(_("Dry run: nothing was changed."))
    rows = ngettext("{count} row read", "{count} rows read", summary.rows_read).format(
        count=format_number(summary.rows_read)
    )
    print(_("{rows}: {counts}.").format(rows=rows, counts=summary.counts_text()))
    for label, items in (
        (_("Plans created:"), summary.created_plans),
        (_("Sections created:"), summary.created_sections),
        (_("Indicators matched to the referential:"), summary.matched_indicators),
        (_("Indicators created:"), summary.created_indicators),
        (_("Organisations created:"), summary.created_organisations),
        (_("Territories created:"), summary.created_territories),
    ):
        if items:
            print(label, ", ".join(items[:20]) + (" …" if len(items) > 20 else ""))
    for warning in summary.warnings:
        print(warning)
    for rejection in summary.rejections[:200]:
        print(
            _("{sheet} row {row} column {column}: {reason}").format(
                sheet=rejection.sheet,
                row=rejection.row,
                column=rejection.column,
                reason=rejection.reason,
            )
        )
    if len(summary.rejections) > 200:
        more = len(summary.rejections) - 200
        print(
            ngettext(
                "… and {count} more rejection (use --json for all).",
                "… and {count} more rejections (use --json for all).",
                more,
            ).format(count=format_number(more))
        )
    return EXIT_OK


def _waiting_notice() -> Progress:
    """Progress that says on stderr, once, that the import waits for another one."""
    from ..io.import_lock import waiting_message

    said: list[bool] = []

    def listen(progress: Progress) -> None:
        if not said and progress.text == waiting_message():
            said.append(True)
            print(progress.text, file=sys.stderr, flush=True)

    return Progress(listen)


def run_template_command(args: argparse.Namespace) -> int:
    from ..io.templates import write_template

    write_template(args.kind, args.out)  # OutputError says why a path cannot be written
    print(_("Template written to {path}").format(path=args.out))
    return EXIT_OK
