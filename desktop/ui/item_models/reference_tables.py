"""Table models of the SNBC reference view: the reference by year and sector, and the plan's
targets against it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...i18n import _, format_number
from ...services.reference_comparison import HORIZONS, Comparison, identifier_label
from ...services.snbc_reference import Series

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _number(value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return ""
    text = format_number(value, decimals=1)
    return f"+{text}" if signed and value > 0 else text


class YearlyReferenceModel(QAbstractTableModel):
    """One row a year, one column a sector (its TeT identifier in the tooltip)."""

    def __init__(self, *, parent: Any = None) -> None:
        super().__init__(parent)
        self.identifiers: list[str] = []
        self.years: list[int] = []
        self.series: Series = {}

    def load(self, series: Series, order: list[str]) -> None:
        self.beginResetModel()
        self.series = series
        self.identifiers = order
        self.years = sorted({year for i in order for year in series[i]})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.years)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.identifiers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.series[self.identifiers[index.column()]].get(self.years[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return _number(value)
        if role == SORT_ROLE:
            return float(value) if value is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(self.years[section]) if role == Qt.ItemDataRole.DisplayRole else None
        identifier = self.identifiers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return identifier_label(identifier)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("TeT identifier: {identifier}").format(identifier=identifier)
        return None


class ComparisonModel(QAbstractTableModel):
    """A row a sector: 2015, then for 2030 and 2050 the plan, the reference and the gaps."""

    def __init__(self, *, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: Comparison | None = None

    def load(self, table: Comparison) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + 4 * len(HORIZONS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        row = self.table.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return _("TeT identifier: {identifier}").format(identifier=row.identifier)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return row.label
        if column == 1:
            return _number(row.base)
        year = HORIZONS[(column - 2) // 4]
        which = (column - 2) % 4
        if which == 0:
            return _number(row.plan[year])
        if which == 1:
            return _number(row.reference[year])
        if which == 2:
            return _number(row.gap(year), signed=True)
        share = row.gap_share(year)
        return (
            ""
            if share is None
            else _("{points} pts").format(points=_number(share * 100, signed=True))
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical or role != Qt.ItemDataRole.DisplayRole:
            return None
        unit = self.table.unit if self.table is not None else ""
        if section == 0:
            return _("Sector")
        # Two lines a header: the table fits the view's width without scrolling sideways.
        if section == 1:
            return _("2015\n({unit})").format(unit=unit)
        year = HORIZONS[(section - 2) // 4]
        return (
            _("Plan\n{year}").format(year=year),
            _("Reference\n{year}").format(year=year),
            _("Gap {year}\n({unit})").format(year=year, unit=unit),
            _("Gap {year}\n(points of 2015)").format(year=year),
        )[(section - 2) % 4]
