"""The parts of a report, one module each; the report kinds pick and order them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Table
from sqlmodel import Session

from ...i18n import _, format_currency, format_date, format_number
from ...models import Action, BudgetState, DatePrecision
from ...services.dates import format_partial
from ...services.report_data import ActionRow, ReportData
from ..fonts import FAMILY
from ..labels import label
from ..styles import CELL_FONT_SIZE, CELL_PADDING, Styles, esc, table_style

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Pixels of the chart images: at this size their lettering prints at a readable size once the
# image is scaled to the width of the page.
CHART_SIZE = {"width": 960, "height": 560}


@dataclass
class PartContext:
    session: Session
    data: ReportData
    styles: Styles
    width: float  # frame width of portrait pages
    wide_width: float  # frame width of landscape pages
    charts: Any | None  # the desktop.charts.images module, when it exists
    notes: list[str] = field(default_factory=list)
    images: int = 0

    def p(self, text: object, style: Any = None) -> Paragraph:
        """A paragraph of user text, escaped."""
        return Paragraph(esc(text), style or self.styles.body)

    def markup(self, text: str, style: Any = None) -> Paragraph:
        """A paragraph of our own markup (already escaped where it holds user text)."""
        return Paragraph(text, style or self.styles.body)

    def cell(self, text: object, *, right: bool = False) -> Paragraph:
        return Paragraph(esc(text), self.styles.cell_right if right else self.styles.cell)

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
        *, right: Sequence[int] = (), extra: Sequence[tuple[object, ...]] = (),
    ) -> Table:
        """A table that wraps long text in its cells and repeats its header on each page."""
        styles = self.styles
        head = [
            Paragraph(esc(h), styles.cell_head_right if i in right else styles.cell_head)
            for i, h in enumerate(header)
        ]
        # Right-aligned columns hold numbers and amounts: plain strings when they fit, drawn as
        # they are (a paragraph breaks lines at the narrow no-break space of French numbers; a
        # word too wide for its column, "Staff time only", wraps in a paragraph instead).
        body = [
            [v if isinstance(v, Flowable) else self._text_cell(v, widths[i], right=i in right)
             for i, v in enumerate(row)]
            for row in rows
        ]
        aligned = [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in right]
        table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        table.setStyle(table_style(*aligned, *extra))
        return table

    def _text_cell(self, value: object, width: float, *, right: bool = False) -> str | Paragraph:
        """Text that fits its column on each of its lines stays a plain string, which the
        table draws as written (markup included) several times faster than a paragraph;
        longer text becomes a paragraph that wraps."""
        text = "" if value is None else str(value)
        room = width - 2 * CELL_PADDING
        if all(
            stringWidth(line, FAMILY, CELL_FONT_SIZE) <= room for line in text.split("\n")
        ):
            return text
        return self.cell(text, right=right)

    def chart(self, render: Callable[[Any], bytes], what: str, width: float) -> Flowable | None:
        """A chart image from the charts module, or None (with a note) when unavailable."""
        if self.charts is None or not self.data.options.include_charts:
            return None
        try:
            png = render(self.charts)
        except Exception:  # a chart must not stop the report: log it, say so in the annex
            log.exception("chart %s failed", what)
            self.notes.append(_("The chart \"{what}\" could not be drawn.").format(what=what))
            return None
        image = Image(BytesIO(_as_jpeg(png)))
        ratio = image.imageHeight / image.imageWidth if image.imageWidth else 0.58
        image.drawWidth = width
        image.drawHeight = width * ratio
        image.hAlign = "CENTER"
        image.spaceBefore = image.spaceAfter = 6
        self.images += 1
        return image


def _as_jpeg(png: bytes) -> bytes:
    """The chart as a high-quality JPEG: reportlab embeds a JPEG as it is, whereas a PNG is
    decoded and compressed again on every layout pass (the table of contents takes three)."""
    from PIL import Image as PILImage

    with PILImage.open(BytesIO(png)) as picture:
        rgb = picture.convert("RGB")
    out = BytesIO()
    rgb.save(out, format="JPEG", quality=92, optimize=False)
    return out.getvalue()


def num(value: Decimal | int | float | None) -> str:
    return "" if value is None else format_number(value)


def num_like(value: Decimal | None, examples: Sequence[Decimal]) -> str:
    """A computed value (expected on the trajectory, a target from a percentage) with no more
    decimals than the measured values it stands beside: ``3 563`` next to ``3 672``, not
    ``3 563,404``."""
    if value is None:
        return ""
    decimals = max((_decimals(e) for e in examples), default=1)
    return format_number(round(value, min(decimals, 3)))


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amounts_text(budget: dict[str, Decimal], states: Sequence[BudgetState] = ()) -> str:
    parts = [format_currency(amount, unit) for unit, amount in sorted(budget.items())]
    parts.extend(label(state) for state in dict.fromkeys(states))
    return "\n".join(parts)


def calendar_text(row: ActionRow) -> str:
    action = row.action
    if action.calendar_text:
        return action.calendar_text
    return action_period_text(action)


def action_period_text(action: Action) -> str:
    """An action's dates as precisely as the plan writes them ("from 2018 to summer 2019")."""
    return period_text(
        format_partial(action.start_date, DatePrecision(action.start_date_precision)),
        format_partial(action.end_date, DatePrecision(action.end_date_precision)),
    )


def end_text(action: Action) -> str:
    return format_partial(action.end_date, DatePrecision(action.end_date_precision))


def period_text(start: date | str | None, end: date | str | None) -> str:
    start = format_date(start) if isinstance(start, date) else start
    end = format_date(end) if isinstance(end, date) else end
    if start and end:
        return _("{start} to {end}").format(start=start, end=end)
    if start:
        return _("from {start}").format(start=start)
    if end:
        return _("until {end}").format(end=end)
    return ""


def lead_text(row: ActionRow) -> str:
    action = row.action
    parts = [row.lead, action.lead_service, action.lead_person]
    return "\n".join(p for p in parts if p)


def status_text(row: ActionRow) -> str:
    text = label(row.status)
    if row.late and row.status.value != "late":
        text += "\n" + _("late")
    if row.action.illustrative:  # a demonstration's invented status, said so on paper
        text += "\n" + _("(illustrative)")
    return text
