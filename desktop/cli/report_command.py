"""``pcaet report`` (the PDF committee report) and ``pcaet export`` (the Excel workbook)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import i18n
from ..errors import UserError
from ..i18n import _, ngettext
from ..outputs import check_output
from ..reports.kinds import FORMATS, KINDS
from .common import EXIT_OK, EXIT_REFUSED, add_store_options, fail, open_from_args


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser(
        "report", help=_("write the committee report as a PDF, a Word document or slides")
    )
    add_store_options(report, required=True)
    report.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help=_("the file to write: FILE.pdf, FILE.docx or FILE.pptx after --format"),
    )
    report.add_argument(
        "--format",
        dest="report_format",
        choices=list(FORMATS),
        default="pdf",
        help=_("pdf (default), docx (Word, to edit) or pptx (slides)"),
    )
    report.add_argument(
        "--kind",
        choices=list(KINDS),
        default="committee",
        help=_("committee (default), midterm (PCAET mid-term) or cotri"),
    )
    report.add_argument(
        "--lang",
        dest="report_lang",
        choices=list(i18n.LANGUAGES),
        help=_("language of the report (default: the interface language)"),
    )
    report.add_argument("--meeting", type=int, metavar="ID", help=_("the committee meeting"))
    report.add_argument("--plan", type=int, metavar="ID", help=_("the plan (default: the first)"))
    report.add_argument(
        "--sections", metavar="CODES", help=_("comma-separated codes of the sections to include")
    )
    report.add_argument("--period", metavar="YEAR-YEAR", help=_("years shown, e.g. 2015-2024"))
    report.add_argument(
        "--no-action-sheets", action="store_true", help=_("leave out the one-page action sheets")
    )
    report.add_argument("--no-charts", action="store_true", help=_("leave out the charts"))
    report.add_argument(
        "--no-snapshot",
        action="store_true",
        help=_('do not record this report for the next "since" section'),
    )
    report.set_defaults(handler=run_report)

    export = sub.add_parser("export", help=_("export the store as an Excel workbook"))
    add_store_options(export, required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    export.add_argument(
        "--format",
        choices=("native", "tet", "tet-indicators"),
        default="native",
        help=_(
            "native (re-importable), tet (Territoires en Transitions' action "
            "plan) or tet-indicators (indicator values by TeT identifier)"
        ),
    )
    export.add_argument("--plan", type=int, metavar="ID", help=_("the plan for --format tet"))
    export.add_argument(
        "--charts", action="store_true", help=_("add a native Excel chart per key indicator")
    )
    export.set_defaults(handler=run_export)


def _period(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    start, _sep, end = text.partition("-")
    try:
        return (int(start) if start.strip() else None, int(end) if end.strip() else None)
    except ValueError as error:
        raise UserError(
            _("The period {period} is not of the form 2015-2024.").format(period=text)
        ) from error


def run_report(args: argparse.Namespace) -> int:
    from ..reports.build import build_report
    from ..services.report_data import NoContractError, ReportDataError, ReportOptions

    check_output(args.out)  # a path that cannot be written is said before any work
    start, end = _period(args.period)
    options = ReportOptions(
        kind=args.kind,
        language=args.report_lang or i18n.current_language(),
        plan_id=args.plan,
        meeting_id=args.meeting,
        section_codes=tuple(c for c in (args.sections or "").split(",") if c.strip()),
        period_start=start,
        period_end=end,
        include_action_sheets=not args.no_action_sheets,
        include_charts=not args.no_charts,
        format=args.report_format,
    )
    store = open_from_args(args)
    try:
        result = build_report(store, options, args.out, record=not args.no_snapshot)
    except NoContractError as error:
        return fail(
            _(
                'No COTRI report for "{plan}": this plan has no COTRI contract. Record the '
                "contract first, or choose the committee report."
            ).format(plan=error),
            EXIT_REFUSED,
        )
    except ReportDataError as error:
        return fail(
            _("Nothing to report on: {what} is missing from the store.").format(what=error),
            EXIT_REFUSED,
        )
    finally:
        store.close()
    for note in result.notes:
        print(note, file=sys.stderr)
    # The path as the user gave it (a link stays named as such).
    if result.format == "pptx":
        print(
            ngettext("{path}: {n} slide", "{path}: {n} slides", result.pages).format(
                path=args.out, n=result.pages
            )
        )
    else:
        print(
            ngettext("{path}: {n} page", "{path}: {n} pages", result.pages).format(
                path=args.out, n=result.pages
            )
        )
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    check_output(args.out)
    store = open_from_args(args)
    try:
        if args.format == "tet":
            from ..reports.tet_export import export_tet

            warnings: list[str] = []
            rows = export_tet(store, args.out, plan_id=args.plan, warnings=warnings)
            for warning in warnings:
                print(warning, file=sys.stderr)
            print(
                ngettext("{path}: {n} action", "{path}: {n} actions", rows).format(
                    path=args.out, n=rows
                )
            )
        elif args.format == "tet-indicators":
            from ..reports.tet_indicators import export_tet_indicators

            rows = export_tet_indicators(store, args.out)
            print(
                ngettext(
                    "{path}: {n} row (an indicator of a territory)",
                    "{path}: {n} rows (an indicator of a territory each)",
                    rows,
                ).format(path=args.out, n=rows)
            )
        else:
            from ..reports.workbook import export_workbook

            counts = export_workbook(store, args.out, charts=args.charts)
            total = sum(counts.values())
            print(
                ngettext("{path}: {rows} row", "{path}: {rows} rows", total).format(
                    path=args.out, rows=total
                )
            )
    finally:
        store.close()
    return EXIT_OK
