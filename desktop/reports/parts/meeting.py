"""What the committee's record gives the report: the agenda and attendees, the follow-up of the
previous committee's decisions, the decisions to take and the next steps."""

from __future__ import annotations

from ...i18n import _, format_date, format_number, ngettext
from ...labels import label
from ...services.report_review import milestones
from ..content import MUTED, Bullets, Heading, Part, Table, Text
from . import PartContext


def agenda(ctx: PartContext) -> list[Part]:
    record = ctx.data.record
    if record is None:
        return []
    part = Part("agenda", _("Agenda"))
    if record.agenda:
        rows = [
            [
                format_number(index + 1),
                item.title,
                item.presenter,
                _("{n} min").format(n=format_number(item.duration_minutes))
                if item.duration_minutes
                else "",
            ]
            for index, item in enumerate(record.agenda)
        ]
        part.add(
            Table(
                [_("No."), _("Item"), _("Presented by"), _("Time")],
                rows,
                [0.07, 0.58, 0.25, 0.1],
                right=(0, 3),
            )
        )
        part.notes.append(
            ngettext("{n} item on the agenda.", "{n} items on the agenda.", len(rows)).format(
                n=format_number(len(rows))
            )
        )
    else:
        part.add(Text(_("No agenda is recorded for this committee."), MUTED))
    if record.attendees:
        part.add(Heading(_("Attendees"), 1))
        part.add(
            Table(
                [_("Name"), _("Organisation"), _("Function")],
                [[a.name, a.organisation, a.function] for a in record.attendees],
                [0.35, 0.35, 0.3],
            )
        )
        part.notes.append(
            ngettext("{n} attendee.", "{n} attendees.", len(record.attendees)).format(
                n=format_number(len(record.attendees))
            )
        )
    part.slide = [b for b in part.blocks if isinstance(b, Table)][:1]
    return [part]


def follow_up(ctx: PartContext) -> list[Part]:
    record = ctx.data.record
    if record is None or record.previous is None:
        return []
    previous = record.previous
    part = Part("follow_up", _("Follow-up of the previous committee's decisions"))
    part.add(
        Text(
            _('Decisions taken by "{meeting}" on {date}.').format(
                meeting=previous.title, date=format_date(previous.held_on, fmt="long")
            )
        )
    )
    if record.previous_decisions:
        rows = [
            [
                d.text,
                d.action,
                label(d.follow_up),
                d.follow_up_note,
                format_date(d.due_on) if d.due_on else "",
            ]
            for d in record.previous_decisions
        ]
        part.add(
            Table(
                [_("Decision"), _("Action"), _("Follow-up"), _("Comment"), _("Due")],
                rows,
                [0.34, 0.2, 0.12, 0.22, 0.12],
            )
        )
        done = sum(1 for d in record.previous_decisions if d.follow_up.value == "done")
        part.notes.append(
            ngettext(
                "{done} of {total} decision carried out.",
                "{done} of {total} decisions carried out.",
                len(rows),
            ).format(done=format_number(done), total=format_number(len(rows)))
        )
    elif previous.decisions:
        # An older record keeps its decisions as text only.
        part.add(Text(previous.decisions))
    else:
        part.add(Text(_("No decision is recorded for that committee."), MUTED))
    return [part]


def decisions(ctx: PartContext) -> list[Part]:
    record = ctx.data.record
    if record is None:
        return []
    part = Part("decisions", _("Decisions to take"))
    proposed = record.to_decide
    if proposed:
        part.add(
            Table(
                [_("Decision put to the committee"), _("Action"), _("Due")],
                [[d.text, d.action, format_date(d.due_on) if d.due_on else ""] for d in proposed],
                [0.6, 0.28, 0.12],
            )
        )
        part.notes.extend(d.text for d in proposed)
    else:
        part.add(Text(_("No decision is put to this committee."), MUTED))
    taken = [d for d in record.decisions if d.status.value != "proposed"]
    if taken:
        part.add(Heading(_("Decisions recorded"), 1))
        part.add(
            Table(
                [_("Decision"), _("Outcome")],
                [[d.text, label(d.status)] for d in taken],
                [0.8, 0.2],
            )
        )
    return [part]


def next_steps(ctx: PartContext) -> list[Part]:
    data = ctx.data
    if data.plan is None:
        return []
    until = data.record.next_meeting.held_on if data.record and data.record.next_meeting else None
    end, steps = milestones(list(data.actions), data.today, until)
    part = Part("next_steps", _("Next steps"))
    if until is not None:
        intro = _("Actions starting or due before the next committee ({date}).").format(
            date=format_date(until, fmt="long")
        )
    else:
        intro = _("Actions starting or due by {date} (no next committee is recorded).").format(
            date=format_date(end, fmt="long")
        )
    part.add(Text(intro))
    if steps:
        part.add(
            Table(
                [_("Date"), _("Milestone"), _("Action"), _("Lead")],
                [
                    [
                        format_date(m.day),
                        _("start") if m.what == "start" else _("due"),
                        f"{m.code} {m.title}".strip(),
                        m.lead,
                    ]
                    for m in steps
                ],
                [0.14, 0.1, 0.52, 0.24],
            )
        )
        part.notes.append(
            ngettext("{n} milestone.", "{n} milestones.", len(steps)).format(
                n=format_number(len(steps))
            )
        )
    else:
        part.add(Text(_("No action starts or falls due in that time."), MUTED))
    if data.record is not None and data.record.to_decide:
        part.add(Heading(_("Once decided"), 1))
        part.add(Bullets([d.text for d in data.record.to_decide]))
    return [part]
