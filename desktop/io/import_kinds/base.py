"""What an import kind is made of: its detector (the fields its columns map to and how well a
mapping fits), its parser (reading before the transaction), its applier (writing in the
import's unit of work), its blank template and its bound of rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from ...progress import Progress
from ...services.changes import Actor
from ..request import ImportRequest, Prepared
from ..summary import ImportSummary

# field -> (label shown in the wizard, header names it is suggested for)
Fields = dict[str, tuple[str, tuple[str, ...]]]
# (header the importer maps, help line marked with N_, drop-down choices or None)
TemplateColumn = tuple[str, str, list[str] | None]
# Given a column's normalised header, its raw header and the field found for it (or None):
# the field it takes. One rule is made per suggestion (it may remember earlier columns).
ColumnRule = Callable[[str, str, str | None], str | None]


@dataclass(frozen=True)
class Reading:
    """What a parser reads: the prepared file, the request, where to report and progress."""

    prepared: Prepared
    request: ImportRequest
    summary: ImportSummary
    progress: Progress


@dataclass(frozen=True)
class Writing:
    """What an applier gets: the unit of work's session and actor (the file as its source),
    the prepared file and request, the summary to fill, progress, and what the parser read."""

    session: Session
    actor: Actor
    prepared: Prepared
    request: ImportRequest
    summary: ImportSummary
    progress: Progress
    parsed: Any = None


def no_rule() -> ColumnRule | None:
    return None


def no_completion(mapping: dict[int, str], numeric_columns: set[int] | None) -> None:
    return None


def nothing_to_read(reading: Reading) -> None:
    return None


@dataclass(frozen=True)
class ImportKind:
    name: str
    # Detector: the fields and the header names that suggest them...
    fields: Fields
    # ...how well a mapping fits, from its fields and their bases ("value" for "value#2"); 0:
    # not this kind...
    score: Callable[[set[str], set[str]], int]
    # Applier: writes the rows in the import's unit of work.
    apply: Callable[[Writing], None]
    template: tuple[TemplateColumn, ...]
    # ...a rule for headers the vocabulary alone does not decide...
    column_rule: Callable[[], ColumnRule | None] = no_rule
    # ...and what is added once every column has its field (mapping changed in place).
    complete: Callable[[dict[int, str], set[int] | None], None] = no_completion
    # Fields the wizard offers besides the vocabulary's.
    extra_choices: tuple[str, ...] = ()
    # Parser: reads the rows before the transaction; its result goes to the applier.
    parse: Callable[[Reading], Any] = nothing_to_read
    # Kinds written one record at a time are bounded: (what, for the refusal; the most rows,
    # read when an import starts).
    row_limit: tuple[str, Callable[[], int]] | None = None
