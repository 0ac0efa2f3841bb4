"""One part per section with its actions table (code, title, lead, status, calendar, budget)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from ...i18n import _
from ...services.report_data import ActionRow
from ..document import heading
from . import PartContext, amounts_text, calendar_text, lead_text, status_text


def actions_table(ctx: PartContext, rows: Sequence[ActionRow]) -> Flowable:
    w = ctx.width
    body = [
        (
            r.action.code,
            r.action.title,
            lead_text(r),
            status_text(r),
            calendar_text(r),
            # Figures stay on one line; the budget as the plan writes it wraps like text.
            amounts_text(r.budget, r.budget_states) or ctx.cell(r.action.budget_text, right=True),
        )
        for r in rows
    ]
    return ctx.table(
        [_("Code"), _("Action"), _("Lead"), _("Status"), _("Calendar"), _("Budget")],
        body,
        [0.06 * w, 0.29 * w, 0.15 * w, 0.10 * w, 0.26 * w, 0.14 * w],
        right=(5,),
    )


def build(ctx: PartContext) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    story: list[Flowable] = [heading(_("Actions by section"), styles, 0)]
    if not data.sections and not data.unsectioned:
        story.append(ctx.p(_("The plan has no action yet.")))
        return story
    for block in data.sections:
        title = f"{block.code} {block.title}".strip()
        story.append(heading(title, styles, min(block.depth + 1, 2)))
        if block.description:
            # Kept with the table that follows, as the heading is: no heading alone at the
            # foot of a page.
            story.append(ctx.p(block.description, styles.small_keep))
        if block.actions:
            story.append(actions_table(ctx, block.actions))
    if data.unsectioned:
        story.append(heading(_("Actions outside any section"), styles, 1))
        story.append(actions_table(ctx, data.unsectioned))
    return story
