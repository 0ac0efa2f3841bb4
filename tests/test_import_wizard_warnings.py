"""What the import wizard's summary page says before anything is written: rows a file places
past the last row of a spreadsheet, texts shortened, a file whose every row is rejected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import func, select
from support.hostile import ods_rows_after_a_huge_empty_run

from desktop import i18n
from desktop.models import Indicator, Observation
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui import style
from desktop.ui.context import AppContext
from desktop.ui.import_wizard import (
    HEADER_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    RUN_PAGE,
    SUMMARY_PAGE,
    ImportWizard,
)

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _style(qapp: QApplication) -> Iterator[None]:
    sheet, palette = qapp.styleSheet(), qapp.palette()
    style.apply(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def fake(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, fake)
    return seen


@pytest.fixture
def context(qtbot: Any, store: Store, actor: Actor) -> AppContext:
    with store.transaction() as session:
        create_territory(session, actor, name="Métropole du Grand Paris", siren="200054781")
    return AppContext(store, UserSettings(user_name="Camille"))


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def to_summary(qtbot: Any, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard)
    wizard.show()
    for page in (None, HEADER_PAGE, MAPPING_PAGE, PREVIEW_PAGE, SUMMARY_PAGE):
        if page is not None:
            assert wizard.currentPage().isComplete(), wizard.currentPage().title()
            wizard.next()
            assert wizard.currentId() == page
        qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
    return wizard


def test_rows_past_the_last_row_of_a_spreadsheet_are_announced_on_the_summary_page(
    qtbot: Any, context: AppContext, tmp_path: Path, artifacts: Path,
    _no_message_boxes: list[str],
) -> None:
    path = ods_rows_after_a_huge_empty_run(tmp_path, 2_000_000)
    wizard = to_summary(qtbot, context, path)
    text = wizard.summary_page.warnings.text()
    assert "past row 1,048,576, the last row a spreadsheet has; they were not read" in text
    assert wizard.summary_page.warnings.isVisible()
    QApplication.processEvents()
    wizard.grab().save(str(artifacts / "import_wizard_rows_not_read.png"))
    wizard.next()
    assert wizard.currentId() == RUN_PAGE
    qtbot.waitUntil(lambda: wizard.run_page.isComplete(), timeout=TIMEOUT)
    assert count(context.store, Observation) == 1
    assert _no_message_boxes == []


def test_a_file_whose_every_row_is_rejected_says_nothing_will_be_created(
    qtbot: Any, context: AppContext, tmp_path: Path, artifacts: Path,
) -> None:
    path = tmp_path / "rejected.csv"
    path.write_text("Code;Indicateur;Année;Valeur\nNEW-1;Conso (GWh);2019;beaucoup\n"
                    "NEW-2;Prod (GWh);2019;douze\n", encoding="utf-8")
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard)
    wizard.show()
    for page in (HEADER_PAGE, MAPPING_PAGE, PREVIEW_PAGE):
        qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
        wizard.next()
        assert wizard.currentId() == page
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
    assert "none is left to import, so nothing would be written" in (
        wizard.preview_page.status.text())
    wizard.next()
    assert wizard.currentId() == SUMMARY_PAGE
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
    page = wizard.summary_page
    assert "Every row was rejected: the import writes nothing and creates nothing." in (
        page.warnings.text())
    assert page.created_label.text() == "Nothing new will be created."
    QApplication.processEvents()
    wizard.grab().save(str(artifacts / "import_wizard_all_rejected.png"))
    assert count(context.store, Indicator) == 0
