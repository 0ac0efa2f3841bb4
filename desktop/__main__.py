"""``python -m desktop`` opens the application window (the same as ``pcaet-desktop``)."""

from __future__ import annotations

import sys

from .app import main

if __name__ == "__main__":
    sys.exit(main())
