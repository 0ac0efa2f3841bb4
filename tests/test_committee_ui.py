"""The window's side of the committee report: agenda and decisions of a meeting, the logo kept
in the store's settings, and the format chosen in the report dialog."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_report import build_sample
from desktop import i18n
from desktop.models import DecisionStatus, Meeting
from desktop.services import committee_record, store_settings
from desktop.services.changes import Actor
from desktop.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def sample(store: Store, actor: Actor) -> dict[str, int]:
    return build_sample(store, actor, actions=4, indicators_count=2)


def _context(store: Store, ids: dict[str, int]) -> Any:
    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext

    context = AppContext(store, UserSettings(user_name="Claire"))
    context.territory_id = ids["territory"]
    context.plan_id = ids["plan"]
    return context


def test_meeting_agenda_and_decisions_are_edited_in_the_committee_view(
    qtbot: Any, store: Store, actor: Actor, sample: dict[str, int], artifacts: Path
) -> None:
    from desktop.ui.views.meetings import MeetingsView

    with store.transaction() as session:
        meeting = session.get(Meeting, sample["meeting"])
        assert meeting is not None
        committee_record.add_agenda_item(
            session,
            actor,
            meeting,
            "Avancement par axe",
            presenter="Chargée de mission",
            duration_minutes=20,
        )
        committee_record.add_decision(
            session,
            actor,
            meeting,
            "Lancer l'étude",
            status=DecisionStatus.PROPOSED,
            due_on=date(2024, 6, 30),
        )
    view = MeetingsView(_context(store, sample))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    assert view.agenda.table.rowCount() == 1
    assert view.agenda.table.item(0, 1).text() == "Avancement par axe"
    assert view.decisions.table.rowCount() == 1
    # A decision added in the view is one the report reads.
    qtbot.mouseClick(view.decisions.add_button, qtbot_button())
    qtbot.waitUntil(lambda: view.decisions.table.rowCount() == 2)
    with store.session() as session:
        record = committee_record.meeting_record(session, session.get(Meeting, sample["meeting"]))
    assert record.to_decide[0].text == "Lancer l'étude"
    assert len(record.decisions) == 2
    from PySide6.QtWidgets import QTabWidget

    tabs = view.findChild(QTabWidget)
    tabs.setCurrentWidget(view.decisions)
    view.grab().save(str(artifacts / "committee_decisions.png"))


def qtbot_button() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_logo_is_chosen_in_the_store_settings_and_checked(
    qtbot: Any, store: Store, tmp_path: Path
) -> None:
    from PIL import Image

    from desktop.ui.dialogs.store_settings_page import StoreSettingsPage

    page = StoreSettingsPage(store)
    qtbot.addWidget(page)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a picture")
    page.set_logo_file(bad)
    assert not page.logo_error.isHidden()
    page.save()
    with store.session() as session:
        assert store_settings.logo_png(session) is None  # nothing kept from a bad file
    good = tmp_path / "good.png"
    Image.new("RGB", (200, 80), (20, 110, 150)).save(good)
    page.set_logo_file(good)
    assert page.logo_error.isHidden()
    page.save()
    with store.session() as session:
        assert store_settings.logo_png(session)
    page.clear_logo()
    page.save()
    with store.session() as session:
        assert store_settings.logo_png(session) is None


def test_report_dialog_offers_each_format_named_in_the_reports_language(
    qtbot: Any, store: Store, sample: dict[str, int], tmp_path: Path
) -> None:
    from desktop.ui.dialogs.report_dialog import ReportDialog

    i18n.set_language("en")
    dialog = ReportDialog(_context(store, sample), sample["meeting"])
    qtbot.addWidget(dialog)
    dialog.charts.setChecked(False)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.format.setCurrentIndex(dialog.format.findData("pptx"))
    name = Path(dialog.out.text()).name
    # Named in French, dated by the committee (14 March 2024), with the deck's suffix.
    assert name == "rapport-au-comite-de-pilotage-2024-03-14.pptx"
    dialog.out.setText(str(tmp_path / name))
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=60_000)
    assert dialog.result_path is not None and dialog.result_path.suffix == ".pptx"
    assert "slides written" in dialog.status.text()
    assert not dialog.print_button.isEnabled()  # the printer takes the PDF only


def test_the_action_lists_count_is_the_reports_count(
    qtbot: Any, store: Store, actor: Actor, sample: dict[str, int]
) -> None:
    from sqlmodel import col, select

    from desktop.models import Action, ActionStatus
    from desktop.services import actions as action_service
    from desktop.services.progress import status_counts
    from desktop.services.report_data import ReportOptions, gather
    from desktop.ui.views.actions import ActionListView

    i18n.set_language("en")
    plan = sample["plan"]
    # GIVEN a late sub-action under the plan's first action: a row of the list, not an action
    # of the plan's count
    with store.transaction() as session:
        parent = session.exec(
            select(Action).where(Action.plan_id == plan, col(Action.parent_id).is_(None))
        ).first()
        assert parent is not None
        action_service.create_action(
            session,
            actor,
            plan_id=plan,
            section_id=parent.section_id,
            parent_id=parent.id,
            code=f"{parent.code}.1",
            title="Sub-action",
            status=ActionStatus.LATE,
        )
    view = ActionListView(_context(store, sample))
    qtbot.addWidget(view)
    with store.session() as session:
        counts = status_counts(session, plan)
        report = gather(session, ReportOptions(plan_id=plan)).counts
    # THEN the list says the count the report prints (the same query), and the sub-action apart
    assert report == counts and view.model.total_count() == counts.total + 1
    assert view.count_label.text() == f"{counts.total} actions (and 1 sub-action)"
    # AND a filter counts the actions it shows by that query too
    view.late_only.setChecked(True)
    view.apply_filters()
    shown = view.model.total_count()
    with store.session() as session:
        late = status_counts(session, plan, action_ids=set(view.model.shown_ids()))
    assert late.total == shown - 1  # the late sub-action is shown, not counted as an action
    assert view.count_label.text().startswith(f"{late.total} action")
