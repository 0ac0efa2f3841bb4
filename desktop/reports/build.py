"""Build a committee, mid-term or COTRI report as a PDF, a Word document or a slide deck, and
record its snapshot. The content is made once (``registry.build_parts``), its charts drawn
once, then laid out by the writer of the chosen format."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from sqlmodel import Session

from .. import i18n
from ..i18n import _
from ..services import report_snapshots
from ..services.report_data import ReportData, ReportDataError, ReportOptions, gather
from ..store import Store
from . import kinds, registry
from .content import Chart, Part, walk
from .cover import Cover, cover
from .parts import PartContext, annex

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]


@dataclass
class ReportResult:
    path: Path
    pages: int  # pages of the PDF or Word document (estimated for Word), slides of a deck
    images: int
    seconds: float
    snapshot_id: int | None
    notes: list[str] = field(default_factory=list)
    format: str = "pdf"


def chart_module() -> ModuleType:
    """The chart images module, imported only when a report asks for charts (it needs Qt)."""
    from ..charts import images

    return images


def content(session: Session, data: ReportData) -> tuple[Cover, list[Part], list[str]]:
    """The cover and the parts of the report, charts drawn; and the notes on how it was made."""
    charts = chart_module() if data.options.include_charts else None
    ctx = PartContext(session, data, charts)
    parts = registry.build_parts(data.options.kind, ctx, skip=("sources",))
    images = _draw(ctx, parts)
    if images:
        # Chart widgets left in reference cycles are freed now, while their Qt application
        # lives, rather than by a late collection after it is gone.
        gc.collect()
    if "sources" in registry.LAYOUTS[data.options.kind]:
        parts += annex.build(ctx)  # last: it lists the notes the drawing left
    return cover(session, data), parts, ctx.notes


def _draw(ctx: PartContext, parts: list[Part]) -> int:
    drawn = 0
    for part in parts:
        for block in walk(part.blocks):
            if isinstance(block, Chart) and block.png is None and not block.failed:
                try:
                    block.png = block.render(ctx.charts)
                    drawn += 1
                except Exception:  # a chart must not stop the report: log it, say so
                    log.exception("chart %s failed", block.title)
                    block.failed = True
                    ctx.notes.append(
                        _('The chart "{what}" could not be drawn.').format(what=block.title)
                    )
    return drawn


def build_report(
    store: Store,
    options: ReportOptions,
    out: Path,
    *,
    progress: Progress | None = None,
    record: bool = True,
) -> ReportResult:
    """Write the report to ``out`` (atomically) in ``options.format`` and, with ``record``,
    its snapshot."""
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    if options.kind not in kinds.KINDS:
        raise ReportDataError(options.kind)
    fmt = options.format if options.format in kinds.KINDS[options.kind].formats else "pdf"
    with i18n.language(options.language):
        report(0.05, _("Reading the plan…"))
        with store.session() as session:
            data = gather(session, options)
            _attach_changes(session, data)
            report(0.2, _("Laying out the report…"))
            front, parts, notes = content(session, data)
        report(0.5, _("Numbering the pages…"))
        pages = kinds.writer(fmt)(front, parts, Path(out))
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
    images = sum(1 for p in parts for b in walk(p.blocks) if isinstance(b, Chart) and b.png)
    return ReportResult(
        Path(out), pages, images, time.perf_counter() - started, snapshot_id, list(notes), fmt
    )


def _attach_changes(session: Session, data: ReportData) -> None:
    if data.plan is None or data.plan.id is None or data.territory.id is None:
        return
    previous = report_snapshots.previous_snapshot(
        session, data.plan.id, data.meeting.id if data.meeting else None
    )
    if previous is not None:
        data.changes = report_snapshots.changes_since(
            session, previous, data.plan.id, data.territory.id, data.today
        )
