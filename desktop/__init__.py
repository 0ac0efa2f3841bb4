"""PCAET desktop: keep, chart and report a territory's climate plan, COTRI and action plan."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pcaet-desktop")
except PackageNotFoundError:  # running from a bundle or an uninstalled tree
    __version__ = "0.1.0"
