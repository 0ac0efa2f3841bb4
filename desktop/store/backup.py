"""Backups through SQLite's online backup API: consistent even while the store is open."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ..paths import STORE_SUFFIX

SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def backup_dir_for(store_path: Path) -> Path:
    return store_path.parent / "backups"


def backup_name(store_path: Path, revision: str | None, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    rev = (revision or "empty").split("_")[0]
    return f"{store_path.stem}-rev{rev}-{stamp}{STORE_SUFFIX}"


def copy_database(source: Path, destination: Path) -> None:
    """Copy a SQLite database page by page; the destination is replaced only once complete."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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
) -> Path:
    target = out or (directory or backup_dir_for(store_path)) / backup_name(store_path, revision)
    copy_database(store_path, target)
    return target


def prune_backups(store_path: Path, keep: int, directory: Path | None = None) -> list[Path]:
    """Delete the oldest automatic backups of this store beyond ``keep``; returns those removed."""
    folder = directory or backup_dir_for(store_path)
    if keep <= 0 or not folder.is_dir():
        return []
    mine = sorted(
        (p for p in folder.glob(f"{store_path.stem}-rev*{STORE_SUFFIX}") if p.is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    removed = mine[:-keep] if len(mine) > keep else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore_into(backup_file: Path, store_path: Path) -> None:
    """Replace the store's content with the backup's, in one SQLite transaction."""
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(store_path, timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
