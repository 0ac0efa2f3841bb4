"""Optional native Excel charts: one line chart per key indicator (one with a target), drawn
from the rows of the Indicators sheet, so the chart follows the numbers if someone edits them."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from sqlmodel import Session

from ..i18n import _
from ..services.queries.indicators import codes_with_targets
from .workbook_cells import SheetSpec

FIRST_YEAR_COLUMN = 6  # Indicators sheet: code, name, unit, territory, kind, then the years
CHART_ROWS = 18


def add_indicator_charts(book: Workbook, session: Session, indicators: SheetSpec) -> int:
    """Add a "Charts" sheet; returns the number of charts. Needs ``indicators.anchors``:
    the sheet row of each "indicator code|kind" written."""
    keyed = codes_with_targets(session)
    width = len(indicators.columns)
    if width < FIRST_YEAR_COLUMN or not keyed:
        return 0
    sheet: Any = book.create_sheet(_("Charts"))
    count = 0
    for code in sorted(keyed):
        rows = [row for key, row in indicators.anchors.items() if key.split("|", 1)[0] == code]
        if not rows:
            continue
        chart = LineChart()
        chart.title = code
        chart.height, chart.width = 7.5, 16
        chart.y_axis.title = _("Value")
        chart.x_axis.title = _("Year")
        for row in sorted(rows):
            data = Reference(
                indicators_sheet(book, indicators),
                min_col=FIRST_YEAR_COLUMN - 1,
                max_col=width,
                min_row=row,
                max_row=row,
            )
            chart.add_data(data, from_rows=True, titles_from_data=True)
        years = Reference(
            indicators_sheet(book, indicators),
            min_col=FIRST_YEAR_COLUMN,
            max_col=width,
            min_row=1,
            max_row=1,
        )
        chart.set_categories(years)
        sheet.add_chart(chart, f"A{1 + count * CHART_ROWS}")
        count += 1
    return count


def indicators_sheet(book: Workbook, spec: SheetSpec) -> Any:
    return next(ws for ws in book.worksheets if ws.title == spec.title[:31])
