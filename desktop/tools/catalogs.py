"""Extract, update and compile the message catalogs with Babel (``make translations``).

- ``--update`` re-extracts every ``_()``, ``N_()``, ``ngettext()`` and ``pgettext()`` of the
  package into ``translations/pcaet.pot`` and merges it into each language's ``.po``; the English
  catalog is filled from the source strings, the pseudo-language is regenerated.
- ``--compile`` writes the ``.mo`` files the application loads.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .. import __version__
from ..i18n import DOMAIN, LANGUAGES
from ..paths import bundle_root

ROOT = bundle_root()
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / f"{DOMAIN}.pot"
PSEUDO = "pseudo"
PROJECT = "pcaet-desktop"
# Header of each catalog: the team that translates it (Language-Team).
TEAMS = {"fr": "French", "en": "English", "nl": "Dutch", PSEUDO: "Pseudo-language"}
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

# Placeholders and markup that a translation must keep as they are.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]|<[^>]+>|&&|&(?=\w)")
PSEUDO_MAP = str.maketrans("aceinousyAEIOUCNYdgl", "àçéîñöûšýÀÉÎÖÜÇÑÝđğľ")


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    template = Catalog(project=PROJECT, version=__version__, domain=DOMAIN, charset="utf-8")
    template.msgid_bugs_address = ""
    template.copyright_holder = PROJECT
    template.header_comment = (
        f"# Messages of {PROJECT} {__version__}, extracted from desktop/ (a template: the\n"
        "# catalogs of each language are merged from it, so its header stays fuzzy).\n"
        f"# Copyright (C) {datetime.now(UTC).year} {PROJECT}"
    )
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "desktop"), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as handle:
        write_po(handle, template, omit_header=False, no_location=True, sort_output=True)
    return template


def _load(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=locale)
    return Catalog(locale=locale, domain=DOMAIN, charset="utf-8")


def _save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            no_location=True,
            sort_output=True,
            ignore_obsolete=True,
            include_previous=False,
            width=100,
        )


def update(template: Catalog, languages: Sequence[str] = LANGUAGES) -> None:
    for language in languages:
        path = po_path(language)
        catalog = _load(path, language)
        # Babel's update puts the template's own Message objects into the catalog for new
        # messages: without a copy per language, filling English below would also fill the
        # languages updated after it with the English text.
        catalog.update(_copy(template), no_fuzzy_matching=True)
        if language == "en":  # the source strings are English
            for message in catalog:
                if message.id and not _translated(message.string):
                    message.string = message.id
        _set_header(catalog, language)
        _save(catalog, path)
    pseudo_strings = pseudo_catalog(template)
    _set_header(pseudo_strings, PSEUDO)
    _save(pseudo_strings, po_path(PSEUDO))


def _copy(template: Catalog) -> Catalog:
    copy = Catalog(locale=template.locale, domain=DOMAIN, charset="utf-8")
    for message in template:
        if message.id:
            copy.add(
                message.id,
                message.string,
                list(message.locations),
                flags=message.flags,
                auto_comments=message.auto_comments,
                context=message.context,
            )
    return copy


def _set_header(catalog: Catalog, language: str) -> None:
    """A finished header: our project and version, the team, and not fuzzy (a fuzzy header
    makes msgfmt and some tools treat the whole catalog as a draft)."""
    catalog.project = PROJECT
    catalog.version = __version__
    catalog.copyright_holder = PROJECT
    catalog.msgid_bugs_address = ""
    catalog.language_team = TEAMS.get(language, language)
    catalog.last_translator = f"{PROJECT} translators ({TEAMS.get(language, language)})"
    catalog.revision_date = datetime.now(UTC)
    catalog.fuzzy = False
    catalog.header_comment = (
        f"# {TEAMS.get(language, language)} translation of {PROJECT} {__version__}.\n"
        "# Update with: python -m desktop.tools.catalogs --update --language <code>\n"
        f"# Copyright (C) {datetime.now(UTC).year} {PROJECT}"
    )


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def pseudo(text: str) -> str:
    """Accented and about 40 % longer, placeholders untouched: catches truncation and
    strings that escaped the catalog."""
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(text[last : match.start()].translate(PSEUDO_MAP))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].translate(PSEUDO_MAP))
    body = "".join(parts)
    padding = "~" * max(2, len(text) * 2 // 5)
    return f"[{body}{padding}]"


def pseudo_catalog(template: Catalog) -> Catalog:
    catalog = Catalog(locale="en", domain=DOMAIN, charset="utf-8")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string: str | tuple[str, ...] = tuple(pseudo(str(part)) for part in message.id)
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    return catalog


def compile_all(languages: Sequence[str] | None = None) -> list[Path]:
    """Write the ``.mo`` of every catalog, or only of ``languages`` (and the pseudo-language)."""
    written = []
    for po in sorted(TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po.parent.parent.name
        if languages and language not in languages and language != PSEUDO:
            continue
        catalog = _load(po, "en" if language == PSEUDO else language)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogs")
    parser.add_argument("--update", action="store_true", help="re-extract and merge messages")
    parser.add_argument("--compile", action="store_true", help="compile .po to .mo")
    parser.add_argument(
        "--language",
        action="append",
        choices=LANGUAGES,
        help="update or compile only this catalog (repeat for several)",
    )
    args = parser.parse_args(argv)
    if args.update:
        update(extract(), args.language or LANGUAGES)
    if args.compile:
        compile_all(args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
