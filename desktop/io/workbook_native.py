"""The native workbook ("pcaet-workbook"): its data layout, and the reader of the round trip.

Besides the sheets people read (written by ``desktop.reports.workbook``), the workbook holds
one hidden sheet per table (``_plan``, ``_action``...): one row per entity, every field as
exact text (Decimal digits, ISO dates), references as the UUID of the row referred to. Reading
those back into an empty store gives the same content with the same UUIDs; reading them into
the store they came from changes nothing. The change log and the import profiles stay out.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from ..errors import UserError
from ..i18n import _
from ..models import (
    Action,
    ActionDocument,
    ActionFactor,
    ActionFrameworkLink,
    ActionIndicator,
    ActionLink,
    ActionNote,
    ActionPartner,
    ActionTag,
    BudgetLine,
    Commune,
    Contract,
    ContractIndicator,
    ContractParty,
    ContractTarget,
    Entity,
    FrameworkReference,
    Funding,
    Impact,
    Indicator,
    Meeting,
    MeetingAction,
    MeetingAttendee,
    Observation,
    Organisation,
    Plan,
    ReportSnapshot,
    Section,
    StoreSetting,
    StrategicObjective,
    Target,
    Territory,
)
from ..services import changes
from ..services.changes import Actor, to_text
from ..services.unit_of_work import unit_of_work
from ..store import Store
from . import import_lock
from .summary import ImportSummary

FORMAT_NAME = "pcaet-workbook"
FORMAT_VERSION = 1
META_SHEET = "_meta"
SETTINGS_SHEET = "_store_setting"

# Parents before children, so references resolve in one pass.
TABLES: tuple[type[Entity], ...] = (
    Territory,
    Commune,
    Organisation,
    Indicator,
    Plan,
    StrategicObjective,
    Section,
    Action,
    ActionPartner,
    ActionLink,
    ActionFactor,
    ActionNote,
    ActionDocument,
    ActionTag,
    FrameworkReference,
    ActionFrameworkLink,
    ActionIndicator,
    BudgetLine,
    Funding,
    Impact,
    Observation,
    Target,
    Contract,
    ContractParty,
    ContractIndicator,
    ContractTarget,
    Meeting,
    MeetingAttendee,
    MeetingAction,
    ReportSnapshot,
)
_SKIPPED = frozenset({"id", "uuid"})
_BOOKKEEPING = ("created_at", "updated_at", "version")


class WorkbookError(UserError):
    """The file is not a native workbook this version can read (message translated)."""


def table_name(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


def sheet_name(model: type[SQLModel]) -> str:
    return f"_{table_name(model)}"[:31]


def references(model: type[SQLModel]) -> dict[str, str]:
    """Foreign-key fields of a table and the table each refers to."""
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in table.columns
        if column.foreign_keys
    }


def columns(model: type[SQLModel]) -> list[str]:
    """The data sheet's header: ``uuid`` then every field; references end in ``_uuid``."""
    refs = references(model)
    names = ["uuid"]
    for name in model.model_fields:
        if name in _SKIPPED:
            continue
        names.append(name.removesuffix("_id") + "_uuid" if name in refs else name)
    return names


def cell_text(value: Any) -> str:
    text = to_text(value)
    return "" if text is None else text


# ---- reading -------------------------------------------------------------------------------


def _open(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own types for unreadable files
        raise WorkbookError(
            _("{file} cannot be read as a workbook: {error}").format(file=path.name, error=error)
        ) from error


def _meta(book: Any) -> dict[str, str]:
    if META_SHEET not in book.sheet_names:
        return {}
    rows = book.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False)
    return {str(r[0]): str(r[1]) for r in rows if len(r) >= 2 and r[0] != ""}


def is_native_workbook(path: str | Path) -> bool:
    """Whether the file is a workbook this application exported (any format version)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return False
    # The sheet names first, from the package alone: calamine loads a workbook's whole table of
    # shared texts when it opens it, so any other file goes to the import's checks untouched,
    # and one of ours is checked (sizes, expansion) before calamine reads it.
    import zipfile

    from .readers.openpyxl_reader import sheet_parts
    from .safety import check_file

    try:
        with zipfile.ZipFile(path) as archive:
            if META_SHEET not in sheet_parts(archive).values():
                return False
    except (zipfile.BadZipFile, OSError):
        return False
    check_file(path, formulas=False)
    try:
        return _meta(_open(path)).get("format") == FORMAT_NAME
    except WorkbookError:
        return False


def _rows(book: Any, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, values by header) of a data sheet."""
    if name not in book.sheet_names:
        return
    iterator = book.get_sheet_by_name(name).iter_rows()
    header = [str(h) for h in next(iterator, [])]
    for number, values in enumerate(iterator, start=2):
        texts = [v if isinstance(v, str) else _number_text(v) for v in values]
        if any(texts):
            yield number, dict(zip(header, texts, strict=False))


def _number_text(value: Any) -> str:
    # A cell someone retyped as a number: 12.0 -> "12".
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parser(annotation: Any) -> tuple[Callable[[str], Any], bool]:
    """How to read a field's text, and whether an empty cell means None."""
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = True
        annotation = args[0]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation, optional
    if annotation is bool:
        return (lambda t: t.strip().lower() in ("true", "1", "yes")), optional
    if annotation is int:
        return (lambda t: int(Decimal(t))), optional
    if annotation is Decimal:
        return _decimal, optional
    if annotation is datetime:
        return datetime.fromisoformat, optional
    if annotation is date:
        return (lambda t: date.fromisoformat(t[:10])), optional
    return str, optional


def _decimal(text: str) -> Decimal:
    number = Decimal(text.strip())
    if not number.is_finite():
        raise ValueError(text)
    return number


class _Reader:
    def __init__(self, session: Session, actor: Actor, summary: ImportSummary) -> None:
        self.session = session
        self.actor = actor
        self.summary = summary
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)
        self.parsers: dict[type[SQLModel], dict[str, tuple[Callable[[str], Any], bool]]] = {}

    def known_ids(self, table: str) -> dict[str, int]:
        if table not in self.ids:
            model = next(m for m in TABLES if table_name(m) == table)
            rows = self.session.exec(select(model.uuid, model.id))
            self.ids[table] = {uuid: id_ for uuid, id_ in rows if id_ is not None}
        return self.ids[table]

    def read_table(self, book: Any, model: type[Entity]) -> None:
        refs = references(model)
        name = sheet_name(model)
        pending = list(_rows(book, name))
        self_refs = {f for f, t in refs.items() if t == table_name(model)}
        in_file = {values.get("uuid", "") for _n, values in pending}
        while pending:
            deferred: list[tuple[int, dict[str, str]]] = []
            for number, values in pending:
                waiting = any(
                    values.get(f.removesuffix("_id") + "_uuid", "") in in_file
                    and values.get(f.removesuffix("_id") + "_uuid", "")
                    not in self.known_ids(table_name(model))
                    for f in self_refs
                )
                if waiting:
                    deferred.append((number, values))
                else:
                    self.read_row(model, name, number, values, refs)
            if len(deferred) == len(pending):  # a cycle: report it rather than loop
                for number, _values in deferred:
                    self.summary.reject(
                        name, number, "parent_uuid", _("Its parent row could not be read.")
                    )
                break
            pending = deferred

    def read_row(
        self,
        model: type[Entity],
        sheet: str,
        number: int,
        values: dict[str, str],
        refs: dict[str, str],
    ) -> None:
        self.summary.rows_read += 1
        uuid = values.get("uuid", "").strip()
        if not uuid:
            self.summary.reject(sheet, number, "uuid", _("The row has no identifier."))
            return
        parsers = self.parsers.setdefault(
            model, {n: _parser(f.annotation) for n, f in model.model_fields.items()}
        )
        fields: dict[str, Any] = {}
        for name in model.model_fields:
            if name in _SKIPPED:
                continue
            header = name.removesuffix("_id") + "_uuid" if name in refs else name
            text = values.get(header, "")
            if name in refs:
                if not text:
                    fields[name] = None
                    continue
                target = self.known_ids(refs[name]).get(text)
                if target is None:
                    self.summary.reject(
                        sheet,
                        number,
                        header,
                        _("It refers to a {table} that is not in the file or the store.").format(
                            table=refs[name]
                        ),
                        text,
                    )
                    return
                fields[name] = target
                continue
            parse, optional = parsers[name]
            if text == "" and (optional or parse is not str):
                if not optional and name not in _BOOKKEEPING:
                    self.summary.reject(sheet, number, header, _("A value is required."), text)
                    return
                if optional:
                    fields[name] = None
                continue
            try:
                fields[name] = parse(text)
            except (ValueError, InvalidOperation, TypeError):
                self.summary.reject(sheet, number, header, _("This value is not valid."), text)
                return
        self.store_row(model, uuid, fields)

    def store_row(self, model: type[Entity], uuid: str, fields: dict[str, Any]) -> None:
        table = table_name(model)
        known = self.known_ids(table)
        entity = self.session.get(model, known[uuid]) if uuid in known else None
        if entity is None:
            entity = self.natural_match(model, fields)
        content = {k: v for k, v in fields.items() if k not in _BOOKKEEPING}
        if entity is None:
            entity = model(uuid=uuid, **fields)
            changes.create(self.session, entity, self.actor)
            assert entity.id is not None
            known[uuid] = entity.id
            self.summary.inserted += 1
            return
        assert entity.id is not None
        known[uuid] = entity.id
        changed = changes.update(self.session, entity, content, self.actor)
        if changed:
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1

    def natural_match(self, model: type[Entity], fields: dict[str, Any]) -> Entity | None:
        """The stored row with the same unique key (an indicator's code, an observation's
        indicator, territory, year, kind and origin), for a file made from another store."""
        table: sa.Table = model.__table__  # type: ignore[attr-defined]
        for constraint in table.constraints:
            if not isinstance(constraint, sa.UniqueConstraint):
                continue
            names = [c.name for c in constraint.columns]
            if "uuid" in names or any(fields.get(n) is None for n in names):
                continue
            query = select(model)
            for n in names:
                query = query.where(getattr(model, n) == fields[n])
            found = self.session.exec(query).first()
            if found is not None:
                return found
        for column in table.columns:
            if column.unique and column.name not in ("uuid", "id") and fields.get(column.name):
                query = select(model).where(getattr(model, column.name) == fields[column.name])
                found = self.session.exec(query).first()
                if found is not None:
                    return found
        return None

    def read_settings(self, book: Any) -> None:
        for number, values in _rows(book, SETTINGS_SHEET):
            self.summary.rows_read += 1
            key, text = values.get("key", ""), values.get("value", "")
            try:
                json.loads(text)
            except ValueError:
                self.summary.reject(
                    SETTINGS_SHEET, number, "value", _("This value is not valid."), text
                )
                continue
            row = self.session.get(StoreSetting, key)
            if row is None:
                self.session.add(StoreSetting(key=key, value=text))
                self.summary.inserted += 1
            elif row.value != text:
                row.value = text
                self.session.add(row)
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
        self.session.flush()


def import_native_workbook(
    store: Store, path: str | Path, actor: Actor, *, dry_run: bool = False
) -> ImportSummary:
    """Read a native workbook into the store in one transaction (rolled back for a dry run)."""
    path = Path(path)
    book = _open(path)
    meta = _meta(book)
    if meta.get("format") != FORMAT_NAME:
        raise WorkbookError(
            _("{file} is not a workbook exported by this application.").format(file=path.name)
        )
    try:
        version = int(meta.get("format_version", "0"))
    except ValueError:
        version = FORMAT_VERSION + 1
    if version > FORMAT_VERSION:
        raise WorkbookError(
            _(
                "{file} was exported by a newer version of the application (workbook format "
                "{version}; this version reads up to {supported}). Update the application to "
                "import it."
            ).format(file=path.name, version=version, supported=FORMAT_VERSION)
        )
    summary = ImportSummary(kind="native", dry_run=dry_run)

    def begin(session: Session) -> None:
        # Two imports of the same workbook at once would both insert its rows.
        import_lock.acquire(session, store.location)

    with (
        import_lock.collisions(path.name),
        unit_of_work(store, actor, backup=True, dry_run=dry_run, begin=begin) as work,
    ):
        reader = _Reader(work.session, work.actor, summary)
        for model in TABLES:
            reader.read_table(book, model)
        reader.read_settings(book)
    if work.backup is not None:
        summary.backup = str(work.backup)
    return summary
