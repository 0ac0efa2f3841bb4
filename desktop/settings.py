"""User preferences shared by the GUI and the CLI (language, user name, backup retention).

Kept as JSON in the data folder so that the command line, which has no Qt, reads the same
values as the application. Window geometry and other view state stay in QSettings.
"""

from __future__ import annotations

import getpass
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from . import paths

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


@dataclass
class UserSettings:
    language: str = ""  # empty: the system's language if supported, else French
    user_name: str = field(default_factory=_default_user)
    backup_retention: int = 20
    last_store: str = ""
    recent_stores: list[str] = field(default_factory=list)
    logo_path: str = ""

    @classmethod
    def path(cls) -> Path:
        return paths.data_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> UserSettings:
        path = cls.path()
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable settings %s: %s", path, error)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self) -> None:
        path = self.path()
        partial = path.with_suffix(".json.partial")
        partial.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)

    def remember_store(self, location: str, limit: int = 8) -> None:
        self.last_store = location
        self.recent_stores = [location, *(s for s in self.recent_stores if s != location)][:limit]
