"""The plan against the SNBC reference: what the reference is and where it comes from, the
plan's regulatory horizons, and per sector the plan's 2030 and 2050 targets beside the
reference, with the gap (on landscape pages: the table is wide). Registered in the mid-term
report (``reports.registry``), so the PDF, the Word document and the slides all carry it."""

from __future__ import annotations

from decimal import Decimal

from ...i18n import _, format_date, format_number, format_percent
from ...models import ObservationKind, ReferenceKind
from ...services import values
from ...services.horizons import plan_horizons, plan_strategy
from ...services.reference_comparison import HORIZONS, Comparison, comparison
from ...services.reference_inputs import inventory_kinds
from ...services.reference_texts import (
    REDUCTIONS_TEXT_LINES,
    method_text,
    missing_text,
    sector_group_label,
)
from ...services.reference_trajectory import DOMAINS, Reference, reference_for
from ...services.snbc_reference import INVENTORY_YEAR
from ..content import BODY, MUTED, Heading, Part, Table, Text
from . import Marks, PartContext


def _kt(value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return ""
    text = format_number(value, decimals=1)
    return f"+{text}" if signed and value > 0 else text


def _points(value: Decimal | None) -> str:
    """A share of the 2015 value as signed points: "+10,0 pts", "−7,0 pts"."""
    if value is None:
        return ""
    points = format_number(value * 100, decimals=1)
    return _("{points} pts").format(points=f"+{points}" if value > 0 else points)


def _provenance(reference: Reference) -> str:
    if reference.kind == ReferenceKind.OFFICIAL:
        return ""
    if reference.saved and reference.source_date is not None:
        return _("Computed and kept in the store on {date}.").format(
            date=format_date(reference.source_date)
        )
    if reference.out_of_date:
        return _(
            "Computed for this report from the current inventory: the reference kept in the "
            "store was computed from other values."
        )
    return _("Computed for this report from the current inventory.")


def _table(table: Comparison, kinds: dict[str, ObservationKind | None], marks: Marks) -> Table:
    unit = table.unit
    header = [_("Sector"), _("2015 ({unit})").format(unit=unit)]
    for year in HORIZONS:
        header += [
            _("Plan {year}").format(year=year),
            _("Reference {year}").format(year=year),
            _("Gap {year} ({unit})").format(year=year, unit=unit),
            _("Gap {year} (points of 2015)").format(year=year),
        ]
    rows = []
    # A total (cae_1.a) has no inventory value of its own: it is as certain as its sectors.
    whole = values.weakest(kinds.get(row.identifier) for row in table.rows)
    for row in table.rows:
        kind = kinds[row.identifier] if row.identifier in kinds else whole
        cells = [f"{row.label} ({row.identifier})", marks.of(_kt(row.base), kind)]
        for year in HORIZONS:
            cells += [
                _kt(row.plan[year]),
                _kt(row.reference[year]),
                _kt(row.gap(year), signed=True),
                _points(row.gap_share(year)),
            ]
        rows.append(cells)
    return Table(header, rows, [0.22, 0.08] + [0.0875] * 8, right=tuple(range(1, 10)))


def build(ctx: PartContext) -> list[Part]:
    data = ctx.data
    territory_id = data.territory.pk
    reference = reference_for(ctx.session, territory_id)
    plan_id = data.plan.id if data.plan is not None else None
    part = Part("snbc", _("SNBC reference trajectory"), landscape=True)
    strategy = plan_strategy(ctx.session, plan_id)
    horizons = plan_horizons(ctx.session, plan_id)
    sentence = _("Regulatory horizons of the plan ({strategy}, decree {decree}): {years}.").format(
        strategy=strategy.name,
        decree=strategy.decree,
        years=", ".join(str(y) for y in horizons),
    )
    part.add(Text(sentence, BODY))
    part.notes.append(sentence)
    note = missing_text(reference)
    if not reference.exists:
        part.add(Text(note or _("No reference for this territory."), BODY))
        return [part]
    # A simplified reference starts from the territory's inventory: an illustrative or
    # estimated inventory makes its 2015 values so, and they are marked.
    kinds = (
        inventory_kinds(ctx.session, territory_id, INVENTORY_YEAR)
        if reference.kind == ReferenceKind.SIMPLIFIED_SNBC
        else {}
    )
    marks = Marks()
    for domain in DOMAINS:
        table = comparison(ctx.session, territory_id, plan_id, domain, reference=reference)
        if not table.rows:
            continue
        title = _("Greenhouse gas emissions") if domain == "ghg" else _("Energy consumption")
        method = method_text(reference, domain)
        if reference.kind == ReferenceKind.SIMPLIFIED_SNBC and domain == "ghg":
            # The reductions in the same paragraph: the part fits its landscape page.
            method += (
                " "
                + "; ".join(
                    _("{sector}: {by_2030} in 2030, {by_2050} in 2050").format(
                        sector=sector_group_label(key), by_2030=y2030, by_2050=y2050
                    )
                    for key, y2030, y2050 in REDUCTIONS_TEXT_LINES
                )
                + "."
            )
        part.add(Heading(title, 1), Text(method, MUTED))
        part.add(_table(table, kinds, marks))
        if not table.has_targets:
            part.add(Text(_("The plan sets no 2030 or 2050 target on these sectors."), MUTED))
        part.notes += [
            f"{row.label}: {_kt(row.gap(HORIZONS[0]), signed=True)} {table.unit} "
            f"({_points(row.gap_share(HORIZONS[0]))}), {HORIZONS[0]}"
            for row in table.rows
            if row.gap(HORIZONS[0]) is not None
        ]
    # One paragraph: how to read the gaps, how the reference was made, what the inventory
    # lacks.
    reading = _(
        "A positive gap: the plan's target is above the reference (less reduction). "
        "Points of 2015: the gap as a share of the sector's 2015 value ({example} is "
        "ten points)."
    ).format(example=format_percent(Decimal("0.1")))
    # The legend of the marks closes the same paragraph: the part keeps to its page.
    legend = " ".join(block.text for block in marks.legend())
    # Consumption sectors only count for TeT's rule (met here): the reference of consumption
    # is the total's, so the ones an inventory lacks change nothing printed.
    if all(identifier.startswith("cae_2.") for identifier in reference.missing):
        note = ""
    part.add(Text(" ".join(t for t in (reading, _provenance(reference), note, legend) if t), MUTED))
    return [part]
