"""The report as an editable Word document (python-docx): real headings (Heading 1-3, so the
navigation pane and a table of contents field work), real tables with a repeated header row,
the charts as pictures, the cover on its own page; title, author and language in the
document's properties."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from .. import palette
from ..outputs import write_output
from .content import MUTED, NOTE, SMALL, Block, Bullets, Chart, Group, Heading, Part, Table, Text
from .content import PageBreak as BreakBlock
from .cover import Cover
from .styles import CELL_FONT_SIZE, CELL_PADDING

PORTRAIT_WIDTH = Cm(17)
LANDSCAPE_WIDTH = Cm(25.7)
ACCENT = RGBColor.from_string(palette.ACCENT.lstrip("#").upper())
GREY = RGBColor.from_string(palette.MUTED_INK.lstrip("#").upper())
# Words per page of a report set in 10 pt with tables: to tell roughly how long it is.
WORDS_PER_PAGE = 380


def _language_tag(language: str) -> str:
    return {"fr": "fr-FR", "en": "en-GB", "nl": "nl-BE"}.get(language, language)


def _set_language(document: DocxDocument, language: str) -> None:
    """The proofing language of the default style, so Word checks spelling in the right one."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        return
    run_props = rpr_default.find(qn("w:rPrDefault"))
    if run_props is None:
        return
    rpr = run_props.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_props.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), _language_tag(language))


def _repeat_header(table: DocxTable) -> None:
    row_props = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_props.append(header)


def _widths(table: DocxTable, widths: list[int]) -> None:
    """Fixed column widths, written where Word and LibreOffice each read them: the grid, the
    cells and the table's own width."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    props = table._tbl.tblPr
    table_width = props.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        props.append(table_width)
    table_width.set(qn("w:w"), str(int(sum(widths) / 635)))
    table_width.set(qn("w:type"), "dxa")


def _cell_margins(table: DocxTable) -> None:
    """The PDF's cell padding: Word's default margins (5.4 pt a side) split the headers of
    narrow columns in the middle of a word ("Action/s")."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_PADDING * 20)))  # points to twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _shade(cell: object, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    props.append(shading)


class _Writer:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.width = PORTRAIT_WIDTH
        self.words = 0
        # Style objects looked up once: python-docx searches the styles part by name on
        # every use of a name, which took most of the time of a report.
        # They are set by their identifier in the XML for the same reason.
        styles = document.styles
        self.headings = {level: styles[f"Heading {level}"].style_id for level in (1, 2, 3)}
        self.bullet = styles["List Bullet"].style_id
        self.grid = styles["Table Grid"].style_id
        cell_style = styles.add_style("Table text", WD_STYLE_TYPE.PARAGRAPH)
        cell_style.base_style = styles["Normal"]
        cell_style.font.size = Pt(CELL_FONT_SIZE)
        cell_style.paragraph_format.space_after = Pt(0)
        self.cell_style = cell_style.style_id

    def paragraph(self, text: str, style_id: str) -> DocxParagraph:
        paragraph = self.document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, self.headings[min(max(level, 1), 3)])

    def text(self, text: str, style: str) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        lines = text.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
            if style in (SMALL, MUTED, NOTE):
                run.font.size = Pt(9)
            if style in (MUTED, NOTE):
                run.font.color.rgb = GREY
            if style == NOTE:
                run.italic = True
        self.words += len(text.split())
        return paragraph

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block.text, block.level + 1)
        elif isinstance(block, Text):
            self.text(block.text, block.style)
        elif isinstance(block, Bullets):
            for item in block.items:
                self.paragraph(item, self.bullet)
                self.words += len(item.split())
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            if block.png:
                self.document.add_picture(BytesIO(block.png), width=int(self.width * block.width))
                self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.words += WORDS_PER_PAGE // 2
        elif isinstance(block, Group):
            for inner in block.blocks:
                self.block(inner)
        elif isinstance(block, BreakBlock):
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, block: Table) -> None:
        table = self.document.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table._tbl.tblPr.style = self.grid
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        rows = table.rows
        for index, title in enumerate(block.header):
            cell = rows[0].cells[index]
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = self.cell_style
            run = paragraph.add_run(title)
            run.bold = True
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            _shade(cell, palette.ACCENT.lstrip("#"))
            if index in block.right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row_index, row in enumerate(block.rows):
            cells = rows[row_index + 1].cells
            bold = row_index in block.bold_rows
            for index, value in enumerate(row):
                paragraph = cells[index].paragraphs[0]
                paragraph._p.get_or_add_pPr().style = self.cell_style
                lines = value.split("\n")
                for line_index, line in enumerate(lines):
                    run = paragraph.add_run(line)
                    if bold:
                        run.bold = True
                    if line_index < len(lines) - 1:
                        run.add_break()
                if index in block.right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.words += sum(len(v.split()) for v in row) + 2
        _repeat_header(table)
        _cell_margins(table)
        _widths(table, [int(self.width * share) for share in block.widths])
        self.document.add_paragraph()


def _cover(document: DocxDocument, front: Cover) -> None:
    if front.logo:
        document.add_picture(BytesIO(front.logo), height=Cm(2.8))
    for _space in range(4):
        document.add_paragraph()
    territory = document.add_paragraph()
    territory.add_run(front.territory).font.size = Pt(14)
    document.add_heading(front.title, level=0)
    if front.plan:
        document.add_paragraph().add_run(front.plan).font.size = Pt(14)
    if front.committee:
        document.add_paragraph().add_run(front.committee).font.size = Pt(14)
    if front.when_where:
        document.add_paragraph(front.when_where)
    date = document.add_paragraph().add_run(front.report_date)
    date.font.color.rgb = GREY


def _new_section(document: DocxDocument, landscape: bool) -> None:
    section = document.add_section()
    width, height = section.page_width, section.page_height
    if landscape != (width > height):
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Source Sans Pro"
    normal.font.size = Pt(10)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = ACCENT
        style.font.name = "Source Sans Pro"
    document.styles["Title"].font.color.rgb = ACCENT


def write_docx(front: Cover, parts: list[Part], out: Path) -> int:
    """Write the document; returns its length in pages, estimated from its words and
    pictures (Word lays the pages out when it opens the file)."""
    document = Document()
    _styles(document)
    _set_language(document, front.language)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    properties = document.core_properties
    properties.title = front.doc_title
    properties.author = front.author
    properties.subject = front.subject
    properties.language = _language_tag(front.language)
    properties.comments = front.report_date
    _cover(document, front)
    writer = _Writer(document)
    pages = 1
    for part in parts:
        _new_section(document, part.landscape)
        writer.width = LANDSCAPE_WIDTH if part.landscape else PORTRAIT_WIDTH
        before = writer.words
        writer.heading(part.title, 1)
        for block in part.blocks:
            writer.block(block)
        pages += max(1, -(-(writer.words - before) // WORDS_PER_PAGE))
    with write_output(out) as partial:
        document.save(str(partial))
    return pages
