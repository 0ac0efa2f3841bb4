"""Every directory the application uses, resolved in one place.

Order of precedence for the data folder: the ``PCAET_DATA_DIR`` environment variable (tests,
scripted installs), a ``portable`` marker file next to the executable (USB keys, locked-down
machines), then the platform's user data folder.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "pcaet-desktop"
APP_AUTHOR = "pcaet"
STORE_SUFFIX = ".pcaet"
DATA_DIR_ENV = "PCAET_DATA_DIR"
DATABASE_URL_ENV = "PCAET_DATABASE_URL"
PORTABLE_MARKER = "portable"


@cache
def bundle_root() -> Path:
    """Where read-only resources live: the PyInstaller bundle, or the source checkout. Fixed
    for the life of the process, and asked for by every icon: resolved once."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    return Path(sys.executable).resolve().parent


def is_portable() -> bool:
    return bool(getattr(sys, "frozen", False)) and (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    elif is_portable():
        path = executable_dir() / "data"
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_path() -> Path:
    return data_dir() / f"store{STORE_SUFFIX}"


def demo_store_path() -> Path:
    return data_dir() / f"demo{STORE_SUFFIX}"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Derived data that can be rebuilt at any time (the expected schema of each revision)."""
    if os.environ.get(DATA_DIR_ENV) is None and is_portable():
        return executable_dir() / "data" / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return log_dir() / "pcaet.log"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def translations_dir() -> Path:
    return bundle_root() / "translations"


def demo_data_file() -> Path:
    return resources_dir() / "demo" / "passage.json"
