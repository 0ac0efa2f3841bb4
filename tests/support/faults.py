"""Fault injection: run a store operation and kill -9 it at a random moment.

A helper process (the "zygote") imports the application once, then forks one child per trial:
the child runs the operation, the zygote sleeps the chosen delay and sends SIGKILL if the child
is still running (it is the child's parent, so the pid cannot have been reused). Forking
from a process that already imported everything makes a trial cost the operation alone.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ZYGOTE = r"""
import json, os, signal, sys, time
from pathlib import Path

import alembic.command, alembic.config  # noqa: F401 - loaded once, not in every child
import desktop.io.importer, desktop.store.restore  # everything a trial needs, loaded once
from desktop.io.importer import ImportRequest, import_file
from desktop.services.changes import Actor
from desktop.store import open_store, restore_store
import desktop.store.migrate as migrate


def operation(job):
    if job.get("migrations"):
        migrate.MIGRATIONS_DIR = Path(job["migrations"])
    op, store_path = job["op"], Path(job["store"])
    if op == "import":
        store = open_store(store_path, keep_backups=3)
        import_file(store, ImportRequest(Path(job["file"])), Actor("fault", "test"))
        store.close()
    elif op == "restore":
        restore_store(store_path, Path(job["file"]), keep_backups=3)
    elif op == "backup":
        store = open_store(store_path, keep_backups=3)
        store.backup()
        store.close()
    elif op == "migration":
        open_store(store_path, keep_backups=3).close()
    else:
        raise ValueError(op)


for line in sys.stdin:
    job = json.loads(line)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            operation(job)
        except BaseException as error:
            print(f"child failed: {error!r}", file=sys.stderr, flush=True)
            code = 3
        os._exit(code)
    killed = False
    delay = job.get("kill_after")
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if delay is not None and time.monotonic() - started >= delay:
            os.kill(pid, signal.SIGKILL)  # our own child, not reaped yet: the pid is its own
            killed = True
            done, status = os.waitpid(pid, 0)
            break
        time.sleep(0.002)
    print(json.dumps({"killed": killed, "status": status,
                      "seconds": time.monotonic() - started}), flush=True)
"""

# Columns whose values differ from one run of the same operation to the next.
VOLATILE = {"uuid", "entity_uuid", "parent_uuid", "created_at", "updated_at", "at", "used_at"}


def fingerprint(path: Path) -> str:
    """The store's content, without what changes from run to run (uuids, clocks, the
    generation a restore stamps), as a hash: equal for equal data."""
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    digest = hashlib.sha256()
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            columns = [
                r[1]
                for r in connection.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in VOLATILE
            ]
            digest.update(f"{table}({','.join(columns)})".encode())
            if not columns:
                continue
            listed = ", ".join(f'"{c}"' for c in columns)
            where = " WHERE key != 'store_generation'" if table == "store_setting" else ""
            rows = connection.execute(f'SELECT {listed} FROM "{table}"{where}').fetchall()
            for row in sorted(repr(r) for r in rows):
                digest.update(row.encode())
    finally:
        connection.close()
    return digest.hexdigest()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)  # read-write: a crash's WAL is recovered, as at open
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@dataclass
class Outcome:
    killed: int = 0
    completed: int = 0
    equal_before: int = 0
    equal_after: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def trials(self) -> int:
        return self.killed + self.completed


class Zygote:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, job: dict[str, object]) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the fault-injection helper stopped")
        result: dict[str, object] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)
