"""One merge the way the window runs it, for a synchronisation and a change package alike:
a dry run in the background (with its progress), the conflicts dialog when some need a
decision, the real run with the user's choices, then a summary; the views reload.

Nothing is written before the user has chosen; if the stores changed between the dry run and
the real run and new conflicts appear, the dialog comes back for those."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from ...i18n import _, ngettext
from ..change_notice import ChangeNotice
from ..operations import Operation, run_in_background

if TYPE_CHECKING:
    from ...progress import Progress
    from ...services.sync.common import SyncResult
    from ...services.sync.plan import ConflictKey, Decision
    from ..window.main_window import MainWindow

Work = Callable[["Mapping[ConflictKey, Decision]", bool, "Progress"], "SyncResult"]


class SyncFlow:
    def __init__(
        self,
        window: MainWindow,
        *,
        title: str,
        other: str,
        work: Work,
        on_done: Callable[[SyncResult], None] | None = None,
    ) -> None:
        self.window = window
        self.title = title
        self.other = other  # how the other store is called in the dialog
        self.work = work
        self.on_done = on_done
        self.decisions: dict[ConflictKey, Decision] = {}
        self.later = False
        self.dialog: QDialog | None = None
        self.operation: Operation | None = None

    def start(self) -> Operation:
        self.operation = run_in_background(
            lambda progress: self.work({}, True, progress),
            parent=self.window,
            label=self.title,
            on_success=self._planned,
        )
        return self.operation

    def _planned(self, result: SyncResult) -> None:
        if not self.other:
            self.other = result.location or _("the other copy")
        if result.already:
            QMessageBox.information(
                self.window,
                self.title,
                _("This store already holds everything in this package; nothing changed."),
            )
            return
        if result.undecided:
            self._ask(result)
        else:
            self._run()

    def _ask(self, result: SyncResult) -> None:
        from ...services.sync.lookup import lookup_in
        from .conflicts_dialog import ConflictsDialog

        lookup, schema = lookup_in(self.window.store, result)
        dialog = ConflictsDialog(
            result.undecided,
            schema=schema,
            lookup=lookup,
            mine_label=_("Here"),
            theirs_label=self.other,
            parent=self.window,
        )
        dialog.finished.connect(lambda code: self._decided(dialog, code))
        self.dialog = dialog
        dialog.open()

    def _decided(self, dialog: QDialog, code: int) -> None:
        from .conflicts_dialog import ConflictsDialog

        assert isinstance(dialog, ConflictsDialog)
        self.dialog = None
        dialog.deleteLater()
        if code == QDialog.DialogCode.Rejected:
            self.window.statusBar().showMessage(_("Nothing was changed."), 8000)
            return
        self.later = code == ConflictsDialog.LATER
        self.decisions.update(dialog.decisions)
        self._run()

    def _run(self) -> None:
        decisions = dict(self.decisions)
        self.operation = run_in_background(
            lambda progress: self.work(decisions, False, progress),
            parent=self.window,
            label=self.title,
            on_success=self._done,
        )

    def _done(self, result: SyncResult) -> None:
        context = self.window.context
        if result.written and context is not None:
            context.undo_stack.clear()  # the records it would undo on may have changed
            context.notify(ChangeNotice.everything())
        if result.undecided and not self.later:
            self._ask(result)  # new conflicts appeared since the dry run
            return
        if self.on_done is not None:
            self.on_done(result)
        QMessageBox.information(self.window, self.title, summary(result, self.other))


def summary(result: SyncResult, other: str) -> str:
    """What happened, in a few lines."""
    decided = len(result.conflicts) - len(result.undecided)
    lines = [
        ngettext(
            "{count} record sent to {other}", "{count} records sent to {other}", result.sent
        ).format(count=result.sent, other=other),
        ngettext("{count} record received", "{count} records received", result.received).format(
            count=result.received
        ),
        ngettext(
            "{count} record merged field by field",
            "{count} records merged field by field",
            result.merged,
        ).format(count=result.merged),
        ngettext("{count} conflict decided", "{count} conflicts decided", decided).format(
            count=decided
        ),
    ]
    if result.kind == "apply":
        lines.pop(0)
    if result.undecided:
        lines.append(
            ngettext(
                "{count} conflict left as it is on both sides, to decide at the next "
                "synchronisation",
                "{count} conflicts left as they are on both sides, to decide at the next "
                "synchronisation",
                len(result.undecided),
            ).format(count=len(result.undecided))
        )
    if result.log_entries:
        lines.append(
            ngettext(
                "{count} history entry received",
                "{count} history entries received",
                result.log_entries,
            ).format(count=result.log_entries)
        )
    text = "\n".join("• " + line for line in lines)
    if result.state:
        text += "\n\n" + _("This copy now holds state {state} of its origin.").format(
            state=result.state
        )
    return text
