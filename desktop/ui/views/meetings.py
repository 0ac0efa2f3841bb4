"""Committees: meetings with their date, attendees, decisions and the actions discussed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ...i18n import _, format_date
from ...labels import choices, label
from ...models import (
    Action,
    DecisionStatus,
    FollowUpStatus,
    Meeting,
    MeetingAction,
    MeetingAgendaItem,
    MeetingAttendee,
    MeetingDecision,
    MeetingKind,
    Organisation,
)
from ...services import meetings as meeting_service
from ...services.queries import records
from ...services.validation import check_not_blank
from ..change_notice import ChangeNotice
from ..commands import CreateCommand, push
from ..context import AppContext
from ..editors.action_children import enum_choices, lookup_choices
from ..editors.child_table import ChildSpec, ChildTable, Column
from ..editors.record_form import FormField, RecordForm
from .base import View, select_list_item
from .record_commands import create_and_show, delete_after_asking
from .record_split import (
    button_row,
    form_page,
    heading_label,
    record_list,
    split_view,
    stacked,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MeetingsView(View):
    key = "meetings"

    # The meeting whose report the user asked for (the shell may log or track it).
    report_requested = Signal(int)

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.current_id: int | None = None
        self.list = record_list(self)
        self.list.currentItemChanged.connect(self._current_changed)
        self.new_button = QPushButton(_("&New meeting"), self)
        self.delete_button = QPushButton(_("Delete"), self)  # no Alt+letter: destructive
        self.report_button = QPushButton(_("&Prepare report…"), self)
        self.new_button.clicked.connect(self.new_meeting)
        self.delete_button.clicked.connect(self.delete_current)
        self.report_button.clicked.connect(self.prepare_report)

        self.form = RecordForm(
            context,
            Meeting,
            [
                FormField("title", _("&Title"), check=lambda v: check_not_blank(v, "title")),
                FormField("held_on", _("&Date"), "date"),
                FormField("kind", _("&Kind"), "choice", lambda: list(choices(MeetingKind))),
                FormField("location", _("&Location")),
                FormField("decisions", _("De&cisions"), "text"),
                FormField("minutes", _("&Minutes"), "text"),
            ],
            parent=self,
        )
        organisations = lookup_choices(context, Organisation, "name")
        self.attendees = ChildTable(
            context,
            ChildSpec(
                MeetingAttendee,
                "meeting_id",
                [
                    Column("name", _("Name"), width=180),
                    Column(
                        "organisation_id",
                        _("Organisation"),
                        "choice",
                        lambda: [(None, ""), *organisations()],
                        220,
                    ),
                    Column("function", _("Function")),
                ],
                defaults=lambda session: {"name": _("New attendee")},
            ),
            parent=self,
        )
        self.actions_table = ChildTable(
            context,
            ChildSpec(
                MeetingAction,
                "meeting_id",
                [
                    Column(
                        "action_id",
                        _("Action"),
                        editable=False,
                        display=self._action_label,
                        width=320,
                    ),
                    Column("note", _("Note")),
                ],
            ),
            parent=self,
        )
        self.actions_table.add_button.hide()
        actions = lookup_choices(context, Action, "title")
        self.agenda = ChildTable(
            context,
            ChildSpec(
                MeetingAgendaItem,
                "meeting_id",
                [
                    Column("position", _("No."), "int", width=50),
                    Column("title", _("Item"), width=360),
                    Column("presenter", _("Presented by"), width=200),
                    Column("duration_minutes", _("Minutes"), "int", width=80),
                ],
                defaults=lambda session: {"title": _("New item")},
                order_by="position",
            ),
            parent=self,
        )
        self.decisions = ChildTable(
            context,
            ChildSpec(
                MeetingDecision,
                "meeting_id",
                [
                    Column("text", _("Decision"), width=320),
                    Column("status", _("Status"), "choice", enum_choices(DecisionStatus), 120),
                    Column(
                        "action_id", _("Action"), "choice", lambda: [(None, ""), *actions()], 220
                    ),
                    Column("owner", _("Who"), width=140),
                    Column("due_on", _("Due"), "date", width=100),
                    Column(
                        "follow_up", _("Follow-up"), "choice", enum_choices(FollowUpStatus), 120
                    ),
                    Column("follow_up_note", _("Comment")),
                ],
                defaults=lambda session: {"text": _("New decision")},
                order_by="position",
            ),
            parent=self,
        )
        self.action_code = QLineEdit(self)
        self.action_code.setPlaceholderText(_("Code of an action discussed"))
        self.link_button = QPushButton(_("&Add action"), self)
        self.link_button.clicked.connect(self.link_action)

        tabs = QTabWidget(self)
        tabs.addTab(form_page(self, self.form), _("&Meeting"))
        tabs.addTab(self.agenda, _("A&genda"))
        tabs.addTab(self.attendees, _("A&ttendees"))
        tabs.addTab(self.decisions, _("Deci&sions"))
        actions_page = stacked(
            self, [button_row(self.action_code, self.link_button), self.actions_table]
        )
        tabs.addTab(actions_page, _("Actions &discussed"))

        left = stacked(
            self, [self.list, button_row(self.new_button, self.delete_button)], margins=False
        )
        self.heading = heading_label(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.report_button)
        right = stacked(self, [top, tabs])
        split_view(self, left, right, stretch=(0, 3), sizes=(320, 980))
        self.refresh()

    def title(self) -> str:
        return _("Committees")

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible():
            self.schedule_refresh()

    def refresh(self) -> None:
        with self.context.store.session() as session:
            meetings = meeting_service.list_meetings(session, self.context.territory_id)
        self.list.blockSignals(True)
        self.list.clear()
        for meeting in meetings:
            item = QListWidgetItem(
                f"{format_date(meeting.held_on)} · {meeting.title}\n{label(meeting.kind)}"
            )
            item.setData(ID_ROLE, meeting.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [m.id for m in meetings]
        self.show_item(self.current_id if self.current_id in ids else (ids[0] if ids else None))

    def show_item(self, item_id: int | None) -> None:
        select_list_item(self.list, item_id, ID_ROLE)
        self._load(item_id if item_id is not None and item_id >= 0 else None)

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._load(int(item.data(ID_ROLE)))

    def _load(self, meeting_id: int | None) -> None:
        meeting = None
        if meeting_id is not None:
            with self.context.store.session() as session:
                meeting = records.record(session, Meeting, meeting_id)
        self.current_id = meeting.id if meeting else None
        self.heading.setText(meeting.title if meeting else _("No committee meeting yet."))
        self.form.load(meeting)
        self.attendees.load(self.current_id)
        self.agenda.load(self.current_id)
        self.decisions.load(self.current_id)
        self.actions_table.load(self.current_id)
        for widget in (self.delete_button, self.link_button, self.action_code):
            widget.setEnabled(meeting is not None)
        self.report_button.setEnabled(meeting is not None)

    def _action_label(self, action_id: Any) -> str:
        with self.context.store.session() as session:
            action = records.record(session, Action, action_id)
        return f"{action.code} {action.title}" if action is not None else ""

    def new_meeting(self) -> int | None:
        territory_id = self.context.territory_id
        if territory_id is None:
            QMessageBox.information(self, _("New meeting"), _("Choose a territory first."))
            return None
        actor, plan_id = self.context.actor, self.context.plan_id

        def factory(session: Session) -> Meeting:
            return meeting_service.create_meeting(
                session,
                actor,
                territory_id=territory_id,
                held_on=date.today(),
                title=_("Steering committee"),
                plan_id=plan_id,
            )

        return create_and_show(self, factory, _("New meeting"))

    def delete_current(self) -> bool:
        if self.current_id is None:
            return False
        with self.context.store.session() as session:
            meeting = records.record(session, Meeting, self.current_id)
        if meeting is None:
            return False
        question = _(
            "Delete the meeting {title}? Its attendees and the list of actions discussed "
            "go with it; reports taken at it are kept. You can undo this."
        ).format(title=meeting.title)
        return delete_after_asking(self, meeting, _("Delete meeting"), question)

    def link_action(self) -> None:
        if self.current_id is None:
            return
        code = self.action_code.text().strip()
        meeting_id = self.current_id
        with self.context.store.session() as session:
            action_id = records.action_id_by_code(session, code, self.context.plan_id)
        errors = self.actions_table.errors
        if action_id is None:
            errors.show_message(_("No action has the code {code}.").format(code=code))
            return
        actor = self.context.actor

        def factory(session: Session) -> MeetingAction:
            meeting = records.record(session, Meeting, meeting_id)
            assert meeting is not None
            return meeting_service.link_action(session, actor, meeting, int(action_id))

        try:
            push(self.context, CreateCommand(self.context, factory, text=_("Add action")))
        except IntegrityError:  # the unique constraint: already listed
            errors.show_message(_("This action is already listed."))
            return
        errors.show_message("")
        self.action_code.clear()

    def prepare_report(self) -> QWidget | None:
        """Open the report options for this meeting (window-modal, not blocking: the dialog
        runs the report in the background and stays open to show its progress)."""
        if self.current_id is None:
            return None
        self.report_requested.emit(self.current_id)
        from ..dialogs.report_dialog import ReportDialog

        dialog = ReportDialog(self.context, self.current_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
