"""The plan's targets against the SNBC reference, sector by sector, and the reference a chart
draws beside the observed values and the targets.

The gap is the target minus the reference (kteq CO2, GWh): positive when the plan aims higher
(less ambitious) than the reference. It is also given as a share of the sector's 2015 value,
which stays defined in 2050 where the reference of a decarbonised sector is zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Final

from sqlmodel import Session

from ..i18n import N_, _, current_language
from ..labels import dimension_label
from ..models import ReferenceKind
from .reference_inputs import (
    CATEGORY_OF_FAMILY,
    IDENTIFIER_OF,
    PlanTarget,
    factor_to,
    mapped_indicators,
    plan_targets,
)
from .reference_trajectory import ENERGY, GHG, Reference, reference_for
from .snbc_reference import ENERGY_UNIT, FIRST_YEAR, GHG_UNIT

HORIZONS: Final = (2030, 2050)

# The rows of the comparison, in the order of the arrêté of 4 August 2016, then the totals.
ROWS: Final[dict[str, tuple[str, ...]]] = {
    GHG: (
        "cae_1.c",
        "cae_1.d",
        "cae_1.e",
        "cae_1.f",
        "cae_1.k",
        "cae_1.g",
        "cae_1.h",
        "cae_1.i",
        "cae_1.j",
        "cae_1.a",
    ),
    ENERGY: (
        "cae_2.e",
        "cae_2.f",
        "cae_2.g",
        "cae_2.h",
        "cae_2.m",
        "cae_2.i",
        "cae_2.j",
        "cae_2.k",
        "cae_2.l_pcaet",
        "cae_2.a",
    ),
}
_GROUP_LABELS: Final = {
    "cae_1.a": N_("Total"),
    "cae_1.aa": N_("Net total (after sequestration)"),
    "cae_2.a": N_("Total"),
    "cae_1.k": N_("Transport (road and other)"),
    "cae_2.m": N_("Transport (road and other)"),
}
_DIMENSION_OF: Final = {
    identifier: dimension for (_c, dimension), identifier in IDENTIFIER_OF.items()
}


def identifier_label(identifier: str) -> str:
    """The sector an identifier stands for, in the user's language: the arrêté's sectors by
    their names, a sub-sector (an official reference has them) by the referential's short
    title, else the identifier itself."""
    group = _GROUP_LABELS.get(identifier)
    if group is not None:
        return _(group)
    dimension = _DIMENSION_OF.get(identifier)
    if dimension:
        return dimension_label(dimension)
    return _referential_titles().get(identifier, {}).get(current_language()) or identifier


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1)
def _referential_titles() -> dict[str, dict[str, str]]:
    """Titles of the referential's indicators by identifier and language, without the family
    prefix ("Emissions de gaz à effet de serre - résidentiel - Autres usages" -> "résidentiel -
    Autres usages")."""
    from ..store.referential import read_resource

    try:
        entries = read_resource()["indicators"]
    except (OSError, ValueError, KeyError):
        return {}
    return {
        str(entry["identifier"]): {
            language: _capital(str(title).split(" - ", 1)[-1])
            for language, title in entry["title"].items()
        }
        for entry in entries
    }


def domain_unit(domain: str) -> str:
    return ENERGY_UNIT if domain == ENERGY else GHG_UNIT


@dataclass(frozen=True)
class ComparisonRow:
    identifier: str
    base: Decimal | None  # the reference's 2015 value
    plan: dict[int, Decimal | None]  # the plan's targets by horizon
    reference: dict[int, Decimal | None]

    @property
    def label(self) -> str:
        return identifier_label(self.identifier)

    def gap(self, year: int) -> Decimal | None:
        plan, reference = self.plan.get(year), self.reference.get(year)
        if plan is None or reference is None:
            return None
        return plan - reference

    def gap_share(self, year: int) -> Decimal | None:
        """The gap as a share of the 2015 value (0.1 is ten points of 2015)."""
        gap = self.gap(year)
        if gap is None or not self.base:
            return None
        return gap / self.base


@dataclass(frozen=True)
class Comparison:
    domain: str
    reference: Reference
    rows: list[ComparisonRow] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return domain_unit(self.domain)

    @property
    def has_targets(self) -> bool:
        return any(v is not None for row in self.rows for v in row.plan.values())


def comparison(
    session: Session,
    territory_id: int,
    plan_id: int | None,
    domain: str = GHG,
    *,
    reference: Reference | None = None,
) -> Comparison:
    """One row per sector the reference covers: the plan's 2030 and 2050 targets beside it."""
    reference = reference if reference is not None else reference_for(session, territory_id)
    series = reference.series(domain)
    targets = plan_targets(session, territory_id, plan_id, mapped_indicators(session))
    rows = []
    for identifier in ROWS[domain]:
        years = series.get(identifier)
        if not years:
            continue
        planned = targets.get(identifier, {})
        rows.append(
            ComparisonRow(
                identifier,
                years.get(FIRST_YEAR),
                {y: planned[y].value if y in planned else None for y in HORIZONS},
                {y: years.get(y) for y in HORIZONS},
            )
        )
    return Comparison(domain, reference, rows)


@dataclass(frozen=True)
class ChartReference:
    """A reference line for a chart, in the chart's unit, with the plan's targets of the same
    series; empty when the units do not convert."""

    kind: ReferenceKind | None
    identifier: str = ""
    points: list[tuple[int, float]] = field(default_factory=list)
    targets: list[tuple[int, float]] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.kind == ReferenceKind.OFFICIAL:
            return _("Official SNBC reference")
        if self.identifier.startswith("cae_2."):
            return _("Reference of the Code de l'énergie (L100-4)")
        return _("Simplified SNBC reference")


def chart_reference(
    session: Session,
    territory_id: int | None,
    identifier: str,
    unit: str,
    plan_id: int | None = None,
    *,
    with_targets: bool = True,
    reference: Reference | None = None,
    targets: dict[str, dict[int, PlanTarget]] | None = None,
) -> ChartReference | None:
    """The reference of ``identifier`` in ``unit`` (the chart's), and the plan's targets of the
    same series when asked; None when there is no reference or the unit does not convert.
    ``reference`` and ``targets`` may be given when several charts are drawn at once."""
    if territory_id is None:
        return None
    factor = factor_to(unit, identifier)
    if factor is None or factor == 0:
        return None
    reference = reference if reference is not None else reference_for(session, territory_id)
    years = reference.series(ENERGY if identifier.startswith("cae_2.") else GHG).get(identifier)
    if not years:
        return None
    points = [(year, float(value / factor)) for year, value in sorted(years.items())]
    planned: dict[int, PlanTarget] = {}
    if with_targets:
        if targets is None:
            if plan_id is None:
                from .plans import main_plan

                plan_id = main_plan(session, territory_id)
            targets = plan_targets(session, territory_id, plan_id)
        planned = targets.get(identifier, {})
    drawn = [(year, float(t.value / factor)) for year, t in sorted(planned.items())]
    return ChartReference(reference.kind, identifier, points, drawn)


def category_identifier(category: object, dimension: str = "") -> str | None:
    """The identifier of a category's total (or of one of its sectors)."""
    for family, known in CATEGORY_OF_FAMILY.items():
        if known == category:
            return IDENTIFIER_OF.get((known, dimension)) or f"{family}.a"
    return None


def category_chart_reference(
    session: Session,
    territory_id: int | None,
    category: object,
    unit: str,
    plan_id: int | None = None,
) -> ChartReference | None:
    """The reference of a category's total (emissions, consumption) for its overview chart."""
    return category_chart_references(session, territory_id, {category: unit}, plan_id)[category]


def category_chart_references(
    session: Session,
    territory_id: int | None,
    units: dict[object, str],
    plan_id: int | None = None,
) -> dict[object, ChartReference | None]:
    """The references of several categories' totals, in their charts' units, reading the
    reference and the plan's targets once (the dashboard draws two)."""
    result: dict[object, ChartReference | None] = dict.fromkeys(units)
    wanted = {c: category_identifier(c) for c, unit in units.items() if unit}
    if territory_id is None or not any(wanted.values()):
        return result
    reference = reference_for(session, territory_id)
    if not reference.exists:
        return result
    if plan_id is None:
        from .plans import main_plan

        plan_id = main_plan(session, territory_id)
    targets = plan_targets(session, territory_id, plan_id)
    for category, identifier in wanted.items():
        if identifier is not None:
            result[category] = chart_reference(
                session,
                territory_id,
                identifier,
                units[category],
                reference=reference,
                targets=targets,
            )
    return result


def indicator_reference(
    session: Session, indicator_id: int, territory_id: int
) -> ChartReference | None:
    """The reference of the sector an indicator stands for, in its unit, without targets (its
    chart draws its own)."""
    from ..models import Indicator
    from .reference_inputs import identifier_of

    indicator = session.get(Indicator, indicator_id)
    identifier = identifier_of(indicator) if indicator is not None else None
    if indicator is None or identifier is None:
        return None
    return chart_reference(session, territory_id, identifier, indicator.unit, with_targets=False)
