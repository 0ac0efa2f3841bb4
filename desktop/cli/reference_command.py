"""``pcaet reference``: a territory's SNBC reference by sector and year; ``--save`` keeps the
simplified one in the store, ``--import FILE`` takes an official one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import _, format_number
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_REFUSED,
    add_store_options,
    cli_actor,
    fail,
    open_from_args,
    print_json,
)

DOMAINS = ("ghg", "energy")  # as desktop.services.reference_trajectory names them


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "reference",
        help=_("print a territory's SNBC reference trajectory by sector and year"),
        description=_(
            "Print the SNBC reference of a territory, by sector (TeT identifier) and year: the "
            "official one when the authority imported it, else the simplified sector reference "
            "computed from its 2015 inventory."
        ),
    )
    add_store_options(parser, required=True)
    parser.add_argument(
        "--territory", required=True, metavar="SIREN|NAME", help=_("territory, by SIREN or name")
    )
    parser.add_argument(
        "--domain",
        choices=DOMAINS,
        default="ghg",
        help=_("greenhouse gas emissions (default) or energy consumption"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--save",
        action="store_true",
        help=_("keep the simplified reference in the store, with its inventory"),
    )
    action.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help=_("import the official reference (TeT export or ADEME workbook)"),
    )
    action.add_argument(
        "--remove-official", action="store_true", help=_("forget the imported official reference")
    )
    parser.set_defaults(handler=run_reference)


def run_reference(args: argparse.Namespace) -> int:
    from ..io.safety import FileRefused
    from ..services.dashboard_data import find_territories

    store = open_from_args(args)
    try:
        with store.session() as session:
            found = find_territories(session, args.territory)
            if len(found) != 1:
                message = (
                    _("No territory with SIREN or name {query} in this store.")
                    if not found
                    else _("Several territories match {query}: {names}. Be more precise.")
                )
                return fail(
                    message.format(query=args.territory, names="; ".join(t.name for t in found))
                )
            territory_id = found[0].pk
        try:
            _change(store, args, territory_id)
        except FileRefused as error:
            return fail(str(error).splitlines()[0], EXIT_REFUSED)
        with store.session() as session:
            return _print(session, territory_id, args)
    finally:
        store.close()


def _change(store: Any, args: argparse.Namespace, territory_id: int) -> None:
    from ..io.reference_import import import_reference
    from ..services import reference_trajectory as rt
    from ..services.unit_of_work import unit_of_work

    if args.import_file is not None:
        done = import_reference(store, args.import_file, territory_id, cli_actor())
        print(
            _(
                "Official reference imported: {identifiers} series, {values} values, "
                "{first}-{last}."
            ).format(
                identifiers=done.identifiers,
                values=done.values,
                first=done.first_year,
                last=done.last_year,
            )
        )
    elif args.save:
        with unit_of_work(store, cli_actor()) as work:
            saved = rt.save_simplified(work.session, work.actor, territory_id)
        if saved.saved:
            print(_("Simplified reference saved in the store."))
    elif args.remove_official:
        with unit_of_work(store, cli_actor()) as work:
            if not rt.remove_official(work.session, work.actor, territory_id):
                print(_("This territory has no official reference."))


def _print(session: Any, territory_id: int, args: argparse.Namespace) -> int:
    from ..services.reference_comparison import ROWS, domain_unit, identifier_label
    from ..services.reference_texts import method_text, missing_text
    from ..services.reference_trajectory import reference_for

    reference = reference_for(session, territory_id)
    series = reference.series(args.domain)
    order = [i for i in ROWS[args.domain] if i in series] + sorted(
        i for i in series if i not in ROWS[args.domain]
    )
    unit = domain_unit(args.domain)
    method = method_text(reference, args.domain)
    if args.json:
        print_json(
            {
                "series": {
                    i: {str(y): float(v) for y, v in sorted(series[i].items())} for i in order
                },
                "unit": unit,
                "method": method,
                "missing": reference.missing,
            }
        )
        return EXIT_OK
    if reference.exists:
        print(method)
    note = missing_text(reference)
    if note:
        print(note)
    if not order:
        return EXIT_ERROR if reference.kind is None else EXIT_OK
    print(_("Unit: {unit}").format(unit=unit))
    years = sorted({y for i in order for y in series[i]})
    width = max(10, *(len(i) + 2 for i in order))
    print(_("Year").ljust(6) + "".join(i.rjust(width) for i in order))
    for year in years:
        cells = [series[i].get(year) for i in order]
        print(
            str(year).ljust(6)
            + "".join(
                ("" if v is None else format_number(v, decimals=1)).rjust(width) for v in cells
            )
        )
    for identifier in order:
        print(f"{identifier}: {identifier_label(identifier)}")
    return EXIT_OK
