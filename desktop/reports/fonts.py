"""The report's font: Source Sans Pro (static TrueType from the ``font-source-sans-pro`` package),
which has every glyph French, English and Dutch text and Babel's formats use (é, œ, ĳ, €, £,
« », U+202F); reportlab's built-in PDF fonts lack some of them and print black boxes."""

from __future__ import annotations

import os

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "SourceSansPro"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "SourceSansPro-Regular.ttf",
    BOLD: "SourceSansPro-Bold.ttf",
    ITALIC: "SourceSansPro-It.ttf",
    BOLD_ITALIC: "SourceSansPro-BoldIt.ttf",
}
_registered = False


def font_directory() -> str:
    import font_source_sans_pro

    return str(font_source_sans_pro.font_directory)


def register_fonts() -> str:
    """Register the four faces once (bold and italic markup map to them); returns the family."""
    global _registered
    if _registered:
        return FAMILY
    directory = font_directory()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(directory, filename)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    _registered = True
    return FAMILY
