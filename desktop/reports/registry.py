"""Which parts each kind of report holds, in which order: a registry of named parts.

A part is a function ``build(ctx) -> list[Part]`` (``reports/parts``). To add one, register
it under a key and say where it goes in each kind::

    from desktop.reports import registry
    registry.register("snbc", snbc.build, kinds={"midterm": "domains"})

puts the part ``snbc`` right after ``domains`` in the mid-term report (``None``: at the end of
the main parts, before the annexes). Every format (PDF, Word, slides) then shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from .content import Part
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
    "sources": annex.build,
}

# The order of a comité de pilotage: agenda, follow-up of the last decisions, where the plan
# stands, the points to watch, the decisions to take, what comes next; annexes after.
LAYOUTS: dict[str, list[str]] = {
    "committee": [
        "agenda", "follow_up", "summary", "axes", "key_indicators", "budget", "cotri",
        "cotri_payment", "vigilance", "decisions", "next_steps", "changes", "emissions",
        "sections", "sheets", "indicator_pages", "sources",
    ],
    "midterm": [
        "agenda", "summary", "carried_out", "axes", "domains", "overview", "adjustments",
        "budget", "vigilance", "decisions", "next_steps", "emissions", "sections", "sheets",
        "indicator_pages", "sources",
    ],
    "cotri": [
        "agenda", "cotri", "cotri_payment", "summary", "axes", "vigilance", "decisions",
        "next_steps", "cotri_indicators", "sections", "sources",
    ],
}
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


# The plan against the SNBC reference: in the mid-term report, after the results by domain.
register("snbc", snbc_reference.build, kinds={"midterm": "domains"})
