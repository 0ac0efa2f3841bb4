"""The layering of ARCHITECTURE.md: Qt only under desktop/ui and desktop/charts; models import
only SQLModel/SQLAlchemy; nothing below the UI imports it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts) + ("." + base if base else "")
            names.add(base)
    return names


def _modules(*folders: str) -> list[Path]:
    return (
        [p for f in folders for p in (PACKAGE / f).rglob("*.py")]
        if folders
        else list(PACKAGE.rglob("*.py"))
    )


def test_qt_only_in_ui_and_charts() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).parts
        if relative[0] in ("ui", "charts") or relative == ("app.py",):
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_models_import_only_sqlmodel_and_sqlalchemy() -> None:
    allowed = ("sqlmodel", "sqlalchemy", "desktop.models", "__future__")
    for path in _modules("models"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in ("datetime", "decimal", "enum", "importlib", "typing", "uuid"):
                continue
            assert name.startswith(allowed), f"{path.name} imports {name}"


def test_nothing_below_the_ui_imports_it() -> None:
    for folder in ("models", "store", "services", "io", "reports", "cli"):
        for path in _modules(folder):
            for name in _imports(path):
                assert not name.startswith("desktop.ui"), f"{path} imports {name}"


def test_no_module_past_600_lines() -> None:
    long = [
        f"{p.relative_to(PACKAGE)}: {n}"
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert long == []


def _heavy_modules_loaded_by(statements: str, heavy: tuple[str, ...]) -> list[str]:
    """Which of ``heavy`` a fresh interpreter has loaded after running ``statements``."""
    code = f"import sys\n{statements}\nprint(' '.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.split()


def test_the_window_shows_before_the_data_layer_loads() -> None:
    """The start-up's first step (arguments, window, store outline) imports none of the heavy
    libraries: they load on a worker thread once the window is on screen. A module-level
    import of them in the window's modules would put a second back into every start."""
    loaded = _heavy_modules_loaded_by(
        "import desktop.app, desktop.ui.application, desktop.store.peek",
        (
            "sqlalchemy",
            "sqlmodel",
            "pydantic",
            "numpy",
            "pyqtgraph",
            "alembic",
            "openpyxl",
            "reportlab",
            "logging.handlers",
        ),
    )
    assert loaded == [], f"loaded before the window shows: {loaded}"


def test_the_command_line_answers_help_without_the_data_layer() -> None:
    """``pcaet --help``, ``--version`` and a mistyped option build the parser only: the
    commands import their services when they run (the data layer takes a second to load)."""
    loaded = _heavy_modules_loaded_by(
        "from desktop.cli.main import build_parser\nbuild_parser()",
        (
            "sqlalchemy",
            "sqlmodel",
            "pydantic",
            "numpy",
            "babel",
            "openpyxl",
            "python_calamine",
            "reportlab",
            "PySide6",
        ),
    )
    assert loaded == [], f"loaded to build the parser: {loaded}"


def test_the_start_s_worker_thread_loads_nothing_that_touches_qt() -> None:
    """The data layer loads on a worker thread while the window paints. PySide6 creates its
    classes on first use, which is not safe from two threads at once: with pyqtgraph loaded
    there, about one start in fifty crashed. What the worker imports must not import Qt."""
    from desktop.ui.data_layer import DATA_MODULES
    from desktop.ui.views.registry import VIEWS

    modules = {*DATA_MODULES, "desktop.services.demo", "desktop.i18n"}
    modules.update(name for view in VIEWS for name in view.services)
    loaded = _heavy_modules_loaded_by(
        "import importlib\n"
        f"for name in {sorted(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "import desktop.models\n"
        "desktop.models.metadata",
        ("PySide6", "shiboken6", "pyqtgraph"),
    )
    assert loaded == [], f"imported on the start's worker thread: {loaded}"
