"""COTRI scorecard: achieved against target per contractual indicator and year, overall rate.

The contracts service is written elsewhere; until it offers an achievement computation the
dashboard and the charts use this one. Rules:
- achievement of a year = achieved / target for higher-is-better indicators, target / achieved
  for lower-is-better ones (1.0 when the target is met or beaten, never negative);
- an indicator's rate is that of its latest year with both a target and a measured value;
- the overall rate is the weighted mean (weights of the contract, 1 when unset) of the
  indicators' rates capped at 100 %, so one overshoot does not hide a shortfall elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from ..models import (
    Contract,
    ContractIndicator,
    ContractTarget,
    Direction,
    Indicator,
    ObservationKind,
)
from . import values


@dataclass(frozen=True)
class YearScore:
    year: int
    target: float
    achieved: float | None
    rate: float | None
    # How the achieved value was obtained (an illustrative one is printed as such).
    kind: ObservationKind | None = None


@dataclass(frozen=True)
class IndicatorScore:
    indicator_id: int
    code: str
    name: str
    unit: str
    weight: float
    years: list[YearScore]

    @property
    def latest(self) -> YearScore | None:
        scored = [y for y in self.years if y.rate is not None]
        return scored[-1] if scored else None

    @property
    def rate(self) -> float | None:
        latest = self.latest
        return latest.rate if latest is not None else None


@dataclass(frozen=True)
class Scorecard:
    contract_id: int
    title: str
    period: tuple[int, int]
    indicators: list[IndicatorScore]

    @property
    def overall(self) -> float | None:
        scored = [(i.weight, min(i.rate, 1.0)) for i in self.indicators if i.rate is not None]
        weights = sum(w for w, _ in scored)
        if not scored or weights == 0:
            return None
        return sum(w * r for w, r in scored) / weights


def year_rate(achieved: float | None, target: float, direction: Direction) -> float | None:
    if achieved is None:
        return None
    if direction == Direction.LOWER_IS_BETTER:
        if achieved <= target:
            return 1.0
        return max(target, 0.0) / achieved if achieved > 0 else None
    if target == 0:
        return 1.0 if achieved >= 0 else 0.0
    return max(achieved / target, 0.0)


def scorecard(session: Session, contract_id: int) -> Scorecard:
    """Four queries whatever the size of the contract."""
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise LookupError(contract_id)
    links = session.exec(
        select(ContractIndicator, Indicator)
        .join(Indicator, Indicator.id == ContractIndicator.indicator_id)  # type: ignore[arg-type]
        .where(ContractIndicator.contract_id == contract_id)
        .order_by(col(ContractIndicator.position), col(ContractIndicator.id))
    ).all()
    link_ids = [link.id for link, _ in links]
    targets: dict[int, list[tuple[int, Decimal]]] = {}
    for row in session.exec(
        select(ContractTarget)
        .where(col(ContractTarget.contract_indicator_id).in_(link_ids))
        .order_by(col(ContractTarget.year))
    ):
        targets.setdefault(row.contract_indicator_id, []).append((row.year, row.value))
    indicator_ids = [indicator.id for _, indicator in links]
    # The value that counts for each year, whatever its kind: an illustrative achievement is
    # scored, and said to be illustrative.
    counted = values.counted_by_year(session, contract.territory_id, indicator_ids)
    observed: dict[tuple[int, int], float] = {
        key: float(value) for key, (value, _kind) in counted.items()
    }
    kinds = {key: kind for key, (_value, kind) in counted.items()}
    scores = []
    for link, indicator in links:
        assert indicator.id is not None and link.id is not None
        years = []
        for year, target in targets.get(link.id, []):
            achieved = observed.get((indicator.id, year))
            years.append(
                YearScore(
                    year,
                    float(target),
                    achieved,
                    year_rate(achieved, float(target), indicator.direction),
                    kinds.get((indicator.id, year)),
                )
            )
        scores.append(
            IndicatorScore(
                indicator.id,
                indicator.code,
                indicator.name,
                indicator.unit,
                float(link.weight) if link.weight is not None else 1.0,
                years,
            )
        )
    return Scorecard(
        contract_id, contract.title, (contract.period_start, contract.period_end), scores
    )


def contract_ids(session: Session, territory_id: int | None = None) -> list[int]:
    query = select(Contract.id).order_by(col(Contract.period_start).desc(), col(Contract.id))
    if territory_id is not None:
        query = query.where(Contract.territory_id == territory_id)
    return [int(i) for i in session.exec(query).all() if i is not None]
