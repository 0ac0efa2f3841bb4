"""Extract, update and compile the message catalogs with Babel (``make translations``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from ..i18n import DOMAIN, LANGUAGES
from ..paths import bundle_root

ROOT = bundle_root()
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / f"{DOMAIN}.pot"
CATALOG_LANGUAGES = (*LANGUAGES, "pseudo")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    _babel(
        "extract",
        "--no-location",
        "--sort-output",
        "-k",
        "_",
        "-k",
        "N_",
        "-k",
        "ngettext:1,2",
        "-k",
        "pgettext:1c,2",
        "-o",
        str(TEMPLATE),
        str(ROOT / "desktop"),
    )


def update() -> None:
    for lang in CATALOG_LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            _babel(
                "update",
                "-D",
                DOMAIN,
                "-i",
                str(TEMPLATE),
                "-d",
                str(TRANSLATIONS),
                "-l",
                lang,
                "--no-fuzzy-matching",
            )
        else:
            _babel(
                "init",
                "-D",
                DOMAIN,
                "-i",
                str(TEMPLATE),
                "-d",
                str(TRANSLATIONS),
                "-l",
                "en" if lang == "pseudo" else lang,
            )
            if lang == "pseudo":
                (TRANSLATIONS / "en").rename(TRANSLATIONS / "pseudo")


def compile_all() -> None:
    for po in sorted(TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        lang = po.parent.parent.name
        _babel(
            "compile",
            "-D",
            DOMAIN,
            "-d",
            str(TRANSLATIONS),
            "-l",
            lang,
            "-i",
            str(po),
            "-o",
            str(mo),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogs")
    parser.add_argument("--update", action="store_true", help="re-extract and merge messages")
    parser.add_argument("--compile", action="store_true", help="compile .po to .mo")
    args = parser.parse_args(argv)
    if args.update:
        extract()
        update()
    if args.compile:
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
