"""The import pipeline shared by ``pcaet import``, the wizard and the tests:

read (safety checks first) -> find the sheet, header and kind (each kind's detector, from the
registry ``kinds``) -> map columns (a saved profile of the same layout first) -> the kind's
parser reads and checks every cell -> in one unit of work (``services.unit_of_work``, under the
import lock) the kind's applier creates what is missing and upserts -> dry run: roll back;
else back up the store, then commit.

Cancelling (``Progress.cancel``) or any error rolls the transaction back: the store is left as
it was. Every change is logged with the file's name as its source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session

from ..i18n import _
from ..progress import Progress
from ..services.changes import Actor
from ..services.unit_of_work import unit_of_work
from ..store import Store
from . import import_lock, profiles, workbook_native
from .expansion import too_many
from .gc_pause import gc_paused
from .import_kinds.base import Reading, Writing
from .kinds import AUTO, KINDS, OBSERVATIONS, import_kind
from .layout import Layout, column_letter, detect_layout, fill_merged, fingerprint
from .mapping import score, suggest
from .open_data import recognise
from .parsing import CellError, parse_number
from .readers import Sheet, open_book
from .reference_file import is_reference_book
from .request import ImportRequest, Prepared
from .safety import FileRefused, refuse
from .summary import ImportSummary

NUMERIC_SAMPLE = 300


def numeric_columns(sheet: Sheet, layout: Layout) -> set[int]:
    """Columns whose data cells are mostly numbers (a sample of the first rows)."""
    counts: dict[int, list[int]] = {}
    for row in sheet.rows[layout.first_data_row : layout.first_data_row + NUMERIC_SAMPLE]:
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            numbers = counts.setdefault(col, [0, 0])
            numbers[1] += 1
            if isinstance(value, int | float) and not isinstance(value, bool):
                numbers[0] += 1
            elif isinstance(value, str):
                try:
                    if parse_number(value) is not None:
                        numbers[0] += 1
                except CellError:
                    pass
    return {col for col, (numbers, total) in counts.items() if total and numbers / total >= 0.6}


def _analyse(
    sheet: Sheet, kind: str, header_row: int | None
) -> tuple[Layout, str, dict[int, str], int, set[int]]:
    layout = detect_layout(sheet, header_row)
    numeric = numeric_columns(sheet, layout)
    kinds = KINDS if kind == AUTO else (kind,)
    best: tuple[int, str, dict[int, str]] = (-1, kinds[0], {})
    for candidate in kinds:
        mapping = suggest(candidate, layout.names, numeric)
        points = score(candidate, mapping)
        if points > best[0]:
            best = (points, candidate, mapping)
    return layout, best[1], best[2], best[0], numeric


@gc_paused()
def prepare(store: Store | None, request: ImportRequest) -> Prepared:
    """Open and analyse the file; nothing is written. Raises ``FileRefused``."""
    path = Path(request.path)
    if request.kind not in (AUTO, *KINDS):
        raise refuse(path, _("unknown kind {kind}").format(kind=request.kind))
    book = open_book(path)
    if is_reference_book(book):
        # Read as values, a trajectory would become the authority's own figures.
        raise refuse(
            path,
            _(
                "this is an SNBC reference trajectory (Territoires en Transitions' download or "
                "ADEME's territorialised tool), not values of the territory: import it with "
                "pcaet reference --import FILE --territory SIREN, or in the window from "
                "Indicators > SNBC reference trajectory > Import the official reference"
            ),
        )
    names = book.sheet_names
    if request.sheet is not None and request.sheet not in names:
        raise refuse(path, _("there is no sheet named {sheet}").format(sheet=request.sheet))
    candidates = [request.sheet] if request.sheet is not None else names
    best: tuple[int, Sheet, Layout, str, dict[int, str], set[int]] | None = None
    for name in candidates:
        sheet = book.sheet(name)
        if not sheet.rows:
            continue
        layout, kind, mapping, points, numeric = _analyse(sheet, request.kind, request.header_row)
        if best is None or points > best[0]:
            best = (points, sheet, layout, kind, mapping, numeric)
    if best is None:
        raise refuse(path, _("the file has no data"))
    _points, sheet, layout, kind, mapping, numeric = best
    print_key = fingerprint("", layout.names)
    profile_name: str | None = None
    options: dict[str, str] = {}
    if store is not None and request.mapping is None:
        found = profiles.find(store, print_key, request.profile)
        if found is not None and found.kind in KINDS and request.kind in (AUTO, found.kind):
            profile_name, kind, mapping = found.name, found.kind, found.mapping
            options = found.options
            if request.header_row is None and found.header_row != layout.header_row:
                layout = detect_layout(sheet, found.header_row)
    recognised = None
    if kind == OBSERVATIONS or request.kind in (AUTO, OBSERVATIONS):
        recognised = recognise(path, sheet.name, sheet.rows, layout, mapping)
        if recognised is not None and recognised.mapping and request.mapping is None:
            kind, mapping, profile_name = OBSERVATIONS, dict(recognised.mapping), None
    if request.mapping is not None:
        mapping = dict(request.mapping)
        if request.kind != AUTO:
            kind = request.kind
    if score(kind, mapping) <= 0:
        raise refuse(path, _("no column of the file could be recognised; map them in the wizard"))
    return Prepared(
        path,
        book,
        sheet,
        layout,
        kind,
        mapping,
        print_key,
        profile_name,
        numeric,
        options=options,
        recognised=recognised,
    )


def reanalyse(
    prepared: Prepared,
    *,
    sheet: Sheet | None = None,
    header_row: int | None = None,
    kind: str = AUTO,
) -> Prepared:
    """The same open file seen with another sheet, header row or kind (the wizard's pages):
    layout detected again and columns suggested again; no profile is applied."""
    chosen = prepared.sheet if sheet is None else sheet
    layout, best_kind, mapping, _points, numeric = _analyse(chosen, kind, header_row)
    recognised = None
    if kind in (AUTO, OBSERVATIONS):
        recognised = recognise(prepared.path, chosen.name, chosen.rows, layout, mapping)
        if recognised is not None and recognised.mapping:
            best_kind, mapping = OBSERVATIONS, dict(recognised.mapping)
    return Prepared(
        prepared.path,
        prepared.book,
        chosen,
        layout,
        best_kind,
        mapping,
        fingerprint("", layout.names),
        None,
        numeric,
        recognised=recognised,
    )


def _check_record_count(prepared: Prepared) -> None:
    """Kinds written one record at a time (actions, organisations) are bounded in rows
    (their ``row_limit``): a file past it is refused whole."""
    bound = import_kind(prepared.kind).row_limit
    if bound is None:
        return
    what, most = bound
    limit = most()
    rows = prepared.sheet.rows[prepared.layout.first_data_row :]
    if len(rows) > limit and sum(1 for row in rows if any(v not in ("", None) for v in row)) > (
        limit
    ):
        raise too_many(what, limit)


def _formula_rejections(prepared: Prepared, summary: ImportSummary) -> None:
    for ref in prepared.sheet.formulas_without_value:
        summary.reject(
            prepared.sheet.name,
            int("".join(c for c in ref if c.isdigit())),
            "".join(c for c in ref if c.isalpha()),
            _("formula without a saved value: open the file in a spreadsheet and save it"),
        )


@gc_paused()
def run_import(
    store: Store,
    prepared: Prepared,
    request: ImportRequest,
    actor: Actor,
    progress: Progress | None = None,
) -> ImportSummary:
    """Parse and write (or, for a dry run, simulate exactly) the import of a prepared file."""
    progress = progress or Progress()
    summary = ImportSummary(kind=prepared.kind, dry_run=request.dry_run)
    sheet, layout = prepared.sheet, prepared.layout
    _check_record_count(prepared)
    fill_merged(sheet, layout.first_data_row)
    summary.warnings.extend(sheet.notes)
    _formula_rejections(prepared, summary)
    progress.set_total(4)
    progress.message(_("Reading {file}").format(file=prepared.path.name))
    kind = import_kind(prepared.kind)
    parsed = kind.parse(Reading(prepared, request, summary, progress))
    progress.advance()

    def begin(session: Session) -> None:
        # First the import lock: what is read next (indicators, values) stays true until the
        # commit, whoever else imports into this store at the same moment.
        import_lock.acquire(session, store.location, progress)

    with (
        import_lock.collisions(prepared.path.name),
        unit_of_work(
            store,
            actor,
            source=prepared.path.name,
            backup=True,
            dry_run=request.dry_run,
            begin=begin,
            progress=progress,
        ) as work,
    ):
        kind.apply(Writing(work.session, work.actor, prepared, request, summary, progress, parsed))
        progress.advance()
        work.session.flush()
        progress.check()
        if not summary.accepted_anything:
            # Every row rejected: what the rows would have needed (a plan, sections) is not
            # created either, and the transaction is rolled back whole.
            summary.forget_creations()
        if not summary.creates_anything:
            work.discard()
    if work.backup is not None:
        summary.backup = str(work.backup)
    progress.advance()
    if not request.dry_run and summary.accepted_anything:  # nothing written for nothing taken
        _remember_profile(store, prepared, request, actor)
    progress.advance()
    summary.finish()
    return summary


def _remember_profile(
    store: Store, prepared: Prepared, request: ImportRequest, actor: Actor
) -> None:
    """Save the mapping under the name asked for, or mark the applied profile as used."""
    name = request.save_profile or (request.profile if prepared.profile is None else None)
    if not name and prepared.profile is None:
        return
    with unit_of_work(store, actor) as work:
        if name:
            profiles.save(
                work.session,
                name,
                prepared.fingerprint,
                prepared.kind,
                prepared.mapping,
                prepared.layout.header_row,
                _remembered_options(work.session, request),
            )
        elif prepared.profile is not None:
            profiles.touch(work.session, prepared.profile)


def _remembered_options(session: Session, request: ImportRequest) -> dict[str, str]:
    """The options a profile keeps for next time: the territory and the receiving plan."""
    options = {"territory": request.territory or ""}
    if request.plan_id is not None:
        from ..models import Plan

        plan = session.get(Plan, request.plan_id)
        options["plan"] = plan.uuid if plan is not None else ""
    return options


def import_file(
    store: Store,
    request: ImportRequest,
    actor: Actor,
    progress: Progress | None = None,
) -> ImportSummary:
    """Everything at once: a native workbook of this application goes to its own reader."""
    native = native_importer(request.path)
    if native is not None:
        result: ImportSummary = native(store, request.path, actor, dry_run=request.dry_run)
        return result
    prepared = prepare(store, request)
    return run_import(store, prepared, request, actor, progress)


def native_importer(path: Path) -> Any:
    """The native-workbook importer when ``path`` is a workbook this application exported."""
    try:
        if workbook_native.is_native_workbook(path):
            return workbook_native.import_native_workbook
    except Exception:  # a reader hiccup there must not hide our own clearer refusal
        return None
    return None


def cell_reference(col: int, row: int) -> str:
    return f"{column_letter(col)}{row}"


__all__ = [
    "AUTO",
    "FileRefused",
    "ImportRequest",
    "Prepared",
    "import_file",
    "prepare",
    "reanalyse",
    "run_import",
]
