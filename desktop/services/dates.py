"""Dates as plans write them: a day, a month ("juin 2018"), a season ("été 2018"), a year.

A date of an action is stored as one day and a ``DatePrecision``: a start date as the first
day of its period, an end date as the last, so "due summer 2018" is late only once the
summer is over and "from 2018" starts on 1 January without claiming that day. Seasons are the
astronomical ones of the northern hemisphere, named by the year they begin in (winter 2018 runs
from 21 December 2018 to 19 March 2019).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Final

from ..i18n import N_, _, format_date
from ..models import DatePrecision
from ..text import fold

# season -> (month, day) it starts on
SEASONS: Final = {"spring": (3, 20), "summer": (6, 21), "autumn": (9, 23), "winter": (12, 21)}
_SEASON_WORDS: Final = {
    "spring": ("printemps", "spring", "lente"),
    "summer": ("ete", "summer", "zomer"),
    "autumn": ("automne", "autumn", "fall", "herfst"),
    "winter": ("hiver", "winter"),
}
_SEASON_LABELS: Final = {
    "spring": N_("spring {year}"),
    "summer": N_("summer {year}"),
    "autumn": N_("autumn {year}"),
    "winter": N_("winter {year}"),
}
_MONTHS: Final = {
    **{
        m: i
        for i, m in enumerate(
            (
                "janvier",
                "fevrier",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "aout",
                "septembre",
                "octobre",
                "novembre",
                "decembre",
            ),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
}


def season_of(day: date) -> tuple[str, int]:
    """The season a day falls in and the year that season began in."""
    for name in ("winter", "autumn", "summer", "spring"):
        month, first = SEASONS[name]
        if (day.month, day.day) >= (month, first):
            return name, day.year
    return "winter", day.year - 1


def period(day: date, precision: DatePrecision) -> tuple[date, date]:
    """The first and last day of the period ``day`` stands for."""
    if precision == DatePrecision.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    if precision == DatePrecision.SEASON:
        name, year = season_of(day)
        month, first = SEASONS[name]
        start = date(year, month, first)
        order = ["spring", "summer", "autumn", "winter"]
        following = order[(order.index(name) + 1) % 4]
        next_month, next_day = SEASONS[following]
        next_year = year + 1 if name == "winter" else year
        return start, date(next_year, next_month, next_day) - timedelta(days=1)
    return day, day


def as_start(day: date | None, precision: DatePrecision) -> date | None:
    return None if day is None else period(day, precision)[0]


def as_end(day: date | None, precision: DatePrecision) -> date | None:
    return None if day is None else period(day, precision)[1]


def format_partial(day: date | None, precision: DatePrecision) -> str:
    """ "22 sept. 2018", "juin 2018", "été 2018", "2018" in the user's language."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return format_date(day, fmt="MMMM y")
    if precision == DatePrecision.SEASON:
        name, year = season_of(day)
        return _(_SEASON_LABELS[name]).format(year=year)
    return format_date(day)


_YEAR = re.compile(r"(?:^|\D)((?:19|20)\d\d)(?:\D|$)")


def parse_partial(text: str) -> tuple[date, DatePrecision] | None:
    """A date as plans write it: "été 2018", "summer 2018", "juin 2018", "06/2018",
    "2018-06", "2018", "à partir de 2018"; the first day of the period it names (the caller
    takes the last for an end date). None when the text names no such period."""
    folded = " ".join(fold(text).replace("-", " ").replace("/", " ").split())
    year_match = _YEAR.search(folded)
    if year_match is None:
        return None
    year = int(year_match.group(1))
    words = set(folded.split())
    for name, spellings in _SEASON_WORDS.items():
        if words & set(spellings):
            month, first = SEASONS[name]
            return date(year, month, first), DatePrecision.SEASON
    for word in words:
        if word in _MONTHS:
            return date(year, _MONTHS[word], 1), DatePrecision.MONTH
    numeric = re.fullmatch(r"(\d{1,2}) (\d{4})|(\d{4}) (\d{1,2})", folded)
    if numeric is not None:
        month = int(numeric.group(1) or numeric.group(4))
        if 1 <= month <= 12:
            return date(year, month, 1), DatePrecision.MONTH
    if not re.search(r"\d{1,2} \d{1,2} \d{4}|\d{4} \d{1,2} \d{1,2}", folded):
        return date(year, 1, 1), DatePrecision.YEAR
    return None
