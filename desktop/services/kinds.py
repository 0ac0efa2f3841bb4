"""The names of the charts the dashboard and ``pcaet chart`` draw and of the reports the
report engine writes. Kept apart from the services that make them so that the command line can
list them in its help without loading the data layer."""

from __future__ import annotations

CHART_KINDS: tuple[str, ...] = (
    "emissions-by-sector",
    "energy",
    "renewables",
    "actions-by-status",
    "budget-by-section",
    "cotri",
    "timeline",
    "progress",
    "peers",
)

REPORT_KINDS = ("committee", "midterm", "cotri")

# The formats of a report: PDF to send, Word to edit, slides to present.
REPORT_FORMATS = ("pdf", "docx", "pptx")
