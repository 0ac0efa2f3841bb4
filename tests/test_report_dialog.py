"""The report dialog: options, generation in the background with progress, then preview with
the system viewer and print; no real viewer, print dialog or spooler is opened (monkeypatched)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_report import build_sample
from desktop import i18n
from desktop.services.changes import Actor
from desktop.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot: Any, store: Store, actor: Actor) -> Any:
    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext
    from desktop.ui.dialogs.report_dialog import ReportDialog

    i18n.set_language("en")  # the interface's words are checked below (reset by conftest)
    ids = build_sample(store, actor, actions=5, indicators_count=3)
    widget = ReportDialog(AppContext(store, UserSettings()), ids["meeting"])
    widget.ids = ids
    qtbot.addWidget(widget)
    widget.language.setCurrentIndex(widget.language.findData("en"))
    widget.charts.setChecked(False)
    return widget


def _generate(qtbot: Any, dialog: Any, out: Path) -> None:
    from PySide6.QtWidgets import QProgressDialog

    dialog.out.setText(str(out))
    dialog.generate()
    assert dialog.operation is not None
    # Generation runs on the thread pool behind a progress dialog; the button waits for it.
    assert dialog.findChildren(QProgressDialog)
    assert not dialog.generate_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=60_000)
    assert out.exists()


def test_options_follow_the_form(dialog: Any, qtbot: Any, artifacts: Path) -> None:
    ids = dialog.ids
    assert dialog.meeting.currentData() == ids["meeting"]
    assert dialog.plan.currentData() == ids["plan"]
    assert dialog.sections.count() == 3
    # Nothing to preview or print before a report exists.
    assert not dialog.preview_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts / "report_dialog.png"))
    options = dialog.options()
    assert options.kind == "committee" and options.language == "en"
    assert options.section_codes == () and options.plan_id == ids["plan"]
    assert not options.include_charts and options.include_action_sheets
    assert options.period_start is None and options.period_end is None
    # GIVEN a kind, one section unticked, a period and no sheets
    from PySide6.QtCore import Qt

    dialog.kind.setCurrentIndex(dialog.kind.findData("cotri"))
    dialog.sections.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.period_start.setValue(2015)
    dialog.sheets.setChecked(False)
    # THEN the options say so, and the suggested file name follows the kind
    options = dialog.options()
    assert options.kind == "cotri" and options.period_start == 2015
    assert len(options.section_codes) == 2 and not options.include_action_sheets
    assert "cotri-" in Path(dialog.out.text()).name


def test_generates_in_the_background_then_previews(
    dialog: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.window import open_files

    opened: list[str] = []
    monkeypatch.setattr(
        open_files.QDesktopServices,
        "openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    out = tmp_path / "dialog.pdf"
    _generate(qtbot, dialog, out)
    assert dialog.preview_button.isEnabled() and dialog.print_button.isEnabled()
    assert "dialog.pdf" in dialog.status.text()
    assert dialog.generate_button.isEnabled()
    dialog.preview_button.click()
    assert opened == [str(out)]


def test_a_file_name_that_is_not_a_pdf_is_refused(
    dialog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.dialogs import report_dialog

    warnings: list[str] = []
    monkeypatch.setattr(
        report_dialog.QMessageBox, "warning", lambda *args: warnings.append(args[2])
    )
    dialog.out.setText(str(tmp_path / "report.txt"))
    assert dialog.generate() is None
    assert warnings and dialog.result_path is None
    assert not (tmp_path / "report.txt").exists()


def test_print_to_file_and_to_the_spooler(
    dialog: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    from desktop.ui.dialogs import report_dialog

    _generate(qtbot, dialog, tmp_path / "p.pdf")
    printed = tmp_path / "printed.pdf"

    # "Print to file" in Qt's dialog: the PDF is copied there.
    def accept_to_file(self: QPrintDialog) -> int:
        self.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    dialog.print_button.click()
    assert printed.read_bytes() == (tmp_path / "p.pdf").read_bytes()

    # A real printer: the PDF goes to the spooler (lp), not run for real here.
    if sys.platform != "win32":
        commands: list[list[str]] = []
        monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
        monkeypatch.setattr(
            report_dialog.subprocess, "run", lambda command, **kw: commands.append(command)
        )
        dialog.print_button.click()
        assert commands and commands[0][0] == "lp" and commands[0][-1].endswith("p.pdf")
        assert "printer" in dialog.status.text().lower()

        # The spooler fails: a message, no traceback.
        def fail(command: list[str], **kw: object) -> None:
            raise subprocess.CalledProcessError(1, command)

        warnings: list[str] = []
        monkeypatch.setattr(report_dialog.subprocess, "run", fail)
        monkeypatch.setattr(
            report_dialog.QMessageBox, "warning", lambda *args: warnings.append(args[2])
        )
        dialog.print_button.click()
        assert warnings and "Preview" in warnings[0]

    # Cancelled in the print dialog: nothing happens.
    printed.unlink()
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog.print_button.click()
    assert not printed.exists()
