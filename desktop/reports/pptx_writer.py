"""The report as a slide deck for the meeting itself (python-pptx): a title slide, then one
slide per part of the report (not the annexes) with its chart or its main table, and the
figures to say in the speaker notes."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Cm, Emu, Pt

from .. import palette
from ..i18n import ngettext
from ..outputs import write_output
from .content import Block, Bullets, Chart, Part, Table, Text, walk
from .cover import Cover

WIDTH, HEIGHT = Cm(33.867), Cm(19.05)  # 16:9
MARGIN = Cm(1.2)
TITLE_HEIGHT = Cm(2.2)
# python-pptx leaves RGBColor's constructors untyped.
ACCENT = RGBColor.from_string(palette.ACCENT.lstrip("#").upper())  # type: ignore[no-untyped-call]
GREY = RGBColor.from_string(palette.MUTED_INK.lstrip("#").upper())  # type: ignore[no-untyped-call]
WHITE = RGBColor(0xFF, 0xFF, 0xFF)  # type: ignore[no-untyped-call]
# A slide shows at most this many rows of a table; the notes say how many more there are.
MAX_ROWS = 9
FONT = "Source Sans Pro"


def _shown(part: Part) -> list[Block]:
    """What the slide shows: the part's choice, else its first chart, else its first table,
    else its text."""
    if part.slide:
        return walk(part.slide)  # a group (a heading and its table) shows its blocks
    flat = walk(part.blocks)
    for kind in (Chart, Table, Bullets):
        found: list[Block] = [
            b for b in flat if isinstance(b, kind) and not (isinstance(b, Chart) and not b.png)
        ]
        if found:
            return found[:1]
    texts: list[Block] = [b for b in flat if isinstance(b, Text)]
    return texts[:3]


def _title(slide: object, text: str) -> None:
    box = slide.shapes.add_textbox(MARGIN, Cm(0.6), WIDTH - 2 * MARGIN, TITLE_HEIGHT)  # type: ignore[attr-defined]
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(30)
    run.font.bold = True
    run.font.name = FONT
    run.font.color.rgb = ACCENT


def _table(slide: object, table: Table, top: Emu, height: Emu) -> list[str]:
    rows = table.rows[:MAX_ROWS]
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(  # type: ignore[attr-defined]
        len(rows) + 1, len(table.header), MARGIN, top, width, min(height, Cm(1.1) * (len(rows) + 1))
    )
    grid = shape.table
    for index, share in enumerate(table.widths):
        grid.columns[index].width = int(width * share)
    for r, row in enumerate([table.header, *rows]):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(14 if len(rows) <= 5 else 12)
                    run.font.name = FONT
                    run.font.bold = r == 0
                    if r == 0:
                        run.font.color.rgb = WHITE
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = ACCENT
    left_out = len(table.rows) - len(rows)
    if left_out:
        return [
            ngettext(
                "{n} more row in the report.", "{n} more rows in the report.", left_out
            ).format(n=left_out)
        ]
    return []


def _texts(slide: object, blocks: list[Block], top: Emu) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, HEIGHT - top - MARGIN)  # type: ignore[attr-defined]
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for block in blocks:
        items = block.items if isinstance(block, Bullets) else [getattr(block, "text", "")]
        for item in items[:8]:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            run = paragraph.add_run()
            run.text = ("• " + item) if isinstance(block, Bullets) else item
            run.font.size = Pt(18)
            run.font.name = FONT
            paragraph.space_after = Pt(6)


def _slide(prs: PptxPresentation, part: Part) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _title(slide, part.title)
    top = Emu(MARGIN + TITLE_HEIGHT)
    room = Emu(HEIGHT - top - MARGIN)
    notes: list[str] = list(part.notes)
    shown = _shown(part)
    charts = [b.png for b in shown if isinstance(b, Chart) and b.png]
    tables = [b for b in shown if isinstance(b, Table)]
    if charts:
        picture = slide.shapes.add_picture(BytesIO(charts[0]), MARGIN, top, height=room)
        picture.left = int((WIDTH - picture.width) / 2)
    elif tables:
        notes += _table(slide, tables[0], top, room)
    else:
        _texts(slide, [b for b in shown if isinstance(b, Text | Bullets)], top)
    if not notes:
        notes = [b.text for b in walk(part.blocks) if isinstance(b, Text)]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def _cover(prs: PptxPresentation, front: Cover) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    if front.logo:
        slide.shapes.add_picture(BytesIO(front.logo), MARGIN, MARGIN, height=Cm(2.5))
    box = slide.shapes.add_textbox(MARGIN, Cm(5), WIDTH - 2 * MARGIN, Cm(12))
    frame = box.text_frame
    frame.word_wrap = True
    lines = [
        (front.territory, 20, False, GREY),
        (front.title, 40, True, ACCENT),
        (front.plan, 20, False, None),
        (front.committee, 24, True, None),
        (front.when_where, 20, False, None),
    ]
    first = True
    for text, size, bold, colour in lines:
        if not text:
            continue
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        if colour is not None:
            run.font.color.rgb = colour
    slide.notes_slide.notes_text_frame.text = "\n".join(
        t for t in (front.committee, front.when_where, front.report_date) if t
    )


def write_pptx(front: Cover, parts: list[Part], out: Path) -> int:
    """Write the deck; returns its number of slides."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    properties = prs.core_properties
    properties.title = front.doc_title
    properties.author = front.author
    properties.subject = front.subject
    properties.language = {"fr": "fr-FR", "en": "en-GB", "nl": "nl-BE"}.get(
        front.language, front.language
    )
    _cover(prs, front)
    for part in parts:
        if not part.annex:
            _slide(prs, part)
    with write_output(out) as partial:
        prs.save(str(partial))
    return len(prs.slides)
