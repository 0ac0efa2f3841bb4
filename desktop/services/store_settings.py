"""Settings kept with the data: target horizons, on-track thresholds, currency rates."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from ..models import BudgetLine, Funding, StoreSetting

TARGET_HORIZONS = "target_horizons"
ON_TRACK_THRESHOLDS = "on_track_thresholds"
CURRENCY_RATES = "currency_rates"

DEFAULTS: dict[str, Any] = {
    # None: the regulatory horizons of each plan, from its adoption date (``horizons``); a
    # list of years when an authority keeps horizons of its own.
    TARGET_HORIZONS: None,
    # Gap to the trajectory, as a share of the trajectory value: up to "slightly" is slightly
    # behind, beyond it off track.
    ON_TRACK_THRESHOLDS: {"on_track": "0.02", "slightly": "0.10"},
    # {"GBP": {"EUR": "1.14", "as_of": "2018-03-31", "source": "..."}}
    CURRENCY_RATES: {},
}


def get(session: Session, key: str) -> Any:
    row = session.get(StoreSetting, key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(StoreSetting, key)
    text = json.dumps(value, ensure_ascii=False, default=_json_default)
    if row is None:
        session.add(StoreSetting(key=key, value=text))
    else:
        row.value = text
        session.add(row)
    session.flush()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(type(value).__name__)


def currencies_in_use(session: Session) -> list[str]:
    """Currency codes other than the euro that budget lines or fundings are written in (the
    ones a rate is needed for), in alphabetical order."""
    found = set(session.exec(select(BudgetLine.unit).distinct()).all())
    found |= set(session.exec(select(Funding.currency).distinct()).all())
    return sorted(
        code.upper()
        for code in found
        if code and len(code) == 3 and code.isalpha() and code.upper() not in ("EUR", "FTE")
    )
