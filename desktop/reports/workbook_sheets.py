"""Rows of the workbook's readable sheets, produced lazily from the store's named queries
(``services.queries``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from ..i18n import _
from ..labels import label, provenance
from ..models import BudgetState, Indicator, Section
from ..services import contracts as contract_service
from ..services import values as value_rules
from ..services.queries import actions as action_queries
from ..services.queries import budget as budget_queries
from ..services.queries import contracts as contract_queries
from ..services.queries import indicators as indicator_queries
from .workbook_cells import Column


def plan_rows(
    session: Session,
    plans: dict[int, str],
    sections: dict[int, Section],
    organisations: dict[int, str],
) -> Iterator[tuple[Any, ...]]:
    codes = action_queries.action_codes(session)
    partners = {
        action_id: [organisations.get(i, "") for i in ids]
        for action_id, ids in action_queries.partner_ids_by_action(session).items()
    }
    tags = action_queries.tags_by_action(session)
    yes, no = _("yes"), _("no")
    for a in action_queries.actions_in_plan_order(session):
        section = sections.get(a.section_id) if a.section_id else None
        yield (
            plans.get(a.plan_id, ""),
            section.code if section else "",
            section.title if section else "",
            a.code,
            a.title,
            a.description,
            codes.get(a.parent_id, "") if a.parent_id else "",
            organisations.get(a.lead_organisation_id, "") if a.lead_organisation_id else "",
            a.lead_service,
            a.lead_person,
            a.elected_referent,
            label(a.participation),
            label(a.status),
            label(a.priority) if a.priority else "",
            a.progress_percent,
            a.start_date,
            a.end_date,
            a.calendar_text,
            a.budget_text,
            yes if a.recurring else no,
            yes if a.confidential else no,
            ", ".join(p for p in partners.get(a.id or 0, []) if p),
            ", ".join(tags.get(a.id or 0, [])),
            a.uuid,
        )


def budget_rows(session: Session, organisations: dict[int, str]) -> Iterator[tuple[Any, ...]]:
    actions = action_queries.action_codes_and_titles(session)
    budget, funding = _("Budget"), _("Funding")
    for line in budget_queries.budget_lines_in_order(session):
        code, title = actions.get(line.action_id, ("", ""))
        yield (
            code,
            title,
            budget,
            line.year,
            label(line.nature) if line.nature else "",
            label(line.scenario),
            label(line.state),
            (line.amount, line.unit),
            line.unit,
            label(line.tax_basis),
            "",
            "",
            None,
            None,
            label(line.scope),
            label(line.precision) if line.state == BudgetState.AMOUNT else "",
            "",
            " — ".join(t for t in (line.label, line.text) if t),
        )
    for f in budget_queries.fundings_in_order(session):
        code, title = actions.get(f.action_id, ("", ""))
        yield (
            code,
            title,
            funding,
            None,
            "",
            "",
            "",
            (f.amount, f.currency),
            f.currency,
            "",
            organisations.get(f.funder_id, "") if f.funder_id else "",
            f.programme,
            f.rate_percent,
            f.rate_max_percent,
            "",
            "",
            label(f.stage) if f.stage else "",
            f.text,
        )


def indicator_columns(years: list[int]) -> list[Column]:
    return [
        Column(_("Indicator code"), 16),
        Column(_("Indicator"), 36, "wrap"),
        Column(_("Unit"), 10),
        Column(_("Territory"), 22, "wrap"),
        Column(_("Values"), 11),
        *(Column(str(year), 10, "number") for year in years),
    ]


def indicator_rows(
    session: Session, indicators: dict[int, Indicator], territories: dict[int, str]
) -> tuple[list[int], Iterator[tuple[Any, ...]]]:
    """The wide layout: years as columns, one row per indicator, territory and kind."""
    years = indicator_queries.value_years(session)
    first = years[0] if years else 0
    targets: dict[tuple[int, int], dict[int, Decimal | None]] = defaultdict(dict)
    for t in indicator_queries.targets_as_entered(session):
        targets[(t.indicator_id, t.territory_id)][t.horizon_year] = t.value

    def head(indicator_id: int, territory_id: int, what: str) -> list[Any]:
        ind = indicators.get(indicator_id)
        return [
            ind.code if ind else "",
            ind.name if ind else "",
            ind.unit if ind else "",
            territories.get(territory_id, ""),
            what,
        ]

    def rows() -> Iterator[tuple[Any, ...]]:
        # Streamed in the order of the observation key's index; the kinds of one indicator
        # and territory are split here.
        current: tuple[int, int] | None = None
        # one row per provenance (kind and origin), the one that counts first
        by_kind: dict[tuple[Any, Any], list[Any]] = {}
        done: set[tuple[int, int]] = set()

        def flush(pair: tuple[int, int]) -> Iterator[tuple[Any, ...]]:
            for kind, origin in sorted(by_kind, key=lambda k: value_rules.rank(*k)):
                what = provenance(kind, origin)
                yield tuple(head(pair[0], pair[1], what) + by_kind[(kind, origin)])
            yield from target_row(pair[0], pair[1], done)

        cells = indicator_queries.value_cells(session)
        for indicator_id, territory_id, kind, origin, year, value in cells:
            pair = (indicator_id, territory_id)
            if pair != current:
                if current is not None:
                    yield from flush(current)
                current = pair
                by_kind = {}
            row = by_kind.get((kind, origin))
            if row is None:
                row = by_kind[(kind, origin)] = [None] * len(years)
            row[year - first] = value
        if current is not None:
            yield from flush(current)
        for indicator_id, territory_id in sorted(targets):
            yield from target_row(indicator_id, territory_id, done)

    def target_row(
        indicator_id: int, territory_id: int, done: set[tuple[int, int]]
    ) -> Iterator[tuple[Any, ...]]:
        key = (indicator_id, territory_id)
        if key in done or key not in targets:
            return
        done.add(key)
        values: list[Any] = [None] * len(years)
        for year, value in targets[key].items():
            values[year - first] = value
        yield tuple(head(indicator_id, territory_id, _("Target")) + values)

    return years, rows()


def target_rows(
    session: Session,
    indicators: dict[int, Indicator],
    territories: dict[int, str],
    plans: dict[int, str],
) -> Iterator[tuple[Any, ...]]:
    for t in indicator_queries.targets_in_order(session):
        ind = indicators.get(t.indicator_id)
        yield (
            ind.code if ind else "",
            ind.name if ind else "",
            ind.unit if ind else "",
            territories.get(t.territory_id, ""),
            plans.get(t.plan_id, "") if t.plan_id else "",
            t.horizon_year,
            t.value,
            t.relative_change_percent,
            t.reference_year,
            t.source,
            t.comment,
        )


def cotri_rows(session: Session) -> Iterator[tuple[Any, ...]]:
    """One row per contractual indicator and year; achieved values and rates are those of
    ``services.contracts.achievement`` (the values that count), as the report and the view show."""
    for contract in contract_queries.contracts_by_id(session):
        assert contract.id is not None
        links = contract_queries.contract_links(session, contract.id)
        for item in contract_service.achievement(session, contract.id).indicators:
            link = links[item.link_id]
            for year in item.years:
                yield (
                    contract.title,
                    f"{contract.period_start}-{contract.period_end}",
                    item.code,
                    item.name,
                    item.unit,
                    link.weight,
                    link.objective_text,
                    year.year,
                    year.target,
                    year.achieved,
                    (year.rate * 100) if year.rate is not None else None,
                )
