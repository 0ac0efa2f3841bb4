"""The parts of reports by key: a registry of named part builders.

A part is a function ``build(ctx) -> list[Part]`` (``reports/parts``); which parts each kind of
report holds, in which order, is its entry in ``reports.kinds.KINDS``. Adding a part = one
module under ``reports/parts`` and one line in ``PARTS`` (and its key in the kinds that show
it). A part can also be placed at run time::

    from desktop.reports import registry
    registry.register("snbc", snbc.build, kinds={"midterm": "domains"})

puts the part ``snbc`` right after ``domains`` in the mid-term report (``None``: at the end of
the main parts, before the annexes). Every format (PDF, Word, slides) then shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from .content import Part
from .kinds import KINDS
from .parts import (
    PartContext,
    actions,
    annex,
    budget,
    changes,
    cotri,
    indicators,
    meeting,
    midterm,
    snbc_reference,
    summary,
    vigilance,
)

Builder = Callable[[PartContext], list[Part]]

PARTS: dict[str, Builder] = {
    "agenda": meeting.agenda,
    "follow_up": meeting.follow_up,
    "summary": summary.build,
    "axes": summary.axes,
    "key_indicators": indicators.key_indicators,
    "budget": budget.build,
    "vigilance": vigilance.build,
    "decisions": meeting.decisions,
    "next_steps": meeting.next_steps,
    "changes": changes.build,
    "cotri": cotri.scorecard,
    "cotri_payment": cotri.payment,
    "cotri_indicators": cotri.indicator_pages,
    "carried_out": midterm.carried_out,
    "domains": midterm.domains,
    "overview": indicators.overview,
    "adjustments": vigilance.adjustments,
    "emissions": indicators.emissions,
    "sections": actions.by_section,
    "sheets": actions.sheets,
    "indicator_pages": indicators.pages,
    "snbc": snbc_reference.build,
    "sources": annex.build,
}

# The parts of each kind, as its registry entry lists them and ``register`` places more.
LAYOUTS: dict[str, list[str]] = {key: list(kind.parts) for key, kind in KINDS.items()}
# The annexes, which a part added at the end of the main parts goes before.
ANNEXES = ("sections", "sheets", "indicator_pages", "cotri_indicators", "sources")


def register(key: str, builder: Builder, *, kinds: dict[str, str | None]) -> None:
    """Add (or replace) a part and place it in the given kinds, after the named part."""
    PARTS[key] = builder
    for kind, after in kinds.items():
        layout = LAYOUTS[kind]
        if key in layout:
            layout.remove(key)
        if after is not None and after in layout:
            layout.insert(layout.index(after) + 1, key)
        else:
            first_annex = next((i for i, k in enumerate(layout) if k in ANNEXES), len(layout))
            layout.insert(first_annex, key)


def build_parts(kind: str, ctx: PartContext, *, skip: tuple[str, ...] = ()) -> list[Part]:
    parts: list[Part] = []
    for key in LAYOUTS[kind]:
        if key not in skip:
            parts += PARTS[key](ctx)
    return parts
