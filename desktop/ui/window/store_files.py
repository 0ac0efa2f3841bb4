"""The File menu's work on stores: new, open, recent, demo, save a copy, backup, restore.

Split from the main window so each stays small; copies, backups and restores run on the
background-operation helper with a progress dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ... import paths
from ...i18n import _
from ...store.backup import backup_dir_for, prune_backups
from ...store.errors import StoreError
from ..dialogs.confirm import confirm_destructive
from ..dialogs.errors import show_error
from ..operations import Operation, run_in_background

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from ...progress import Progress
    from .main_window import MainWindow

STORE_FILTER = "PCAET (*.pcaet);;SQLite (*.sqlite *.db);;* (*)"


class StoreFiles:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def open_location(self, location: str | Path | URL, *, create: bool = False) -> bool:
        """Open a store file or URL and show it; a known problem is explained, nothing else
        changes (the current store stays open)."""
        from ...store import open_store

        try:
            store = open_store(
                location, create=create, keep_backups=self.window.settings.backup_retention
            )
        except StoreError as error:
            show_error(self.window, error)
            return False
        self.window.set_store(store)
        return True

    def new_store(self) -> bool:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("New store"), str(paths.data_dir()), STORE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(paths.STORE_SUFFIX)
        if path.exists():
            QMessageBox.information(
                self.window,
                _("New store"),
                _("{path} already exists. Use File > Open store to open it.").format(path=path),
            )
            return False
        return self.open_location(path, create=True)

    def open_store(self) -> bool:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open store"), str(paths.data_dir()), STORE_FILTER
        )
        return bool(chosen) and self.open_location(Path(chosen))

    def open_demo(self) -> Operation:
        """The demo territory, created in the data folder the first time (a few seconds, so
        on the background helper)."""

        def make(progress: Progress) -> Path:
            from ...services.demo import ensure_demo_store

            progress.message(_("Preparing the demo…"))
            return ensure_demo_store()

        def opened(path: Path) -> None:
            self.open_location(path)

        return run_in_background(
            make, parent=self.window, label=_("Opening the demo"), on_success=opened
        )

    def save_copy(self) -> Operation | None:
        store = self.window.store
        if store.path is None:
            return None
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Save a copy as"),
            str(store.path.with_name(store.path.stem + "-copy" + paths.STORE_SUFFIX)),
            STORE_FILTER,
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.resolve() == store.path.resolve():
            self._message(_("Choose another file than the open store."))
            return None

        def copy(progress: Progress) -> Path:
            progress.message(_("Copying the store…"))
            return store.backup(target)

        return run_in_background(
            copy,
            parent=self.window,
            label=_("Saving a copy"),
            on_success=lambda path: self._message(_("Copy saved to {path}").format(path=path)),
        )

    def backup_now(self) -> Operation | None:
        store = self.window.store
        store_path = store.path
        if store_path is None:
            return None
        keep = self.window.settings.backup_retention

        def backup(progress: Progress) -> Path:
            progress.message(_("Backing up the store…"))
            made = store.backup()
            progress.check()
            prune_backups(store_path, keep)
            return made

        return run_in_background(
            backup,
            parent=self.window,
            label=_("Backup"),
            on_success=lambda path: self._message(_("Backup written to {path}").format(path=path)),
        )

    def restore_backup(self) -> Operation | None:
        store = self.window.store
        store_path = store.path
        if store_path is None:
            return None
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Restore from a backup"), str(backup_dir_for(store_path)), STORE_FILTER
        )
        if not chosen:
            return None
        question = _(
            "Replace the content of {store} with the backup {backup}? The current content "
            "is saved as a backup first."
        ).format(store=store_path, backup=Path(chosen).name)
        if not confirm_destructive(self.window, _("Restore from a backup"), question):
            return None
        return self.restore_from(Path(chosen))

    def restore_from(self, backup_file: Path) -> Operation | None:
        store_path = self.window.store.path
        if store_path is None:
            return None
        self.window.store.close()  # pooled connections released; reopened if the restore fails
        keep = self.window.settings.backup_retention

        def restore(progress: Progress) -> Path:
            from ...store import restore_store

            def waiting(seconds: float) -> None:
                progress.message(
                    _(
                        "The store is in use by another program or window; waiting up to "
                        "{seconds} s for it to finish…"
                    ).format(seconds=f"{seconds:g}")
                )

            progress.message(_("Restoring the backup…"))
            return restore_store(store_path, backup_file, on_wait=waiting, keep_backups=keep)

        def restored(safety: Path) -> None:
            if self.open_location(store_path):
                self._message(
                    _("Backup restored; the previous content was saved to {path}").format(
                        path=safety
                    )
                )

        return run_in_background(
            restore, parent=self.window, label=_("Restore"), on_success=restored
        )
