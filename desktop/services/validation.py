"""Domain rules on single values, shared by the services, the editors and the importers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..i18n import _
from .changes import ValidationError


def siren_is_valid(siren: str) -> bool:
    """Nine digits with a valid Luhn checksum (INSEE's rule for SIREN numbers)."""
    if len(siren) != 9 or not siren.isdigit():
        return False
    total = 0
    for index, char in enumerate(siren):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def check_siren(siren: str | None, field: str = "siren") -> str | None:
    if siren is None:
        return None
    cleaned = "".join(siren.split())
    if not cleaned:
        return None
    if len(cleaned) != 9 or not cleaned.isdigit():
        raise ValidationError(field, _("A SIREN number has 9 digits."))
    if not siren_is_valid(cleaned):
        raise ValidationError(field, _("This SIREN number is not valid (wrong checksum)."))
    return cleaned


def check_percent(value: Decimal | int | None, field: str) -> None:
    if value is not None and not (0 <= value <= 100):
        raise ValidationError(field, _("A percentage lies between 0 and 100."))


def check_dates(start: date | None, end: date | None, field: str = "end_date") -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(field, _("The end date is before the start date."))


def check_year(year: int | None, field: str = "year") -> None:
    if year is not None and not (1900 <= year <= 2200):
        raise ValidationError(field, _("{year} is not a plausible year.").format(year=year))


def check_not_blank(text: str, field: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(field, _("This field cannot be empty."))
    return cleaned


def check_rate_range(
    low: Decimal | None, high: Decimal | None, field: str = "rate_max_percent"
) -> None:
    """A range of rates ("69 à 80 %"): a top needs a bottom, and lies above it, up to 100."""
    if high is None:
        return
    check_percent(high, field)
    if low is None:
        raise ValidationError(field, _("A range of rates needs its lower rate too."))
    if high < low:
        raise ValidationError(field, _("The higher rate is below the lower one."))
