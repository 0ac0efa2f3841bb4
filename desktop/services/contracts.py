"""COTRI contracts: parties, contractual indicators, yearly targets, and achievement.

Achievement is computed here only, in Decimal, for the contracts view, the dashboard's COTRI
chart and the reports alike (a chart converts to float when it draws). Rules:
- a year's rate is achieved / target when higher is better, target / achieved when lower is
  better; meeting or beating a lower-is-better target is 100 %; never negative;
- "achieved" is the measured observation of the contract's territory for that year;
- an indicator's rate is that of its latest year with both a target and a value;
- the overall rate is the mean of indicator rates capped at 100 %, weighted by the contract's
  weights (1 when unset), so an overshoot on one indicator does not hide a shortfall elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Contract,
    ContractIndicator,
    ContractParty,
    ContractPartyRole,
    ContractTarget,
    Direction,
    Indicator,
    ObservationKind,
    Organisation,
    Target,
)
from . import changes, values
from .changes import Actor, ValidationError
from .validation import check_not_blank, check_year

ONE = Decimal(1)


def create_contract(
    session: Session,
    actor: Actor,
    *,
    territory_id: int,
    title: str,
    period_start: int,
    period_end: int,
    **fields: Any,
) -> Contract:
    check_year(period_start, "period_start")
    check_year(period_end, "period_end")
    if period_end < period_start:
        from ..i18n import _

        raise ValidationError("period_end", _("The period ends before it starts."))
    contract = Contract(
        territory_id=territory_id,
        title=check_not_blank(title, "title"),
        period_start=period_start,
        period_end=period_end,
        **fields,
    )
    return changes.create(session, contract, actor)


def list_contracts(session: Session, territory_id: int | None = None) -> list[Contract]:
    query = select(Contract).order_by(col(Contract.period_start).desc(), col(Contract.id))
    if territory_id is not None:
        query = query.where(Contract.territory_id == territory_id)
    return list(session.exec(query))


def add_party(
    session: Session,
    actor: Actor,
    contract: Contract,
    organisation_id: int,
    role: ContractPartyRole,
    *,
    amount: Decimal | None = None,
    currency: str = "EUR",
) -> ContractParty:
    party = ContractParty(
        contract_id=contract.pk,
        organisation_id=organisation_id,
        role=role,
        amount=amount,
        currency=currency,
    )
    return changes.create(session, party, actor, parent=contract)


def parties(session: Session, contract_id: int) -> list[tuple[ContractParty, Organisation]]:
    return [
        (party, organisation)
        for party, organisation in session.exec(
            select(ContractParty, Organisation)
            .join(Organisation, col(Organisation.id) == col(ContractParty.organisation_id))
            .where(ContractParty.contract_id == contract_id)
            .order_by(col(ContractParty.role), col(Organisation.normalised_name))
        )
    ]


def add_indicator(
    session: Session,
    actor: Actor,
    contract: Contract,
    indicator_id: int,
    *,
    weight: Decimal | None = None,
    objective_text: str = "",
) -> ContractIndicator:
    count = len(
        session.exec(
            select(ContractIndicator.id).where(ContractIndicator.contract_id == contract.id)
        ).all()
    )
    link = ContractIndicator(
        contract_id=contract.pk,
        indicator_id=indicator_id,
        position=count,
        weight=weight,
        objective_text=objective_text,
    )
    return changes.create(session, link, actor, parent=contract)


def set_target(
    session: Session,
    actor: Actor,
    link: ContractIndicator,
    year: int,
    value: Decimal | None,
) -> ContractTarget | None:
    """Insert, change or (``value=None``) remove the target of ``year``."""
    check_year(year)
    contract = session.get(Contract, link.contract_id)
    existing = session.exec(
        select(ContractTarget).where(
            ContractTarget.contract_indicator_id == link.id, ContractTarget.year == year
        )
    ).first()
    if value is None:
        if existing is not None:
            changes.delete(session, existing, actor, parent=contract)
        return None
    if existing is not None:
        changes.update(session, existing, {"value": value}, actor, parent=contract)
        return existing
    target = ContractTarget(contract_indicator_id=link.pk, year=year, value=value)
    return changes.create(session, target, actor, parent=contract)


@dataclass(frozen=True)
class YearAchievement:
    year: int
    target: Decimal
    achieved: Decimal | None
    rate: Decimal | None  # 1 = 100 %
    # How the achieved value was obtained (an illustrative one is printed as such).
    kind: ObservationKind | None = None


@dataclass(frozen=True)
class IndicatorAchievement:
    link_id: int
    indicator_id: int
    code: str
    name: str
    unit: str
    direction: Direction
    weight: Decimal
    years: list[YearAchievement]

    @property
    def latest(self) -> YearAchievement | None:
        """The latest year with both a target and a value: the one the indicator's rate is."""
        scored = [y for y in self.years if y.rate is not None]
        return scored[-1] if scored else None

    @property
    def rate(self) -> Decimal | None:
        latest = self.latest
        return latest.rate if latest is not None else None


@dataclass(frozen=True)
class Achievement:
    contract_id: int
    title: str
    period: tuple[int, int]
    indicators: list[IndicatorAchievement]

    @property
    def years(self) -> list[int]:
        return sorted({y.year for i in self.indicators for y in i.years})

    @property
    def overall(self) -> Decimal | None:
        scored = [(i.weight, min(i.rate, ONE)) for i in self.indicators if i.rate is not None]
        total = sum((w for w, _ in scored), Decimal(0))
        if not scored or total == 0:
            return None
        return sum((w * r for w, r in scored), Decimal(0)) / total


def year_rate(achieved: Decimal | None, target: Decimal, direction: Direction) -> Decimal | None:
    if achieved is None:
        return None
    if direction == Direction.LOWER_IS_BETTER:
        if achieved <= target:
            return ONE
        return max(target, Decimal(0)) / achieved if achieved > 0 else None
    if target == 0:
        return ONE if achieved >= 0 else Decimal(0)
    return max(achieved / target, Decimal(0))


def achievement(session: Session, contract_id: int) -> Achievement:
    """Target, achieved value and rate per contractual indicator and year (four queries)."""
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise LookupError(contract_id)
    links = session.exec(
        select(ContractIndicator, Indicator)
        .join(Indicator, col(Indicator.id) == col(ContractIndicator.indicator_id))
        .where(ContractIndicator.contract_id == contract_id)
        .order_by(col(ContractIndicator.position), col(ContractIndicator.id))
    ).all()
    targets: dict[int, list[ContractTarget]] = {}
    for target in session.exec(
        select(ContractTarget)
        .where(col(ContractTarget.contract_indicator_id).in_([link.pk for link, _ in links]))
        .order_by(col(ContractTarget.year))
    ):
        targets.setdefault(target.contract_indicator_id, []).append(target)
    # The value that counts for each year, whatever its kind: an illustrative achievement is
    # scored, and said to be illustrative.
    counted = values.counted_by_year(
        session, contract.territory_id, [indicator.pk for _, indicator in links]
    )
    observed: dict[tuple[int, int], Decimal] = {
        key: value for key, (value, _kind) in counted.items()
    }
    kinds = {key: kind for key, (_value, kind) in counted.items()}
    result = []
    for link, indicator in links:
        years = []
        for target in targets.get(link.pk, []):
            achieved = observed.get((indicator.pk, target.year))
            years.append(
                YearAchievement(
                    target.year,
                    target.value,
                    achieved,
                    year_rate(achieved, target.value, indicator.direction),
                    kinds.get((indicator.pk, target.year)),
                )
            )
        result.append(
            IndicatorAchievement(
                link_id=link.pk,
                indicator_id=indicator.pk,
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                direction=indicator.direction,
                weight=link.weight if link.weight is not None else ONE,
                years=years,
            )
        )
    return Achievement(
        contract_id, contract.title, (contract.period_start, contract.period_end), result
    )


def contract_targets(
    session: Session, contract_id: int, indicator_id: int, territory_id: int
) -> list[Target]:
    """The contract's yearly targets of an indicator as (unsaved) targets of the territory, so
    the indicator's analysis and chart judge it against the contract, up to its last year."""
    rows = session.exec(
        select(ContractTarget)
        .join(
            ContractIndicator,
            col(ContractIndicator.id) == col(ContractTarget.contract_indicator_id),
        )
        .where(
            ContractIndicator.contract_id == contract_id,
            ContractIndicator.indicator_id == indicator_id,
        )
        .order_by(col(ContractTarget.year))
    )
    return [
        Target(
            indicator_id=indicator_id,
            territory_id=territory_id,
            horizon_year=t.year,
            value=t.value,
        )
        for t in rows
    ]
