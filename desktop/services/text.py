"""Text normalisation for matching and searching (defined in ``desktop.text``, which the store
uses too when it installs reference data)."""

from __future__ import annotations

import re

from ..text import fold, matches, normalise_name

__all__ = ["fold", "matches", "natural_key", "normalise_name", "short_name"]

_DIGITS = re.compile(r"(\d+)")
# The usual abbreviations of French intercommunal kinds, longest first so that
# "Communauté d'agglomération" is not read as a "Communauté ..." of another kind.
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("communaute d'agglomeration", "CA"),
    ("communaute de communes", "CC"),
    ("communaute urbaine", "CU"),
)
_LEADING_DE = re.compile(r"^(de |d')(?!la |l'|les )", re.IGNORECASE)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading numbers as numbers: "2a" < "14a", "PB-9" < "PB-10", "1.2" < "1.10"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _DIGITS.split(fold(text))
        if part
    )


def short_name(name: str) -> str:
    """The name officers use: "Communauté d'agglomération du Boulonnais" -> "CA du Boulonnais",
    "Communauté de communes de Desvres-Samer" -> "CC Desvres-Samer"; other names unchanged."""
    text = " ".join(name.split())
    folded = fold(text).replace("’", "'")
    for prefix, abbreviation in _ABBREVIATIONS:
        if folded.startswith(prefix + " ") or folded.startswith(prefix + "'"):
            rest = text[len(prefix) :].lstrip()
            # "de Desvres-Samer" loses its "de"; "du", "des", "de la" stay ("CA du Boulonnais").
            rest = _LEADING_DE.sub("", rest)
            return f"{abbreviation} {rest}".strip()
    return text


def name_fields(name: str) -> dict[str, str]:
    """What renaming a record found by its name (an organisation, an indicator) writes: the
    name and the normalised form it is matched by, always together."""
    return {"name": name, "normalised_name": normalise_name(name)}
