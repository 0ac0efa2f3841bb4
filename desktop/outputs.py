"""Files the application writes for people (reports, workbooks, charts, templates, backup
copies): checked first, written to a temporary file in the target's folder, then renamed.

A reader never sees half a file, a failure leaves the previous file as it was, and the new
file gets the permissions any file the user creates gets (their umask), so colleagues on a
shared folder can open it.

Decision on what ``--out`` may name:
- a regular file or a new name in an existing, writable folder: written as above;
- a symbolic link: followed; the file it points to is replaced the same way and the link
  stays a link (as ``cp`` and the shell's ``>`` do);
- a folder, a pipe, a device or a socket: refused with a message, nothing written.

A process killed while writing (kill -9, a power cut) leaves its temporary file behind; the next
output written into that folder removes such leftovers once they are an hour old.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .i18n import _

log = logging.getLogger(__name__)

TEMP_NAME_MAX = 60
# Every temporary file written next to an output is named ".pcaet-partial.<what>.<random>.tmp"
# (then the output's suffix, which some writers read to pick the format), so one left by a
# killed process can be told from anything else in the folder and removed later.
TEMP_MARK = ".pcaet-partial."
# tempfile's random part: 8 characters of this alphabet.
_TEMP_NAME = re.compile(re.escape(TEMP_MARK) + r".+\.[a-z0-9_]{8}\.tmp(?:\.[^.]*)?")
# A write in progress keeps touching its file; one untouched this long was abandoned.
STALE_AFTER = 3600.0


class OutputError(UserError):
    """An output file that cannot be written where the user asked; the message says why."""


def user_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)  # only where /proc is missing; restored at once
    os.umask(current)
    return current


def resolve_output(path: Path) -> Path:
    """The file that will really be written for ``path``; raises ``OutputError`` for a path
    that cannot be a file (see the module's decision)."""
    path = Path(path).expanduser()
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as error:
        raise _as_output_error(error, path) from error
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(
            _(
                "Cannot write {path}: it is a folder. Name a file (in that folder, for example)."
            ).format(path=path)
        )
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(
            _(
                "Cannot write {path}: it is a special file (a pipe, a device or a socket). "
                "Name a regular file."
            ).format(path=path)
        )
    folder = target.parent
    if not folder.exists():
        # Is some part of the way a file? Then no folder can ever be there.
        for parent in [folder, *folder.parents]:
            if parent.exists() and not parent.is_dir():
                raise OutputError(
                    _("Cannot write {path}: {parent} is a file, not a folder.").format(
                        path=path, parent=parent
                    )
                )
        raise OutputError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=path, folder=folder
            )
        )
    if not folder.is_dir():
        raise OutputError(
            _("Cannot write {path}: {parent} is a file, not a folder.").format(
                path=path, parent=folder
            )
        )
    return target


def check_output(path: Path) -> None:
    """Everything that can be known before the work starts: the kind of path, its folder, and
    that a file can be created there. Commands call it before they open the store."""
    target = resolve_output(path)
    try:
        handle, probe = tempfile.mkstemp(
            dir=target.parent, prefix=TEMP_MARK + "probe.", suffix=".tmp"
        )
    except OSError as error:
        raise _as_output_error(error, Path(path)) from error
    os.close(handle)
    os.unlink(probe)


def _temp_prefix(target: Path) -> str:
    name = target.name
    if len(name.encode("utf-8")) > TEMP_NAME_MAX:
        name = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"{TEMP_MARK}{name}."


def is_temporary_name(name: str) -> bool:
    """Whether ``name`` is the name this module gives its temporary files."""
    return _TEMP_NAME.fullmatch(name) is not None


def remove_stale_temporaries(folder: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the temporary files of writes killed before they ended (a crash, a kill -9)
    from ``folder``: only regular files named as ours, owned by this user and untouched for
    ``older_than`` seconds. Never fails: an output must not be refused for a leftover."""
    removed: list[Path] = []
    limit = time.time() - older_than
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        log.info("stale temporary files not looked for in %s: %s", folder, error)
        return removed
    for entry in entries:
        if not is_temporary_name(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > limit:
                continue
            if uid is not None and info.st_uid != uid:
                continue
            os.unlink(entry.path)
        except OSError as error:
            log.info("stale temporary file %s not removed: %s", entry.path, error)
            continue
        removed.append(Path(entry.path))
    if removed:
        log.info("removed %d stale temporary file(s) from %s", len(removed), folder)
    return removed


@contextmanager
def write_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write the whole output to; on success it replaces ``path``
    (or the file its link points to), on any error it is removed and ``path`` is untouched."""
    requested = Path(path)
    target = resolve_output(requested)
    remove_stale_temporaries(target.parent)
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp" + target.suffix
        )
    except OSError as error:
        raise _as_output_error(error, requested) from error
    temporary = Path(name)
    try:
        os.close(handle)
        try:
            yield temporary
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)  # a replaced file keeps its mode
            except FileNotFoundError:
                mode = 0o666 & ~user_umask()
            # After the writer: some write their own temporary file and rename it over ours.
            os.chmod(temporary, mode)
            _flush_to_disk(temporary)
            os.replace(temporary, target)
        except OSError as error:
            if error.errno not in WRITE_ERRORS:
                raise
            raise _as_output_error(error, requested) from error
    finally:
        temporary.unlink(missing_ok=True)


def _flush_to_disk(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


WRITE_ERRORS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.EIO,
    errno.EFBIG,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ENAMETOOLONG,
    errno.ENOENT,
}


def _as_output_error(error: OSError, path: Path) -> OutputError:
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        reason = _("the disk is full")
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = _("the folder {folder} is read-only, or you may not write there").format(
            folder=Path(path).expanduser().parent
        )
    elif code == errno.ENAMETOOLONG:
        reason = _("the name is too long")
    else:
        reason = error.strerror or str(error)
    return OutputError(
        _("Cannot write {path}: {reason}. Nothing was written.").format(path=path, reason=reason)
    )
