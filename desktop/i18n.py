"""Message catalogs and locale-aware formatting, shared by the UI, the CLI and the reports.

Catalogs are gettext files in ``translations/<lang>/LC_MESSAGES/pcaet.po`` (compiled to ``.mo``
by ``make translations``). Formatting goes through Babel, never by hand.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DOMAIN = "pcaet"
DEFAULT_LANGUAGE = "fr"
LANGUAGES: tuple[str, ...] = ("fr", "en", "nl")
# The locale each language formats with.
FORMAT_LOCALES: dict[str, str] = {"fr": "fr_FR", "en": "en_GB", "nl": "nl_BE"}

_language = DEFAULT_LANGUAGE
_format_locale = FORMAT_LOCALES[DEFAULT_LANGUAGE]
_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
_catalog_cache: dict[str, _gettext.NullTranslations] = {}


def _translations_dir() -> Path:
    from . import paths

    return paths.translations_dir()


def _load_catalog(language: str) -> _gettext.NullTranslations:
    if language in _catalog_cache:
        return _catalog_cache[language]
    directory = _translations_dir()
    catalog: _gettext.NullTranslations
    mo = directory / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            catalog = _gettext.GNUTranslations(handle)
    elif po.exists():
        catalog = _catalog_from_po(po)
    else:
        catalog = _gettext.NullTranslations()
    _catalog_cache[language] = catalog
    return catalog


def _catalog_from_po(po: Path) -> _gettext.NullTranslations:
    """Compile a .po in memory so a source checkout works before ``make translations``."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def system_language() -> str:
    """The system's language if it is one of ours, else French."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(":")[0].split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code not in ("", "c", "posix"):
                return DEFAULT_LANGUAGE
    try:
        code = (_locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str | None, *, format_locale: str | None = None) -> str:
    """Switch the catalog and formats; returns the language in force."""
    global _language, _format_locale, _catalog
    lang = (language or DEFAULT_LANGUAGE).lower()
    if lang not in LANGUAGES and lang != "pseudo":
        lang = DEFAULT_LANGUAGE
    _language = lang
    _catalog = _load_catalog(lang)
    _format_locale = format_locale or FORMAT_LOCALES.get(lang, FORMAT_LOCALES[DEFAULT_LANGUAGE])
    return lang


def current_language() -> str:
    return _language


def current_locale() -> str:
    return _format_locale


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Temporarily use another language (a report printed in English from a French session)."""
    previous, previous_locale = _language, _format_locale
    try:
        yield set_language(lang)
    finally:
        set_language(previous, format_locale=previous_locale)


def gettext(message: str) -> str:
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalog.pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def _babel_locale() -> Locale:
    try:
        return Locale.parse(_format_locale)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(FORMAT_LOCALES[DEFAULT_LANGUAGE])


def format_number(value: Decimal | float | int, *, decimals: int | None = None) -> str:
    """A number in the user's locale (``1 234,5`` in French)."""
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=_babel_locale())
    pattern_decimals = "0" * decimals
    fmt = "#,##0" + (f".{pattern_decimals}" if decimals else "")
    return babel_numbers.format_decimal(value, format=fmt, locale=_babel_locale())


def format_currency(value: Decimal | float | int, currency: str) -> str:
    if currency.upper() == "FTE":
        return _("{amount} FTE").format(amount=format_number(value))
    return babel_numbers.format_currency(value, currency.upper(), locale=_babel_locale())


def format_percent(value: Decimal | float | int, *, decimals: int = 0) -> str:
    """``value`` is a fraction: 0.125 -> ``12,5 %`` with one decimal."""
    locale = _babel_locale()
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1) if "0." not in pattern else pattern
    return babel_numbers.format_percent(value, format=pattern, locale=locale)


def format_date(value: date | datetime | None, *, fmt: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return babel_dates.format_datetime(value, format=fmt, locale=_babel_locale())
    return babel_dates.format_date(value, format=fmt, locale=_babel_locale())


set_language(DEFAULT_LANGUAGE)
