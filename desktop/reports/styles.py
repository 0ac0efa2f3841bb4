"""Paragraph and table styles of the report, on the shared palette."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from .. import palette
from .fonts import BOLD, FAMILY, register_fonts

INK = colors.HexColor(palette.INK)
MUTED = colors.HexColor(palette.MUTED_INK)
ACCENT = colors.HexColor(palette.ACCENT)
GRID = colors.HexColor(palette.GRID)
PANEL = colors.HexColor(palette.PANEL)
# Table cells: the paragraph style ``cell`` and the table style below agree on these.
CELL_FONT_SIZE = 8.5
CELL_PADDING = 3


def esc(text: object) -> str:
    """User text made safe for Paragraph markup: ``<b>`` and ``&`` print as written.

    reportlab's paragraphs break lines at U+202F (the narrow no-break space of French
    numbers) and print it as a plain space; U+00A0 keeps a number on one line there. Table
    cells holding numbers are drawn as plain strings, which keep U+202F itself.
    """
    text = escape("" if text is None else str(text))
    return text.replace("\u202f", "\u00a0").replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    small_keep: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    note: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]


def make_styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FAMILY, fontSize=10, leading=13.5, textColor=INK, spaceAfter=4
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=CELL_FONT_SIZE, leading=10.5, spaceAfter=0)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=BOLD, textColor=ACCENT, keepWithNext=1
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        small_keep=ParagraphStyle(
            "small_keep", parent=body, fontSize=8.5, leading=11, keepWithNext=1
        ),
        muted=ParagraphStyle("muted", parent=body, fontSize=9, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD, textColor=colors.white),
        cell_head_right=ParagraphStyle(
            "cell_head_right",
            parent=cell,
            fontName=BOLD,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        h1=ParagraphStyle(
            "h1", parent=heading, fontSize=17, leading=21, spaceBefore=4, spaceAfter=8
        ),
        h2=ParagraphStyle(
            "h2", parent=heading, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5
        ),
        h3=ParagraphStyle(
            "h3",
            parent=heading,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            textColor=INK,
        ),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=26,
            leading=31,
            textColor=ACCENT,
            spaceAfter=10,
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=14, leading=18, spaceAfter=6),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontSize=9,
            textColor=MUTED,
            backColor=PANEL,
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=8,
        ),
        toc=(
            ParagraphStyle(
                "toc1",
                parent=body,
                fontName=BOLD,
                fontSize=10.5,
                leftIndent=0,
                firstLineIndent=0,
                spaceBefore=5,
            ),
            ParagraphStyle(
                "toc2",
                parent=body,
                fontSize=9.5,
                leftIndent=6 * mm,
                firstLineIndent=0,
                spaceAfter=1,
            ),
            ParagraphStyle(
                "toc3",
                parent=body,
                fontSize=9,
                leftIndent=12 * mm,
                firstLineIndent=0,
                spaceAfter=0,
                textColor=MUTED,
            ),
        ),
    )


def table_style(*extra: tuple[object, ...], zebra: bool = True) -> TableStyle:
    """Header row on the accent colour, thin grid, light zebra rows."""
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PANEL]))
    commands.extend(extra)
    return TableStyle(commands)


CENTER = TA_CENTER
