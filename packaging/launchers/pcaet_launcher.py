"""Frozen entry point of both programs of the bundle, chosen by the name it is started as.

- ``pcaet`` (or ``pcaet.exe``): the command line, the console script of pyproject;
- anything else (``pcaet-desktop``): the application window, the gui-script of pyproject.

One entry point lets Linux and macOS ship a single executable, with ``pcaet`` a symbolic link
to it: each PyInstaller executable carries its own copy of the compiled modules (about 15 MB).
Windows needs two (a console one and a windowed one), built from this same script.

The installers open a double-clicked store as ``pcaet-desktop FILE.pcaet`` (Windows: the file
association's ``"%1"``; Linux: the ``.desktop`` entry's ``%f``). The application takes a store
as ``--db FILE``, so a lone store file given without an option is passed on that way.
"""

from __future__ import annotations

import sys
from pathlib import PurePath

from desktop.paths import STORE_SUFFIX

CLI_NAME = "pcaet"


def program_name(argv0: str) -> str:
    """``/opt/x/pcaet.exe`` -> ``pcaet``; Windows and POSIX separators alike."""
    name = PurePath(argv0.replace("\\", "/")).name.lower()
    return name.removesuffix(".exe")


def store_as_option(argv: list[str]) -> list[str]:
    """``[FILE.pcaet, ...]`` -> ``["--db", FILE.pcaet, ...]`` when no store option is given."""
    if any(arg.startswith(("--db", "--database-url", "--demo")) for arg in argv):
        return argv
    files = [arg for arg in argv if not arg.startswith("-") and arg.lower().endswith(STORE_SUFFIX)]
    if len(files) != 1:
        return argv
    others = [arg for arg in argv if arg != files[0]]
    return ["--db", files[0], *others]


def main() -> int:
    if program_name(sys.argv[0]) == CLI_NAME:
        from desktop.cli.main import main as cli_main

        return cli_main()
    from desktop.app import main as gui_main

    return gui_main(store_as_option(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
