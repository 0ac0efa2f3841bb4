"""Pause Python's cyclic garbage collector while a large file is read and imported.

An import of 100,000 rows makes about a million small objects (cells, tuples, texts) and no
reference cycles; the collector, triggered by every few hundred of them, walks all the live
cells again and again: a third of the time of parsing. Reference counting still frees
everything as usual; collection resumes (and catches up) when the last import ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # imports under way (the wizard's worker and a CLI call never overlap, tests may)
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
