"""The registry of import kinds: what an import can bring in, by name.

Each kind is one module of ``desktop.io.import_kinds`` that defines ``KIND``, an
``ImportKind`` (see ``import_kinds/base.py``): the fields its columns map to and how well a
mapping fits (its detector), the reading done before the transaction (its parser), the writing
done in the import's unit of work (its applier), its blank template and its bound of rows.

Adding an import kind is one new module in ``desktop/io/import_kinds/`` and one line in
``REGISTRY`` below: detection, the wizard's choices, the command line's ``--kind`` and
``pcaet template KIND`` all take the kinds from here.

This module stays light (no data layer): the command line lists the kinds in its help without
loading the importers; a kind's module loads on its first use.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .import_kinds.base import ImportKind

OBSERVATIONS = "observations"
ACTIONS = "actions"
ORGANISATIONS = "organisations"
# the national register of collectivities' ecological-transition projects
PROJECTS = "projects"
AUTO = "auto"  # the kind is recognised from the file's columns

# kind -> the module defining it. The order is the order of detection's ties and of lists.
REGISTRY: dict[str, str] = {
    OBSERVATIONS: "desktop.io.import_kinds.observations",
    ACTIONS: "desktop.io.import_kinds.actions",
    ORGANISATIONS: "desktop.io.import_kinds.organisations",
    PROJECTS: "desktop.io.import_kinds.projects",
}
KINDS: tuple[str, ...] = tuple(REGISTRY)


@cache
def import_kind(name: str) -> ImportKind:
    """The kind called ``name`` (``KeyError`` for an unknown one)."""
    kind: ImportKind = import_module(REGISTRY[name]).KIND
    if kind.name != name:
        raise RuntimeError(f"{REGISTRY[name]} defines the kind {kind.name!r}, not {name!r}")
    return kind
