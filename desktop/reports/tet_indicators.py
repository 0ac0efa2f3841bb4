"""``pcaet export --format tet-indicators``: the authority's indicator values by TeT identifier.

One row per indicator and territory: ``identifiantReferentiel`` (TeT's identifier, or the code
of a custom indicator), the French title, the unit, the territory's SIREN and name, then one
column per year. ``pcaet import`` reads it back by identifier (the header is one of the
indicator-code names it knows, the years are year columns), so the file goes to Territoires en
Transitions and comes back without creating anything. Only the authority's measured values are
written: what an observatory models or an estimate says is not the authority's result.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ..services.queries import indicators as indicator_queries
from ..services.queries.names import territories_by_id
from ..store import Store
from .workbook import _save
from .workbook_cells import is_formula_like

SHEET = "Indicateurs"
HEADERS = ("identifiantReferentiel", "Nom de l'indicateur", "Unité", "SIREN", "Territoire")


def export_tet_indicators(store: Store, out: Path, *, territory_id: int | None = None) -> int:
    """Write the file; returns the number of rows (indicator and territory pairs)."""
    with store.session() as session:
        values = indicator_queries.authority_measured_values(session, territory_id)
        indicators = indicator_queries.indicators_among(session, {i for i, _t in values})
        territories = territories_by_id(session)
    years = sorted({year for by_year in values.values() for year in by_year})
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([*HEADERS, *years])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    ordered = sorted(
        values,
        key=lambda k: (
            indicators[k[0]].identifier or "~" + indicators[k[0]].code,
            territories[k[1]].name,
        ),
    )
    for indicator_id, territory_id_ in ordered:
        indicator, territory = indicators[indicator_id], territories[territory_id_]
        by_year = values[(indicator_id, territory_id_)]
        texts = [
            indicator.identifier or indicator.code,
            indicator.name,
            indicator.unit,
            territory.siren or "",
            territory.name,
        ]
        sheet.append([*texts, *(by_year.get(year) for year in years)])
        for cell in sheet[sheet.max_row][: len(texts)]:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type, cell.quotePrefix = "s", True
    sheet.freeze_panes = "F2"
    _save(book, out)
    return len(ordered)
