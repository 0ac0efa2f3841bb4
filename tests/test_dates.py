"""Dates with the precision plans write them with: a season, a month, a year; lateness waits
for the end of the period."""

from __future__ import annotations

from datetime import date

import pytest

from desktop import i18n
from desktop.models import ActionStatus, DatePrecision, PlanKind, PlanStatus, TerritoryKind
from desktop.services import actions, dates, plans, territories
from desktop.services.changes import Actor
from desktop.store import Store

P = DatePrecision


@pytest.mark.parametrize(
    ("day", "precision", "first", "last"),
    [
        (date(2018, 7, 14), P.SEASON, date(2018, 6, 21), date(2018, 9, 22)),
        (date(2018, 6, 21), P.SEASON, date(2018, 6, 21), date(2018, 9, 22)),
        (date(2019, 1, 10), P.SEASON, date(2018, 12, 21), date(2019, 3, 19)),
        (date(2020, 2, 10), P.MONTH, date(2020, 2, 1), date(2020, 2, 29)),
        (date(2018, 5, 5), P.YEAR, date(2018, 1, 1), date(2018, 12, 31)),
        (date(2018, 5, 5), P.DAY, date(2018, 5, 5), date(2018, 5, 5)),
    ],
)
def test_the_period_a_date_stands_for(
    day: date, precision: DatePrecision, first: date, last: date
) -> None:
    assert dates.period(day, precision) == (first, last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("été 2018", (date(2018, 6, 21), P.SEASON)),
        ("summer 2018", (date(2018, 6, 21), P.SEASON)),
        ("à partir de 2018", (date(2018, 1, 1), P.YEAR)),
        ("juin 2019", (date(2019, 6, 1), P.MONTH)),
        ("03/2020", (date(2020, 3, 1), P.MONTH)),
        ("2021", (date(2021, 1, 1), P.YEAR)),
        ("en continu", None),
    ],
)
def test_dates_as_plans_write_them(text: str, expected: object) -> None:
    assert dates.parse_partial(text) == expected


def test_a_date_is_shown_with_its_precision() -> None:
    summer = date(2018, 9, 22)
    assert dates.format_partial(summer, P.SEASON) == "été 2018"
    assert dates.format_partial(date(2018, 1, 1), P.YEAR) == "2018"
    assert dates.format_partial(date(2019, 6, 30), P.MONTH) == "juin 2019"
    with i18n.language("en"):
        assert dates.format_partial(summer, P.SEASON) == "summer 2018"
    with i18n.language("nl"):
        assert dates.format_partial(summer, P.SEASON) == "zomer 2018"


def test_an_action_due_in_summer_is_late_only_once_the_summer_is_over(
    store: Store, actor: Actor
) -> None:
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="200041960", kind=TerritoryKind.CA
        )
        plan = plans.create_plan(
            session,
            actor,
            territory_id=territory.pk,
            title="Plan",
            kind=PlanKind.ACTION_PLAN,
            status=PlanStatus.ADOPTED,
        )
        # "été 2018" typed as any day of that summer, "à partir de 2018" as a day of 2018
        action = actions.create_action(
            session,
            actor,
            plan_id=plan.pk,
            title="Étude",
            status=ActionStatus.IN_PROGRESS,
            start_date=date(2018, 3, 3),
            start_date_precision=P.YEAR,
            end_date=date(2018, 7, 1),
            end_date_precision=P.SEASON,
        )
        # stored as the period's first and last day
        assert (action.start_date, action.end_date) == (date(2018, 1, 1), date(2018, 9, 22))
        assert not actions.is_late(action, date(2018, 9, 1))
        assert not actions.is_late(action, date(2018, 9, 22))
        assert actions.is_late(action, date(2018, 9, 23))
        from desktop.services.action_rows import fetch_rows

        assert not fetch_rows(session, [action.pk], today=date(2018, 9, 1))[action.pk].late
        assert fetch_rows(session, [action.pk], today=date(2018, 9, 23))[action.pk].late
        # the precision changed alone moves the stored day to the new period's end
        actions.update_action(session, actor, action, {"end_date_precision": P.YEAR})
        assert action.end_date == date(2018, 12, 31)
