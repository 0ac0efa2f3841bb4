"""Texts longer than the store holds. A name, a title or a code is never cut (cut, it would
name something else, or merge two things into one): its row is rejected with the reason. Free
texts (people, services, notes) are cut with a warning in the summary (``ImportSummary.fit``).
"""

from __future__ import annotations

from ..i18n import _, format_number
from ..services.changes import ValidationError


def too_long(what: str, count: int, limit: int) -> str:
    """ "action title: 527 characters, more than the 500 the store holds"."""
    return _("{what}: {count} characters, more than the {limit} the store holds").format(
        what=what, count=format_number(count), limit=format_number(limit)
    )


def check_length(field: str, what: str, text: str, limit: int) -> str:
    """``text`` when the store holds it whole; ``ValidationError`` on ``field`` otherwise.
    ``what`` names the text for users ("action title")."""
    if len(text) > limit:
        raise ValidationError(field, too_long(what, len(text), limit))
    return text
