"""Points of vigilance (points de vigilance) and, for the mid-term report, the adjustments to
propose: late or blocked actions, indicators behind their trajectory, targets missed, money not
yet secured, gaps in the data."""

from __future__ import annotations

from ...i18n import _, format_number, ngettext
from ...labels import label
from ...models import ActionStatus, BudgetState, ObservationKind
from ...services.report_review import MissedTarget, behind, missed_targets
from ...services.trajectory import TrackStatus
from ..content import MUTED, Bullets, Heading, Part, Text
from . import PartContext, action_title, num, num_like


def missed_value(missed: MissedTarget) -> str:
    """The value that missed its target, saying so when it is not a measured one."""
    if missed.kind == ObservationKind.MEASURED:
        return num(missed.value)
    return f"{num(missed.value)} ({label(missed.kind).lower()})"


def points(ctx: PartContext) -> list[str]:
    data = ctx.data
    found: list[str] = []
    for row in data.late_actions:
        reason = row.action.status_reason or _("no reason recorded")
        found.append(
            _("{action} is late ({reason}).").format(action=action_title(row), reason=reason)
        )
    for row in data.actions:
        if (
            row.action.parent_id is None
            and row.status in (ActionStatus.BLOCKED, ActionStatus.PAUSED)
            and not row.late
        ):
            found.append(
                _("{action}: {status}.").format(
                    action=action_title(row), status=label(row.status).lower()
                )
            )
    for block in behind(data.key_indicators):
        found.append(
            _("{indicator} is behind its trajectory ({status}).").format(
                indicator=block.name, status=label(block.status).lower()
            )
        )
    for missed in missed_targets(data.key_indicators, data.today):
        found.append(
            _("{indicator}: the {year} target ({target}) was missed ({value}).").format(
                indicator=missed.indicator,
                year=missed.year,
                target=num_like(missed.target, [missed.value]),
                value=missed_value(missed),
            )
        )
    undefined = data.budget.non_numeric.get(BudgetState.TO_BE_DEFINED, 0)
    if undefined:
        found.append(
            ngettext(
                "{n} budget is still to be defined.",
                "{n} budgets are still to be defined.",
                undefined,
            ).format(n=format_number(undefined))
        )
    envisaged = [f for f in data.budget.by_funder if any(s.value == "envisaged" for s in f.stages)]
    if envisaged:
        found.append(
            ngettext(
                "{n} funding is only a possibility studied: {funders}.",
                "{n} fundings are only possibilities studied: {funders}.",
                len(envisaged),
            ).format(
                n=format_number(len(envisaged)), funders=", ".join(f.funder for f in envisaged)
            )
        )
    if data.budget.needs_rate:
        found.append(
            _("No dated exchange rate for {currencies}: the totals stay apart.").format(
                currencies=", ".join(data.budget.needs_rate)
            )
        )
    unassessed = sum(1 for b in data.key_indicators if b.status == TrackStatus.UNKNOWN)
    if unassessed:
        found.append(
            ngettext(
                "{n} indicator with a target cannot be assessed (no measured value).",
                "{n} indicators with a target cannot be assessed (no measured value).",
                unassessed,
            ).format(n=format_number(unassessed))
        )
    return found


def build(ctx: PartContext) -> list[Part]:
    part = Part("vigilance", _("Points of vigilance"))
    found = points(ctx)
    if found:
        part.add(Bullets(found))
        part.notes += found
    else:
        part.add(Text(_("Nothing calls for the committee's attention."), MUTED))
    return [part]


def adjustments(ctx: PartContext) -> list[Part]:
    """Mid-term: what to adjust, from the indicators behind and the targets missed to the
    actions late, paused or blocked."""
    data = ctx.data
    part = Part("adjustments", _("Proposed adjustments"))
    proposals: list[str] = []
    for missed in missed_targets(data.key_indicators, data.today):
        proposals.append(
            _(
                "{indicator}: the {year} target was missed ({value} against {target}); "
                "strengthen the actions behind it or revise the trajectory."
            ).format(
                indicator=missed.indicator,
                year=missed.year,
                value=missed_value(missed),
                target=num_like(missed.target, [missed.value]),
            )
        )
    for block in behind(data.key_indicators):
        proposals.append(
            _("{indicator} is {status}: review the actions that serve it.").format(
                indicator=block.name, status=label(block.status).lower()
            )
        )
    stuck = [
        r
        for r in data.actions
        if r.action.parent_id is None
        and (r.late or r.status in (ActionStatus.BLOCKED, ActionStatus.PAUSED))
    ]
    for row in stuck:
        proposals.append(
            _("{action} ({status}): set a new date or redefine it.").format(
                action=action_title(row), status=label(row.status).lower()
            )
        )
    if proposals:
        part.add(Heading(_("To adjust"), 1))
        part.add(Bullets(proposals))
        part.notes += proposals
    else:
        part.add(
            Text(
                _(
                    "No target of the period was missed, no indicator is behind its trajectory and "
                    "no action is late or blocked."
                ),
                MUTED,
            )
        )
    return [part]
