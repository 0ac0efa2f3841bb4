"""The shape every reader returns: named sheets of rows of plain Python values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A merged range, 0-based and inclusive: (first_row, first_col, last_row, last_col).
Merge = tuple[int, int, int, int]


@dataclass
class Sheet:
    name: str
    # str, float, int, bool, date, datetime, time or "" for empty; rows may be of unequal
    # lengths (a missing cell is empty), and empty rows may be one shared list: never grow one.
    rows: list[list[Any]]
    merged: list[Merge] = field(default_factory=list)
    # Cells ("B12") holding a formula whose value was never computed and saved.
    formulas_without_value: list[str] = field(default_factory=list)
    date1904: bool = False
    # What the reader could not read as the file says, already translated (data placed beyond
    # the last row a spreadsheet has): warnings of the import's summary.
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


class Book:
    """A file opened for import: its sheet names, and each sheet read on demand."""

    path: Path
    sheet_names: list[str]

    def sheet(self, name: str) -> Sheet:
        raise NotImplementedError
