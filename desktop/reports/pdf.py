"""Build a committee, mid-term or COTRI report as a PDF, and record its snapshot."""

from __future__ import annotations

import gc
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from .. import i18n
from ..i18n import _, format_date, format_number
from ..services import report_snapshots
from ..services.report_data import ReportData, ReportOptions, gather
from ..settings import UserSettings
from ..store import Store
from .document import MARGIN, ReportDocument, numbered_canvas
from .labels import label
from .parts import (
    PartContext,
    Progress,
    annex,
    changes,
    cotri,
    cover,
    emissions,
    indicators,
    sections,
    sheets,
    snbc_reference,
    summary,
)
from .styles import make_styles

log = logging.getLogger(__name__)


@dataclass
class ReportResult:
    path: Path
    pages: int
    images: int
    seconds: float
    snapshot_id: int | None
    notes: list[str] = field(default_factory=list)


def chart_module() -> ModuleType | None:
    """The chart images module, imported only when a report asks for charts (it needs Qt)."""
    try:
        from ..charts import images
    except ImportError:
        return None
    if not hasattr(images, "render_indicator") or not hasattr(images, "render_chart"):
        return None
    return images


def _story(ctx: PartContext) -> list[Flowable]:
    kind = ctx.data.options.kind
    parts: list[list[Flowable]] = [summary.build(ctx), changes.build(ctx)]
    if kind == "midterm":
        parts += [
            _carried_out(ctx),
            sections.build(ctx),
            indicators.overview(ctx, _("Indicators against targets and trajectory")),
            _adjustments(ctx),
            indicators.build(ctx),
            emissions.build(ctx),
            snbc_reference.build(ctx),
            sheets.build(ctx),
        ]
    elif kind == "cotri":
        codes = {line.indicator_code for line in ctx.data.cotri}
        contractual = [b for b in ctx.data.indicators if b.indicator.code in codes]
        parts += [cotri.build(ctx), indicators.build(ctx, contractual), sections.build(ctx)]
    else:
        parts += [
            sections.build(ctx),
            sheets.build(ctx),
            indicators.build(ctx),
            cotri.build(ctx),
            emissions.build(ctx),
        ]
    story = cover.build(ctx)
    for part in parts:
        if not part:
            continue
        # A part on landscape pages switches the template before the break that precedes it.
        while part and isinstance(part[0], NextPageTemplate) and isinstance(story[-1], PageBreak):
            story.insert(len(story) - 1, part.pop(0))
        story += part
        story.append(PageBreak())
    story += annex.build(ctx)
    return story


def _carried_out(ctx: PartContext) -> list[Flowable]:
    """Mid-term report: the actions carried out, then those under way (article R229-51)."""
    from .document import heading
    from .parts.sections import actions_table

    rows = ctx.data.actions
    story: list[Flowable] = [heading(_("Actions carried out"), ctx.styles, 0)]
    done = [r for r in rows if r.status.value == "done"]
    under_way = [r for r in rows if r.status.value == "in_progress"]
    story.append(
        ctx.p(
            _("{done} of {total} actions are carried out and {running} are under way.").format(
                done=format_number(len(done)), total=format_number(len(rows)),
                running=format_number(len(under_way)),
            )
        )
    )
    if done:
        story.append(actions_table(ctx, done))
    if under_way:
        story.append(heading(_("Actions under way"), ctx.styles, 1))
        story.append(actions_table(ctx, under_way))
    return story


def _adjustments(ctx: PartContext) -> list[Flowable]:
    """Mid-term report: what must be adjusted (indicators off track, actions late or stuck)."""
    from .document import heading
    from .parts.sections import actions_table

    data = ctx.data
    story: list[Flowable] = [heading(_("What must be adjusted"), ctx.styles, 0)]
    off = [b for b in data.key_indicators if b.status in ("off_track", "slightly_behind")]
    if off:
        story.append(heading(_("Indicators behind their trajectory"), ctx.styles, 1))
        story.append(
            ctx.p(
                "\n".join(f"{b.indicator.name}: {label(b.status)}" for b in off), ctx.styles.small
            )
        )
    stuck = [r for r in data.actions if r.late or r.status.value in ("blocked", "paused")]
    if stuck:
        story.append(heading(_("Actions late, paused or blocked"), ctx.styles, 1))
        story.append(actions_table(ctx, stuck))
    if not off and not stuck:
        story.append(
            ctx.p(
                _(
                    "No assessed indicator is behind its trajectory and no action is late "
                    "or blocked."
                )
            )
        )
    return story


def build_report(
    store: Store,
    options: ReportOptions,
    out: Path,
    *,
    progress: Progress | None = None,
    record: bool = True,
) -> ReportResult:
    """Write the report to ``out`` (atomically) and, with ``record``, its snapshot."""
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    with i18n.language(options.language):
        report(0.05, _("Reading the plan…"))
        with store.session() as session:
            data = gather(session, options)
            _attach_changes(session, data)
            charts = chart_module() if options.include_charts else None
            styles = make_styles()
            portrait_width = A4[0] - 2 * MARGIN
            ctx = PartContext(
                session, data, styles, portrait_width, landscape(A4)[0] - 2 * MARGIN, charts
            )
            if options.include_charts and charts is None:
                ctx.notes.append(
                    _("Charts are not included: the chart module is not available here.")
                )
            report(0.2, _("Laying out the report…"))
            story = _story(ctx)
            if ctx.images:
                # Chart widgets left in reference cycles are freed now, while their Qt
                # application lives, rather than by a late collection after it is gone.
                gc.collect()
            report(0.5, _("Numbering the pages…"))
            pages = _write(data, story, out)
        snapshot_id = None
        if record and data.plan is not None and data.plan.id is not None:
            with store.transaction() as session:
                snapshot = report_snapshots.record_snapshot(
                    session,
                    plan_id=data.plan.id,
                    territory_id=data.territory.id or 0,
                    kind=options.kind,
                    meeting_id=data.meeting.id if data.meeting else None,
                    today=data.today,
                )
                snapshot_id = snapshot.id
        report(1.0, _("Report written."))
    return ReportResult(
        out, pages, ctx.images, time.perf_counter() - started, snapshot_id, list(ctx.notes)
    )


def _attach_changes(session: object, data: ReportData) -> None:
    from sqlmodel import Session

    assert isinstance(session, Session)
    if data.plan is None or data.plan.id is None or data.territory.id is None:
        return
    previous = report_snapshots.previous_snapshot(
        session, data.plan.id, data.meeting.id if data.meeting else None
    )
    if previous is not None:
        data.changes = report_snapshots.changes_since(
            session, previous, data.plan.id, data.territory.id, data.today
        )


def _write(data: ReportData, story: list[Flowable], out: Path) -> int:
    kind_label = label(data.options.kind)
    title = kind_label
    if data.plan is not None:
        title = _("{kind}: {plan}").format(kind=kind_label, plan=data.plan.title)
    report_date = format_date(data.today, fmt="long")
    footer = data.plan.title if data.plan is not None else data.territory.name
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=out.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        doc = ReportDocument(
            partial,
            title=title,
            author=UserSettings.load().user_name or data.territory.name,
            subject=_("{kind} of {territory}, {date}").format(
                kind=kind_label, territory=data.territory.name, date=report_date
            ),
            lang=i18n.current_language(),
            header_left=data.territory.name,
            header_right=report_date,
            footer_left=footer,
        )
        doc.multiBuild(story, canvasmaker=numbered_canvas(footer))
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return int(doc.page)
