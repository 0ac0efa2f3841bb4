"""Executive summary: actions by status, late actions, budget totals, key indicators."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ...i18n import _, format_currency, format_number, format_percent, ngettext
from ..document import heading
from ..labels import label
from ..styles import esc
from . import CHART_SIZE, PartContext, end_text, lead_text, num, num_like


def build(ctx: PartContext) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    story: list[Flowable] = [heading(_("Executive summary"), styles, 0)]
    actions = data.actions
    total = len(actions)
    story.append(
        ctx.p(
            ngettext("The plan counts {n} action.", "The plan counts {n} actions.", total).format(
                n=format_number(total)
            )
        )
    )
    story.append(heading(_("Actions by status"), styles, 1))
    rows = [
        (label(status), format_number(count), format_percent(Decimal(count) / total, decimals=1))
        for status, count in data.status_counts.items()
        if count
    ] if total else []
    if rows:
        story.append(
            ctx.table([_("Status"), _("Actions"), _("Share")], rows,
                      [70 * mm, 30 * mm, 30 * mm], right=(1, 2))
        )
    chart = ctx.chart(
        lambda charts: charts.render_chart(
            ctx.session, "actions-by-status", plan_id=data.plan.id if data.plan else None,
            territory_id=data.territory.id, lang=data.options.language, **CHART_SIZE,
        ),
        _("Actions by status"), ctx.width * 0.8,
    )
    if chart is not None:
        story.append(chart)
    story += _late(ctx)
    story += _budget(ctx)
    story += _key_indicators(ctx)
    return story


def _late(ctx: PartContext) -> list[Flowable]:
    late = ctx.data.late_actions
    story: list[Flowable] = [heading(_("Late actions"), ctx.styles, 1)]
    if not late:
        story.append(ctx.p(_("No action is late.")))
        return story
    story.append(
        ctx.p(ngettext("{n} action is late.", "{n} actions are late.", len(late)).format(
            n=format_number(len(late))))
    )
    rows = [
        (r.action.code, r.action.title, lead_text(r), end_text(r.action),
         label(r.status))
        for r in late
    ]
    w = ctx.width
    story.append(
        ctx.table([_("Code"), _("Action"), _("Lead"), _("End date"), _("Status")], rows,
                  [0.09 * w, 0.43 * w, 0.22 * w, 0.13 * w, 0.13 * w])
    )
    return story


def _budget(ctx: PartContext) -> list[Flowable]:
    budget = ctx.data.budget
    story: list[Flowable] = [heading(_("Budget"), ctx.styles, 1)]
    if not budget.amounts and not budget.non_numeric:
        story.append(ctx.p(_("No budget is recorded for these actions.")))
        return story
    rows: list[tuple[str, str]] = [
        (unit, format_currency(amount, unit)) for unit, amount in sorted(budget.amounts.items())
    ]
    story.append(
        ctx.table([_("Currency or unit"), _("Forecast total")], rows, [50 * mm, 50 * mm],
                  right=(1,))
    )
    if budget.converted_total is not None:
        rates = "; ".join(
            _("1 {currency} = {rate} {target} (as of {as_of})").format(
                currency=currency, rate=format_number(rate), target=budget.converted_currency,
                as_of=as_of or "?",
            )
            for currency, rate, as_of, _source in budget.rates_used
        )
        story.append(
            ctx.markup(
                _("Converted total: <b>{total}</b>, at the rate {rates}.").format(
                    total=esc(format_currency(budget.converted_total, budget.converted_currency)),
                    rates=esc(rates),
                )
            )
        )
    elif budget.missing_rates:
        story.append(
            ctx.p(
                _("No converted total: no exchange rate is set for {currencies}.").format(
                    currencies=", ".join(budget.missing_rates)
                ),
                ctx.styles.muted,
            )
        )
    if budget.non_numeric:
        parts = ", ".join(
            f"{label(state)} ({format_number(count)})"
            for state, count in budget.non_numeric.items()
        )
        story.append(
            ctx.p(_("Budgets without a figure: {states}.").format(states=parts), ctx.styles.muted)
        )
    return story


def _key_indicators(ctx: PartContext) -> list[Flowable]:
    story: list[Flowable] = [heading(_("Key indicators"), ctx.styles, 1)]
    key = ctx.data.key_indicators
    if not key:
        story.append(ctx.p(_("No indicator has a target yet.")))
        return story
    w = ctx.width
    rows = []
    for block in key:
        ind = block.indicator
        rows.append(
            (
                ind.name,
                ind.unit,
                str(block.last_year or ""),
                num(block.last_value),
                num_like(block.expected_value, [p.value for p in block.values]),
                label(block.status),
            )
        )
    story.append(
        ctx.table(
            [_("Indicator"), _("Unit"), _("Year"), _("Value"), _("Expected"), _("Assessment")],
            rows, [0.38 * w, 0.12 * w, 0.08 * w, 0.14 * w, 0.14 * w, 0.14 * w], right=(3, 4),
        )
    )
    unknown = sum(1 for b in key if b.status == "no_data")
    off = sum(1 for b in key if b.status == "off_track")
    on = sum(1 for b in key if b.status == "on_track")
    story.append(
        ctx.p(
            ngettext(
                "{on} on track, {off} off track, out of {n} indicator with a target.",
                "{on} on track, {off} off track, out of {n} indicators with a target.",
                len(key),
            ).format(on=format_number(on), off=format_number(off), n=format_number(len(key))),
            ctx.styles.muted,
        )
    )
    if unknown:
        story.append(
            ctx.p(
                ngettext(
                    "{n} not assessed: the assessment needs a measured value (estimates are "
                    "shown, not assessed) and a target it can reach from the reference year.",
                    "{n} not assessed: the assessment needs a measured value (estimates are "
                    "shown, not assessed) and a target it can reach from the reference year.",
                    unknown,
                ).format(n=format_number(unknown)),
                ctx.styles.muted,
            )
        )
    return story

