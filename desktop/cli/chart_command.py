"""``chart``: an indicator or dashboard chart as a PNG or SVG file, for officers' slides."""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path

from ..charts import registry as chart_kinds
from ..i18n import _, language
from ..outputs import check_output, write_output
from .common import EXIT_OK, add_store_options, fail, open_from_args

SUFFIX_FORMATS = {".png": "png", ".svg": "svg"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chart = sub.add_parser(
        "chart",
        help=_("draw an indicator or a dashboard chart to a PNG or SVG file"),
        description=_(
            "Draw the chart of an indicator (--indicator) or a dashboard chart (--kind) "
            "to a PNG or SVG file; the format follows the file's extension."
        ),
    )
    add_store_options(chart, required=True)
    chart.add_argument(
        "--indicator",
        metavar="CODE",
        help=_("code of the indicator (with --kind peers: the indicator to compare)"),
    )
    chart.add_argument("--kind", choices=chart_kinds.names(), help=_("dashboard chart to draw"))
    chart.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help=_("FILE.png or FILE.svg")
    )
    chart.add_argument("--width", type=int, default=1200, help=_("width in pixels (default 1200)"))
    chart.add_argument("--height", type=int, default=700, help=_("height in pixels (default 700)"))
    chart.add_argument(
        "--lang",
        dest="chart_lang",
        choices=["fr", "en", "nl"],
        help=_("language of the chart's words and number formats"),
    )
    chart.add_argument(
        "--territory",
        metavar="SIREN|NAME",
        help=_("territory, by SIREN or name (default: the first one with values)"),
    )
    chart.add_argument("--plan", type=int, metavar="ID", help=_("plan number (default: the PCAET)"))
    chart.add_argument("--contract", type=int, metavar="ID", help=_("COTRI contract number"))
    chart.set_defaults(handler=run_chart)


def run_chart(args: argparse.Namespace) -> int:
    if not args.indicator and not args.kind:
        return fail(_("Name an indicator (--indicator CODE) or a chart (--kind)."))
    if args.indicator and args.kind not in (None, "peers"):
        return fail(_("--indicator goes with --kind peers only."))
    fmt = SUFFIX_FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        return fail(_("--out: name a .png or .svg file (got {name}).").format(name=args.out.name))
    check_output(args.out)  # a path that cannot be written is said before any work
    lang = args.chart_lang or getattr(args, "lang", None)
    from ..charts import images  # Qt loads only when a chart is drawn
    from ..services import indicators
    from ..services.dashboard_data import default_territory, find_territories, territory_with_values

    store = open_from_args(args)
    try:
        with store.session() as session, language(lang) if lang else nullcontext():
            if args.territory:
                found = find_territories(session, args.territory)
                if not found:
                    return fail(
                        _("No territory with SIREN or name {query} in this store.").format(
                            query=args.territory
                        )
                    )
                if len(found) > 1:
                    return fail(
                        _("Several territories match {query}: {names}. Be more precise.").format(
                            query=args.territory, names="; ".join(t.name for t in found)
                        )
                    )
                territory_id = found[0].id
            else:
                territory_id = default_territory(session, args.plan, args.contract)
            if args.indicator:
                indicator = indicators.indicator_by_code(session, args.indicator)
                if indicator is None or indicator.id is None:
                    return fail(
                        _("No indicator with code {code} in this store.").format(
                            code=args.indicator
                        )
                    )
                if not args.territory and args.kind != "peers":
                    # An indicator's chart is of a territory that has its values.
                    territory_id = territory_with_values(session, indicator.id, territory_id)
                if territory_id is None:
                    return fail(_("This store holds no territory yet."))
                render = images.render_peers if args.kind == "peers" else images.render_indicator
                data = render(
                    session,
                    indicator.id,
                    territory_id,
                    width=args.width,
                    height=args.height,
                    fmt=fmt,
                    lang=lang,
                )
            else:
                data = images.render_chart(
                    session,
                    args.kind,
                    territory_id=territory_id,
                    plan_id=args.plan,
                    contract_id=args.contract,
                    width=args.width,
                    height=args.height,
                    fmt=fmt,
                    lang=lang,
                )
    finally:
        store.close()
    with write_output(args.out) as partial:
        partial.write_bytes(data)
    print(_("Chart written to {path}").format(path=args.out))
    return EXIT_OK
