"""Text normalisation for matching and searching (defined in ``desktop.text``, which the store
uses too when it installs reference data)."""

from __future__ import annotations

from ..text import fold, matches, normalise_name

__all__ = ["fold", "matches", "normalise_name"]
