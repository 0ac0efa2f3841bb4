"""Page layout of the report: A4 portrait and landscape templates, header and footer with the
territory, the report date and "page X / Y", headings that feed the table of contents and the
PDF outline."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from ..i18n import _
from .fonts import BOLD, FAMILY
from .styles import GRID, MUTED, Styles, esc

MARGIN = 18 * mm
HEADER_GAP = 10 * mm
PORTRAIT = "portrait"
LANDSCAPE = "landscape"
COVER = "cover"

_keys = itertools.count(1)

# Binary streams: ASCII85 only makes a PDF 25 % larger, and reportlab's pure-Python encoder
# took most of the time of a report with charts (each image is encoded on every layout pass).
rl_config.useA85 = 0


class Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading that enters the table of contents and the PDF outline at ``level``."""

    def __init__(self, text: str, style: Any, level: int) -> None:
        super().__init__(esc(text), style)
        self.toc_level = level
        self.toc_text = text
        self.toc_key = f"h{next(_keys)}"


def heading(text: str, styles: Styles, level: int = 0) -> Heading:
    style = (styles.h1, styles.h2, styles.h3)[min(level, 2)]
    return Heading(text, style, level)


def table_of_contents(styles: Styles) -> TableOfContents:
    toc = TableOfContents()
    # The contents' table sets its cells in our font too: its default, Helvetica, would be
    # the one font of the file not embedded.
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FAMILY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc.levelStyles = list(styles.toc)
    toc.dotsMinLevel = 0
    return toc


def landscape_start() -> list[Flowable]:
    """Switch to landscape (for wide tables) from the page the part starts on.

    Every part starts on a new page: the report moves this switch in front of the page
    break that ends the previous part (a break of its own would leave a blank page).
    """
    return [NextPageTemplate(LANDSCAPE)]


def portrait_start() -> list[Flowable]:
    """Back to portrait from the next page on (the report breaks the page after each part)."""
    return [NextPageTemplate(PORTRAIT)]


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    def __init__(
        self,
        path: Path,
        *,
        title: str,
        author: str,
        subject: str,
        lang: str,
        header_left: str,
        header_right: str,
        footer_left: str,
    ) -> None:
        super().__init__(
            str(path),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_GAP,
            bottomMargin=MARGIN + 4 * mm,
            title=title,
            author=author,
            subject=subject,
            creator="pcaet-desktop",
            lang=lang,
            displayDocTitle=1,
            # The canvas starts each page in this font: reportlab's default, Helvetica, was
            # written into the file (unembedded) though no text used it.
            initialFontName=FAMILY,
        )
        self._outline_level = -1  # the level of the last outline entry (reset at each pass)
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.addPageTemplates(
            [
                PageTemplate(COVER, frames=[self._frame(A4)], pagesize=A4),
                PageTemplate(
                    PORTRAIT, frames=[self._frame(A4)], onPage=self._decorate, pagesize=A4
                ),
                PageTemplate(
                    LANDSCAPE,
                    frames=[self._frame(landscape(A4))],
                    onPage=self._decorate,
                    pagesize=landscape(A4),
                ),
            ]
        )

    def _frame(self, size: tuple[float, float]) -> Frame:
        width, height = size
        usable = height - self.bottomMargin - self.topMargin
        return Frame(
            MARGIN,
            self.bottomMargin,
            width - 2 * MARGIN,
            usable,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(BOLD, 8.5)
        canvas.setFillColor(MUTED)
        top = height - MARGIN + 2 * mm
        canvas.drawString(MARGIN, top, _clip(self.header_left, 70))
        canvas.setFont(FAMILY, 8.5)
        canvas.drawRightString(width - MARGIN, top, self.header_right)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = flowable.toc_key
            # The PDF outline cannot skip a level (a sub-section shown without its parent).
            level = min(flowable.toc_level, self._outline_level + 1)
            self._outline_level = level
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level, closed=level > 0)
            self.notify("TOCEntry", (level, esc(flowable.toc_text), self.page, key))

    def handle_documentBegin(self) -> None:
        self._outline_level = -1
        super().handle_documentBegin()


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas class that writes "page X / Y" once the number of pages is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(FAMILY, 8.5)
            self.setFillColor(MUTED)
            y = MARGIN - 2 * mm
            self.drawString(MARGIN, y, _clip(footer_left, 90))
            self.drawRightString(
                width - MARGIN,
                y,
                _("page {number} / {total}").format(number=self._pageNumber, total=total),
            )
            self.restoreState()

    return NumberedCanvas
