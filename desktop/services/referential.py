"""The indicator referential as a hierarchy: computed parents and disagreeing values.

A referential indicator with a sum formula (TeT's ``val(cae_1.c)+opt_val(cae_1.h)``) is
computed from its children for the years it has no value of its own; a ``val`` term is
required (no value without it), an ``opt_val`` term optional. A value entered for such a parent
that differs from its children's sum by more than ``TOLERANCE`` is flagged: both stay, the
entered value counts, and the window and the reports say they disagree. Children in another
unit (t CO2e under a kt CO2e total, MWh under GWh) are converted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Final

import sqlalchemy as sa
from sqlmodel import Session, col

from ..i18n import current_language
from ..models import Indicator, Observation, ObservationKind, ValueOrigin
from ..store.referential import read_resource
from ..units import conversion_factor, parse_unit
from . import values as value_rules

# Published inventories round each sector: a total within half a percent of its parts agrees.
TOLERANCE: Final = Decimal("0.005")
_TERM = re.compile(r"^(opt_val|val)\(([^()]+)\)$")


@cache
def _titles() -> dict[str, dict[str, str]]:
    """identifier -> {language: title}, from the shipped resource (read once)."""
    try:
        entries = read_resource()["indicators"]
    except (OSError, ValueError):  # a damaged installation still shows the stored names
        return {}
    return {str(e["identifier"]): dict(e["title"]) for e in entries}


def titles(identifier: str) -> dict[str, str]:
    """A referential indicator's title by language ({} when the resource does not know it)."""
    return _titles().get(identifier, {})


def display_name(indicator: Indicator, language: str | None = None) -> str:
    """The indicator's name in the user's language: a referential indicator's title as
    translated in the resource, a custom indicator's name as typed."""
    if indicator.identifier:
        title = _titles().get(indicator.identifier, {}).get(language or current_language())
        if title:
            return title
    return indicator.name


@dataclass(frozen=True)
class Term:
    identifier: str
    required: bool


def parse_formula(formula: str) -> list[Term]:
    """The terms of a sum formula; empty when there is none or it is not a plain sum (a ratio
    such as ``val(cae_1.a)/val(terr_1)`` is not computed here)."""
    text = "".join(formula.split())
    if not text:
        return []
    terms = []
    for part in text.split("+"):
        match = _TERM.match(part)
        if match is None:
            return []
        terms.append(Term(match.group(2), match.group(1) == "val"))
    return terms


@dataclass(frozen=True)
class Node:
    """What the hierarchy needs of an indicator."""

    indicator_id: int
    identifier: str
    unit: str
    terms: tuple[Term, ...]
    parents: tuple[str, ...]


@dataclass(frozen=True)
class ResolvedValue:
    """One year of a referential indicator: the value that counts (entered, else computed),
    and both sides when a parent has both."""

    year: int
    value: Decimal
    kind: ObservationKind
    origin: ValueOrigin
    source: str
    entered: Decimal | None
    computed: Decimal | None

    @property
    def is_computed(self) -> bool:
        return self.entered is None

    @property
    def disagrees(self) -> bool:
        return disagree(self.entered, self.computed)


def disagree(entered: Decimal | None, computed: Decimal | None) -> bool:
    if entered is None or computed is None:
        return False
    scale = max(abs(entered), abs(computed))
    return scale > 0 and abs(entered - computed) > TOLERANCE * scale


@dataclass
class Hierarchy:
    nodes: dict[str, Node]
    by_id: dict[int, Node]
    children: dict[str, list[str]] = field(default_factory=dict)

    def descendants(self, identifier: str) -> set[str]:
        """Every identifier a node's formula reaches, itself included."""
        seen = {identifier}
        pending = [identifier]
        while pending:
            node = self.nodes.get(pending.pop())
            for term in node.terms if node else ():
                if term.identifier not in seen:
                    seen.add(term.identifier)
                    pending.append(term.identifier)
        return seen


def hierarchy(session: Session) -> Hierarchy:
    """The referential indicators of the store (a few hundred rows)."""
    rows = session.execute(
        sa.select(
            col(Indicator.id),
            col(Indicator.identifier),
            col(Indicator.unit),
            col(Indicator.formula),
            col(Indicator.parent_identifiers),
        ).where(col(Indicator.identifier).is_not(None))
    ).all()
    nodes = {
        str(identifier): Node(
            int(indicator_id),
            str(identifier),
            unit,
            tuple(parse_formula(formula)),
            tuple(parents.split()),
        )
        for indicator_id, identifier, unit, formula, parents in rows
    }
    children: dict[str, list[str]] = defaultdict(list)
    for node in nodes.values():
        for parent in node.parents:
            children[parent].append(node.identifier)
    return Hierarchy(nodes, {n.indicator_id: n for n in nodes.values()}, dict(children))


@dataclass(frozen=True)
class _Stored:
    year: int
    value: Decimal
    kind: ObservationKind
    origin: ValueOrigin
    source: str


class _Resolver:
    def __init__(self, tree: Hierarchy, stored: Mapping[str, dict[int, _Stored]]) -> None:
        self.tree = tree
        self.stored = stored
        self.done: dict[str, dict[int, ResolvedValue]] = {}
        self.busy: set[str] = set()

    def resolve(self, identifier: str) -> dict[int, ResolvedValue]:
        if identifier in self.done:
            return self.done[identifier]
        node = self.tree.nodes.get(identifier)
        if node is None or identifier in self.busy:  # unknown term, or a cycle: no value
            return {}
        self.busy.add(identifier)
        computed = self._computed(node)
        self.busy.discard(identifier)
        result: dict[int, ResolvedValue] = {}
        own = self.stored.get(identifier, {})
        for year in sorted(set(own) | set(computed)):
            entered = own.get(year)
            sum_value = computed.get(year)
            if entered is not None:
                result[year] = ResolvedValue(
                    year,
                    entered.value,
                    entered.kind,
                    entered.origin,
                    entered.source,
                    entered.value,
                    sum_value[0] if sum_value else None,
                )
            elif sum_value is not None:
                value, weakest = sum_value
                result[year] = ResolvedValue(
                    year, value, weakest.kind, weakest.origin, "", None, value
                )
        self.done[identifier] = result
        return result

    def _computed(self, node: Node) -> dict[int, tuple[Decimal, ResolvedValue]]:
        if not node.terms:
            return {}
        target = parse_unit(node.unit)
        parts: list[tuple[Term, dict[int, ResolvedValue], Decimal]] = []
        for term in node.terms:
            child = self.tree.nodes.get(term.identifier)
            source = parse_unit(child.unit) if child else None
            factor = (
                conversion_factor(source, target)
                if source is not None and target is not None
                else None
            )
            if factor is None:
                if term.required:
                    return {}
                continue
            parts.append((term, self.resolve(term.identifier), factor))
        years = sorted({year for _term, series, _f in parts for year in series})
        result: dict[int, tuple[Decimal, ResolvedValue]] = {}
        for year in years:
            total = Decimal(0)
            used: list[ResolvedValue] = []
            missing_required = False
            for term, series, factor in parts:
                point = series.get(year)
                if point is None:
                    missing_required = missing_required or term.required
                    continue
                total += point.value * factor
                used.append(point)
            if missing_required or not used:
                continue
            weakest = max(used, key=lambda p: value_rules.rank(p.kind, p.origin))
            result[year] = (_plain(total) if total else Decimal(0), weakest)
        return result


def _plain(total: Decimal) -> Decimal:
    """A sum without trailing zeros but never in exponent form: 930, not 9.3E+2."""
    normal = total.normalize()
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


def resolved_values(
    session: Session,
    territory_id: int,
    identifiers: Iterable[str] | None = None,
    *,
    tree: Hierarchy | None = None,
) -> dict[str, dict[int, ResolvedValue]]:
    """Referential indicators' values for a territory by identifier and year: the value that
    counts (``values.pick``), else the sum of the children. All of them when ``identifiers``
    is None."""
    tree = tree or hierarchy(session)
    wanted = set(tree.nodes) if identifiers is None else set(identifiers)
    needed: set[str] = set()
    for identifier in wanted:
        needed |= tree.descendants(identifier)
    ids = [tree.nodes[i].indicator_id for i in needed if i in tree.nodes]
    by_indicator: dict[int, list[_Stored]] = defaultdict(list)
    if ids:
        rows = session.execute(
            sa.select(
                col(Observation.indicator_id),
                col(Observation.year),
                col(Observation.value),
                col(Observation.kind),
                col(Observation.origin),
                col(Observation.source),
            ).where(
                col(Observation.territory_id) == territory_id,
                col(Observation.indicator_id).in_(ids),
            )
        ).all()
        for indicator_id, year, value, kind, origin, source in rows:
            by_indicator[int(indicator_id)].append(
                _Stored(int(year), value, ObservationKind(kind), ValueOrigin(origin), source or "")
            )
    stored = {
        tree.by_id[indicator_id].identifier: value_rules.pick(points)
        for indicator_id, points in by_indicator.items()
    }
    resolver = _Resolver(tree, stored)
    return {i: resolver.resolve(i) for i in sorted(wanted) if i in tree.nodes}


@dataclass(frozen=True)
class Disagreement:
    identifier: str
    indicator_id: int
    year: int
    entered: Decimal
    computed: Decimal


def disagreements(session: Session, territory_id: int) -> list[Disagreement]:
    """Every parent value of the territory that differs from the sum of its children."""
    tree = hierarchy(session)
    found = []
    for identifier, series in resolved_values(session, territory_id, tree=tree).items():
        for point in series.values():
            if point.disagrees and point.entered is not None and point.computed is not None:
                found.append(
                    Disagreement(
                        identifier,
                        tree.nodes[identifier].indicator_id,
                        point.year,
                        point.entered,
                        point.computed,
                    )
                )
    return sorted(found, key=lambda d: (d.identifier, d.year))
