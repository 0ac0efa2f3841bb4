"""Text normalisation for matching and searching: case, accents, punctuation and spacing."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Énergie" -> "energie"; "œ" -> "oe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("ĳ", "ij")


def normalise_name(text: str) -> str:
    """A key under which "Région Hauts-de-France" and "Region Hauts de France" are equal."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def matches(query: str, *texts: str) -> bool:
    """Every word of the query appears in one of the texts, accents and case ignored."""
    words = fold(query).split()
    haystack = " ".join(fold(t) for t in texts)
    return all(word in haystack for word in words)
