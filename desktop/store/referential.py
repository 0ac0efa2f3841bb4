"""Install the regulatory indicator referential (``resources/referential/pcaet.json``).

Called by migrations, so it works with SQLAlchemy Core on the columns it names and never with
the models (which describe the newest schema, not the one being migrated). Upserts by
identifier: an indicator of an older ``referential_version`` is updated, a missing one is
created with a UUID derived from its identifier (the same in every store, so copies of a store
exchange values of ``cae_1.a`` as the same indicator), and an indicator of a newer version is
left alone. A custom indicator whose code is a referential identifier (a TeT file imported
before the referential existed) is adopted rather than duplicated. Values stay as they are, and
so does an existing indicator's unit: its values are in it (a release that changes a unit
converts the values in its own migration).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy import Connection

from .. import paths
from ..text import normalise_name

FORMAT_VERSION: Final = 1
# Namespace of the referential indicators' UUIDs: uuid5(NAMESPACE, identifier).
NAMESPACE: Final = uuid.UUID("5d0f1c4e-8a7b-4c52-9a51-0d6c1e7f2b30")

_indicator = sa.table(
    "indicator",
    sa.column("id", sa.Integer),
    sa.column("uuid", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("version", sa.Integer),
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("normalised_name", sa.String),
    sa.column("unit", sa.String),
    sa.column("category", sa.String),
    sa.column("dimension", sa.String),
    sa.column("direction", sa.String),
    sa.column("description", sa.String),
    sa.column("source_producer", sa.String),
    sa.column("source_method", sa.String),
    sa.column("source_url", sa.String),
    sa.column("identifier", sa.String),
    sa.column("parent_identifiers", sa.String),
    sa.column("formula", sa.String),
    sa.column("referential", sa.String),
    sa.column("referential_version", sa.String),
)


def resource_path() -> Path:
    return paths.resources_dir() / "referential" / "pcaet.json"


def read_resource(path: Path | None = None) -> dict[str, Any]:
    data = json.loads((path or resource_path()).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"unknown referential format in {path or resource_path()}")
    return data


def indicator_uuid(identifier: str) -> str:
    return str(uuid.uuid5(NAMESPACE, identifier))


def _row(entry: Mapping[str, Any], version: str, producer: str) -> dict[str, Any]:
    name = str(entry["title"]["fr"])
    return {
        "name": name,
        "normalised_name": normalise_name(name),
        "unit": entry["unit"],
        "category": entry["category"],
        "dimension": entry["dimension"],
        "direction": entry["direction"],
        "identifier": entry["identifier"],
        "parent_identifiers": " ".join(entry["parents"]),
        "formula": entry["formula"],
        "referential": entry["referential"],
        "referential_version": version,
        "source_producer": producer,
    }


def install_referential(connection: Connection, data: Mapping[str, Any] | None = None) -> int:
    """Create or update the referential's indicators; returns how many rows were written."""
    data = data if data is not None else read_resource()
    version = str(data["version"])
    producer = str(data["source"]["name"])
    # The version's date, not the clock: every store holds the same rows (copies compare equal).
    stamp = datetime.fromisoformat(version).replace(tzinfo=UTC)
    existing = {
        row.identifier or row.code: row
        for row in connection.execute(
            sa.select(
                _indicator.c.id,
                _indicator.c.code,
                _indicator.c.identifier,
                _indicator.c.referential_version,
            )
        )
    }
    written = 0
    for entry in data["indicators"]:
        identifier = str(entry["identifier"])
        values = _row(entry, version, producer if entry["referential"] == "tet" else "")
        found = existing.get(identifier)
        if found is None:
            connection.execute(
                sa.insert(_indicator).values(
                    uuid=indicator_uuid(identifier),
                    created_at=stamp,
                    updated_at=stamp,
                    version=1,
                    code=identifier,
                    description="",
                    source_method="",
                    source_url="",
                    **values,
                )
            )
        elif found.identifier is None or (found.referential_version or "") < version:
            connection.execute(
                sa.update(_indicator)
                .where(_indicator.c.id == found.id)
                .values(
                    updated_at=stamp,
                    version=_indicator.c.version + 1,
                    **{k: v for k, v in values.items() if k != "unit"},
                )
            )
        else:
            continue
        written += 1
    return written
