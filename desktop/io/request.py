"""What an import is asked (``ImportRequest``) and what reading the file found (``Prepared``):
shared by the pipeline (``importer``), the import kinds and the wizard."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..models.enums import ObservationKind, ValueOrigin
from .kinds import AUTO
from .layout import Layout
from .open_data import Recognised
from .readers import Book, Sheet


@dataclass
class ImportRequest:
    path: Path
    kind: str = AUTO
    sheet: str | None = None
    header_row: int | None = None  # 0-based; None: detected
    mapping: dict[int, str] | None = None  # None: profile, else suggested
    territory: str | None = None  # SIREN for rows without a territory column
    plan: str | None = None  # plan name for actions (found in the territory, else created)
    plan_id: int | None = None  # the existing plan that receives the actions (the wizard)
    year: int | None = None  # year of values when the file has no year column
    profile: str | None = None  # apply this profile, or save the mapping under this name
    save_profile: str | None = None
    create_territories: bool = False
    dry_run: bool = False
    # Who produced the values and how; None: recognised from the file (an observatory's
    # export is its modelled inventory, ALDO's its model), else the authority's measures.
    origin: ValueOrigin | None = None
    value_kind: ObservationKind | None = None


@dataclass
class Prepared:
    path: Path
    book: Book
    sheet: Sheet
    layout: Layout
    kind: str
    mapping: dict[int, str]
    fingerprint: str
    profile: str | None = None  # the profile applied
    numeric_columns: set[int] = field(default_factory=set)
    options: dict[str, str] = field(default_factory=dict)  # those the profile remembers
    # A publisher's format recognised (``open_data``): its provenance and columns.
    recognised: Recognised | None = None


def provenance(request: ImportRequest, prepared: Prepared) -> tuple[ValueOrigin, ObservationKind]:
    """Who produced the values and how: as asked, else as the file is recognised, else the
    authority's measures."""
    recognised = prepared.recognised
    origin = request.origin or (recognised.origin if recognised else ValueOrigin.AUTHORITY)
    kind = request.value_kind or (recognised.kind if recognised else ObservationKind.MEASURED)
    return origin, kind
