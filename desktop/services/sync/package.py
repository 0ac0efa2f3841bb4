"""Change packages (``.pcaetsync``): the changes of one store for another, to send by e-mail
or on a USB key when there is no network between them.

A package is a ZIP archive of two members: ``manifest.json`` (format and version, the
package's identity, the sender's name and store, the states it goes from and to, and the
SHA-256 of the other member) and ``changes.json`` (the records, the change log entries, the
names of copies), compressed. A package comes from elsewhere: it is read with limits on its
size, and refused whole when anything in it does not hold together.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import UserError
from ...i18n import _
from .plan import RecordId, State
from .records import Values

FORMAT = "pcaet-changes"
VERSION = 1
SUFFIX = ".pcaetsync"
MANIFEST = "manifest.json"
CHANGES = "changes.json"
MAX_MANIFEST = 1 << 20  # 1 MB
MAX_CHANGES = 1 << 30  # 1 GB once expanded
MAX_RATIO = 200  # a real package compresses about 10 times; a bomb, thousands of times

UP = "up"  # from a copy to its origin
DOWN = "down"  # from an origin to a copy


class PackageError(UserError):
    """A file that is not a change package this store can apply (message for the user)."""


@dataclass
class PackageRecord:
    table: str
    key: str
    values: State  # None: deleted
    created: str | None = None
    updated: str | None = None
    base: State = None  # from a copy: the state it last agreed with its origin
    priors: list[State] = field(default_factory=list)  # what the copy sent before
    seq: int = 0  # from an origin: the change number of the record there

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"t": self.table, "k": self.key, "v": self.values}
        if self.created or self.updated:
            data["m"] = [self.created, self.updated]
        if self.base is not None:
            data["b"] = self.base
        if self.priors:
            data["p"] = self.priors
        if self.seq:
            data["s"] = self.seq
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PackageRecord:
        meta = data.get("m") or [None, None]
        return cls(
            table=str(data["t"]),
            key=str(data["k"]),
            values=_values(data.get("v")),
            created=meta[0],
            updated=meta[1],
            base=_values(data.get("b")),
            priors=[_values(p) for p in data.get("p") or []],
            seq=int(data.get("s") or 0),
        )


def _values(data: Any) -> Values | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise PackageError(_("The change package is damaged: a record is not readable."))
    return {str(k): None if v is None else str(v) for k, v in data.items()}


@dataclass
class Package:
    """What a package says, read or about to be written."""

    package_id: str
    direction: str
    dataset: str
    sender: str  # replica id
    sender_name: str
    user: str
    created_at: str
    receiver: str = ""  # replica id, when the sender knew it
    since: int = 0  # the sender's state the changes start after (from an origin)
    upto: int = 0  # the sender's state they reach
    checkpoint: int = 0  # from a copy: the origin's state it holds
    acknowledged: int = 0  # from an origin: the receiver's state whose changes arrived
    held: list[RecordId] = field(default_factory=list)
    app_version: str = ""
    records: list[PackageRecord] = field(default_factory=list)
    context: dict[RecordId, Values] = field(default_factory=dict)
    aliases: dict[RecordId, str] = field(default_factory=dict)
    log: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def manifest(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "package": self.package_id,
            "direction": self.direction,
            "dataset": self.dataset,
            "sender": {"replica": self.sender, "name": self.sender_name, "user": self.user},
            "receiver": self.receiver,
            "created_at": self.created_at,
            "since": self.since,
            "upto": self.upto,
            "checkpoint": self.checkpoint,
            "acknowledged": self.acknowledged,
            "held": [list(r) for r in self.held],
            "app_version": self.app_version,
            "counts": {"records": len(self.records), "log": len(self.log)},
        }

    def body(self) -> dict[str, Any]:
        return {
            "records": [r.as_json() for r in self.records],
            "context": [{"t": t, "k": k, "v": v} for (t, k), v in self.context.items()],
            "aliases": [[t, k, c] for (t, k), c in self.aliases.items()],
            "log": self.log,
            "names": self.names,
        }


def write_package(package: Package, path: Path) -> int:
    """Write ``path`` through a temporary file beside it; returns its size in bytes."""
    body = json.dumps(package.body(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    manifest = package.manifest()
    manifest["checksum"] = "sha256:" + hashlib.sha256(body).hexdigest()
    manifest["size"] = len(body)
    folder = path.parent
    descriptor, temporary = tempfile.mkstemp(prefix=".pcaetsync-", dir=folder)
    os.close(descriptor)
    partial = Path(temporary)
    try:
        with zipfile.ZipFile(
            partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
        ) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr(CHANGES, body)
        umask = os.umask(0)
        os.umask(umask)
        partial.chmod(0o666 & ~umask)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path.stat().st_size


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise PackageError(
            _("This file is not a change package (no {name}).").format(name=name)
        ) from error
    if info.file_size > limit or (
        info.compress_size and info.file_size > MAX_RATIO * info.compress_size + (1 << 20)
    ):
        raise PackageError(_("The change package is larger than this application accepts."))
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise PackageError(_("The change package is larger than this application accepts."))
    return data


def read_package(path: Path) -> Package:
    """Read and check a package; ``PackageError`` says why one is refused."""
    if not path.is_file():
        raise PackageError(_("{path} is not a file.").format(path=path))
    try:
        with zipfile.ZipFile(path) as archive:
            manifest_bytes = _member(archive, MANIFEST, MAX_MANIFEST)
            body_bytes = _member(archive, CHANGES, MAX_CHANGES)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        if isinstance(error, PermissionError):
            raise PackageError(
                _("{path} cannot be read: permission denied.").format(path=path)
            ) from error
        raise PackageError(_("This file is not a change package, or it is damaged.")) from error
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise PackageError(_("This file is not a change package, or it is damaged.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(_("This file is not a change package, or it is damaged."))
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise PackageError(
            _(
                "This change package was written by a newer version of the application "
                "(format {version}); install the newer version to apply it."
            ).format(version=version)
        )
    expected = "sha256:" + hashlib.sha256(body_bytes).hexdigest()
    if manifest.get("checksum") != expected:
        raise PackageError(
            _("The change package is damaged (its checksum does not match): ask for it again.")
        )
    try:
        body = json.loads(body_bytes)
        return _parse(manifest, body)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PackageError(_("The change package is damaged: a record is not readable.")) from error


def _parse(manifest: dict[str, Any], body: dict[str, Any]) -> Package:
    sender = manifest["sender"]
    direction = str(manifest["direction"])
    if direction not in (UP, DOWN):
        raise ValueError(direction)
    return Package(
        package_id=str(manifest["package"]),
        direction=direction,
        dataset=str(manifest["dataset"]),
        sender=str(sender["replica"]),
        sender_name=str(sender.get("name") or ""),
        user=str(sender.get("user") or ""),
        created_at=str(manifest["created_at"]),
        receiver=str(manifest.get("receiver") or ""),
        since=int(manifest.get("since") or 0),
        upto=int(manifest.get("upto") or 0),
        checkpoint=int(manifest.get("checkpoint") or 0),
        acknowledged=int(manifest.get("acknowledged") or 0),
        held=[(str(t), str(k)) for t, k in manifest.get("held") or []],
        app_version=str(manifest.get("app_version") or ""),
        records=[PackageRecord.from_json(r) for r in body["records"]],
        context={
            (str(c["t"]), str(c["k"])): v
            for c in body.get("context") or []
            if (v := _values(c["v"])) is not None
        },
        aliases={(str(t), str(k)): str(c) for t, k, c in body.get("aliases") or []},
        log=[dict(e) for e in body.get("log") or []],
        names={str(k): str(v) for k, v in (body.get("names") or {}).items()},
    )
