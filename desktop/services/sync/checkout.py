"""Taking a store offline: a new local store that is a copy of a shared one (whole, or some
territories or plans), knowing where it came from and from which state."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from ...i18n import _
from ...models import Plan, Territory, utcnow
from ...progress import Progress
from ...store import Store, open_store
from . import state
from .common import SyncError, SyncResult, transaction
from .online import synchronise
from .plan import Choice
from .scope import Scope


@dataclass
class Selection:
    """What to take offline: SIREN numbers of territories, plans by id, UUID or title."""

    territories: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)


def default_copy_name(user: str) -> str:
    host = socket.gethostname().split(".")[0]
    return f"{user}@{host}" if user else host


def display_name(store: Store) -> str:
    """How a copy names its origin: the file's name, or the database and its server."""
    if store.path is not None:
        return store.path.name
    url = store.url
    return f"{url.database or ''}@{url.host or 'localhost'}"


def origin_location(store: Store) -> str:
    """Where a copy finds its origin again: a file's absolute path, or the URL without its
    password (the server's own means, ``~/.pgpass`` or ``PGPASSWORD``, provide it)."""
    if store.path is not None:
        return str(store.path.resolve())
    url: URL = store.url.set(password=None)
    return url.render_as_string(hide_password=False)


def resolve_scope(store: Store, selection: Selection) -> Scope:
    scope = Scope()
    territory = Territory.__table__  # type: ignore[attr-defined]
    plan = Plan.__table__  # type: ignore[attr-defined]
    with store.engine.connect() as connection:
        for wanted in selection.territories:
            scope.territories.append(_one(connection, store, territory, wanted, "siren", "name"))
        for wanted in selection.plans:
            scope.plans.append(_one(connection, store, plan, wanted, None, "title"))
    return scope


@dataclass
class Outline:
    """A territory of a shared store and its plans, to choose what to take offline."""

    uuid: str
    name: str
    siren: str
    plans: list[tuple[str, str]]  # (uuid, title)


def outline(location: str | Path) -> list[Outline]:
    store = open_store(location, create=False)
    territory = Territory.__table__  # type: ignore[attr-defined]
    plan = Plan.__table__  # type: ignore[attr-defined]
    try:
        with store.engine.connect() as connection:
            found = [
                Outline(str(r.uuid), str(r.name), str(r.siren or ""), [])
                for r in connection.execute(
                    sa.select(
                        territory.c.id, territory.c.uuid, territory.c.name, territory.c.siren
                    ).order_by(territory.c.name)
                )
            ]
            by_uuid = {o.uuid: o for o in found}
            for r in connection.execute(
                sa.select(plan.c.uuid, plan.c.title, territory.c.uuid.label("territory"))
                .join(territory, territory.c.id == plan.c.territory_id)
                .order_by(plan.c.title)
            ):
                by_uuid[str(r.territory)].plans.append((str(r.uuid), str(r.title)))
    finally:
        store.close()
    return found


def _one(
    connection: sa.Connection,
    store: Store,
    table: sa.Table,
    wanted: str,
    code: str | None,
    title: str,
) -> str:
    """The uuid of the one record ``wanted`` names: by code (SIREN), number, UUID or title."""
    text = wanted.strip()
    conditions = [table.c.uuid == text, table.c[title] == text]
    if code is not None:
        conditions.append(table.c[code] == text)
    if text.isdigit():
        conditions.append(table.c.id == int(text))
    rows = connection.execute(sa.select(table.c.uuid).where(sa.or_(*conditions))).all()
    if len(rows) == 1:
        return str(rows[0].uuid)
    if table.name == "territory":
        message = (
            _("No territory {territory} in {location} (give its SIREN, number or name).")
            if not rows
            else _("Several territories match {territory} in {location}; give its number.")
        )
        raise SyncError(message.format(territory=wanted, location=store.location))
    message = (
        _("No plan {plan} in {location}.")
        if not rows
        else _("Several plans are called {plan} in {location}; give its number.")
    )
    raise SyncError(message.format(plan=wanted, location=store.location))


def checkout(
    source: str | Path | URL,
    target: Path,
    *,
    user: str,
    selection: Selection | None = None,
    name: str = "",
    progress: Progress | None = None,
) -> SyncResult:
    """Make ``target`` (a new file) an offline copy of ``source``. Nothing is left behind
    when it fails: the new file is removed."""
    target = target.expanduser().resolve()
    if target.exists() and target.stat().st_size > 0:
        raise SyncError(
            _("{path} already exists; choose a new file for the offline copy.").format(path=target)
        )
    origin_store = open_store(source, create=False)
    try:
        if origin_store.path is not None and origin_store.path.resolve() == target:
            raise SyncError(_("Choose another file than the shared store itself."))
        scope = resolve_scope(origin_store, selection or Selection())
        copy_store = open_store(target, create=True)
        try:
            with transaction(origin_store, commit=False) as there:
                origin = state.replica(there)
            with transaction(copy_store) as here:
                copy = state.replica(here)
                state.update_replica(
                    here,
                    copy,
                    dataset=origin.dataset,
                    name=name or default_copy_name(user),
                    origin_location=origin_location(origin_store),
                    origin_replica=origin.replica,
                    origin_name=origin.name or display_name(origin_store),
                    origin_seq=0,
                    scope=scope.dumps(),
                    taken_at=utcnow(),
                )
            result = synchronise(
                copy_store,
                origin_store,
                user=user,
                prefer=Choice.THEIRS,
                progress=progress,
                kind="checkout",
            )
        except BaseException:
            copy_store.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            raise
        copy_store.close()
        result.location = origin_store.location
        return result
    finally:
        origin_store.close()
