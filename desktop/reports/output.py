"""How every report file is written: to a temporary file beside the target, then renamed, so
that a crash or an error never leaves half a document where the user expects one. The PDF, the
Word document and the slides all go through ``written``."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def written(out: Path) -> Iterator[Path]:
    """A temporary path to write to; it replaces ``out`` when the block ends without error
    and is removed otherwise."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(prefix=".report-", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        yield partial
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
