"""PostgreSQL connection and server errors: a clear message, exit 1, never the password."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from support.postgres import find_bin_dir, temporary_server

from desktop.cli.main import main
from desktop.store import StoreError, open_store
from desktop.store.errors import (
    StoreAuthFailed,
    StoreConnectionLost,
    StoreDatabaseMissing,
    StoreDriverMissing,
    StoreUnreachable,
)

pytestmark = pytest.mark.skipif(
    find_bin_dir() is None, reason="no PostgreSQL server binaries on this machine"
)
PASSWORD = "s3cret-Pw_42"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    with temporary_server(password=PASSWORD) as url:
        yield url


def _with(url: str, **changes: str) -> str:
    return make_url(url).set(**changes).render_as_string(hide_password=False)  # type: ignore[arg-type]


def _cli(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--lang", "en", "info", "--database-url", url])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_a_wrong_password(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = _with(pg_url, password="not-" + PASSWORD)
    with pytest.raises(StoreAuthFailed):
        open_store(wrong)
    code, said = _cli(wrong, capsys)
    assert code == 1 and "refused the user name or password" in said
    assert PASSWORD not in said and "Traceback" not in said


def test_an_unknown_user(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = _cli(_with(pg_url, username="nobody"), capsys)
    assert code == 1 and "refused the user name or password" in said
    assert PASSWORD not in said


def test_an_unknown_database(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    missing = _with(pg_url, database="nosuchbase")
    with pytest.raises(StoreDatabaseMissing) as raised:
        open_store(missing)
    assert raised.value.detail == "nosuchbase"
    code, said = _cli(missing, capsys)
    assert code == 1 and "no database named nosuchbase" in said and PASSWORD not in said


def test_an_unknown_host(pg_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    nowhere = _with(pg_url, query={"host": str(tmp_path / "no-server-here")})
    with pytest.raises(StoreUnreachable):
        open_store(nowhere)
    code, said = _cli(nowhere, capsys)
    assert code == 1 and "cannot be reached" in said and PASSWORD not in said
    bad_name = f"postgresql+psycopg://pcaet:{PASSWORD}@host.invalid/pcaet"
    code, said = _cli(bad_name, capsys)
    assert code == 1 and "cannot be reached" in said and PASSWORD not in said


def test_a_missing_driver(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql+pg8000://pcaet:{PASSWORD}@localhost/pcaet"
    try:
        import pg8000  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pg8000 happens to be installed here")
    with pytest.raises(StoreDriverMissing):
        open_store(url)
    code, said = _cli(url, capsys)
    assert code == 1 and "driver" in said and PASSWORD not in said


def test_psycopg_missing_is_said(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['psycopg'] = None\n"
        "from desktop.cli.main import main\n"
        f"sys.exit(main(['--lang', 'en', 'info', '--database-url', "
        f"'postgresql+psycopg://pcaet:{PASSWORD}@localhost/pcaet']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert "driver" in result.stderr and "postgres" in result.stderr
    assert PASSWORD not in result.stderr + result.stdout


def test_the_server_stopping_during_an_operation(pg_url: str) -> None:
    store = open_store(pg_url)
    other = open_store(pg_url)
    try:
        with pytest.raises(StoreConnectionLost) as raised:
            with store.transaction() as session:
                pid = session.exec(text("SELECT pg_backend_pid()")).scalar()  # type: ignore[call-overload]
                with other.engine.begin() as connection:  # an administrator stops it
                    connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                session.exec(text("SELECT count(*) FROM territory"))  # type: ignore[call-overload]
        assert PASSWORD not in str(raised.value)
        assert isinstance(raised.value, StoreError)
    finally:
        store.close()
        other.close()
