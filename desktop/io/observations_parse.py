"""Reading indicator observations from a sheet: long layout (one row per indicator, year,
value), wide layout (years as columns, or repeated value/year/comment blocks) and by indicator
column (one value per territory, unit in the header). Every cell is parsed and checked;
nothing touches the store (``observations_import`` resolves and writes).

The steps: the header is located and the layout detected before (``layout``); then, once per
sheet, the columns are classified and their units read (``observations_columns``); then, for
each row, its territory, comment, year, indicator and values (``observations_rows``)."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..progress import Progress
from .layout import Layout
from .observations_columns import classify_columns, column_units
from .observations_records import (
    IndicatorSpec,
    ParsedObservations,
    ValueRecord,
    guess_category,
    insee_code,
    text_of,
)
from .observations_rows import REJECTED, Line, RowReader
from .summary import ImportSummary

PROGRESS_ROWS = 5000  # rows read between two progress reports (and cancellation checks)


def parse_observations(
    rows: list[list[Any]],
    layout: Layout,
    mapping: dict[int, str],
    sheet: str,
    summary: ImportSummary,
    *,
    year: int | None = None,
    progress: Progress | None = None,
    columns: dict[int, IndicatorSpec] | None = None,
) -> ParsedObservations:
    """Read every data row into indicator specs and values; bad cells become rejections.
    ``year``: the year of rows without one; ``columns``: the indicators of columns a
    recognised format defines."""
    parsed = ParsedObservations()
    roles = classify_columns(mapping)
    units = column_units(parsed, layout, mapping, roles.indicator_columns, summary, columns or {})
    reader = RowReader(roles, units, layout.names, sheet, summary, parsed, year)
    has_indicator_columns = bool(roles.indicator_columns)
    first = layout.first_data_row
    total = len(rows) - first
    for number, row in enumerate(rows[first:], start=first + 1):
        if number % PROGRESS_ROWS == 0 and progress is not None:
            progress.check()
            progress.message(
                _("Reading row {row} of {total}").format(row=number - first - 1, total=total)
            )
        width = len(row)
        if row.count("") + row.count(None) == width:  # a blank row (counted in C)
            continue
        summary.rows_read += 1
        territory, territory_label = reader.territory(row, width)
        comment, source = reader.notes(row, width)
        row_year = reader.year(row, width, number)
        if row_year == REJECTED:
            continue
        line = Line(number, territory, territory_label, comment, source)
        spec = reader.indicator(row, width, number)
        if spec is not None:
            reader.indicator_values(row, width, spec, row_year, line)
        elif not has_indicator_columns:
            reader.values_without_indicator(row, width, number)
            continue
        if has_indicator_columns:
            reader.indicator_column_values(row, width, row_year, line)
    return parsed


__all__ = [
    "IndicatorSpec",
    "ParsedObservations",
    "ValueRecord",
    "guess_category",
    "insee_code",
    "parse_observations",
    "text_of",
]
