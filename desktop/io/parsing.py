"""Numbers, years, dates and yes/no as users type them, in French and English.

Each parser returns the value, ``None`` for an empty cell or a missing-value marker ("NR",
"n.d."...), or raises ``CellError`` with a translated reason that the import reports.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

from ..i18n import _

MISSING_MARKERS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "–",
        "nr",
        "n.r.",
        "n.r",
        "nd",
        "n.d.",
        "n.d",
        "nc",
        "n.c.",
        "so",
        "s.o.",
        "s.o",
        "na",
        "n/a",
        "n.a.",
        "#n/a",
        "?",
        "x",
    }
)
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007\u2008\u200a\t'’"), None)
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*[-/–à]\s*(\d{2,4})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?\s*$")
_PLAIN = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")
_LOCALES = {name: Locale.parse(name) for name in ("fr_FR", "en_US", "de_DE")}
_EXPONENT = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)[eE][-+]?\d+$")

MIN_YEAR, MAX_YEAR = 1900, 2100
EXCEL_EPOCH_1900 = date(1899, 12, 30)  # serial 60 is the fictitious 29 February 1900
EXCEL_EPOCH_1904 = date(1904, 1, 1)

TRUE_WORDS = frozenset({"vrai", "oui", "o", "true", "yes", "y", "1", "x", "ja", "waar"})
FALSE_WORDS = frozenset({"faux", "non", "n", "false", "no", "0", "nee", "onwaar"})


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message is translated."""


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in MISSING_MARKERS
    return False


def clean_text(value: Any) -> str:
    """A cell as text: numbers without a trailing ".0", spaces trimmed. Text that looks like a
    formula stays text: nothing here evaluates anything."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


# Numbers written as text past these powers of ten are refused (a cell's float cannot go past
# 1e308): writing "1e999999999" out in full, as the store keeps canonical digits, would take a
# gigabyte.
MAX_EXPONENT = 308


def parse_number(value: Any) -> Decimal | None:
    """ "1 234,5" (with any kind of space), "1,234.5", "12,5 %", "−7,5", "1e3"; a percent sign
    is dropped (the value stays as written: "12,5 %" is 12.5). "inf", "NaN" and numbers beyond
    what a spreadsheet cell holds (10^±308) are refused."""
    number = _parse_number(value)
    if number is not None and (
        not number.is_finite() or (number and abs(number.adjusted()) > MAX_EXPONENT)
    ):
        if not number.is_finite():
            raise CellError(_("a number was expected"))
        raise CellError(_("the number {text} is out of range").format(text=str(value).strip()[:40]))
    return number


def _parse_number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise CellError(_("a number was expected"))
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_("a number was expected"))
        # The shortest text that reads back as the same float ("1000.37", not its binary
        # expansion); the store writes it in canonical form.
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        raise CellError(_("a number was expected"))
    if is_missing(value):
        return None
    text = value.translate(_MINUS).translate(_SPACES)
    if text.endswith("%"):
        text = text[:-1]
    for currency in ("€", "EUR", "eur"):
        if text.endswith(currency):
            text = text[: -len(currency)]
    if text.startswith("(") and text.endswith(")"):  # accounting negative
        text = "-" + text[1:-1]
    if not text or text in ("-", "+"):
        raise CellError(_("a number was expected"))
    if _EXPONENT.match(text):
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise CellError(_("a number was expected")) from None
    if _PLAIN.match(text):
        # "1234.5" or "1234,5": nothing for Babel to decide, and 50 times faster here.
        return Decimal(text.replace(",", "."))
    locale = _LOCALES[_number_locale(text)]
    if locale.language == "fr":
        text = text.replace(".", "")  # "1.234,5": dots as group marks
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError as error:
        suggestions = getattr(error, "suggestions", None)
        if suggestions:
            raise CellError(
                _("ambiguous number {text}; write it {suggestion}").format(
                    text=value.strip(), suggestion=suggestions[0]
                )
            ) from None
        raise CellError(_("a number was expected")) from None


def decimal_text(value: Decimal) -> str:
    """The canonical text of a number, as the store writes it on SQLite
    (``format(canonical_decimal(value), "f")``) without ``normalize``/``as_tuple``: no
    exponent, no trailing zeros in the fraction. Imports carry values in this form."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number_text(value: float) -> str:
    """``decimal_text(parse_number(value))`` of a finite float, without a Decimal: the
    shortest text that reads back as the same float ("1000.37", "12")."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return decimal_text(Decimal(text)) if "e" in text else text


def _number_locale(text: str) -> str:
    """French when the comma is the decimal mark ("1234,5", "1.234,5"), English otherwise."""
    comma, dot = text.rfind(","), text.rfind(".")
    if comma >= 0 and dot >= 0:
        return "fr_FR" if comma > dot else "en_US"
    if comma >= 0:
        # "1,234,567" is English grouping; "1,5" or "1,234" a French decimal mark.
        return "en_US" if text.count(",") > 1 else "fr_FR"
    if text.count(".") > 1:
        return "de_DE"  # "1.234.567": dots as group marks
    return "en_US"


def parse_year(value: Any) -> int | None:
    """2019, 2019.0, "2 019"; a range "1999-2009" is an error: the file must say which year."""
    if isinstance(value, float) and value.is_integer() and MIN_YEAR <= value <= MAX_YEAR:
        return int(value)  # the common case, kept fast for 100,000-row files
    if isinstance(value, int) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR:
        return value
    if is_missing(value):
        return None
    if isinstance(value, datetime | date):
        return value.year
    if isinstance(value, str):
        match = _YEAR_RANGE.match(value)
        if match:
            raise CellError(_("a range of years ({text}), not one year").format(text=value.strip()))
    try:
        number = parse_number(value)
    except CellError:
        raise CellError(_("a year was expected")) from None
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("a year was expected"))
    year = int(number)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(
            _("year {year} is outside {low}-{high}").format(year=year, low=MIN_YEAR, high=MAX_YEAR)
        )
    return year


def excel_serial_to_date(serial: float, *, date1904: bool = False) -> date:
    if date1904:
        return EXCEL_EPOCH_1904 + timedelta(days=int(serial))
    if serial < 61:
        # Lotus's leap-year bug: Excel counts a 29 February 1900 that never was.
        return date(1899, 12, 31) + timedelta(days=int(serial))
    return EXCEL_EPOCH_1900 + timedelta(days=int(serial))


def parse_date(value: Any, *, date1904: bool = False) -> date | None:
    """A date cell, an Excel serial (1900 or 1904 system), dd/mm/yyyy or yyyy-mm-dd."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return excel_serial_to_date(float(value), date1904=date1904)
        raise CellError(_("a date was expected"))
    text = str(value).strip()
    try:
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, month, day)
        match = _YMD.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
        if text.replace(".", "", 1).isdigit():
            return excel_serial_to_date(float(text), date1904=date1904)
    except ValueError:
        pass
    raise CellError(_("a date was expected (dd/mm/yyyy)"))


def parse_bool(value: Any) -> bool | None:
    """VRAI/FAUX, oui/non, true/false, yes/no, 1/0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError(_("yes or no was expected"))
    word = str(value).strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("yes or no was expected"))


def split_list(value: Any) -> list[str]:
    """Several names in one cell, separated by commas, semicolons or new lines; bullets
    ("- ", "• ") removed."""
    text = clean_text(value)
    if not text:
        return []
    parts = re.split(r"[,;\n]+", text)
    names = []
    for part in parts:
        name = part.strip().lstrip("-•*·").strip()
        if name and name.casefold() not in ("etc", "etc."):
            names.append(name)
    return names
