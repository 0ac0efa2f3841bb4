"""PCAET desktop: keep, chart and report a territory's climate plan, COTRI and action plan."""

from __future__ import annotations

from functools import cache


@cache
def _installed_version() -> str:
    # importlib.metadata costs ~40 ms to import: paid only by what shows the version.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pcaet-desktop")
    except PackageNotFoundError:  # running from a bundle or an uninstalled tree
        return "0.1.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
