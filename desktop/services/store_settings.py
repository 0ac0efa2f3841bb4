"""Settings kept with the data: target horizons, on-track thresholds, currency rates."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from ..i18n import _
from ..models import BudgetLine, Funding, StoreSetting
from .changes import ValidationError

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


# The authority's logo, printed on the cover of reports: kept in the store (base64 PNG) so
# that everyone who opens a shared store prints the same one.
LOGO = "logo"
LOGO_MAX_BYTES = 2_000_000
LOGO_MAX_PIXELS = 4000


def set_logo(session: Session, path: Path | None) -> None:
    """Keep the picture at ``path`` as the logo (refused, with nothing changed, when it is not
    a reasonable picture); ``None`` removes it."""
    if path is None:
        put(session, LOGO, None)
        return
    put(session, LOGO, {"name": path.name, "png": base64.b64encode(logo_picture(path)).decode()})


def logo_png(session: Session) -> bytes | None:
    value = get(session, LOGO)
    if not isinstance(value, dict) or not isinstance(value.get("png"), str):
        return None
    try:
        return base64.b64decode(value["png"], validate=True)
    except ValueError:
        return None


def logo_picture(path: Path) -> bytes:
    """The picture as PNG, after checking its size before decoding it whole."""
    from PIL import Image, UnidentifiedImageError

    try:
        if path.stat().st_size > LOGO_MAX_BYTES:
            raise ValidationError(
                "logo", _("The logo is larger than 2 MB; choose a smaller picture.")
            )
        with Image.open(path) as picture:
            if max(picture.size) > LOGO_MAX_PIXELS:
                raise ValidationError(
                    "logo", _("The logo is larger than 4000 pixels; choose a smaller picture.")
                )
            picture.load()
            out = BytesIO()
            picture.convert("RGBA").save(out, format="PNG")
            return out.getvalue()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            "logo",
            _("{name} is not a picture this application can read (PNG or JPEG).").format(
                name=path.name
            ),
        ) from None
