"""What the tests of a week of real use share besides their fixture (``demo_copy``, a demo store
of their own: tests/conftest.py): window sizes, a screenshot helper, finding records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from desktop.store import Store

LAPTOP = (1366, 768)
SMALL = (1024, 700)


def shot(widget: QWidget, artifacts: Path, name: str) -> Path:
    """Save what ``widget`` shows now under tests/artifacts/week_<name>.png."""
    QApplication.processEvents()
    path = artifacts / f"week_{name}.png"
    widget.grab().save(str(path))
    return path


def territory_id(store: Store, name_start: str) -> int:
    from sqlmodel import select

    from desktop.models import Territory

    with store.session() as session:
        found = [t for t in session.exec(select(Territory)) if t.name.startswith(name_start)]
    assert len(found) == 1, name_start
    return found[0].pk


def plan_id(store: Store, title_start: str) -> int:
    from sqlmodel import select

    from desktop.models import Plan

    with store.session() as session:
        found = [p for p in session.exec(select(Plan)) if p.title.startswith(title_start)]
    assert len(found) == 1, title_start
    return found[0].pk


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active one: keyboard shortcuts only reach the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def action_id(store: Store, code: str) -> int:
    from sqlmodel import select

    from desktop.models import Action

    with store.session() as session:
        return int(session.exec(select(Action.id).where(Action.code == code)).one())


def choose_plan(qtbot: Any, window: Any, store: Store, title: str, territory: str) -> None:
    """Work on a plan, as a click on its row of the navigation does."""
    from desktop.ui.window.navigation import NavTarget

    plan = plan_id(store, title)
    assert window.navigation.select_target(
        NavTarget("plan", plan, plan, territory_id(store, territory))
    )
    qtbot.wait(10)
