"""Keep Python's full garbage collections short once the application has loaded.

After start-up the process holds a few hundred thousand long-lived objects (modules, classes,
SQLAlchemy mappers, translations, the first view) that no collection will ever free. Each full
collection walked all of them again: about 80 ms on a laptop, landing on whatever the user was
doing (a click on a column header took 20 ms, or 100 when a collection fell on it). Frozen, they
are left out of every later collection (3-6 ms). Objects made afterwards are collected as usual.
"""

from __future__ import annotations

import gc


def freeze_loaded() -> None:
    """Collect what is garbage now, then move every surviving object to the permanent
    generation. Called when a store's first view is ready and the user has not started
    working. What was frozen before is thawed first: a frozen object in a reference cycle is
    never collected, so the views of a store closed since would otherwise stay in memory."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Give the frozen objects back to the collector, before the interpreter exits: its last
    collection then frees the Qt wrappers held in cycles while Qt is still there, in the order
    it always has, rather than leaving them to module teardown."""
    gc.unfreeze()
