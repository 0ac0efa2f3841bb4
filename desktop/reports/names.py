"""The name a report file is given, in the report's language: "rapport-au-comite-de-pilotage-
2019-11-21.pdf", "steering-committee-report-2019-11-21.docx"."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .. import i18n
from ..i18n import N_, _
from ..labels import label

FORMAT_NAMES: dict[str, str] = {
    "pdf": N_("PDF (to send)"),
    "docx": N_("Word document (to edit)"),
    "pptx": N_("Slides (to present)"),
}
FILE_FILTERS: dict[str, str] = {
    "pdf": N_("PDF files (*.pdf)"),
    "docx": N_("Word documents (*.docx)"),
    "pptx": N_("PowerPoint presentations (*.pptx)"),
}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, safe in a file name on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def report_file_name(kind: str, fmt: str, language: str, day: date) -> str:
    with i18n.language(language):
        return f"{slug(label(kind))}-{day.isoformat()}.{fmt}"


def format_name(fmt: str) -> str:
    return _(FORMAT_NAMES.get(fmt, fmt))


def file_filter(fmt: str) -> str:
    return _(FILE_FILTERS.get(fmt, fmt))
