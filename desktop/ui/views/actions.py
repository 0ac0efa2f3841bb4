"""The action list with its search and filters, and the action editor beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...labels import choices
from ...models import Action, ActionStatus
from ...services import actions as action_service
from ...services.action_rows import ActionFilter, section_and_descendants
from ...services.plans import flat_sections
from ...services.progress import status_counts
from ...services.queries import records
from ..change_notice import ChangeNotice
from ..commands import CreateCommand, DeleteCommand
from ..context import AppContext
from ..dialogs.confirm import confirm_destructive
from ..editors.action_editor import ActionEditor
from ..editors.common import push_or_tell
from ..editors.fields import fill_combo
from ..item_models.action_table import (
    BUDGET,
    CODE,
    END,
    LEAD,
    PRIORITY,
    PROGRESS,
    ROW_ROLE,
    SECTION,
    START,
    STATUS,
    TITLE,
    ActionTableModel,
)
from ..widgets.delegates import StatusChipDelegate
from ..widgets.eliding_combo import ElidingComboBox
from ..widgets.table_columns import fill_with_floor, fit_columns_to_headers
from .base import View

COLUMN_WIDTHS = {
    CODE: 42,
    SECTION: 64,
    LEAD: 105,
    STATUS: 100,
    PRIORITY: 64,
    START: 78,
    END: 92,
    BUDGET: 100,
    PROGRESS: 84,
}
CHIP_PADDING = 30  # the chip's rounded ends and the cell's margins
TITLE_FLOOR = 200
# Share of the view the sheet takes beside the list when an action is opened: the list keeps
# code, title and status in sight; the sheet room for its form and section buttons.
SHEET_SHARE = 0.58


# Tables whose changes alter the rows, filters or order of the list.
LIST_TABLES = frozenset(
    {"action", "budget_line", "action_partner", "organisation", "section", "plan", "territory"}
)


class ActionTable(QTableView):
    """Enter opens the current action, as a double-click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class ActionListView(View):
    key = "actions"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.model = ActionTableModel(context.store, parent=self)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search actions (code, title, lead)…"))
        self.search.setClearButtonEnabled(True)
        # A short pause after the last key so fast typing makes one search, not ten.
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        # Short minimum widths: four filters stay on one row of a narrow list (their choices
        # end in "…", the list that opens shows them whole).
        self.status_filter = ElidingComboBox(self, shortest=4)
        self.lead_filter = ElidingComboBox(self, shortest=4)
        self.section_filter = ElidingComboBox(self, shortest=4)
        self.partner_filter = ElidingComboBox(self, shortest=4)
        self.late_only = QCheckBox(_("&Late only"), self)
        for combo, tip in (
            (self.status_filter, _("Status")),
            (self.lead_filter, _("Lead")),
            (self.section_filter, _("Section")),
            (self.partner_filter, _("Partner")),
        ):
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.late_only.toggled.connect(lambda _on: self.apply_filters())
        self.new_button = QPushButton(_("&New action"), self)
        # No Alt+letter for a deletion: one would sooner or later be a field's letter too.
        self.delete_button = QPushButton(_("Delete"), self)
        self.new_button.clicked.connect(self.new_action)
        self.delete_button.clicked.connect(self.delete_current)
        self.count_label = QLabel(self)

        self.table = ActionTable(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        # Fixed widths, not resizeToContents: that would read every row and defeat lazy fetch.
        # Widened to the translated header and status words: French and Dutch run longer.
        metrics = header.fontMetrics()
        chip = max(metrics.horizontalAdvance(text) for _status, text in choices(ActionStatus))
        fit_columns_to_headers(self.table, COLUMN_WIDTHS, at_least={STATUS: chip + CHIP_PADDING})
        # The title fills the free width, but stays readable beside the editor: past its
        # floor the list scrolls sideways.
        fill_with_floor(self.table, TITLE, TITLE_FLOOR)
        self.table.setItemDelegateForColumn(STATUS, StatusChipDelegate(ROW_ROLE, self.table))
        # The status right after the title: in a narrow list it stays in sight, not past the
        # lead and section columns.
        header.moveSection(header.visualIndex(STATUS), header.visualIndex(TITLE) + 1)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)

        # The editor (eleven child tables, nine tabs) is built when an action is first opened:
        # the list shows at once, and a placeholder says what to do meanwhile.
        self._editor: ActionEditor | None = None
        self._placeholder = QLabel(_("Double-click an action, or press Enter, to edit it."), self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setObjectName("editor_placeholder")

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.late_only)
        filters = QHBoxLayout()
        for widget in (
            self.status_filter,
            self.lead_filter,
            self.section_filter,
            self.partner_filter,
        ):
            filters.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        left_layout.addLayout(buttons)
        self.list_panel = left
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._placeholder)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([900, 480])
        # The sheet alone, across the whole view (a small screen, a long sheet).
        self.full_width = QToolButton(self)
        self.full_width.setObjectName("sheet_full_width")
        self.full_width.setCheckable(True)
        self.full_width.setText(_("Full width"))
        self.full_width.setToolTip(
            _("Show the sheet across the whole view, without the list (Ctrl+Shift+L)")
        )
        self.full_width.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.full_width.toggled.connect(self.set_sheet_full_width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        self._fill_filters()
        self.model.set_filter(self._current_filter())
        self._update_count()
        # The search index is built once the window is idle, before the first keystroke.
        QTimer.singleShot(0, self.model, self.model.prepare_search)

    @property
    def editor(self) -> ActionEditor:
        if self._editor is None:
            self._editor = ActionEditor(self.context, parent=self)
            self._editor.load(None)
            self._editor.heading_row.addWidget(self.full_width, 0, Qt.AlignmentFlag.AlignTop)
            self.splitter.replaceWidget(self.splitter.indexOf(self._placeholder), self._editor)
            self.splitter.setStretchFactor(1, 3)  # the stretch was the placeholder's
            self._share_sheet()
            QTimer.singleShot(0, self, self._share_sheet)  # again once laid out
            self._placeholder.deleteLater()
        return self._editor

    def _share_sheet(self) -> None:
        """The sheet takes its share of the view beside the list."""
        total = self.splitter.width() - self.splitter.handleWidth()
        if total > 0:
            sheet = int(total * SHEET_SHARE)
            self.splitter.setSizes([total - sheet, sheet])

    def set_sheet_full_width(self, on: bool) -> None:
        """The sheet across the whole view (the list hidden), or beside the list again."""
        if self.full_width.isChecked() != on:
            self.full_width.setChecked(on)  # toggled calls back here
            return
        self.list_panel.setVisible(not on)
        self.full_width.setText(_("Beside the list") if on else _("Full width"))
        if not on:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- View API ---------------------------------------------------------------------------

    def title(self) -> str:
        return _("Actions")

    def show_item(self, item_id: int | None) -> None:
        if item_id is not None and item_id >= 0:
            self.open_action(item_id)

    def current_item(self) -> int | None:
        return self._editor.action_id if self._editor is not None else None

    def refresh(self) -> None:
        self._fill_filters()
        current = self._editor.action_id if self._editor is not None else None
        if current is not None and not self._in_plan(current):
            # Another plan was chosen: its actions only, and no sheet of the previous one.
            assert self._editor is not None
            self._editor.load(None)
            current = None
        flt = self._current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)
        else:
            self.model.invalidate()
        self._update_count()
        if current is not None:
            self._select(current)
        if self._editor is not None:
            self._editor.schedule_reload()

    def _in_plan(self, action_id: int) -> bool:
        with self.context.store.session() as session:
            action = records.record(session, Action, action_id)
        return action is not None and action.plan_id == self.context.plan_id

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        # Refreshed even when hidden: the editor must not keep a stale version. Only changes
        # to what the list shows requery it (10,000 actions); the rest reloads the editor.
        if notice.touches(LIST_TABLES):
            self.refresh()
        elif self._editor is not None and self._editor.action_id is not None:
            self._editor.schedule_reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_title(self) -> None:
        self.editor.focus_title()

    def open_action(self, action_id: int, *, focus_title: bool = False) -> None:
        self._select(action_id)
        self.editor.load(action_id)
        if focus_title:
            self.editor.focus_title()

    # -- filters ----------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        context = self.context
        with context.store.session() as session:
            organisations = records.organisation_names(session)
            sections = flat_sections(session, context.plan_id) if context.plan_id else []
        keep = {
            combo: combo.currentData()
            for combo in (
                self.status_filter,
                self.lead_filter,
                self.section_filter,
                self.partner_filter,
            )
        }
        fill_combo(
            self.status_filter,
            [(None, _("All statuses")), *choices(ActionStatus)],
            keep[self.status_filter],
        )
        orgs = [(o_id, name) for o_id, name in organisations]
        fill_combo(self.lead_filter, [(None, _("All leads")), *orgs], keep[self.lead_filter])
        fill_combo(
            self.partner_filter, [(None, _("All partners")), *orgs], keep[self.partner_filter]
        )
        fill_combo(
            self.section_filter,
            [
                (None, _("All sections")),
                *((s.id, "  " * d + f"{s.code} {s.title}".strip()) for d, s in sections),
            ],
            keep[self.section_filter],
        )

    def _current_filter(self) -> ActionFilter:
        section_id = self.section_filter.currentData()
        sections: frozenset[int] = frozenset()
        if section_id is not None:
            with self.context.store.session() as session:
                sections = section_and_descendants(session, section_id)
        status = self.status_filter.currentData()
        return ActionFilter(
            plan_id=self.context.plan_id,
            statuses=frozenset({ActionStatus(status)}) if status else frozenset(),
            lead_id=self.lead_filter.currentData(),
            section_ids=sections,
            partner_id=self.partner_filter.currentData(),
            late_only=self.late_only.isChecked(),
        )

    def apply_filters(self) -> None:
        self.model.set_filter(self._current_filter())
        self._update_count()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())
        self._update_count()

    def _update_count(self) -> None:
        """The plan's count of actions by the query the dashboard, the reports and the
        workbook use (``progress.status_counts``); the sub-actions listed are said apart."""
        flt = self.model.filter
        narrowed = bool(
            flt.statuses
            or flt.lead_id is not None
            or flt.partner_id is not None
            or flt.late_only
            or self.model.search_text.strip()
        )
        with self.context.store.session() as session:
            counts = status_counts(
                session,
                flt.plan_id,
                today=self.model.today,
                section_ids=flt.section_ids or None,
                action_ids=self.model.shown_ids() if narrowed else None,
            )
        text = ngettext("{n} action", "{n} actions", counts.total).format(n=counts.total)
        sub_actions = self.model.total_count() - counts.total
        if sub_actions > 0:
            text += " " + ngettext(
                "(and {n} sub-action)", "(and {n} sub-actions)", sub_actions
            ).format(n=sub_actions)
        self.count_label.setText(text)

    # -- actions ----------------------------------------------------------------------------

    def _select(self, action_id: int) -> None:
        row = self.model.row_of(action_id)
        if row is None:
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        action_id = self.model.action_id(index.row())
        if action_id is not None:
            self.open_action(action_id, focus_title=False)

    def current_action_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.action_id(index.row())
        return self._editor.action_id if self._editor is not None else None

    def new_action(self) -> int | None:
        """Create an action in the filtered section (or none) and open it on its title."""
        plan_id = self.context.plan_id
        if plan_id is None:
            QMessageBox.information(self, _("New action"), _("Create a plan first."))
            return None
        section_id = self.section_filter.currentData()
        actor = self.context.actor

        def factory(session: object) -> Action:
            return action_service.create_action(
                session,  # type: ignore[arg-type]
                actor,
                plan_id=plan_id,
                section_id=section_id,
                title=_("New action"),
            )

        command = CreateCommand(self.context, factory, text=_("New action"))
        if not push_or_tell(self, self.context, command, _("New action")):
            return None
        assert command.created_id is not None
        self.open_action(command.created_id, focus_title=True)
        return command.created_id

    def delete_current(self) -> bool:
        """Delete the selected action after saying what goes with it; undoable."""
        action_id = self.current_action_id()
        if action_id is None:
            return False
        with self.context.store.session() as session:
            action = records.record(session, Action, action_id)
            if action is None:
                return False
            impact = action_service.deletion_impact(session, action_id)
        question = _("Delete the action {code} {title}?").format(
            code=action.code, title=action.title
        )
        if impact.is_referenced:
            details = [
                ngettext("{n} sub-action", "{n} sub-actions", impact.sub_actions),
                ngettext("{n} budget line", "{n} budget lines", impact.budget_lines),
                ngettext("{n} funding", "{n} fundings", impact.fundings),
                ngettext("{n} impact", "{n} impacts", impact.impacts),
                ngettext(
                    "{n} link with another action", "{n} links with other actions", impact.links
                ),
                ngettext("{n} linked indicator", "{n} linked indicators", impact.indicators),
                ngettext("{n} committee mention", "{n} committee mentions", impact.meetings),
            ]
            counts = (
                impact.sub_actions,
                impact.budget_lines,
                impact.fundings,
                impact.impacts,
                impact.links,
                impact.indicators,
                impact.meetings,
            )
            listed = ", ".join(
                text.format(n=n) for text, n in zip(details, counts, strict=True) if n
            )
            question += "\n\n" + _("This also removes: {list}.").format(list=listed)
        question += "\n\n" + _("You can undo this with Edit > Undo.")
        if not confirm_destructive(self, _("Delete action"), question):
            return False
        command = DeleteCommand(
            self.context,
            Action,
            action_id,
            expected_version=action.version,
            text=_("Delete action {code}").format(code=action.code),
        )
        if not push_or_tell(self, self.context, command, _("Delete action")):
            return False  # changed or removed elsewhere meanwhile: nothing was deleted
        if self._editor is not None:
            self._editor.load(None)
        return True
