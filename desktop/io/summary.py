"""The outcome of an import, shared by every importer, the wizard and ``pcaet import --json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..i18n import _, format_number, ngettext

SHOWN_ROWS = 10  # rows named in a warning; the JSON summary lists them all up to 1,000


@dataclass(frozen=True)
class Rejection:
    """One cell or row that was not imported, and why (already translated)."""

    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: str  # the column letter or header as the user sees it
    reason: str
    value: str = ""


@dataclass
class Shortened:
    """Texts of one column cut to the length the store holds (free texts only: a name or a
    code that would have to be cut is rejected instead, as it would then name something
    else)."""

    sheet: str
    column: str
    limit: int
    count: int = 0
    rows: list[int] = field(default_factory=list)  # the first 1,000


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
    shortened: list[Shortened] = field(default_factory=list)
    kind: str = ""
    dry_run: bool = False
    backup: str | None = None

    def reject(self, sheet: str, row: int, column: str, reason: str, value: Any = "") -> None:
        self.rejections.append(
            Rejection(sheet, row, column, reason, "" if value is None else str(value))
        )
        self.rejected = len(self.rejections)

    def fit(self, sheet: str, row: int, column: str, text: str, limit: int) -> str:
        """``text``, cut to ``limit`` characters if longer, the cut noted for the warnings."""
        if len(text) <= limit:
            return text
        found = next(
            (s for s in self.shortened if (s.sheet, s.column, s.limit) == (sheet, column, limit)),
            None,
        )
        if found is None:
            found = Shortened(sheet, column, limit)
            self.shortened.append(found)
        found.count += 1
        if len(found.rows) < 1000:
            found.rows.append(row)
        return text[:limit]

    def finish(self) -> None:
        """Turn what was noted while importing into the warnings users read."""
        for item in self.shortened:
            rows = ", ".join(format_number(r) for r in item.rows[:SHOWN_ROWS]) + (
                " …" if item.count > SHOWN_ROWS else ""
            )
            self.warnings.append(
                ngettext(
                    "Sheet {sheet}, column {column}: {count} text longer than {limit} characters "
                    "was shortened to {limit} (row {rows}).",
                    "Sheet {sheet}, column {column}: {count} texts longer than {limit} characters "
                    "were shortened to {limit} (rows {rows}).",
                    item.count,
                ).format(
                    sheet=item.sheet,
                    column=item.column,
                    count=format_number(item.count),
                    limit=format_number(item.limit),
                    rows=rows,
                )
            )
        if self.rows_read and not self.accepted_anything and self.rejected:
            self.warnings.append(
                _("Every row was rejected: the import writes nothing and creates nothing.")
            )

    @property
    def accepted_anything(self) -> bool:
        """Whether any row of the file was taken: a value or a record added, updated or found
        unchanged, or an indicator defined by a file that holds no values (a referential)."""
        return bool(self.inserted or self.updated or self.unchanged or self.created_indicators)

    def forget_creations(self) -> None:
        """What would have been created for rows that were all rejected, and was not."""
        for names in (
            self.created_plans,
            self.created_sections,
            self.created_indicators,
            self.created_organisations,
            self.created_territories,
        ):
            names.clear()

    @property
    def creates_anything(self) -> bool:
        """Whether the import adds or changes anything at all."""
        return bool(
            self.inserted
            or self.updated
            or self.created_plans
            or self.created_sections
            or self.created_indicators
            or self.created_organisations
            or self.created_territories
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def counts_text(self) -> str:
        """ "3 added, 1 update, 0 unchanged, 1 rejection": each count with its own plural."""
        from ..i18n import format_number, ngettext

        parts = (
            (ngettext("{count} added", "{count} added", self.inserted), self.inserted),
            (ngettext("{count} update", "{count} updates", self.updated), self.updated),
            (ngettext("{count} unchanged", "{count} unchanged", self.unchanged), self.unchanged),
            (ngettext("{count} rejection", "{count} rejections", self.rejected), self.rejected),
        )
        return ", ".join(text.format(count=format_number(n)) for text, n in parts)
