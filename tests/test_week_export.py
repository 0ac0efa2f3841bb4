"""File > Export from the window: the native workbook and a plan in Territoires en Transitions'
layout, chosen in the dialog, written in the background, the same workbook as ``pcaet export``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import plan_id, shot

from desktop.cli.main import main as cli
from desktop.store import Store
from desktop.ui.dialogs.export_dialog import TET, ExportDialog

pytestmark = pytest.mark.gui
# Cells that carry the moment of the export: they differ between any two exports.
MOMENT_SHEETS = {"_meta"}


def cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
            if sheet.title not in MOMENT_SHEETS
        }
    finally:
        book.close()


def run_export(qtbot: Any, dialog: ExportDialog, out: Path) -> None:
    dialog.out.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.operation is not None and dialog.operation.done, timeout=60_000)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=5_000)


def test_file_export_writes_the_tet_layout_of_the_chosen_plan_as_the_command_does(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    tmp_path: Path,
    artifacts: Path,
) -> None:
    boulonnais = plan_id(demo_copy, "PCAET du Pays Boulonnais")
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", (1366, 768))
        qtbot.waitSignal(window.ready, timeout=10_000)
        # GIVEN File > Export
        assert window.export_action in window.menuBar().actions()[0].menu().actions()
        window.export_action.trigger()
        dialog = next(d for d in window.dialogs.open_dialogs if isinstance(d, ExportDialog))
        # WHEN the officer picks the TeT layout and the plan of the Pays Boulonnais
        qtbot.mouseClick(dialog.tet_choice, Qt.MouseButton.LeftButton)
        assert dialog.plan.isEnabled() and not dialog.charts.isEnabled()
        dialog.plan.setCurrentIndex(dialog.plan.findData(boulonnais))
        assert dialog.out.text().endswith(".xlsx") and "tet-" in dialog.out.text()
        shot(dialog, artifacts, "export_dialog_tet")
        out = tmp_path / "from-window.xlsx"
        run_export(qtbot, dialog, out)
        shot(dialog, artifacts, "export_done")
    assert dialog.layout_kind() == TET
    assert "6 actions" in dialog.status.text() and dialog.open_button.isEnabled()
    # THEN the file is the one ``pcaet export --format tet`` writes for that plan
    expected = tmp_path / "from-cli.xlsx"
    location = str(demo_copy.path)
    assert (
        cli(
            [
                "export",
                "--db",
                location,
                "--out",
                str(expected),
                "--format",
                "tet",
                "--plan",
                str(boulonnais),
            ]
        )
        == 0
    )
    assert cells(out) == cells(expected)


def test_file_export_writes_the_native_workbook_as_the_command_does(
    qtbot: Any,
    demo_copy: Store,
    tmp_path: Path,
) -> None:
    window = show_demo_window(qtbot, demo_copy, "fr", (1366, 768))
    window.export_action.trigger()
    dialog = next(d for d in window.dialogs.open_dialogs if isinstance(d, ExportDialog))
    assert dialog.native_choice.isChecked() and not dialog.plan.isEnabled()
    out = tmp_path / "window.xlsx"
    run_export(qtbot, dialog, out)
    assert "lignes" in dialog.status.text()
    expected = tmp_path / "cli.xlsx"
    assert cli(["--lang", "fr", "export", "--db", str(demo_copy.path), "--out", str(expected)]) == 0
    mine, theirs = cells(out), cells(expected)
    assert mine.keys() == theirs.keys()
    for title in mine:
        # The read-me sheet dates the export: every other line is the same.
        differing = [a for a, b in zip(mine[title], theirs[title], strict=True) if a != b]
        assert len(differing) <= (1 if title == "Lisez-moi" else 0), title


def test_preview_without_a_pdf_viewer_says_so_and_opens_the_folder(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    tmp_path: Path,
    artifacts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext
    from desktop.ui.dialogs.report_dialog import ReportDialog
    from desktop.ui.window import open_files

    asked: list[str] = []

    def no_viewer(url: Any) -> bool:  # a machine where nothing opens PDF files
        asked.append(url.toLocalFile())
        return url.toLocalFile() == str(tmp_path)  # only the file manager is there

    monkeypatch.setattr(open_files.QDesktopServices, "openUrl", no_viewer)
    context = AppContext(demo_copy, UserSettings(user_name="Camille"))
    dialog = ReportDialog(context)
    qtbot.addWidget(dialog)
    report = tmp_path / "comite.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    dialog.result_path = report
    dialog.preview_button.setEnabled(True)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        with application_look(qapp):
            shot(box, artifacts, "preview_without_viewer")
        folder = next(b for b in box.buttons() if "dossier" in b.text())
        assert box.defaultButton() is folder
        folder.click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    assert dialog.preview() is False
    assert seen and "PDF" in seen[0] and str(report) in seen[0]
    assert asked == [str(report), str(tmp_path)]  # the file, then its folder


def test_export_writes_to_the_proposed_folder_and_refuses_a_folder_as_file(
    qtbot: Any,
    demo_copy: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    context = AppContext(demo_copy, UserSettings(user_name="Camille"))
    context.plan_id = plan_id(demo_copy, "PCAET du Pays Boulonnais")
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_layout_kind(TET)
    # GIVEN a folder named like a workbook: refused with a message, nothing started
    folder = tmp_path / "dossier.xlsx"
    folder.mkdir()
    dialog.out.setText(str(folder))
    assert dialog.export() is None and len(told) == 1 and dialog.operation is None
    # WHEN the proposed place is kept (the exports folder of the data folder, not made yet)
    dialog.out.clear()
    dialog._suggest_name()
    proposed = Path(dialog.out.text())
    assert not proposed.parent.exists()
    assert dialog.export() is not None
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=60_000)
    # THEN the folder is made and the workbook written there
    assert proposed.is_file() and proposed.name.startswith("tet-pcaet-du-pays-boulonnais-20")
