"""Backups through SQLite's online backup API: consistent even while the store is open.

A backup is written to ``<name>.partial`` and renamed once complete. While it is written, the
partial file is locked (``flock``): the clean-up at the next open removes partial files no
live process holds (a backup killed or stopped by a full disk), never one being written.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..paths import STORE_SUFFIX
from .errors import StoreDiskFull

try:  # POSIX; elsewhere partial files are cleaned by age
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
PARTIAL = ".partial"
# The copy a restore checks and migrates before it swaps, in the store's own folder.
RESTORE_PREFIX = ".pcaet-restore-"
# Room a file name keeps for what SQLite and this module add to it ("-journal", ".partial").
NAME_MAX_BYTES = 255 - len(PARTIAL + "-journal")
STEM_MAX_BYTES = 120
# Without fcntl, a partial file untouched for this long belongs to no running backup.
STALE_PARTIAL_SECONDS = 3600
# Free space a copy needs beyond its own size (SQLite's journal, the file system's margins).
SPACE_MARGIN = 4 * 1024 * 1024


def is_sqlite_file(path: Path) -> bool:
    from .verify import has_sqlite_header

    return has_sqlite_header(path)


def backup_dir_for(store_path: Path) -> Path:
    return store_path.parent / "backups"


def short_stem(store_path: Path) -> str:
    """The store's name as backups carry it: whole when short, else its first characters and
    a hash of all of it (file names are limited to 255 bytes)."""
    stem = store_path.stem
    if len(stem.encode("utf-8")) <= STEM_MAX_BYTES:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]
    head = stem.encode("utf-8")[: STEM_MAX_BYTES - 13].decode("utf-8", errors="ignore")
    return f"{head}~{digest}"


def backup_name(store_path: Path, revision: str | None, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    rev = (revision or "empty").split("_")[0][:20]
    return f"{short_stem(store_path)}-rev{rev}-{stamp}{STORE_SUFFIX}"


def ensure_space(folder: Path, needed: int, location: str | None = None) -> None:
    """Refuse before writing ``needed`` bytes into ``folder`` when the disk cannot hold them."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # unknown: the write itself will tell
    if free < needed + SPACE_MARGIN:
        raise StoreDiskFull(location or str(folder / "-"), str(needed))


def database_size(path: Path) -> int:
    total = 0
    for candidate in (path, Path(str(path) + "-wal")):
        try:
            total += candidate.stat().st_size
        except OSError:
            pass
    return total


@contextmanager
def held_partial(path: Path) -> Iterator[Path]:
    """``path`` (a ``.partial`` file) created empty and locked for as long as it is written;
    removed with its SQLite companions unless it was renamed meanwhile."""
    for leftover in _companions(path):
        leftover.unlink(missing_ok=True)
    handle = os.open(
        path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600
    )
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield path
        finally:
            for leftover in _companions(path):
                leftover.unlink(missing_ok=True)
    finally:
        os.close(handle)  # after SQLite closed the file: its own locks are gone already


def _companions(path: Path) -> list[Path]:
    return [path, *(Path(str(path) + s) for s in ("-journal", "-wal", "-shm"))]


def copy_database(source: Path, destination: Path, *, location: str | None = None) -> None:
    """Copy a SQLite database page by page; the destination is replaced only once complete.
    ``location`` names the destination in messages (when ``destination`` is temporary)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    ensure_space(destination.parent, database_size(source), location or str(destination))
    partial = destination.with_name(destination.name + PARTIAL)
    with held_partial(partial):
        src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A single file, with no -wal beside it, whatever the source's journal mode.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(destination)


def make_backup(
    store_path: Path,
    revision: str | None,
    *,
    out: Path | None = None,
    directory: Path | None = None,
    keep: int | None = None,
) -> Path:
    """Back up the store to ``out``, or into its backups folder (then, with ``keep``, the
    oldest automatic backups beyond that number are deleted)."""
    if out is not None:
        from ..outputs import write_output

        with write_output(out) as temporary:
            try:
                copy_database(store_path, temporary, location=str(out))
            except sqlite3.Error as error:  # the destination's disk: name it, not the store
                from .errors import classify

                known = classify(error, str(out))
                if known is None:
                    raise
                raise known from error
        return out
    target = (directory or backup_dir_for(store_path)) / backup_name(store_path, revision)
    copy_database(store_path, target)
    if keep is not None:
        prune_backups(store_path, keep, directory)
    return target


def prune_backups(store_path: Path, keep: int, directory: Path | None = None) -> list[Path]:
    """Delete the oldest automatic backups of this store beyond ``keep``; returns those removed."""
    folder = directory or backup_dir_for(store_path)
    if keep <= 0 or not folder.is_dir():
        return []
    prefix = f"{short_stem(store_path)}-rev"
    mine = sorted(
        (
            p
            for p in folder.iterdir()
            if p.name.startswith(prefix)
            and p.name.endswith(STORE_SUFFIX)
            and p.is_file()
            and not p.is_symlink()
        ),
        key=lambda p: (p.stat().st_mtime, p.name),
    )
    removed = mine[:-keep] if len(mine) > keep else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def clean_leftovers(store_path: Path) -> list[Path]:
    """Remove partial files of backups and restores of this store that no running process is
    writing (killed, or stopped by a full disk). The store's own journal and WAL are never
    touched: SQLite replays or discards them itself."""
    removed: list[Path] = []
    for folder, prefix, suffix in (
        (backup_dir_for(store_path), "", STORE_SUFFIX + PARTIAL),
        (store_path.parent, RESTORE_PREFIX, PARTIAL),
    ):
        try:
            entries = [e for e in folder.iterdir() if e.name.startswith(prefix)]
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(suffix) and _abandoned(entry):
                removed += [f for f in _companions(entry) if _remove(f)]
            elif any(entry.name.endswith(suffix + s) for s in ("-journal", "-wal", "-shm")):
                main = entry.with_name(entry.name.rsplit("-", 1)[0])
                if not main.exists() and _remove(entry):
                    removed.append(entry)
    if removed:
        log.info("removed %d leftover partial files beside %s", len(removed), store_path)
    return removed


def _remove(path: Path) -> bool:
    """Best effort: a leftover in a folder we may not write to stays (and harms nothing)."""
    if not (path.exists() or path.is_symlink()):
        return False
    try:
        path.unlink()
    except OSError as error:
        log.info("could not remove the leftover %s: %s", path, error)
        return False
    return True


def _abandoned(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    if fcntl is None:  # pragma: no cover - Windows
        try:
            age = datetime.now().timestamp() - path.stat().st_mtime
        except OSError:
            return False
        return age > STALE_PARTIAL_SECONDS
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live backup holds it
    finally:
        os.close(handle)
    return True
