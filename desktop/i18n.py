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
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel loads on the first number or date formatted (in each function)
    from babel import Locale

DOMAIN = "pcaet"
DEFAULT_LANGUAGE = "fr"
LANGUAGES: tuple[str, ...] = ("fr", "en", "nl")
# The locale each language formats with.
FORMAT_LOCALES: dict[str, str] = {"fr": "fr_FR", "en": "en_GB", "nl": "nl_BE"}


@dataclass(frozen=True)
class _Speech:
    """What ``_`` and the format helpers use: a language, its catalog and its format locale."""

    language: str
    format_locale: str
    catalog: _gettext.NullTranslations


# The application's language (set_language), and a per-thread override (language()): a report
# printed in English on a worker thread must not turn the window English while it renders.
# Threads start with an empty context, so they see the application's language by default.
_application = _Speech(
    DEFAULT_LANGUAGE, FORMAT_LOCALES[DEFAULT_LANGUAGE], _gettext.NullTranslations()
)
_override: ContextVar[_Speech | None] = ContextVar("pcaet_language", default=None)
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


# Windows names its locales in English ("French_France"), not with ISO codes.
_LANGUAGE_NAMES = {"french": "fr", "english": "en", "dutch": "nl"}


def _language_code(value: str) -> str:
    """``fr_BE.UTF-8`` -> ``fr``; ``French_France.1252`` -> ``fr``; "" for ``C``/``POSIX``."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    code = _LANGUAGE_NAMES.get(code, code)
    return "" if code in ("c", "posix") else code


def _windows_ui_language() -> str:
    """The language of the Windows user interface, which no environment variable carries."""
    try:
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ""
    return _language_code(_locale.windows_locale.get(int(lcid), ""))


def system_language() -> str:
    """The system's language if it is one of ours, else French."""
    # LANGUAGE is a priority list ("de:nl"): the first of ours wins. The other variables hold one
    # locale; the first one set decides, and a language we do not have means French.
    for candidate in os.environ.get("LANGUAGE", "").split(":"):
        if _language_code(candidate) in LANGUAGES:
            return _language_code(candidate)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = _language_code(os.environ.get(variable, ""))
        if code:
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    if any(os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")):
        return DEFAULT_LANGUAGE  # "C" or "POSIX": no preference (Python reads it as en_US)
    code = _windows_ui_language()
    if not code:
        try:
            code = _language_code(_locale.getlocale()[0] or "")
        except ValueError:
            code = ""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _speech(language: str | None, format_locale: str | None = None) -> _Speech:
    lang = (language or DEFAULT_LANGUAGE).lower()
    if lang not in LANGUAGES and lang != "pseudo":
        lang = DEFAULT_LANGUAGE
    locale = format_locale or FORMAT_LOCALES.get(lang, FORMAT_LOCALES[DEFAULT_LANGUAGE])
    return _Speech(lang, locale, _load_catalog(lang))


def _current() -> _Speech:
    return _override.get() or _application


def set_language(language: str | None, *, format_locale: str | None = None) -> str:
    """Switch the application's catalog and formats; returns the language in force."""
    global _application
    _application = _speech(language, format_locale)
    return _application.language


def current_language() -> str:
    return _current().language


def current_locale() -> str:
    return _current().format_locale


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use another language in this thread for a while (a report printed in English from a
    French session); ``None`` keeps the current one. Other threads are not affected."""
    token = _override.set(_speech(lang or current_language()))
    try:
        yield current_language()
    finally:
        _override.reset(token)


def gettext(message: str) -> str:
    return _current().catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current().catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current().catalog.pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def _babel_locale() -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(_current().format_locale)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(FORMAT_LOCALES[DEFAULT_LANGUAGE])


def format_number(value: Decimal | float | int, *, decimals: int | None = None) -> str:
    """A number in the user's locale (``1 234,5`` in French)."""
    from babel import numbers

    if decimals is None:
        return numbers.format_decimal(value, locale=_babel_locale())
    pattern_decimals = "0" * decimals
    fmt = "#,##0" + (f".{pattern_decimals}" if decimals else "")
    return numbers.format_decimal(value, format=fmt, locale=_babel_locale())


# Symbols as a committee writes them: French CLDR data says "£GB" and "$US", which no French
# document prints; the code is in the column or the sentence when it matters.
_PLAIN_SYMBOLS = {"GBP": "£", "USD": "$"}


def format_currency(
    value: Decimal | float | int, currency: str, *, drop_zero_cents: bool = False
) -> str:
    """An amount with its currency in the user's locale; with ``drop_zero_cents`` a whole
    amount prints without decimals ("130 000 000 €"), as committees write large budgets."""
    from babel import numbers

    code = currency.upper()
    if code == "FTE":
        return _("{amount} FTE").format(amount=format_number(value))
    locale = _babel_locale()
    pattern = None
    if drop_zero_cents and Decimal(str(value)) == Decimal(str(value)).to_integral_value():
        standard = locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = standard.replace(".00", "")
    text = numbers.format_currency(
        value, code, format=pattern, locale=locale, currency_digits=pattern is None
    )
    plain = _PLAIN_SYMBOLS.get(code)
    if plain is not None:
        text = text.replace(numbers.get_currency_symbol(code, locale), plain)
    return text


def format_percent(value: Decimal | float | int, *, decimals: int = 0) -> str:
    """``value`` is a fraction: 0.125 -> ``12,5 %`` with one decimal."""
    from babel import numbers

    locale = _babel_locale()
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1) if "0." not in pattern else pattern
    return numbers.format_percent(value, format=pattern, locale=locale)


def format_date(value: date | datetime | None, *, fmt: str = "medium") -> str:
    from babel import dates

    if value is None:
        return ""
    if isinstance(value, datetime):
        return dates.format_datetime(value, format=fmt, locale=_babel_locale())
    text = dates.format_date(value, format=fmt, locale=_babel_locale())
    if value.day == 1 and _current().format_locale.startswith("fr") and text.startswith("1 "):
        # French writes the first day of a month as an ordinal: "1er avril 2018".
        text = "1er" + text[1:]
    return text


# argparse's own words ("usage:", "options", its error messages) are marked here so that the
# extractor puts them in our catalogs; translate_argparse() makes argparse ask our catalogs.
ARGPARSE_MESSAGES: tuple[str, ...] = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
)


def translate_argparse() -> None:
    """Route argparse's messages through our catalogs (it calls the stdlib ``gettext`` with
    its own domain otherwise), so ``pcaet --help`` and its errors follow ``--lang``."""
    import argparse

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


set_language(DEFAULT_LANGUAGE)
# Done on import: every parser (pcaet, pcaet-desktop) is built after this module is loaded.
translate_argparse()
