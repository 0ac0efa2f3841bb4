"""The report as a PDF (reportlab): cover, table of contents, one part after another (wide
tables on landscape pages), page numbers; every font embedded, title, author and language in
the document's properties."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable

from ..i18n import _
from ..outputs import write_output
from ..services.report_data import ReportOptions
from ..store import Store
from .build import ReportResult, chart_module
from .build import build_report as _build_report
from .content import (
    BODY,
    MUTED,
    NOTE,
    SMALL,
    Block,
    Bullets,
    Chart,
    Group,
    Heading,
    Part,
    Table,
    Text,
)
from .content import PageBreak as BreakBlock
from .cover import Cover
from .document import (
    LANDSCAPE,
    MARGIN,
    PORTRAIT,
    ReportDocument,
    heading,
    numbered_canvas,
    table_of_contents,
)
from .fonts import BOLD, FAMILY
from .styles import CELL_FONT_SIZE, CELL_PADDING, Styles, esc, make_styles, table_style
from .styles import MUTED as MUTED_COLOUR

__all__ = ["ReportResult", "build_report", "chart_module", "write_pdf"]

PORTRAIT_WIDTH = A4[0] - 2 * MARGIN
LANDSCAPE_WIDTH = landscape(A4)[0] - 2 * MARGIN


def build_report(store: Store, options: ReportOptions, out: Path, **kwargs: object) -> ReportResult:
    """The report in the format of ``options`` (PDF unless asked otherwise)."""
    return _build_report(store, options, out, **kwargs)  # type: ignore[arg-type]


class _Layout:
    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.width = PORTRAIT_WIDTH

    def style(self, name: str) -> object:
        return {
            BODY: self.styles.body,
            SMALL: self.styles.small,
            MUTED: self.styles.muted,
            NOTE: self.styles.note,
        }.get(name, self.styles.body)

    def blocks(self, blocks: list[Block]) -> list[Flowable]:
        story: list[Flowable] = []
        for block in blocks:
            story += self.block(block)
        return story

    def block(self, block: Block) -> list[Flowable]:
        if isinstance(block, Heading):
            if block.level >= 2:
                # Sub-headings of a page (an action sheet's "Funding") stay out of the
                # contents, which lists the parts and what they hold.
                return [Paragraph(esc(block.text), self.styles.h3)]
            return [heading(block.text, self.styles, block.level)]
        if isinstance(block, Text):
            return [Paragraph(esc(block.text), self.style(block.style))]
        if isinstance(block, Bullets):
            style = self.style(block.style)
            return [
                ListFlowable(
                    [ListItem(Paragraph(esc(item), style), leftIndent=10) for item in block.items],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                    bulletFontName=FAMILY,
                )
            ]
        if isinstance(block, Table):
            return [self.table(block)]
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, Group):
            return [KeepTogether(self.blocks(block.blocks))]
        if isinstance(block, BreakBlock):
            return [PageBreak()]
        return []

    def chart(self, chart: Chart) -> list[Flowable]:
        if not chart.png:
            return []
        image = Image(BytesIO(_as_jpeg(chart.png)))
        ratio = image.imageHeight / image.imageWidth if image.imageWidth else 0.58
        image.drawWidth = self.width * chart.width
        image.drawHeight = image.drawWidth * ratio
        image.hAlign = "CENTER"
        image.spaceBefore = image.spaceAfter = 6
        return [image]

    def table(self, table: Table) -> RLTable:
        styles = self.styles
        widths = [w * self.width for w in table.widths]
        head = [
            Paragraph(esc(h), styles.cell_head_right if i in table.right else styles.cell_head)
            for i, h in enumerate(table.header)
        ]
        body = [
            [
                self._cell(v, widths[i], right=i in table.right, bold=r in table.bold_rows)
                for i, v in enumerate(row)
            ]
            for r, row in enumerate(table.rows)
        ]
        extra: list[tuple[object, ...]] = [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in table.right]
        extra += [
            ("LINEABOVE", (0, r + 1), (-1, r + 1), 0.8, MUTED_COLOUR) for r in table.group_starts
        ]
        extra += [("FONTNAME", (0, r + 1), (-1, r + 1), BOLD) for r in table.bold_rows]
        result = RLTable([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
        result.setStyle(table_style(*extra))
        return result

    def _cell(self, value: str, width: float, *, right: bool, bold: bool) -> object:
        """Text that fits its column stays a plain string, which the table draws several
        times faster than a paragraph (and keeps the narrow no-break space of French
        numbers); longer text becomes a paragraph that wraps."""
        room = width - 2 * CELL_PADDING
        font = BOLD if bold else FAMILY
        if all(stringWidth(line, font, CELL_FONT_SIZE) <= room for line in value.split("\n")):
            return value
        text = f"<b>{esc(value)}</b>" if bold else esc(value)
        return Paragraph(text, self.styles.cell_right if right else self.styles.cell)


def _as_jpeg(png: bytes) -> bytes:
    """The chart as a high-quality JPEG: reportlab embeds a JPEG as it is, whereas a PNG is
    decoded and compressed again on every layout pass (the table of contents takes three)."""
    from PIL import Image as PILImage

    with PILImage.open(BytesIO(png)) as picture:
        rgb = picture.convert("RGB")
    out = BytesIO()
    rgb.save(out, format="JPEG", quality=92, optimize=False)
    return out.getvalue()


def _cover(front: Cover, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    logo = _logo(front.logo)
    story.append(logo if logo is not None else Spacer(1, 28 * mm))
    story.append(Spacer(1, 30 * mm))
    story.append(Paragraph(esc(front.territory), styles.subtitle))
    story.append(Paragraph(esc(front.title), styles.title))
    if front.plan:
        story.append(Paragraph(esc(front.plan), styles.subtitle))
    story.append(Spacer(1, 12 * mm))
    if front.committee:
        story.append(Paragraph(esc(front.committee), styles.subtitle))
    if front.when_where:
        story.append(Paragraph(esc(front.when_where), styles.body))
    story.append(Paragraph(esc(front.report_date), styles.muted))
    story += [NextPageTemplate(PORTRAIT), PageBreak()]
    story.append(Paragraph(esc(_("Contents")), styles.h1))
    story.append(table_of_contents(styles))
    story.append(PageBreak())
    return story


def _logo(png: bytes | None) -> Flowable | None:
    if not png:
        return None
    image = Image(BytesIO(png))
    height = 28 * mm
    ratio = image.imageWidth / image.imageHeight if image.imageHeight else 1
    image.drawHeight = height
    image.drawWidth = min(height * ratio, 80 * mm)
    image.hAlign = "LEFT"
    return image


def story(front: Cover, parts: list[Part], styles: Styles) -> list[Flowable]:
    layout = _Layout(styles)
    flow = _cover(front, styles)
    landscape_now = False
    for part in parts:
        if part.landscape != landscape_now:
            # The switch goes before the page break that ends the previous part.
            template = NextPageTemplate(LANDSCAPE if part.landscape else PORTRAIT)
            if isinstance(flow[-1], PageBreak):
                flow.insert(len(flow) - 1, template)
            else:
                flow.append(template)
            landscape_now = part.landscape
        layout.width = LANDSCAPE_WIDTH if part.landscape else PORTRAIT_WIDTH
        flow.append(heading(part.title, styles, 0))
        flow += layout.blocks(part.blocks)
        flow.append(PageBreak())
    if flow and isinstance(flow[-1], PageBreak):
        flow.pop()
    return flow


def write_pdf(front: Cover, parts: list[Part], out: Path) -> int:
    styles = make_styles()
    flow = story(front, parts, styles)
    with write_output(out) as partial:
        doc = ReportDocument(
            partial,
            title=front.doc_title,
            author=front.author,
            subject=front.subject,
            lang=front.language,
            header_left=front.territory,
            header_right=front.report_date,
            footer_left=front.plan or front.territory,
        )
        doc.multiBuild(flow, canvasmaker=numbered_canvas(front.plan or front.territory))
    return int(doc.page)
