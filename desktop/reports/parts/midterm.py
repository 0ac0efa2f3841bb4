"""Mid-term report (article R229-51 of the Code de l'environnement): the actions carried out
and under way, and the results per domain of the strategy."""

from __future__ import annotations

from ...i18n import _, format_number, ngettext
from ...labels import label
from ...models import ActionStatus
from ...services.report_review import domain_results
from ..content import MUTED, Heading, Part, Table, Text
from . import Marks, PartContext, action_title, calendar_text, lead_text, row_budget_text
from .indicators import key_table


def carried_out(ctx: PartContext) -> list[Part]:
    rows = [r for r in ctx.data.actions if r.action.parent_id is None]
    done = [r for r in rows if r.status == ActionStatus.DONE]
    running = [r for r in rows if r.status == ActionStatus.IN_PROGRESS]
    part = Part("carried_out", _("Actions carried out"))
    sentence = ngettext(
        "{done} of {total} action is carried out and {running} under way.",
        "{done} of {total} actions are carried out and {running} under way.",
        len(rows),
    ).format(
        done=format_number(len(done)),
        total=format_number(len(rows)),
        running=format_number(len(running)),
    )
    part.add(Text(sentence))
    part.notes.append(sentence)
    for title, chosen in ((_("Carried out"), done), (_("Under way"), running)):
        if chosen:
            part.add(Heading(title, 1))
            part.add(
                Table(
                    [_("Action"), _("Lead"), _("Calendar"), _("Budget")],
                    [
                        [action_title(r), lead_text(r), calendar_text(r), row_budget_text(r)]
                        for r in chosen
                    ],
                    [0.42, 0.2, 0.2, 0.18],
                )
            )
    part.slide = part.blocks[:1]
    return [part]


def domains(ctx: PartContext) -> list[Part]:
    data = ctx.data
    results = domain_results(ctx.session, data.plan, data.key_indicators)
    if not results:
        return []
    part = Part("domains", _("Results by domain of the strategy"), landscape=True)
    part.add(
        Text(
            _(
                "The nine domains of the PCAET strategy (article R229-51 of the Code de "
                "l'environnement), with the objectives the plan sets in each and where the "
                "indicators that follow them stand."
            ),
            MUTED,
        )
    )
    summary: list[list[str]] = []
    for result in results:
        objectives = "\n".join(o.statement for o in result.objectives if o.statement)
        verdicts = ", ".join(f"{b.name}: {label(b.status)}" for b in result.blocks)
        summary.append(
            [
                label(result.domain),
                objectives or _("no objective recorded"),
                verdicts or _("no indicator with a target"),
            ]
        )
        if result.blocks:
            part.notes.append(f"{label(result.domain)} — {verdicts}")
    part.add(
        Table(
            [_("Domain"), _("Objectives of the plan"), _("Indicators")], summary, [0.2, 0.45, 0.35]
        )
    )
    marks = Marks()
    for result in results:
        if result.blocks:
            part.add(Heading(label(result.domain), 1))
            part.add(key_table(ctx, result.blocks, marks))
    part.blocks += marks.legend()
    part.slide = [part.blocks[1]]
    return [part]
