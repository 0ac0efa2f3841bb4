"""One-page action sheets: everything the plan says about each action."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from ...i18n import _, format_currency, format_percent
from ...services.report_data import ActionRow
from ..document import heading
from ..labels import label
from . import PartContext, action_period_text, amounts_text, calendar_text, status_text


def _sheet(ctx: PartContext, row: ActionRow, section: str) -> list[Flowable]:
    action, styles = row.action, ctx.styles
    fundings = [
        " — ".join(
            p for p in (
                funder,
                format_currency(amount, currency) if amount is not None else "",
                what,
            ) if p
        )
        for funder, amount, currency, what in row.fundings
    ]
    progress = (
        format_percent(action.progress_percent / 100) if action.progress_percent is not None
        else ""
    )
    facts: list[tuple[str, str]] = [
        (_("Section"), section),
        (_("Lead organisation"), row.lead),
        (_("Lead service"), action.lead_service),
        (_("Lead person"), action.lead_person),
        (_("Elected referent"), action.elected_referent),
        (_("Partners"), ", ".join(p for p in row.partners if p)),
        (_("Status"), status_text(row)),
        (_("Priority"), label(action.priority) if action.priority else ""),
        (_("Progress"), progress),
        (_("Dates"), action_period_text(action)),
        (_("Calendar"), calendar_text(row)),
        (_("Budget"), amounts_text(row.budget, row.budget_states)),
        (_("Budget as written"), action.budget_text),
        (_("Funding"), "\n".join(fundings)),
        (_("Indicators"), "\n".join(row.indicators)),
    ]
    rows = [(name, value) for name, value in facts if value]
    w = ctx.width
    story: list[Flowable] = [
        heading(f"{action.code} {action.title}".strip(), styles, 1),
        ctx.table([_("Field"), _("Value")], rows, [0.25 * w, 0.75 * w]),
    ]
    if action.description:
        story.append(ctx.p(_("Description"), styles.h3))
        story.append(ctx.p(action.description))
    return story


def build(ctx: PartContext) -> list[Flowable]:
    data = ctx.data
    if not data.options.include_action_sheets or not data.actions:
        return []
    story: list[Flowable] = [heading(_("Action sheets"), ctx.styles, 0)]
    titles = {b.id: f"{b.code} {b.title}".strip() for b in data.sections}
    first = True
    for row in data.actions:
        if not first:
            story.append(PageBreak())
        first = False
        section_id = row.action.section_id
        story += _sheet(ctx, row, titles.get(section_id, "") if section_id else "")
    return story

