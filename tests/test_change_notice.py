"""Typed change notices: which kinds of records changed and, when known, which ids; a view
hears only of what it shows."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.models import Territory
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.change_notice import ChangeNotice


def test_a_notice_of_everything_touches_every_kind() -> None:
    notice = ChangeNotice.everything()
    assert notice.is_everything and notice == ChangeNotice.of("")
    assert notice.touches({"action"}) and notice.ids_of("action") is None


def test_a_notice_of_one_kind_names_its_ids() -> None:
    notice = ChangeNotice.of("action", 4, None, 7)
    assert not notice.is_everything
    assert notice.touches({"action", "plan"}) and not notice.touches({"observation"})
    assert notice.ids_of("action") == {4, 7}
    assert notice.ids_of("observation") == frozenset()  # nothing of that kind changed
    assert ChangeNotice.of("action").ids_of("action") is None  # any action may have


def test_notices_are_frozen_and_compare_by_value() -> None:
    notice = ChangeNotice.of("plan", 1)
    with pytest.raises(AttributeError):
        notice.kinds = frozenset()  # type: ignore[misc]
    assert notice == ChangeNotice.of("plan", 1) and hash(notice) == hash(ChangeNotice.of("plan", 1))


@pytest.mark.gui
def test_a_command_notifies_its_table_and_record(qtbot: Any, store: Store) -> None:
    from desktop.services.changes import Actor
    from desktop.services.territories import create_territory
    from desktop.ui.commands import EditCommand, push
    from desktop.ui.context import AppContext

    with store.transaction() as session:
        territory_id = create_territory(session, Actor("Claire", "ui"), name="CA du Calaisis").pk
    context = AppContext(store, UserSettings(user_name="Claire"))
    assert context.actor == Actor("Claire", "ui")
    heard: list[object] = []
    context.data_changed.connect(heard.append)
    push(context, EditCommand(context, Territory, territory_id, {"name": "Grand Calais"}))
    context.undo_stack.undo()
    expected = ChangeNotice.of("territory", territory_id)
    assert heard == [expected, expected]


@pytest.mark.gui
def test_a_view_reloads_only_for_what_it_shows(qtbot: Any, store: Store) -> None:
    from desktop.ui.context import AppContext
    from desktop.ui.views.base import View

    class Counting(View):
        shows = frozenset({"observation"})
        refreshed = 0

        def title(self) -> str:
            return "counting"

        def refresh(self) -> None:
            self.refreshed += 1

    context = AppContext(store, UserSettings(user_name="Claire"))
    view = Counting(context)
    qtbot.addWidget(view)
    view.show()
    context.notify(ChangeNotice.of("action", 3))
    assert view.refreshed == 0 and not view.concerned_by(ChangeNotice.of("action"))
    context.notify(ChangeNotice.of("observation", 9))
    context.notify(ChangeNotice.everything())
    assert view.refreshed == 2
