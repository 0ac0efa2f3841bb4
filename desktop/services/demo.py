"""The demo territory: the PASSAGE cross-border action plan and its surroundings.

The data lives in ``resources/demo/passage.json`` (see ``desktop.paths.demo_data_file``),
written by hand from the source documents. Every record carries a readable ``key`` that other
records use to point at it, and a ``uuid`` fixed in the file, so two loads give the same UUIDs.
Yearly series are written compactly (``{"values": {"2010": "512.3"}}``); their points get
UUIDs derived from the file's namespace and the point's key, stable too. An indicator of the
regulatory referential, which every store holds from its creation, is named ``"ref:cae_1.c"``.

Everything goes through ``changes.create`` so the change log tells where the demo came from.
The whole load runs in the caller's transaction: a malformed file raises ``DemoDataError``
and nothing stays half-loaded.
"""

from __future__ import annotations

import json
import os
import sqlite3
import types
import typing
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy.exc as sa_exc
from sqlmodel import Session, select

from .. import paths
from ..errors import UserError
from ..i18n import _
from ..models import (
    Action,
    ActionFactor,
    ActionFrameworkLink,
    ActionIndicator,
    ActionLink,
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
    MeetingAgendaItem,
    MeetingAttendee,
    MeetingDecision,
    Observation,
    Organisation,
    Plan,
    Section,
    StrategicObjective,
    Target,
    Territory,
)
from ..store import Store, open_store
from . import changes, store_info
from .actions import with_periods
from .changes import Actor, ValidationError
from .text import normalise_name
from .validation import check_dates, check_percent, check_rate_range, check_siren, check_year

FORMAT_VERSION = 1


class DemoDataError(UserError):
    """The demo file is missing or malformed; nothing was loaded."""


@dataclass(frozen=True)
class TableSpec:
    """How one list of the file becomes rows: the model, and the references a record may hold
    (``"plan": "plan:passage"`` fills ``plan_id`` with that record's id)."""

    name: str
    model: type[Entity]
    refs: dict[str, type[Entity]] = field(default_factory=dict)
    # nested lists: list name -> (spec, name of the reference to the enclosing record)
    children: dict[str, tuple[TableSpec, str]] = field(default_factory=dict)


def _spec(name: str, model: type[Entity], **refs: type[Entity]) -> TableSpec:
    return TableSpec(name, model, dict(refs))


_ACTION_CHILDREN = {
    "partners": (
        _spec("action_partners", ActionPartner, action=Action, organisation=Organisation),
        "action",
    ),
    "factors": (_spec("action_factors", ActionFactor, action=Action), "action"),
    "tags": (_spec("action_tags", ActionTag, action=Action), "action"),
    "frameworks": (
        _spec(
            "action_framework_links",
            ActionFrameworkLink,
            action=Action,
            reference=FrameworkReference,
        ),
        "action",
    ),
    "indicators": (
        _spec("action_indicators", ActionIndicator, action=Action, indicator=Indicator),
        "action",
    ),
    "budget_lines": (_spec("budget_lines", BudgetLine, action=Action), "action"),
    "fundings": (_spec("fundings", Funding, action=Action, funder=Organisation), "action"),
    "impacts": (_spec("impacts", Impact, action=Action, indicator=Indicator), "action"),
}

_CONTRACT_INDICATOR = TableSpec(
    "contract_indicators",
    ContractIndicator,
    {"contract": Contract, "indicator": Indicator},
    {
        "targets": (
            _spec("contract_targets", ContractTarget, contract_indicator=ContractIndicator),
            "contract_indicator",
        )
    },
)

# In the order they are loaded: a record only points at records loaded before it.
TABLES: tuple[TableSpec, ...] = (
    _spec("territories", Territory),
    _spec("communes", Commune, territory=Territory),
    _spec("organisations", Organisation),
    _spec("indicators", Indicator),
    _spec("framework_references", FrameworkReference),
    _spec("plans", Plan, territory=Territory),
    _spec("strategic_objectives", StrategicObjective, plan=Plan, indicator=Indicator),
    _spec("sections", Section, plan=Plan, parent=Section),
    TableSpec(
        "actions",
        Action,
        {"plan": Plan, "section": Section, "parent": Action, "lead_organisation": Organisation},
        _ACTION_CHILDREN,
    ),
    _spec("action_links", ActionLink, source_action=Action, target_action=Action),
    _spec("observations", Observation, indicator=Indicator, territory=Territory),
    _spec("targets", Target, indicator=Indicator, territory=Territory, plan=Plan),
    TableSpec(
        "contracts",
        Contract,
        {"territory": Territory, "plan": Plan},
        {
            "parties": (
                _spec(
                    "contract_parties", ContractParty, contract=Contract, organisation=Organisation
                ),
                "contract",
            ),
            "indicators": (_CONTRACT_INDICATOR, "contract"),
        },
    ),
    TableSpec(
        "meetings",
        Meeting,
        {"territory": Territory, "plan": Plan},
        {
            "attendees": (
                _spec(
                    "meeting_attendees", MeetingAttendee, meeting=Meeting, organisation=Organisation
                ),
                "meeting",
            ),
            "actions": (
                _spec("meeting_actions", MeetingAction, meeting=Meeting, action=Action),
                "meeting",
            ),
            "agenda_items": (_spec("meeting_agenda_items", MeetingAgendaItem), "meeting"),
            "decision_records": (
                _spec("meeting_decisions", MeetingDecision, meeting=Meeting, action=Action),
                "meeting",
            ),
        },
    ),
)

_SERIES_FIELDS = frozenset(
    {"indicator", "territory", "kind", "origin", "source", "comment", "values"}
)
REFERENTIAL_PREFIX = "ref:"


class _Loader:
    def __init__(self, session: Session, actor: Actor, namespace: uuid.UUID) -> None:
        self.session = session
        self.actor = actor
        self.namespace = namespace
        self.by_key: dict[str, Entity] = {}
        self.counts: dict[str, int] = {}
        self.identifiers: dict[str, int] = {}

    # -- records ---------------------------------------------------------------------------
    def load_list(
        self, spec: TableSpec, records: Any, where: str, parent: tuple[str, Entity] | None = None
    ) -> None:
        if not isinstance(records, list):
            raise self.error(where, _("a list was expected"))
        for index, record in enumerate(records):
            self.load_record(spec, record, f"{where}[{index}]", parent)

    def load_record(
        self, spec: TableSpec, record: Any, where: str, parent: tuple[str, Entity] | None
    ) -> Entity:
        if not isinstance(record, dict):
            raise self.error(where, _("an object was expected"))
        values: dict[str, Any] = {}
        nested: list[tuple[str, Any]] = []
        key = record.get("key")
        record_uuid = record.get("uuid")
        if not isinstance(record_uuid, str):
            raise self.error(where, _('every record needs a fixed "uuid"'))
        try:
            values["uuid"] = str(uuid.UUID(record_uuid))
        except ValueError:
            raise self.error(
                where, _('"{value}" is not a UUID').format(value=record_uuid)
            ) from None
        if parent is not None:
            values[f"{parent[0]}_id"] = parent[1].pk
        for name, raw in record.items():
            if name in ("key", "uuid", "_comment"):
                continue
            if name in spec.children:
                nested.append((name, raw))
            elif name in spec.refs:
                values[f"{name}_id"] = self.resolve(raw, spec.refs[name], f"{where}.{name}")
            else:
                values[name] = self.convert(spec.model, name, raw, f"{where}.{name}")
        self.complete(spec.model, values, where)
        entity = spec.model(**values)
        self.validate(entity, where)
        changes.create(self.session, entity, self.actor, parent=parent[1] if parent else None)
        self.counts[spec.name] = self.counts.get(spec.name, 0) + 1
        if key is not None:
            if not isinstance(key, str) or key in self.by_key:
                raise self.error(where, _('the key "{key}" is used twice').format(key=key))
            self.by_key[key] = entity
        for name, raw in nested:
            child_spec, parent_ref = spec.children[name]
            self.load_list(child_spec, raw, f"{where}.{name}", (parent_ref, entity))
        return entity

    def load_series(self, records: Any, where: str) -> None:
        """Compact yearly series, expanded into observations with derived, stable UUIDs."""
        if not isinstance(records, list):
            raise self.error(where, _("a list was expected"))
        for index, series in enumerate(records):
            here = f"{where}[{index}]"
            if not isinstance(series, dict) or not isinstance(series.get("values"), dict):
                raise self.error(here, _('a series needs "indicator", "territory" and "values"'))
            unknown = set(series) - _SERIES_FIELDS
            if unknown:
                raise self.error(here, _("unknown field {name}").format(name=sorted(unknown)[0]))
            kind = series.get("kind", "measured")
            origin = series.get("origin", "authority")
            for year, value in series["values"].items():
                # the origin in the key only when it is not the authority's: older keys stay
                provenance = kind if origin == "authority" else f"{kind}/{origin}"
                point = {
                    "uuid": str(
                        uuid.uuid5(
                            self.namespace,
                            f"observation/{series.get('indicator')}/"
                            f"{series.get('territory')}/{year}/{provenance}",
                        )
                    ),
                    "indicator": series.get("indicator"),
                    "territory": series.get("territory"),
                    "year": int(year) if str(year).isdigit() else year,
                    "value": value,
                    "kind": kind,
                    "origin": origin,
                    "source": series.get("source", ""),
                    "comment": series.get("comment", ""),
                }
                self.load_record(_OBSERVATIONS, point, f"{here}.values.{year}", None)

    # -- values ----------------------------------------------------------------------------
    def resolve(self, raw: Any, model: type[Entity], where: str) -> int | None:
        if raw is None:
            return None
        if model is Indicator and isinstance(raw, str) and raw.startswith(REFERENTIAL_PREFIX):
            return self.referential(raw, where)
        entity = self.by_key.get(raw) if isinstance(raw, str) else None
        if entity is None:
            raise self.error(
                where, _('unknown reference "{key}" (it must be defined earlier)').format(key=raw)
            )
        if not isinstance(entity, model):
            raise self.error(
                where, _('"{key}" is not a {kind}').format(key=raw, kind=model.__tablename__)
            )
        return entity.pk

    def referential(self, raw: str, where: str) -> int:
        """The id of a referential indicator ("ref:cae_1.c"), installed by the migrations."""
        identifier = raw.removeprefix(REFERENTIAL_PREFIX)
        if identifier not in self.identifiers:
            found = self.session.exec(
                select(Indicator.id).where(Indicator.identifier == identifier)
            ).first()
            if found is None:
                raise self.error(
                    where, _('"{key}" is not in the referential').format(key=identifier)
                )
            self.identifiers[identifier] = int(found)
        return self.identifiers[identifier]

    def convert(self, model: type[Entity], name: str, raw: Any, where: str) -> Any:
        info = model.model_fields.get(name)
        if info is None or name in ("id", "created_at", "updated_at", "version"):
            raise self.error(where, _("unknown field {name}").format(name=name))
        target, optional = _unwrap(info.annotation)
        if raw is None:
            if optional:
                return None
            raise self.error(where, _("a value is required"))
        try:
            return _convert_value(target, raw)
        except (TypeError, ValueError, InvalidOperation) as error:
            raise self.error(
                where, _("invalid value {value} ({reason})").format(value=repr(raw), reason=error)
            ) from None

    def complete(self, model: type[Entity], values: dict[str, Any], where: str) -> None:
        """Derived columns the file does not repeat."""
        if model in (Organisation, Indicator) and "normalised_name" not in values:
            values["normalised_name"] = normalise_name(str(values.get("name", "")))
        if model is Action:  # a date's period, as the services store it ("été 2018")
            values.update(with_periods(values))

    def validate(self, entity: Entity, where: str) -> None:
        try:
            if isinstance(entity, Territory | Organisation):
                check_siren(entity.siren)
            if isinstance(entity, Action):
                check_percent(entity.progress_percent, "progress_percent")
                check_dates(entity.start_date, entity.end_date)
            if isinstance(entity, Observation | ContractTarget):
                check_year(entity.year)
            if isinstance(entity, Target):
                check_year(entity.horizon_year, "horizon_year")
            if isinstance(entity, Funding):
                check_percent(entity.rate_percent, "rate_percent")
                check_rate_range(entity.rate_percent, entity.rate_max_percent)
        except ValidationError as error:
            raise self.error(f"{where}.{error.field}", str(error)) from None

    def error(self, where: str, message: str) -> DemoDataError:
        return DemoDataError(
            _("The demo data is malformed at {where}: {message}").format(
                where=where, message=message
            )
        )


_OBSERVATIONS = _spec("observations", Observation, indicator=Indicator, territory=Territory)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``int | None`` -> (int, True)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else str), len(args) < len(typing.get_args(annotation))
    return annotation, False


def _convert_value(target: Any, raw: Any) -> Any:
    if isinstance(target, type) and issubclass(target, Enum):
        return target(raw)
    if target is Decimal:
        # Amounts are written as strings: a JSON float would already have lost exactness.
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise TypeError(_('write numbers as strings, e.g. "633381.85"'))
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueError(_("not a finite number"))
        return value
    if target is date:
        if not isinstance(raw, str):
            raise TypeError(_('write dates as "YYYY-MM-DD"'))
        return date.fromisoformat(raw)
    if target is bool:
        if not isinstance(raw, bool):
            raise TypeError(_("true or false expected"))
        return raw
    if target is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(_("a whole number expected"))
        return raw
    if target is str:
        if not isinstance(raw, str):
            raise TypeError(_("text expected"))
        return raw
    raise TypeError(str(target))


def read_demo_file(path: Path | None = None) -> dict[str, Any]:
    path = path or paths.demo_data_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoDataError(
            _("The demo data file cannot be read: {path} ({reason})").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DemoDataError(
            _("The demo data file is not valid JSON: {path} ({reason})").format(
                path=path, reason=error
            )
        ) from None
    if not isinstance(data, dict):
        raise DemoDataError(
            _("The demo data file is not valid JSON: {path} ({reason})").format(
                path=path, reason="object expected"
            )
        )
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise DemoDataError(
            _("The demo data file has format version {found}; this version reads {known}.").format(
                found=version, known=FORMAT_VERSION
            )
        )
    return data


def load_demo(
    session: Session, actor: Actor, *, data: dict[str, Any] | None = None
) -> dict[str, int]:
    """Load the demo into ``session`` (the caller's transaction); returns rows created per list.

    Raises ``DemoDataError`` on a malformed file; the caller's rollback then leaves nothing.
    """
    data = data if data is not None else read_demo_file()
    known = {spec.name for spec in TABLES} | {
        "format_version",
        "uuid_namespace",
        "title",
        "notes",
        "series",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise DemoDataError(
            _("The demo data is malformed at {where}: {message}").format(
                where=unknown[0], message=_("unknown list")
            )
        )
    try:
        namespace = uuid.UUID(str(data.get("uuid_namespace")))
    except ValueError:
        raise DemoDataError(
            _("The demo data is malformed at {where}: {message}").format(
                where="uuid_namespace", message=_("a UUID is required")
            )
        ) from None
    loader = _Loader(session, actor, namespace)
    try:
        for spec in TABLES:
            loader.load_list(spec, data.get(spec.name, []), spec.name)
            if spec.name == "observations":
                loader.load_series(data.get("series", []), "series")
    except sa_exc.IntegrityError as error:
        raise DemoDataError(
            _("The demo data breaks a rule of the store: {reason}").format(reason=error.orig)
        ) from None
    return loader.counts


def holds_data(path: Path) -> bool:
    """Whether a store file already has a territory, read without changing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return connection.execute("SELECT 1 FROM territory LIMIT 1").fetchone() is not None
        finally:
            connection.close()
    except sqlite3.Error:
        # Not a store we can read: say it holds data so it is never overwritten silently.
        return True


def demo_actor() -> Actor:
    return Actor(user="demo", source=paths.demo_data_file().name)


def fill_store(store: Store, actor: Actor | None = None) -> dict[str, int]:
    """Load the demo into an open, empty store in one transaction."""
    data = read_demo_file()
    with store.transaction() as session:
        if not store_info.is_empty(session):
            raise DemoDataError(_("This store already holds data; the demo was not loaded."))
        return load_demo(session, actor or demo_actor(), data=data)


def create_demo_store(
    target: Path | Store, *, overwrite: bool = False, actor: Actor | None = None
) -> Path:
    """A store file holding the demo; returns its path.

    A file that already holds data is left untouched unless ``overwrite``. The demo is built in
    a temporary file next to the target and moved into place at the end, so a failure leaves
    the previous file as it was. An open ``Store`` is filled in place when it is empty.
    """
    if isinstance(target, Store):
        fill_store(target, actor)
        return target.path or Path(target.location)
    path = Path(target)
    if holds_data(path) and not overwrite:
        return path
    data = read_demo_file()  # refuse a bad file before creating anything
    temporary = path.with_name(f".{path.name}.building")
    _remove_store_files(temporary)
    store = open_store(temporary, create=True, backup_before_migration=False)
    try:
        with store.transaction() as session:
            load_demo(session, actor or demo_actor(), data=data)
    except BaseException:
        store.close()
        _remove_store_files(temporary)
        raise
    store.close()
    _remove_store_files(path, keep_main=True)
    os.replace(temporary, path)
    return path


def _remove_store_files(path: Path, *, keep_main: bool = False) -> None:
    """A SQLite file and its journal files (the main file is kept for an atomic replace)."""
    for suffix in ("-wal", "-shm", "-journal") + (() if keep_main else ("",)):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_demo_store() -> Path:
    """The demo store in the user's data folder, created if missing (``pcaet-desktop --demo``)."""
    return create_demo_store(paths.demo_store_path())
