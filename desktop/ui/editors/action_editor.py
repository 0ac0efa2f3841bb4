"""The action editor: every field of an action and its children, in sections.

Each field is saved when editing ends (no Save button), as one undoable command carrying the
version read when the action was opened, so a change made elsewhere since is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import IntegrityError

from ...i18n import _, format_date
from ...labels import choices
from ...models import (
    Action,
    ActionLink,
    ActionLinkKind,
    ActionStatus,
    DatePrecision,
    ParticipationLevel,
    Priority,
)
from ...services import action_rows
from ...services import actions as action_service
from ...services.actions import with_periods
from ...services.changes import ValidationError
from ...services.plans import flat_sections
from ...services.queries import actions as action_queries
from ...services.queries import names as name_queries
from ...services.queries import records
from ..commands import CreateCommand, push
from ..context import AppContext
from ..item_models.action_table import budget_text
from .action_children import specs
from .child_table import ChildSpec, ChildTable, Column
from .common import ErrorLabel, ParseError, parse_day, parse_int, save_edit
from .fields import TextBox, WrappedCheck, fill_combo, select_value
from .history import HistoryTable
from .section_pages import SectionPages

# Fields keep room to be read in a narrow editor.
LINE_MIN_WIDTH = 150
TEXT_MIN_WIDTH = 220


def _form() -> QFormLayout:
    """A form with each caption above its field: the editor sits beside the action list and
    is narrow in a small window; captions beside fields would leave the fields a sliver (and
    French or Dutch captions are long)."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form


_DATE_FIELDS = frozenset({"start_date", "end_date", "start_date_precision", "end_date_precision"})


class ActionEditor(QWidget):
    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.action_id: int | None = None
        self.version: int | None = None
        self.values: dict[str, Any] = {}
        self._reload_pending = False
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.heading.setWordWrap(True)
        # Nine sections: buttons wrapping onto rows, all in sight beside the action list.
        self.tabs = SectionPages(parent=self)
        self.tables: dict[str, ChildTable] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._child_specs = specs(context)
        self._build_description()
        self._build_actors()
        self._build_budget()
        self._build_calendar()
        self._build_impacts()
        self._build_links()
        self._build_tables_tab(_("Indicators"), [("indicators", "")])
        self._build_tables_tab(
            _("Notes"),
            [("notes", _("Notes")), ("documents", _("Documents")), ("tags", _("Themes and tags"))],
            _("Notes, documents, themes and tags"),
        )
        self._build_history()
        # The heading, and room on its right for the commands of whoever shows the sheet.
        self.heading_row = QHBoxLayout()
        self.heading_row.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.heading_row)
        layout.addWidget(self.tabs)
        self._fields_enabled(False)

    # -- building ---------------------------------------------------------------------------

    def _line(self, name: str, parse: Callable[[str], Any] = str.strip) -> QLineEdit:
        widget = QLineEdit(self)
        widget.setObjectName(name)
        widget.setMinimumWidth(LINE_MIN_WIDTH)
        errors = self._errors_for(name)
        widget.editingFinished.connect(lambda: self._save_text(name, widget, parse, errors))
        self.fields[name] = widget
        return widget

    def _errors_for(self, name: str) -> ErrorLabel:
        label = ErrorLabel(self)
        label.setObjectName(f"{name}_error")
        self.errors[name] = label
        return label

    def _combo(self, name: str, pairs: list[tuple[Any, str]]) -> QComboBox:
        widget = QComboBox(self)
        widget.setObjectName(name)
        # Long section and organisation names must not widen the editor past the list.
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(16)
        fill_combo(widget, pairs, None)
        errors = self._errors_for(name)
        widget.currentIndexChanged.connect(
            lambda _i: self._save(name, widget.currentData(), errors)
        )
        self.fields[name] = widget
        return widget

    def _text(self, name: str) -> TextBox:
        widget = TextBox(self)
        widget.setObjectName(name)
        widget.setMinimumWidth(TEXT_MIN_WIDTH)
        errors = self._errors_for(name)
        widget.editing_finished.connect(lambda: self._save(name, widget.toPlainText(), errors))
        self.fields[name] = widget
        return widget

    def _check(self, name: str, text: str) -> WrappedCheck:
        widget = QCheckBox(self)
        widget.setObjectName(name)
        errors = self._errors_for(name)
        widget.toggled.connect(lambda on: self._save(name, on, errors))
        self.fields[name] = widget
        return WrappedCheck(widget, text, parent=self)

    def _row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.errors[name])
        # A QLabel of our own, with the field as buddy, so "&" makes a mnemonic (Alt+letter).
        caption = QLabel(text, self)
        caption.setBuddy(widget)
        form.addRow(caption, box)

    def _caption(self, text: str) -> QLabel:
        """A heading over a table, wrapped rather than widening the editor."""
        caption = QLabel(text, self)
        caption.setWordWrap(True)
        return caption

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget(self)
        form = _form()
        page.setLayout(form)
        self.tabs.addTab(page, title)
        return form

    def _child(self, key: str, spec: ChildSpec | None = None) -> ChildTable:
        table = ChildTable(self.context, spec or self._child_specs[key], parent=self)
        table.setObjectName(f"{key}_table")
        self.tables[key] = table
        return table

    def _build_description(self) -> None:
        form = self._tab(_("General"))
        self._row(form, _("&Code"), "code", self._line("code"))
        self._row(form, _("&Title"), "title", self._line("title"))
        self._row(form, _("Sect&ion"), "section_id", self._combo("section_id", []))
        self._row(form, _("Sub-action &of"), "parent_id", self._combo("parent_id", []))
        self._row(form, _("&Status"), "status", self._combo("status", choices(ActionStatus)))
        reason = self._line("status_reason")
        reason.setPlaceholderText(_("Why it is late, paused or blocked (printed in reports)"))
        self._row(form, _("Reason for the status"), "status_reason", reason)
        self._row(
            form,
            _("&Priority"),
            "priority",
            self._combo("priority", [(None, ""), *choices(Priority)]),
        )
        self._row(
            form, _("Pro&gress (%)"), "progress_percent", self._line("progress_percent", parse_int)
        )
        self._row(form, _("&Description"), "description", self._text("description"))
        self._row(
            form,
            _("Confidential"),
            "confidential",
            self._check("confidential", _("Do not publish this action")),
        )
        factors = self._child("factors")
        form.addRow(_("Barriers and levers"), factors)

    def _build_actors(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        form = _form()
        self._row(
            form,
            _("Lead &organisation"),
            "lead_organisation_id",
            self._combo("lead_organisation_id", []),
        )
        self._row(form, _("Lead &service"), "lead_service", self._line("lead_service"))
        self._row(form, _("Lead &person"), "lead_person", self._line("lead_person"))
        self._row(form, _("Elected &referent"), "elected_referent", self._line("elected_referent"))
        self._row(
            form,
            _("Participation"),
            "participation",
            self._combo("participation", choices(ParticipationLevel)),
        )
        layout.addLayout(form)
        layout.addWidget(self._caption(_("Partners")))
        layout.addWidget(self._child("partners"), 1)
        self.tabs.addTab(page, _("Actors"))

    def _build_budget(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        form = _form()
        text = self._text("budget_text")
        text.setMaximumHeight(80)
        self._row(form, _("Budget as &written"), "budget_text", text)
        layout.addLayout(form)
        # The tables get the whole width: a budget line has nine columns.
        self.budget_total = QLabel(self)
        self.budget_total.setObjectName("budget_total")
        self.budget_total.setWordWrap(True)
        lines = _("Budget lines (amount, or a state such as to be defined)")
        layout.addWidget(self._caption(lines))
        layout.addWidget(self._child("budget"), 3)
        layout.addWidget(self.budget_total)
        layout.addWidget(self._caption(_("Funding")))
        layout.addWidget(self._child("funding"), 2)
        self.tabs.addTab(page, _("Budget"), _("Budget and funding"))

    def _build_calendar(self) -> None:
        form = self._tab(_("Calendar"))
        # A date as precisely as the plan writes it: a day, a month, a season or a year.
        precisions = list(choices(DatePrecision))
        for name, text, precision_text in (
            ("start_date", _("&Start date"), _("Start date written as")),
            ("end_date", _("End &date"), _("End date written as")),
        ):
            self._row(form, text, name, self._line(name, parse_day))
            self._row(
                form,
                precision_text,
                f"{name}_precision",
                self._combo(f"{name}_precision", precisions),
            )
        self._row(form, _("Calendar as written"), "calendar_text", self._text("calendar_text"))
        self._row(
            form,
            _("Recurring"),
            "recurring",
            self._check("recurring", _("This action recurs every year")),
        )

    def _build_impacts(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self._child("impacts"))
        self.tabs.addTab(page, _("Impacts"))

    def _build_links(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        links = ChildSpec(
            ActionLink,
            "source_action_id",
            [
                Column("kind", _("Kind"), "choice", lambda: list(choices(ActionLinkKind)), 180),
                Column(
                    "target_action_id",
                    _("Other action"),
                    editable=False,
                    display=self._action_label,
                    width=300,
                ),
                Column("note", _("Note")),
            ],
        )
        table = self._child("links", links)
        table.add_button.hide()  # a link needs its target: added through the row below
        self.link_code = QLineEdit(self)
        self.link_code.setPlaceholderText(_("Code of the action to link"))
        self.link_kind = QComboBox(self)
        self.link_kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_kind.setMinimumContentsLength(8)
        fill_combo(self.link_kind, list(choices(ActionLinkKind)), ActionLinkKind.RELATED_TO)
        self.link_button = QPushButton(_("Lin&k"), self)
        self.link_button.clicked.connect(self.add_link)
        row = QHBoxLayout()
        row.addWidget(self.link_code)
        row.addWidget(self.link_kind)
        row.addWidget(self.link_button)
        layout.addLayout(row)
        layout.addWidget(table)
        layout.addWidget(self._caption(_("Framework references")))
        layout.addWidget(self._child("frameworks"))
        self.tabs.addTab(page, _("Links"))

    def _build_tables_tab(
        self, title: str, keys: list[tuple[str, str]], description: str = ""
    ) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        for key, heading in keys:
            if heading:
                layout.addWidget(self._caption(heading))
            layout.addWidget(self._child(key))
        self.tabs.addTab(page, title, description)

    def _build_history(self) -> None:
        self.history = HistoryTable(self.context, parent=self)
        self.tabs.addTab(self.history, _("History"))

    # -- loading ----------------------------------------------------------------------------

    def load(self, action_id: int | None) -> None:
        self.action_id = action_id
        self._reload_pending = False
        action = None
        if action_id is not None:
            with self.context.store.session() as session:
                action = records.record(session, Action, action_id)
                sections = flat_sections(session, action.plan_id) if action else []
                organisations = name_queries.organisations_by_name(session)
                others = action_queries.other_actions(session, action) if action else []
                totals = action_rows.fetch_rows(session, [action_id]).get(action_id)
        if action is None:
            self.action_id = self.version = None
            self.heading.setText(_("Select an action to edit it."))
            self._fields_enabled(False)
            # Emptied, not only greyed: an action of another plan must not stay in sight.
            self.values = {}
            for widget in self.fields.values():
                self._show_value(widget, None)
            for label in self.errors.values():
                label.show_message("")
            for table in self.tables.values():
                table.load(None)
            self.budget_total.setText("")
            self.history.load(None)
            return
        self._fields_enabled(True)
        self.version = action.version
        self.values = {name: getattr(action, name) for name in self.fields}
        self.heading.setText(
            _("Action {code}: {title}").format(code=action.code, title=action.title)
        )
        fill_combo(
            self.fields["section_id"],  # type: ignore[arg-type]
            [(None, ""), *((s.id, "  " * d + f"{s.code} {s.title}".strip()) for d, s in sections)],
            action.section_id,
        )
        fill_combo(
            self.fields["parent_id"],  # type: ignore[arg-type]
            [(None, ""), *((a_id, f"{code} {title}") for a_id, code, title in others)],
            action.parent_id,
        )
        fill_combo(
            self.fields["lead_organisation_id"],  # type: ignore[arg-type]
            [(None, ""), *((o.id, o.name) for o in organisations)],
            action.lead_organisation_id,
        )
        for name, widget in self.fields.items():
            self._show_value(widget, self.values[name])
            self.errors[name].show_message("")
        for table in self.tables.values():
            table.load(action_id)
        self.budget_total.setText(
            _("Forecast total: {amounts}").format(amounts=budget_text(totals))
            if totals is not None and (totals.budget or totals.budget_states)
            else ""
        )
        self.history.load(action.uuid)

    def _fields_enabled(self, enabled: bool) -> None:
        """The sheet's fields and tables; the heading row's commands stay usable."""
        self.tabs.setEnabled(enabled)

    def _show_value(self, widget: QWidget, value: Any) -> None:
        if isinstance(widget, QLineEdit):
            if value is None:
                text = ""
            elif hasattr(value, "isoformat"):
                text = format_date(value, fmt="short")
            else:
                text = str(value)
            widget.setText(text)
            widget.setCursorPosition(0)
        elif isinstance(widget, TextBox):
            widget.set_text(value or "")
        elif isinstance(widget, QCheckBox):
            widget.blockSignals(True)
            widget.setChecked(bool(value))
            widget.blockSignals(False)
        elif isinstance(widget, QComboBox):
            select_value(widget, value)

    def schedule_reload(self) -> None:
        """Reload once the current event is over (a change may come from a widget of ours)."""
        if not self._reload_pending:
            self._reload_pending = True
            # With self as context: no call once the editor is gone.
            QTimer.singleShot(
                0, self, lambda: self.load(self.action_id) if self._reload_pending else None
            )

    def focus_title(self) -> None:
        self.tabs.setCurrentIndex(0)
        title = self.fields["title"]
        assert isinstance(title, QLineEdit)
        title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        title.selectAll()

    # -- saving -----------------------------------------------------------------------------

    def _save_text(
        self, name: str, widget: QLineEdit, parse: Callable[[str], Any], errors: ErrorLabel
    ) -> None:
        try:
            value = parse(widget.text())
        except ParseError as error:
            errors.show_message(str(error))
            return
        self._save(name, value, errors)

    def _save(self, name: str, value: Any, errors: ErrorLabel) -> None:
        if self.action_id is None or self.values.get(name) == value:
            errors.show_message("")
            return
        values: dict[str, Any] = {name: value}
        if name in _DATE_FIELDS:
            # "été 2018": the day typed, moved to its period's first (start) or last (end) day
            values = with_periods(values, SimpleNamespace(**self.values))  # type: ignore[arg-type]
        version = save_edit(
            self, self.context, Action, self.action_id, values, self.version, errors
        )
        if version is None:
            if name in ("start_date", "end_date") and errors.isVisible():
                # One message for the pair, next to the end date.
                self.errors["end_date"].show_message(errors.text())
            return
        self.version = version
        self.values.update(values)
        for field, saved in values.items():
            if field != name and field in self.fields:
                self._show_value(self.fields[field], saved)
        for other in ("start_date", "end_date") if name in _DATE_FIELDS else ():
            self.errors[other].show_message("")

    def add_link(self) -> None:
        if self.action_id is None:
            return
        code = self.link_code.text().strip()
        kind = self.link_kind.currentData()
        source_id = self.action_id
        errors = self.tables["links"].errors
        with self.context.store.session() as session:
            source = records.record(session, Action, source_id)
            target = (
                action_queries.action_in_plan_by_code(session, source.plan_id, code)
                if source is not None
                else None
            )
        if target is None:
            errors.show_message(_("No action has the code {code}.").format(code=code))
            return

        def factory(session: Any) -> ActionLink:
            src = session.get(Action, source_id)
            dst = session.get(Action, target.id)
            return action_service.link_actions(session, self.context.actor, src, dst, kind)

        try:
            push(self.context, CreateCommand(self.context, factory, text=_("Link actions")))
        except ValidationError:
            errors.show_message(_("An action cannot be linked to itself."))
            return
        except IntegrityError:  # the unique constraint: the link exists already
            errors.show_message(_("These actions are already linked this way."))
            return
        self.link_code.clear()
        errors.show_message("")

    def _action_label(self, action_id: Any) -> str:
        with self.context.store.session() as session:
            action = records.record(session, Action, action_id)
        return f"{action.code} {action.title}" if action is not None else ""
