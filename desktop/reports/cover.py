"""What the cover of a report says, whatever its format: territory, kind of report, plan,
committee, date and place, and the authority's logo from the store's settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from .. import i18n
from ..i18n import _, format_date
from ..services import store_settings
from ..services.report_data import ReportData
from ..settings import UserSettings
from . import kinds


@dataclass(frozen=True)
class Cover:
    territory: str
    title: str  # the kind of report ("Rapport au comité de pilotage")
    plan: str
    committee: str  # the meeting's title, or ""
    when_where: str  # "21 novembre 2019, Nausicaá, Boulogne-sur-Mer", or ""
    report_date: str  # "Rapport du 5 décembre 2026"
    logo: bytes | None
    # Document properties: title, author, subject, language.
    doc_title: str
    author: str
    subject: str
    language: str


def cover(session: Session, data: ReportData) -> Cover:
    kind = kinds.title(data.options.kind)
    when_where = ""
    if data.meeting is not None:
        when_where = format_date(data.meeting.held_on, fmt="long")
        if data.meeting.location:
            when_where = _("{date}, {place}").format(date=when_where, place=data.meeting.location)
    plan = data.plan.title if data.plan is not None else ""
    report_date = format_date(data.today, fmt="long")
    return Cover(
        territory=data.territory.name,
        title=kind,
        plan=plan,
        committee=data.meeting.title if data.meeting is not None else "",
        when_where=when_where,
        report_date=_("Report of {date}").format(date=report_date),
        logo=store_settings.logo_png(session),
        doc_title=_("{kind}: {plan}").format(kind=kind, plan=plan) if plan else kind,
        author=UserSettings.load().user_name or data.territory.name,
        subject=_("{kind} of {territory}, {date}").format(
            kind=kind, territory=data.territory.name, date=report_date
        ),
        language=i18n.current_language(),
    )
