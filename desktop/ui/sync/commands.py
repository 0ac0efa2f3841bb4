"""The File menu's offline copies: take a shared store offline, synchronise a copy with it,
and, without a network, write and apply change packages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...i18n import _
from ..operations import Operation, run_in_background
from .flow import SyncFlow

if TYPE_CHECKING:
    from ...progress import Progress
    from ...services.sync.common import SyncResult
    from ...services.sync.plan import ConflictKey, Decision
    from ...services.sync.state import Peer, Replica
    from ..window.main_window import MainWindow

PACKAGE_FILTER = "PCAET (*.pcaetsync);;* (*)"


def build_actions(window: MainWindow) -> list[QAction]:
    """The four commands, in the order the File menu shows them."""
    commands = SyncCommands(window)
    window.sync_commands = commands
    found = []
    for text, slot in (
        (_("&Take offline…"), commands.take_offline),
        (_("S&ynchronise"), commands.synchronise),
        (_("&Write a change package…"), commands.write_package),
        (_("A&pply a change package…"), commands.apply_package),
    ):
        action = QAction(text, window)
        action.triggered.connect(slot)
        found.append(action)
    found[1].setShortcut("Ctrl+Shift+Y")
    return found


class SyncCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.flow: SyncFlow | None = None

    def _replica(self) -> Replica:
        from ...services.sync import state

        with self.window.store.engine.connect() as connection:
            return state.replica(connection)

    def _user(self) -> str:
        return self.window.settings.user_name

    # -- take offline ----------------------------------------------------------------------

    def take_offline(self) -> Any:
        from .take_offline_dialog import TakeOfflineDialog

        source = self.window.store.location if self.window.has_store() else ""
        dialog = TakeOfflineDialog(source, self._user(), parent=self.window)
        dialog.accepted.connect(lambda: self._checkout(dialog))
        self.window.dialogs.keep_open(dialog)
        return dialog

    def _checkout(self, dialog: Any) -> Operation:
        from ...services.sync.checkout import checkout

        source, target, selection, name = dialog.request()
        user = self._user()

        def work(progress: Progress) -> SyncResult:
            return checkout(
                source, target, user=user, selection=selection, name=name, progress=progress
            )

        def done(result: SyncResult) -> None:
            answer = QMessageBox.question(
                self.window,
                _("Take offline"),
                _(
                    "The offline copy {path} holds {count} records of {location}. Open it now?"
                ).format(path=target, count=result.received, location=result.location),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.window.files.open_location(target)

        return run_in_background(
            work, parent=self.window, label=_("Taking offline"), on_success=done
        )

    # -- synchronise -----------------------------------------------------------------------

    def _not_a_copy(self) -> None:
        QMessageBox.information(
            self.window,
            _("Synchronise"),
            _(
                "This store is not an offline copy: use File > Take offline… to make one from "
                "a shared store, then synchronise the copy."
            ),
        )

    def synchronise(self) -> SyncFlow | None:
        if not self.window.has_store():
            return None
        current = self._replica()
        if not current.is_copy:
            self._not_a_copy()
            return None
        store, user = self.window.store, self._user()
        location = current.origin_location

        def work(
            decisions: Mapping[ConflictKey, Decision], dry_run: bool, progress: Progress
        ) -> SyncResult:
            from ...services.sync.online import synchronise
            from ...store import open_store

            progress.message(_("Opening {location}…").format(location=location))
            origin = open_store(location, create=False)
            try:
                return synchronise(
                    store,
                    origin,
                    user=user,
                    decisions=decisions,
                    dry_run=dry_run,
                    progress=progress,
                )
            finally:
                origin.close()

        other = current.origin_name or location
        self.flow = SyncFlow(self.window, title=_("Synchronise"), other=other, work=work)
        self.flow.start()
        return self.flow

    # -- change packages -------------------------------------------------------------------

    def write_package(self) -> Operation | None:
        if not self.window.has_store():
            return None
        current = self._replica()
        since: str | None = None
        if not current.is_copy:
            since = self._ask_copy()
            if since is None:
                return None
        folder = self.window.store.path.parent if self.window.store.path else Path.home()
        name = f"{(self.window.store.path.stem if self.window.store.path else 'store')}.pcaetsync"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Write a change package"), str(folder / name), PACKAGE_FILTER
        )
        if not chosen:
            return None
        out = Path(chosen)
        if not out.suffix:
            out = out.with_suffix(".pcaetsync")
        store, user = self.window.store, self._user()

        def work(progress: Progress) -> SyncResult:
            from ...services.sync.package_writer import write_changes

            return write_changes(store, out, user=user, since=since, progress=progress)

        def done(result: SyncResult) -> None:
            QMessageBox.information(
                self.window,
                _("Write a change package"),
                _(
                    "{count} changed records written to {path}. Send this file to the other "
                    "store (e-mail, USB key), where File > Apply a change package… takes "
                    "it in."
                ).format(count=result.sent, path=out),
            )

        return run_in_background(
            work, parent=self.window, label=_("Writing the package"), on_success=done
        )

    def _ask_copy(self) -> str | None:
        """For a shared store: which copy the package is for (or a state)."""
        from ...services.sync import state

        with self.window.store.engine.connect() as connection:
            copies: list[Peer] = state.peers(connection)
        other = _("Another state…")
        names = [p.name or p.replica[:8] for p in copies] + [other]
        chosen, ok = QInputDialog.getItem(
            self.window,
            _("Write a change package"),
            _("The changes of this store, for which offline copy?"),
            names,
            0,
            False,
        )
        if not ok:
            return None
        if chosen != other:
            return copies[names.index(chosen)].replica
        text, ok = QInputDialog.getText(
            self.window,
            _("Write a change package"),
            _("The state the copy holds (its last synchronisation says it, such as 3fa8c21e-57):"),
        )
        return text.strip() if ok and text.strip() else None

    def apply_package(self, path: Path | None = None) -> SyncFlow | None:
        if not self.window.has_store():
            return None
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.window, _("Apply a change package"), str(Path.home()), PACKAGE_FILTER
            )
            if not chosen:
                return None
            path = Path(chosen)
        store, user, package = self.window.store, self._user(), path

        def work(
            decisions: Mapping[ConflictKey, Decision], dry_run: bool, progress: Progress
        ) -> SyncResult:
            from ...services.sync.packages import apply_package

            return apply_package(
                store, package, user=user, decisions=decisions, dry_run=dry_run, progress=progress
            )

        self.flow = SyncFlow(self.window, title=_("Apply a change package"), other="", work=work)
        self.flow.start()
        return self.flow
