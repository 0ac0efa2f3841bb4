"""Mapping profiles: a confirmed column mapping saved with the layout's fingerprint, applied
automatically to the next file of the same layout (next year's file from the same partner),
with the options chosen for it (the territory of its values, the plan of its actions)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from ..models import ImportProfile, utcnow
from ..store import Store
from . import import_lock


@dataclass(frozen=True)
class Profile:
    name: str
    fingerprint: str
    kind: str
    mapping: dict[int, str]
    header_row: int | None
    # Options of the import kept with the mapping: "territory" (a SIREN or a UUID), "plan"
    # (the UUID of the plan that received the actions).
    options: dict[str, str] = field(default_factory=dict)


def _decode(row: ImportProfile) -> Profile:
    data = json.loads(row.mapping)
    columns = data.get("columns", data) if isinstance(data, dict) else {}
    mapping = {int(k): str(v) for k, v in columns.items() if str(k).isdigit()}
    header = data.get("header_row") if isinstance(data, dict) else None
    raw_options = data.get("options") if isinstance(data, dict) else None
    options = (
        {str(k): str(v) for k, v in raw_options.items() if isinstance(v, str)}
        if (isinstance(raw_options, dict))
        else {}
    )
    return Profile(
        row.name,
        row.fingerprint,
        row.kind,
        mapping,
        int(header) if isinstance(header, int) else None,
        options,
    )


def find(store: Store, fingerprint: str, name: str | None = None) -> Profile | None:
    """The profile called ``name``, else the last used one of that fingerprint."""
    with store.session() as session:
        if name:
            row = session.exec(select(ImportProfile).where(ImportProfile.name == name)).first()
            return _decode(row) if row is not None else None
        row = session.exec(
            select(ImportProfile)
            .where(ImportProfile.fingerprint == fingerprint)
            .order_by(col(ImportProfile.used_at).desc(), col(ImportProfile.id).desc())
        ).first()
        return _decode(row) if row is not None else None


def save(
    session: Session,
    name: str,
    fingerprint: str,
    kind: str,
    mapping: dict[int, str],
    header_row: int | None,
    options: dict[str, str] | None = None,
) -> None:
    """Save (or replace) the profile ``name``, in the caller's unit of work."""
    data = json.dumps(
        {
            "header_row": header_row,
            "columns": {str(k): v for k, v in sorted(mapping.items())},
            "options": {k: v for k, v in (options or {}).items() if v},
        }
    )
    # Two imports saving the same profile name at once would both insert it.
    import_lock.hold(session)
    row = session.exec(select(ImportProfile).where(ImportProfile.name == name)).first()
    if row is None:
        row = ImportProfile(name=name[:200], fingerprint=fingerprint, kind=kind, mapping=data)
    else:
        row.fingerprint, row.kind, row.mapping = fingerprint, kind, data
    row.used_at = utcnow()
    session.add(row)


def touch(session: Session, name: str) -> None:
    """Mark the profile ``name`` as the last used one of its layout."""
    row = session.exec(select(ImportProfile).where(ImportProfile.name == name)).first()
    if row is not None:
        row.used_at = utcnow()
        session.add(row)


def list_profiles(store: Store) -> list[Profile]:
    with store.session() as session:
        rows = session.exec(select(ImportProfile).order_by(col(ImportProfile.name)))
        return [_decode(r) for r in rows]
