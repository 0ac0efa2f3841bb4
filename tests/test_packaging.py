"""The installable application: build the one-folder bundle with PyInstaller, then use it the way
an officer's machine would, with neither the source tree nor the virtual environment in reach.

The bundle tests are slow (a build takes minutes): run by ``make test-package``, and by
``make test`` (so CI) only when ``PCAET_TEST_PACKAGE=1``. ``PCAET_TEST_BUNDLE=dist/pcaet`` tests
an existing build instead of building one. The checks of the installer scripts at the top need
no build and run with the rest of the suite.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import plistlib
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

from desktop.paths import STORE_SUFFIX
from desktop.store.migrate import head_revision

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pcaet.spec"
STORES = ROOT / "tests" / "resources" / "stores"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
TIMEOUT = 300  # seconds; only to stop a hung process, never a speed check

# The tests of the built bundle: marked slow (left out of a plain `pytest` by pyproject's addopts)
# and skipped unless asked for.
needs_bundle = pytest.mark.skipif(
    os.environ.get("PCAET_TEST_PACKAGE") != "1" and not os.environ.get("PCAET_TEST_BUNDLE"),
    reason="builds the installable bundle (minutes): set PCAET_TEST_PACKAGE=1 "
    "(make test-package does)",
)


def qt_modules_the_product_imports() -> set[str]:
    """``QtCore``, ``QtWidgets``...: every PySide6 module imported anywhere under desktop/."""
    names: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                if module == "PySide6":
                    names.update(alias.name for alias in node.names)
                elif module.startswith("PySide6."):
                    names.add(module.split(".")[1])
            elif isinstance(node, ast.Import):
                names.update(
                    alias.name.split(".")[1]
                    for alias in node.names
                    if alias.name.startswith("PySide6.")
                )
    return names


def locales_the_product_names() -> set[str]:
    """``fr_FR``, ``de_DE``...: every locale name written in desktop/ (Babel needs its data)."""
    pattern = re.compile(r"^[a-z]{2,3}_(?:[A-Z][a-z]{3}_)?[A-Z]{2}$")
    return {
        node.value
        for path in (ROOT / "desktop").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and pattern.match(node.value)
    }


def spec_qt_excludes() -> set[str]:
    """The Qt modules the spec leaves out (its QT_EXCLUDES), read without running it."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "QT_EXCLUDES" for target in node.targets
        ):
            return {
                constant.value
                for constant in ast.walk(node.value)
                if isinstance(constant, ast.Constant)
                and isinstance(constant.value, str)
                and constant.value.startswith("Qt")
            }
    raise AssertionError("no QT_EXCLUDES in the spec")


def load_launcher() -> ModuleType:
    path = PACKAGING / "launchers" / "pcaet_launcher.py"
    spec = importlib.util.spec_from_file_location("pcaet_launcher", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- no build needed: the spec and the installers agree with the code --------------------------


def test_spec_keeps_every_qt_module_the_product_imports() -> None:
    used = qt_modules_the_product_imports()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert used & spec_qt_excludes() == set()
    # pyqtgraph imports these two whatever the product draws (pyqtgraph/Qt/OpenGLHelpers.py).
    assert {"QtOpenGL", "QtOpenGLWidgets"} & spec_qt_excludes() == set()
    # The heavy modules stay out.
    assert {"QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia"} <= (
        spec_qt_excludes()
    )


WINDOWS_STORE = "C:\\Users\\agent\\Documents\\plan climat.pcaet"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([WINDOWS_STORE], ["--db", WINDOWS_STORE]),
        (["/home/a/Plan.PCAET", "--lang", "nl"], ["--db", "/home/a/Plan.PCAET", "--lang", "nl"]),
        (["--db", "a.pcaet"], ["--db", "a.pcaet"]),
        (["--demo"], ["--demo"]),
        ([], []),
        (["notes.txt"], ["notes.txt"]),  # left for the application to refuse with its message
        (["a.pcaet", "b.pcaet"], ["a.pcaet", "b.pcaet"]),
    ],
)
def test_launcher_passes_a_double_clicked_store_as_db(argv: list[str], expected: list[str]) -> None:
    assert load_launcher().store_as_option(argv) == expected


@pytest.mark.parametrize(
    ("argv0", "program"),
    [
        ("pcaet", "cli"),
        ("/home/a/.local/bin/pcaet", "cli"),
        ("C:\\Users\\a\\AppData\\Local\\Programs\\PCAET\\PCAET.EXE", "cli"),
        ("pcaet-desktop", "gui"),
        ("/Applications/PCAET.app/Contents/MacOS/pcaet-desktop", "gui"),
        ("C:\\Programs\\PCAET\\pcaet-desktop.exe", "gui"),
    ],
)
def test_launcher_runs_the_program_it_is_named_after(argv0: str, program: str) -> None:
    launcher = load_launcher()
    assert (launcher.program_name(argv0) == launcher.CLI_NAME) == (program == "cli")


def test_windows_installer_is_per_user_and_keeps_the_data() -> None:
    script = (PACKAGING / "windows" / "pcaet.iss").read_text(encoding="utf-8")
    setup = script.split("[Setup]", 1)[1].split("\n[", 1)[0]
    directives = dict(
        line.split("=", 1) for line in setup.splitlines() if "=" in line and line[0] != ";"
    )
    assert directives["PrivilegesRequired"] == "lowest"
    assert directives["DefaultDirName"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs per user
    assert directives["ChangesAssociations"] == "yes"
    # Start-menu entry, and the association of the store's extension, per user (HKA = HKCU).
    assert re.search(r'^Name: "\{autoprograms\}\\', script, re.MULTILINE)
    assert f'#define StoreExt "{STORE_SUFFIX}"' in script
    registry = [line for line in script.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith("Root: HKA;") for line in registry)
    assert any("shell\\open\\command" in line and '""%1""' in line for line in registry)
    # The uninstaller deletes nothing it did not install: the data folder stays.
    assert "[UninstallDelete]" not in script.replace("under [UninstallDelete]", "")
    # Every file installed comes from the build the spec makes.
    assert '#define SourceDir "..\\..\\dist\\pcaet"' in script


def test_linux_entry_and_mime_type_name_the_store() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "pcaet-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "pcaet-desktop" and "%f" in desktop["Exec"]
    assert desktop["Icon"] == "pcaet-desktop"
    mime = (PACKAGING / "linux" / "pcaet-desktop-mime.xml").read_text(encoding="utf-8")
    assert desktop["MimeType"].rstrip(";") in mime
    assert f'pattern="*{STORE_SUFFIX}"' in mime
    for size in (16, 32, 48, 256):
        assert (PACKAGING / "icons" / f"pcaet-{size}.png").is_file()


def test_macos_bundle_declares_the_store_document() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleExecutable"] == "pcaet-desktop"
    assert (PACKAGING / "icons" / info["CFBundleIconFile"]).is_file()
    exported = info["UTExportedTypeDeclarations"][0]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == [
        STORE_SUFFIX.lstrip(".")
    ]
    assert info["CFBundleDocumentTypes"][0]["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]


# --- the built bundle -----------------------------------------------------------------------------

# A schema revision one step past the code's head, dropped into a copy of the bundle to make a
# "newer release" of the application without building twice.
NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001_packaging_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("territory") as batch:
        batch.add_column(sa.Column("website", sa.String(200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("territory") as batch:
        batch.drop_column("website")
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder application, in a temporary folder outside the source tree: built here,
    or copied from PCAET_TEST_BUNDLE (as an installer would copy it)."""
    given = os.environ.get("PCAET_TEST_BUNDLE")
    if given:
        folder = Path(given).resolve()
        assert (folder / f"pcaet{EXE_SUFFIX}").exists(), f"no bundle in {folder}"
        return copy_bundle(folder, tmp_path_factory.mktemp("installed") / "pcaet")
    pytest.importorskip(
        "PyInstaller", reason="install the packaging extra: pip install -e .[package]"
    )
    work = tmp_path_factory.mktemp("pyinstaller")
    log = work / "build.log"
    with log.open("w", encoding="utf-8") as output:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                str(SPEC),
                "--distpath",
                str(work / "dist"),
                "--workpath",
                str(work / "build"),
            ],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=1800,
            check=False,
        )
    tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-40:])
    assert result.returncode == 0, f"PyInstaller failed, see {log}:\n{tail}"
    return work / "dist" / "pcaet"


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A scratch folder to run from: no source tree below or above it on sys.path."""
    (tmp_path / "run").mkdir()
    return tmp_path / "run"


def clean_env(home: Path, data: Path | None) -> dict[str, str]:
    """What a fresh session has: no PYTHONPATH, no virtual environment, an empty home."""
    home.mkdir(parents=True, exist_ok=True)
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "PATH": os.defpath,
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
    }
    for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LOCALAPPDATA", "APPDATA"):
        if name in os.environ:  # Windows cannot start a process without some of these
            env[name] = os.environ[name]
    if data is not None:
        env["PCAET_DATA_DIR"] = str(data)
    return env


def run(
    folder: Path, program: str, *args: str | Path, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(folder / f"{program}{EXE_SUFFIX}"), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def copy_bundle(bundle: Path, target: Path) -> Path:
    shutil.copytree(bundle, target, symlinks=True)
    return target


def info(folder: Path, store: Path, *, cwd: Path, env: dict[str, str]) -> dict[str, object]:
    result = run(folder, "pcaet", "info", "--db", store, "--json", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def make_demo(bundle: Path, store: Path, *, cwd: Path, env: dict[str, str]) -> None:
    result = run(bundle, "pcaet", "demo", "--db", store, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    assert store.exists()


def init_store(bundle: Path, store: Path, *, cwd: Path, env: dict[str, str]) -> None:
    result = run(bundle, "pcaet", "init", "--db", store, "--name", "CC Test", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr


def schema_revision(store: Path) -> str:
    """Read straight from the file, as no version of the application would change it."""
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
        row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0])


def pdf_has_images(reader: PdfReader) -> bool:
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject") or {}
        if any(item.get_object().get("/Subtype") == "/Image" for item in objects.values()):
            return True
    return False


@pytest.mark.slow
@needs_bundle
def test_version_is_the_project_version(bundle: Path, place: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home", tmp_path / "data")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    result = run(bundle, "pcaet", "--version", cwd=place, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pcaet {version}"


@pytest.mark.slow
@needs_bundle
def test_bundle_holds_the_resources_and_only_the_qt_it_needs(bundle: Path) -> None:
    internal = bundle / "_internal"
    for language in ("fr", "en", "nl"):
        assert (internal / "translations" / language / "LC_MESSAGES" / "pcaet.mo").is_file()
    assert not (internal / "translations" / "pseudo").exists()
    assert (internal / "resources" / "icons" / "app.svg").is_file()
    assert (internal / "resources" / "demo" / "passage.json").is_file()
    assert (internal / "desktop" / "store" / "migrations" / "env.py").is_file()
    assert list((internal / "desktop" / "store" / "migrations" / "versions").glob("0001_*.py"))
    assert (internal / "font_source_sans_pro" / "files" / "SourceSansPro-Regular.ttf").is_file()
    locale_data = internal / "babel" / "locale-data"
    assert {"fr_FR", "en_GB", "nl_BE"} <= locales_the_product_names()
    for name in locales_the_product_names():
        assert (locale_data / f"{name}.dat").is_file(), name
    assert not (locale_data / "ja_JP.dat").exists()  # the others are left out
    qt = internal / "PySide6"
    assert sorted(p.name for p in qt.rglob("qtbase_*.qm")) == [
        "qtbase_en.qm",
        "qtbase_fr.qm",
        "qtbase_nl.qm",
    ]
    modules = {p.name.split(".")[0] for p in qt.glob("Qt*.*") if p.suffix in (".so", ".pyd")}
    assert qt_modules_the_product_imports() | {"QtOpenGL", "QtOpenGLWidgets"} <= modules
    unwanted = {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtNetwork"}
    assert not modules & unwanted
    libraries = {p.name for p in internal.rglob("*") if p.is_file()}
    assert not [name for name in libraries if re.search(r"Qt6(WebEngine|Qml|Quick|3D)", name)]
    # SVG icons need Qt's SVG icon engine; the offscreen platform is what the test uses.
    assert list(qt.rglob("*qsvgicon*")) and list(qt.rglob("*qoffscreen*"))


@pytest.mark.slow
@needs_bundle
def test_demo_info_and_report(bundle: Path, place: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home", tmp_path / "data")
    store = place / "demo.pcaet"
    make_demo(bundle, store, cwd=place, env=env)
    counts = info(bundle, store, cwd=place, env=env)
    assert counts["schema_revision"] == head_revision()
    assert isinstance(counts["actions"], int) and counts["actions"] > 0

    pdf = place / "report.pdf"
    result = run(bundle, "pcaet", "report", "--db", store, "--out", pdf, cwd=place, env=env)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() or "" for page in reader.pages[:3])
    assert text.strip(), "the report's text did not come out of the bundle's fonts"
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages[:3]
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("SourceSans" in name for name in fonts), fonts
    # Charts are drawn by pyqtgraph inside the bundle: the report carries images.
    assert pdf_has_images(reader), "no chart image in the report"
    # The Word and slide versions start from the templates python-docx and python-pptx ship.
    from docx import Document
    from pptx import Presentation

    for fmt in ("docx", "pptx"):
        out = place / f"report.{fmt}"
        result = run(
            bundle,
            "pcaet",
            "report",
            "--db",
            store,
            "--out",
            out,
            "--format",
            fmt,
            "--no-snapshot",
            cwd=place,
            env=env,
        )
        assert result.returncode == 0, result.stderr
    assert Document(str(place / "report.docx")).tables
    assert len(Presentation(str(place / "report.pptx")).slides) > 3


@pytest.mark.slow
@needs_bundle
def test_import_of_partner_files_matches_the_source_tree(
    bundle: Path, place: Path, tmp_path: Path, shared_data: Path
) -> None:
    env = clean_env(tmp_path / "home", tmp_path / "data")
    demo = place / "demo.pcaet"
    make_demo(bundle, demo, cwd=place, env=env)
    spreadsheets = (".xlsx", ".xls", ".ods", ".csv")
    files = sorted(p for p in shared_data.iterdir() if p.suffix in spreadsheets)
    assert files, f"no spreadsheet in {shared_data}"
    for source in files:
        # The same file into two copies of the store: once by the bundle, once by the source
        # tree's `pcaet`; both must give the same exit code and the same summary.
        frozen_store = place / f"frozen-{source.stem}.pcaet"
        source_store = place / f"source-{source.stem}.pcaet"
        shutil.copy(demo, frozen_store)
        shutil.copy(demo, source_store)
        frozen = run(
            bundle, "pcaet", "import", "--db", frozen_store, source, "--json", cwd=place, env=env
        )
        reference = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop.cli.main",
                "import",
                "--db",
                str(source_store),
                str(source),
                "--json",
            ],
            cwd=ROOT,
            env={**os.environ, "PCAET_DATA_DIR": str(tmp_path / "source-data")},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )
        assert frozen.returncode == reference.returncode, (source.name, frozen.stderr)
        assert frozen.returncode in (0, 2), (source.name, frozen.stderr)
        if frozen.returncode == 0:
            frozen_summary, source_summary = json.loads(frozen.stdout), json.loads(reference.stdout)
            # Each import backs its own store up first: same kind of name, another path.
            frozen_backup = frozen_summary.pop("backup", None)
            source_backup = source_summary.pop("backup", None)
            assert (frozen_backup is None) == (source_backup is None), source.name
            if frozen_backup is not None:
                assert Path(frozen_backup).is_file(), frozen_backup
            assert frozen_summary == source_summary, source.name
        else:  # refused as a whole: a one-line reason, the store untouched
            assert frozen.stderr.strip(), source.name
            assert frozen.stderr.strip() == reference.stderr.strip(), source.name


@pytest.mark.slow
@needs_bundle
def test_gui_starts_offscreen(bundle: Path, place: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home", tmp_path / "data")
    store = place / "gui.pcaet"
    make_demo(bundle, store, cwd=place, env=env)

    shown = run(bundle, "pcaet-desktop", "--db", store, "--quit-when-shown", cwd=place, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["shown", "ready"], shown.stdout

    # Left running for a few seconds: it stays up (no crash once the event loop turns).
    process = subprocess.Popen(
        [str(bundle / f"pcaet-desktop{EXE_SUFFIX}"), "--db", str(store), "--lang", "nl"],
        cwd=place,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _tick in range(8):
            time.sleep(0.5)
            assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    log = (tmp_path / "data" / "logs" / "pcaet.log").read_text(encoding="utf-8")
    assert "Traceback" not in log, log
    assert "no Qt translation" not in log, log  # qtbase_nl.qm found in the bundle


@pytest.mark.slow
@needs_bundle
def test_gui_opens_a_store_given_as_a_file(bundle: Path, place: Path, tmp_path: Path) -> None:
    """What the file association does: `pcaet-desktop FILE.pcaet`."""
    env = clean_env(tmp_path / "home", tmp_path / "data")
    store = place / "double clicked.pcaet"
    init_store(bundle, store, cwd=place, env=env)
    shown = run(bundle, "pcaet-desktop", store, "--quit-when-shown", cwd=place, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "shown" in shown.stdout
    # It was this store that opened: the application remembers it as the last one.
    settings = json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8"))
    assert str(store) in json.dumps(settings), settings


@pytest.mark.slow
@needs_bundle
def test_newer_release_migrates_after_backup_and_older_one_refuses(
    bundle: Path, place: Path, tmp_path: Path
) -> None:
    env = clean_env(tmp_path / "home", tmp_path / "data")
    # GIVEN stores written by this release and by the oldest one kept in tests/resources, and a
    # next release with one more schema revision
    created = place / "council.pcaet"
    init_store(bundle, created, cwd=place, env=env)
    shipped = []
    for source in sorted(STORES.glob("rev*.pcaet")):
        shutil.copy(source, place / source.name)
        shipped.append(place / source.name)
    assert shipped
    newer = copy_bundle(bundle, tmp_path / "newer")
    versions = newer / "_internal" / "desktop" / "store" / "migrations" / "versions"
    (versions / "9001_packaging_test.py").write_text(
        NEXT_REVISION.replace("{head}", head_revision()), encoding="utf-8"
    )
    for store in [created, *shipped]:
        old_revision = schema_revision(store)
        # WHEN the next release opens it, THEN it is backed up, then migrated
        assert info(newer, store, cwd=place, env=env)["schema_revision"] == "9001_packaging_test"
        prefix = f"{store.stem}-rev{old_revision.split('_')[0]}-"
        backups = sorted((place / "backups").glob(f"{prefix}*{STORE_SUFFIX}"))
        assert len(backups) == 1, sorted((place / "backups").iterdir())
        assert info(bundle, backups[0], cwd=place, env=env)["schema_revision"] == old_revision
        # WHEN this release opens the migrated store, THEN it refuses with a message, untouched
        before = store.read_bytes()
        refused = run(bundle, "pcaet", "info", "--db", store, "--json", cwd=place, env=env)
        assert refused.returncode == 1, refused
        assert "9001_packaging_test" in refused.stderr
        assert store.read_bytes() == before


@pytest.mark.slow
@needs_bundle
def test_shared_store_on_postgresql(bundle: Path, place: Path, tmp_path: Path) -> None:
    """The installed application reaches a PostgreSQL store: the driver is in the bundle."""
    from support.postgres import find_bin_dir, temporary_server

    if find_bin_dir() is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    env = clean_env(tmp_path / "home", tmp_path / "data")
    with temporary_server() as url:
        where = ("--database-url", url)
        result = run(bundle, "pcaet", "init", *where, "--name", "CC Partagée", cwd=place, env=env)
        assert result.returncode == 0, result.stderr
        shown = run(bundle, "pcaet", "info", *where, "--json", cwd=place, env=env)
        assert shown.returncode == 0, shown.stderr
        counts = json.loads(shown.stdout)
        assert (counts["territories"], counts["schema_revision"]) == (1, head_revision())


@pytest.mark.slow
@needs_bundle
def test_portable_mode_keeps_data_beside_the_program(bundle: Path, tmp_path: Path) -> None:
    usb = copy_bundle(bundle, tmp_path / "usb" / "pcaet")
    (usb / "portable").write_text("", encoding="utf-8")
    home = tmp_path / "home"
    env = clean_env(home, data=None)  # no PCAET_DATA_DIR: the marker decides
    place = tmp_path / "elsewhere"
    place.mkdir()
    result = run(usb, "pcaet", "init", "--name", "CC Portable", cwd=place, env=env)
    assert result.returncode == 0, result.stderr
    assert (usb / "data" / "store.pcaet").is_file()
    shown = run(usb, "pcaet-desktop", "--quit-when-shown", cwd=place, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "shown" in shown.stdout
    assert (usb / "data" / "logs" / "pcaet.log").is_file()
    # No data folder in the user's profile (caches such as fontconfig's may be there), nothing
    # in the working folder.
    strays = [p for p in home.rglob("*") if p.suffix == ".pcaet" or p.name == "pcaet-desktop"]
    assert strays == [], strays
    assert list(place.iterdir()) == []
    # The same copy without the marker uses the profile's data folder again.
    (usb / "portable").unlink()
    result = run(usb, "pcaet", "init", "--name", "CC Installed", cwd=place, env=env)
    assert result.returncode == 0, result.stderr
    assert [p for p in home.rglob("store.pcaet")], "no store in the profile's data folder"
