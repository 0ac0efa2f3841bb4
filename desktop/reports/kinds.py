"""The kinds of report and the formats they are written in: one registry entry each.

A kind names its parts in order (each part key is a builder of ``reports.registry.PARTS``);
a format names the module and function that lay the parts out into a file.

- Adding a kind of report = one line in ``KINDS`` (its new parts, if any: one module under
  ``reports/parts/`` each and one line in ``reports.registry.PARTS``).
- Adding a format = one writer module (``write(cover, parts, path) -> pages``) and one line in
  ``FORMATS``.

Light on purpose (no data layer, no Qt): the command line lists its choices from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..i18n import N_, _

if TYPE_CHECKING:
    from .content import Part
    from .cover import Cover

# A writer lays out the cover and the parts into the file; returns its number of pages.
Writer = Callable[["Cover", list["Part"], Path], int]


@dataclass(frozen=True)
class ReportFormat:
    key: str
    name: str  # marked for translation: what the user picks ("PDF (to send)")
    file_filter: str  # marked for translation: the file dialog's filter
    writer: str  # "module:function" under desktop.reports, imported when a report is written


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str  # marked for translation: the report's title, on its cover and file name
    parts: tuple[str, ...]  # keys of ``reports.registry.PARTS``, in order; annexes last
    formats: tuple[str, ...] = ("pdf", "docx", "pptx")


FORMATS: dict[str, ReportFormat] = {
    f.key: f
    for f in (
        ReportFormat("pdf", N_("PDF (to send)"), N_("PDF files (*.pdf)"), "pdf:write_pdf"),
        ReportFormat(
            "docx",
            N_("Word document (to edit)"),
            N_("Word documents (*.docx)"),
            "docx_writer:write_docx",
        ),
        ReportFormat(
            "pptx",
            N_("Slides (to present)"),
            N_("PowerPoint presentations (*.pptx)"),
            "pptx_writer:write_pptx",
        ),
    )
}

KINDS: dict[str, ReportKind] = {
    k.key: k
    for k in (
        # The order of a comité de pilotage: agenda, follow-up of the last decisions, where the
        # plan stands, the points to watch, the decisions to take, what comes next; annexes.
        ReportKind(
            "committee",
            N_("Steering committee report"),
            (
                "agenda", "follow_up", "summary", "axes", "key_indicators", "budget", "cotri",
                "cotri_payment", "vigilance", "decisions", "next_steps", "changes", "emissions",
                "sections", "sheets", "indicator_pages", "sources",
            ),
        ),
        # The plan against the SNBC reference comes after the results by domain.
        ReportKind(
            "midterm",
            N_("PCAET mid-term report"),
            (
                "agenda", "summary", "carried_out", "axes", "domains", "snbc", "overview",
                "adjustments", "budget", "vigilance", "decisions", "next_steps", "emissions",
                "sections", "sheets", "indicator_pages", "sources",
            ),
        ),
        ReportKind(
            "cotri",
            N_("COTRI yearly report"),
            (
                "agenda", "cotri", "cotri_payment", "summary", "axes", "vigilance", "decisions",
                "next_steps", "cotri_indicators", "sections", "sources",
            ),
        ),
    )
}  # fmt: skip


def title(kind: str) -> str:
    """The translated title of a kind of report; the key itself if it is not one."""
    entry = KINDS.get(kind)
    return _(entry.title) if entry is not None else kind


def format_name(fmt: str) -> str:
    entry = FORMATS.get(fmt)
    return _(entry.name) if entry is not None else fmt


def file_filter(fmt: str) -> str:
    entry = FORMATS.get(fmt)
    return _(entry.file_filter) if entry is not None else fmt


def writer(fmt: str) -> Writer:
    """The function writing a report in ``fmt``, its module imported now."""
    module_name, function = FORMATS[fmt].writer.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    return cast(Writer, getattr(module, function))
