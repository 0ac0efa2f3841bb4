"""The outcome of an import, shared by every importer, the wizard and ``pcaet import --json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rejection:
    """One cell or row that was not imported, and why (already translated)."""

    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: str  # the column letter or header as the user sees it
    reason: str
    value: str = ""


@dataclass
class ImportSummary:
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    created_plans: list[str] = field(default_factory=list)
    created_sections: list[str] = field(default_factory=list)  # "1.1 Title" (axes, sub-axes)
    created_indicators: list[str] = field(default_factory=list)
    # "GES - Résidentiel → cae_1.c": what the file names, and the referential indicator it is
    matched_indicators: list[str] = field(default_factory=list)
    created_organisations: list[str] = field(default_factory=list)
    created_territories: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = ""
    dry_run: bool = False
    backup: str | None = None

    def reject(self, sheet: str, row: int, column: str, reason: str, value: Any = "") -> None:
        self.rejections.append(
            Rejection(sheet, row, column, reason, "" if value is None else str(value))
        )
        self.rejected = len(self.rejections)

    @property
    def creates_anything(self) -> bool:
        """Whether the import adds or changes anything at all."""
        return bool(self.inserted or self.updated or self.created_plans
                    or self.created_sections or self.created_indicators
                    or self.created_organisations or self.created_territories)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def counts_text(self) -> str:
        """"3 added, 1 update, 0 unchanged, 1 rejection": each count with its own plural."""
        from ..i18n import format_number, ngettext

        parts = (
            (ngettext("{count} added", "{count} added", self.inserted), self.inserted),
            (ngettext("{count} update", "{count} updates", self.updated), self.updated),
            (ngettext("{count} unchanged", "{count} unchanged", self.unchanged), self.unchanged),
            (ngettext("{count} rejection", "{count} rejections", self.rejected), self.rejected),
        )
        return ", ".join(text.format(count=format_number(n)) for text, n in parts)
