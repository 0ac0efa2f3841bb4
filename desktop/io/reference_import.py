"""Importing an authority's official SNBC reference into the store, for the command line and the
window alike: read and check the file first, back the store up, then replace the territory's
official reference in one transaction. A refused file changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from ..models import Territory
from ..services.changes import Actor
from ..services.reference_trajectory import save_official
from ..services.unit_of_work import unit_of_work
from ..store import Store
from .reference_file import read_reference_file
from .safety import refuse


@dataclass(frozen=True)
class ReferenceImport:
    identifiers: int
    values: int
    first_year: int
    last_year: int
    layout: str
    ignored: list[str] = field(default_factory=list)
    backup: str | None = None


def import_reference(store: Store, path: Path, territory_id: int, actor: Actor) -> ReferenceImport:
    """Keep the trajectory of ``path`` as the territory's official reference. Raises
    ``FileRefused`` (nothing changed) when the file cannot be read or names another
    territory."""
    path = Path(path)
    read = read_reference_file(path)
    with store.session() as session:
        territory = session.get(Territory, territory_id)
        if territory is None:
            raise LookupError(territory_id)
        if read.siren is not None and territory.siren and read.siren != territory.siren:
            raise refuse(
                path,
                _("it is the trajectory of SIREN {file_siren}, not of {name} ({siren})").format(
                    file_siren=read.siren, name=territory.name, siren=territory.siren
                ),
            )
    years = sorted({year for series in read.series.values() for year in series})
    method = "ademe-workbook" if read.layout == "ademe" else "tet-export"
    with unit_of_work(store, actor, source=path.name, backup=True) as work:
        save_official(
            work.session,
            work.actor,
            territory_id,
            read.series,
            method=method,
            source=path.name,
            inputs={
                "file": path.name,
                "layout": read.layout,
                "sheets": read.sheets,
                "siren": read.siren,
                "ignored": read.ignored,
            },
        )
    backup = str(work.backup) if work.backup is not None else None
    return ReferenceImport(
        len(read.series), read.values, years[0], years[-1], read.layout, read.ignored, backup
    )
