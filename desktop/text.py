"""Text normalisation for matching and searching: case, accents, punctuation and spacing."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# The combining marks of Latin, Greek and Cyrillic text (accents, cedillas, diaereses).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case without accents: "Énergie" -> "energie"; "œ" -> "oe".

    Imports fold every name of a file (thousands of indicators): plain ASCII returns at once,
    and accents go with one regular expression; a character-by-character pass is left for
    the marks of other scripts."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", lowered))
    if not stripped.isascii():
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("ĳ", "ij")


def normalise_name(text: str) -> str:
    """A key under which "Région Hauts-de-France" and "Region Hauts de France" are equal."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def matches(query: str, *texts: str) -> bool:
    """Every word of the query appears in one of the texts, accents and case ignored."""
    words = fold(query).split()
    haystack = " ".join(fold(t) for t in texts)
    return all(word in haystack for word in words)
