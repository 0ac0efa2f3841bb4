"""Cover page (territory, plan, kind, meeting and date, optional logo) and table of contents."""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, NextPageTemplate, PageBreak, Spacer

from ...i18n import _, format_date
from ...settings import UserSettings
from ..document import PORTRAIT, table_of_contents
from ..labels import label
from . import PartContext

log = logging.getLogger(__name__)


def _logo(path_text: str) -> Flowable | None:
    if not path_text:
        return None
    path = Path(path_text).expanduser()
    if not path.is_file():
        return None
    try:
        image = Image(str(path))
    except (OSError, ValueError):  # an unreadable picture: the cover goes without it
        log.log(logging.WARNING, "ignoring unreadable logo %s", path)
        return None
    height = 28 * mm
    ratio = image.imageWidth / image.imageHeight if image.imageHeight else 1
    image.drawHeight = height
    image.drawWidth = min(height * ratio, 80 * mm)
    image.hAlign = "LEFT"
    return image


def build(ctx: PartContext) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    story: list[Flowable] = []
    logo = _logo(UserSettings.load().logo_path)
    story.append(logo if logo is not None else Spacer(1, 28 * mm))
    story.append(Spacer(1, 35 * mm))
    story.append(ctx.p(data.territory.name, styles.subtitle))
    story.append(ctx.p(label(data.options.kind), styles.title))
    if data.plan is not None:
        story.append(ctx.p(data.plan.title, styles.subtitle))
    story.append(Spacer(1, 12 * mm))
    if data.meeting is not None:
        story.append(ctx.p(data.meeting.title, styles.subtitle))
        meeting_line = format_date(data.meeting.held_on, fmt="long")
        if data.meeting.location:
            meeting_line = _("{date}, {place}").format(
                date=meeting_line, place=data.meeting.location
            )
        story.append(ctx.p(meeting_line, styles.body))
    story.append(
        ctx.p(
            _("Report of {date}").format(date=format_date(data.today, fmt="long")), styles.muted
        )
    )
    story += [NextPageTemplate(PORTRAIT), PageBreak()]
    story.append(ctx.p(_("Contents"), styles.h1))
    story.append(table_of_contents(styles))
    story.append(PageBreak())
    return story
