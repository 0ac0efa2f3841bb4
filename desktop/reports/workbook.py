"""The native Excel workbook: sheets people read (Plan, Budgets and funding, Indicators,
Targets, COTRI, Organisations, Read me) and hidden data sheets that ``pcaet import`` reads back
exactly (see ``desktop.io.workbook_native``). Written in openpyxl's write-only mode, so memory
stays flat whatever the number of observations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlmodel import Session

from .. import __version__, i18n
from ..i18n import _, format_date
from ..io import workbook_native as native
from ..labels import label, words
from ..models import ActionStatus, Organisation, Plan, Priority, Territory
from ..outputs import write_output
from ..progress import Progress
from ..services.queries import indicators as indicator_queries
from ..services.queries import tables
from ..services.queries.names import (
    names_by_id,
    organisations_by_name,
    sections_by_id,
    store_settings_by_key,
)
from ..store import Store
from .workbook_cells import Column, SheetSpec, write_sheet
from .workbook_sheets import (
    budget_rows,
    cotri_rows,
    indicator_columns,
    indicator_rows,
    plan_rows,
    target_rows,
)


def visible_sheets(session: Session) -> list[SheetSpec]:
    """The sheets people read, in the language in force."""
    organisations = names_by_id(session, Organisation)
    territories = names_by_id(session, Territory)
    plans = names_by_id(session, Plan, "title")
    sections = sections_by_id(session)
    indicators = indicator_queries.indicators_by_id(session)
    statuses = tuple(words(ActionStatus))
    priorities = tuple(words(Priority))
    plan = SheetSpec(
        _("Plan"),
        [
            Column(_("Plan"), 24, "wrap"),
            Column(_("Section code"), 10),
            Column(_("Section"), 30, "wrap"),
            Column(_("Code"), 8),
            Column(_("Action"), 44, "wrap"),
            Column(_("Description"), 60, "wrap"),
            Column(_("Parent action"), 10),
            Column(_("Lead organisation"), 26, "wrap"),
            Column(_("Lead service"), 20, "wrap"),
            Column(_("Lead person"), 20),
            Column(_("Elected referent"), 20),
            Column(_("Citizen participation"), 16),
            Column(_("Status"), 14, choices=statuses),
            Column(_("Priority"), 11, choices=priorities),
            Column(_("Progress (%)"), 11, "int"),
            Column(_("Start date"), 12, "date"),
            Column(_("End date"), 12, "date"),
            Column(_("Calendar"), 24, "wrap"),
            Column(_("Budget as written"), 30, "wrap"),
            Column(_("Recurring"), 10),
            Column(_("Confidential"), 10),
            Column(_("Partners"), 30, "wrap"),
            Column(_("Themes and tags"), 24, "wrap"),
            Column(_("Identifier"), 38),
        ],
        plan_rows(session, plans, sections, organisations),
        description=_("One row per action with all its fields, under its plan and section."),
    )
    budgets = SheetSpec(
        _("Budgets and funding"),
        [
            Column(_("Action code"), 10),
            Column(_("Action"), 40, "wrap"),
            Column(_("Line"), 10),
            Column(_("Year"), 8, "year"),
            Column(_("Nature"), 12),
            Column(_("Scenario"), 11),
            Column(_("State"), 16),
            Column(_("Amount"), 16, "amount"),
            Column(_("Currency or unit"), 10),
            Column(_("Tax basis"), 10),
            Column(_("Funder"), 26, "wrap"),
            Column(_("Programme"), 24, "wrap"),
            Column(_("Rate (%)"), 9, "number"),
            Column(_("Up to rate (%)"), 9, "number"),
            Column(_("Whose"), 16),
            Column(_("Precision"), 11),
            Column(_("Funding stage"), 14),
            Column(_("Label or text as written"), 40, "wrap"),
        ],
        budget_rows(session, organisations),
        description=_(
            "Budget lines (amounts per currency, or a state such as 'to be defined') and "
            "funding of each action. Amounts are numbers; their currency is in the next column."
        ),
    )
    years, rows = indicator_rows(session, indicators, territories)
    wide = SheetSpec(
        _("Indicators"),
        indicator_columns(years),
        rows,
        description=_(
            "One row per indicator, territory and kind of value (measured, estimated, target), "
            "the years as columns."
        ),
        anchor_key=lambda row: f"{row[0]}|{row[4]}",
    )
    targets = SheetSpec(
        _("Targets"),
        [
            Column(_("Indicator code"), 16),
            Column(_("Indicator"), 36, "wrap"),
            Column(_("Unit"), 10),
            Column(_("Territory"), 24, "wrap"),
            Column(_("Plan"), 24, "wrap"),
            Column(_("Horizon"), 9, "year"),
            Column(_("Value (indicator unit)"), 14, "number"),
            Column(_("Change (%)"), 11, "number"),
            Column(_("Reference year"), 10, "year"),
            Column(_("Source"), 24, "wrap"),
            Column(_("Comment"), 30, "wrap"),
        ],
        target_rows(session, indicators, territories, plans),
        description=_("Targets: an absolute value, or a change in percent from a reference year."),
    )
    cotri = SheetSpec(
        _("COTRI"),
        [
            Column(_("Contract"), 30, "wrap"),
            Column(_("Period"), 11),
            Column(_("Indicator code"), 16),
            Column(_("Indicator"), 36, "wrap"),
            Column(_("Unit"), 10),
            Column(_("Weight"), 8, "number"),
            Column(_("Objective"), 30, "wrap"),
            Column(_("Year"), 8, "year"),
            Column(_("Target"), 12, "number"),
            Column(_("Achieved"), 12, "number"),
            Column(_("Achievement (%)"), 12, "number"),
        ],
        cotri_rows(session),
        description=_("Contractual indicators of each COTRI: yearly target, achieved value, rate."),
    )
    orgs = SheetSpec(
        _("Organisations"),
        [
            Column(_("Name"), 36, "wrap"),
            Column(_("Acronym"), 12),
            Column(_("Kind"), 16),
            Column(_("Country"), 8),
            Column(_("SIREN"), 12),
            Column(_("Website"), 30),
            Column(_("Notes"), 40, "wrap"),
            Column(_("Identifier"), 38),
        ],
        (
            (o.name, o.acronym, label(o.kind), o.country, o.siren, o.website, o.notes, o.uuid)
            for o in organisations_by_name(session)
        ),
        description=_("Partners, funders and lead structures."),
    )
    return [summary_sheet(session, plans), plan, budgets, wide, targets, cotri, orgs]


def summary_sheet(session: Session, plans: dict[int, str], today: date | None = None) -> SheetSpec:
    """Actions by status and late ones per plan: ``progress.status_counts``, the count the
    window and the reports print."""
    from ..services.progress import STATUS_ORDER, status_counts

    today = today or date.today()

    def rows() -> Iterator[tuple[Any, ...]]:
        for plan_id, title in sorted(plans.items()):
            counts = status_counts(session, plan_id, today=today)
            yield (title, counts.total, *(counts.by_status[s] for s in STATUS_ORDER), counts.late)

    return SheetSpec(
        _("Summary"),
        [
            Column(_("Plan"), 40, "wrap"),
            Column(_("Actions"), 10, "int"),
            *(Column(label(s), 11, "int") for s in STATUS_ORDER),
            Column(_("Late on {date}").format(date=format_date(today)), 14, "int"),
        ],
        rows(),
        description=_(
            "Actions of each plan (not sub-actions) by status, and how many are late on the "
            "day of the export: the figures the window and the reports print."
        ),
    )


def data_sheets(session: Session) -> Iterator[SheetSpec]:
    """One hidden sheet per table, every field as exact text: what the import reads back."""
    uuids: dict[str, dict[int, str]] = {}

    def uuid_of(table: str) -> dict[int, str]:
        if table not in uuids:
            model = next(m for m in native.TABLES if native.table_name(m) == table)
            uuids[table] = tables.uuids_by_id(session, model)
        return uuids[table]

    for model in native.TABLES:
        refs = native.references(model)
        fields = [n for n in model.model_fields if n not in ("id", "uuid")]

        def rows(
            model: Any = model, fields: list[str] = fields, refs: dict[str, str] = refs
        ) -> Iterator[list[str]]:
            maps = {n: uuid_of(t) for n, t in refs.items()}
            result = tables.stored_rows(session, model, fields)
            cell_text = native.cell_text
            for record in result:
                values = [record[0]]
                for name, value in zip(fields, record[1:], strict=True):
                    if name in maps:
                        values.append(maps[name].get(value, "") if value is not None else "")
                    else:
                        values.append(cell_text(value))
                yield values

        yield SheetSpec(
            native.sheet_name(model),
            [Column(h) for h in native.columns(model)],
            rows(),
            hidden=True,
            styled=False,
        )
    settings = store_settings_by_key(session)
    yield SheetSpec(
        native.SETTINGS_SHEET,
        [Column("key"), Column("value")],
        ([s.key, s.value] for s in settings),
        hidden=True,
        styled=False,
    )


def readme_sheet(sheets: list[SheetSpec], exported_at: datetime) -> SheetSpec:
    rows: list[tuple[str, str]] = [(s.title, s.description) for s in sheets]
    rows += [
        ("", ""),
        (_("Exported on"), format_date(exported_at, fmt="long")),
        (_("Format"), native.FORMAT_NAME),
        (_("Format version"), str(native.FORMAT_VERSION)),
        (_("Application version"), __version__),
        (
            _("Import"),
            _('Hidden sheets hold every record exactly; "pcaet import" reads them back.'),
        ),
    ]
    return SheetSpec(
        _("Read me"),
        [Column(_("Sheet"), 26, "wrap"), Column(_("What it holds"), 90, "wrap")],
        rows,
    )


def export_workbook(
    store: Store,
    out: str | Path,
    *,
    charts: bool = False,
    lang: str | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the workbook (atomically); returns the number of data rows of each sheet.
    ``progress`` hears of each sheet and may cancel: nothing is written then."""
    out = Path(out)
    exported_at = datetime.now(UTC)
    counts: dict[str, int] = {}
    progress = progress or Progress()
    with i18n.language(lang or i18n.current_language()), store.session() as session:
        book = Workbook(write_only=True)
        sheets = visible_sheets(session)
        progress.set_total(len(sheets) + len(native.TABLES) + 2)
        for spec in sheets:
            progress.message(spec.title)
            counts[spec.title] = write_sheet(book, spec)
            progress.advance()
        if charts:
            from .workbook_charts import add_indicator_charts

            add_indicator_charts(
                book, session, next(s for s in sheets if s.title == _("Indicators"))
            )
        write_sheet(book, readme_sheet(sheets, exported_at))
        for spec in data_sheets(session):
            counts[spec.title] = write_sheet(book, spec)
            progress.advance()
        meta = {
            "format": native.FORMAT_NAME,
            "format_version": str(native.FORMAT_VERSION),
            "exported_at": exported_at.isoformat(),
            "app_version": __version__,
            "language": i18n.current_language(),
            "counts": json.dumps(counts, ensure_ascii=False),
        }
        write_sheet(
            book,
            SheetSpec(
                native.META_SHEET,
                [Column("key"), Column("value")],
                list(meta.items()),
                hidden=True,
                styled=False,
            ),
        )
        progress.check()
        progress.message(_("Saving {file}").format(file=out.name))
        _save(book, out)
        progress.advance()
    return counts


def _save(book: Workbook, out: Path) -> None:
    with write_output(out) as partial:
        book.save(str(partial))
