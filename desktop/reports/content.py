"""What a report says, independent of the format it is written in.

The parts of a report (``reports/parts``) describe their content with these few blocks; the
PDF (reportlab), Word (python-docx) and slides (python-pptx) writers each lay them out their
own way. Numbers are formatted once, here, so the three versions print the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# Text styles a paragraph may ask for; every writer knows them all.
BODY = "body"
SMALL = "small"
MUTED = "muted"
NOTE = "note"  # a boxed note (how a figure is computed, what is missing)


@dataclass
class Heading:
    text: str
    level: int = 1  # 0: a part's title (the parts set it), 1 and 2 below it


@dataclass
class Text:
    text: str
    style: str = BODY


@dataclass
class Bullets:
    items: list[str]
    style: str = BODY


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    # Share of the width of each column (they add up to 1).
    widths: list[float]
    # Columns of numbers and amounts, aligned right.
    right: tuple[int, ...] = ()
    # Indexes of body rows that start a group (a line above them).
    group_starts: tuple[int, ...] = ()
    # Body rows printed in bold (totals).
    bold_rows: tuple[int, ...] = ()


@dataclass
class Chart:
    """A chart drawn by ``render`` (given the charts module) once, the same picture in every
    format."""

    title: str
    render: Callable[[Any], bytes]
    width: float = 0.9  # share of the text width
    png: bytes | None = None
    failed: bool = False


@dataclass
class Group:
    """Blocks that belong together (a heading, its chart and its table): kept on one page
    when they fit."""

    blocks: list[Block]


@dataclass
class PageBreak:
    pass


Block = Heading | Text | Bullets | Table | Chart | Group | PageBreak


@dataclass
class Part:
    """One section of the report: a page or more in the PDF and the Word document, a slide in
    the deck. ``key`` names it in the registry; ``notes`` are the figures a presenter says
    (the slide's speaker notes)."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    notes: list[str] = field(default_factory=list)
    # What the slide shows when it differs from the first table or chart of the part.
    slide: Sequence[Block] | None = None
    # An annex (action sheets, indicator pages, sources): in the documents, not in the deck.
    annex: bool = False

    def add(self, *blocks: Block) -> Part:
        self.blocks.extend(blocks)
        return self


def walk(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, with those of groups in their place."""
    flat: list[Block] = []
    for block in blocks:
        if isinstance(block, Group):
            flat.extend(walk(block.blocks))
        else:
            flat.append(block)
    return flat
