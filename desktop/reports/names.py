"""The name a report file is given, in the report's language: "rapport-au-comite-de-pilotage-
2019-11-21.pdf", "steering-committee-report-2019-11-21.docx"; the formats' names and file
dialog filters come from their registry (``reports.kinds``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .. import i18n
from .kinds import file_filter, format_name, title

__all__ = ["file_filter", "format_name", "report_file_name", "slug"]


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, safe in a file name on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def report_file_name(kind: str, fmt: str, language: str, day: date) -> str:
    with i18n.language(language):
        return f"{slug(title(kind))}-{day.isoformat()}.{fmt}"
