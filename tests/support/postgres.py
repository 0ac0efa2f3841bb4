"""A throw-away PostgreSQL server for the tests: initdb in a temporary folder, a Unix socket
only (no TCP port), stopped at the end. Skips with the reason when no server binaries exist."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/bin")


def find_bin_dir() -> Path | None:
    for pattern in SEARCH:
        for candidate in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
                return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_user(command: list[str]) -> list[str]:
    # initdb refuses to run as root: run the server as the 'postgres' system user then.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def temporary_server(password: str | None = None, tcp_port: int | None = None) -> Iterator[str]:
    """Yield an SQLAlchemy URL of a fresh, empty database. With ``password``, the server asks
    for it (scram-sha-256) and the URL carries it. Over the Unix socket, or over TCP on the
    loopback interface when ``tcp_port`` is given (benchmarks of the network path)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    root = Path(tempfile.mkdtemp(prefix="pcaet-pg-"))
    data, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
    auth = ["-A", "trust"]
    env = dict(os.environ)
    if password is not None:
        pwfile = root / "pwfile"
        pwfile.write_text(password + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres")
        auth = ["-A", "scram-sha-256", f"--pwfile={pwfile}"]
        env["PGPASSWORD"] = password
    subprocess.run(
        _as_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "pcaet",
                *auth,
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    listen = "127.0.0.1" if tcp_port else ""
    options = f"-c listen_addresses='{listen}' -c unix_socket_directories={socket_dir} -c fsync=off"
    if tcp_port:
        options += f" -c port={tcp_port}"
    subprocess.run(
        _as_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "-l",
                str(root / "server.log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        port = ["-p", str(tcp_port)] if tcp_port else []
        subprocess.run(
            _as_user(
                [str(bin_dir / "createdb"), "-h", str(socket_dir), *port, "-U", "pcaet", "pcaet"]
            ),
            check=True,
            capture_output=True,
            env=env,
        )
        user = "pcaet" if password is None else f"pcaet:{password}"
        if tcp_port:
            yield f"postgresql+psycopg://{user}@127.0.0.1:{tcp_port}/pcaet"
        else:
            yield f"postgresql+psycopg://{user}@/pcaet?host={socket_dir}"
    finally:
        subprocess.run(
            _as_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """The URL of a new, empty database on the server of ``server_url`` (tests sharing one
    server each get their own)."""
    from sqlalchemy import create_engine, make_url, text

    database = "db_" + "".join(c if c.isalnum() else "_" for c in name.lower())[:50]
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=database).render_as_string(hide_password=False)
