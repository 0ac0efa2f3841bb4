"""Which store territory each territory key of an observations file stands for: by SIREN, by
name, through a commune's INSEE code, the default the user chose, or a territory to create once
one of its values is accepted (``--create-territories``)."""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from ..i18n import _
from ..models import Commune, Territory
from ..services.territories import find_territory
from ..services.text import normalise_name
from .expansion import MAX_TERRITORIES, too_many
from .lengths import too_long
from .observations_parse import ParsedObservations
from .safety import FileRefused

if TYPE_CHECKING:
    from .observations_import import ObservationContext

TERRITORY_NAME_CHARS = 200  # Territory.name


def resolve_territories(
    context: ObservationContext, parsed: ParsedObservations
) -> dict[str, int | None]:
    session = context.session
    territories = list(session.exec(select(Territory)))
    by_key: dict[str, int | None] = {}
    for territory in territories:
        if territory.siren:
            by_key[territory.siren] = territory.pk
        by_key.setdefault(normalise_name(territory.name), territory.pk)
    # Territory key -> label, taken in C: this runs over every value of the file.
    labels = dict(
        zip(map(itemgetter(3), parsed.records), map(itemgetter(4), parsed.records), strict=True)
    )
    wanted = set(labels)
    if len(wanted) > MAX_TERRITORIES:
        raise too_many("territories", MAX_TERRITORIES)
    result: dict[str, int | None] = {}
    if "" in wanted:
        if context.default_territory:
            chosen = find_territory(session, context.default_territory)
            default = chosen.pk if chosen is not None else None
            if default is None:
                raise FileRefused(
                    _("Territory {siren} is not in the store.").format(
                        siren=context.default_territory
                    )
                )
        elif len(territories) == 1:
            default = territories[0].pk
        else:
            raise FileRefused(
                _(
                    "The file does not say which territory its values are for: choose one "
                    "(--territory SIREN)."
                )
                if territories
                else _("The store has no territory yet: create one before importing values.")
            )
        result[""] = default
    communes = {}
    if any(key.startswith("insee:") for key in wanted):
        communes = {
            f"insee:{code}": territory_id
            for code, territory_id in session.execute(
                sa.select(col(Commune.insee_code), col(Commune.territory_id))
            )
            if code
        }
    for key in sorted(wanted - {""}):
        if key.startswith("insee:"):  # a commune: its territory's, or unknown
            result[key] = communes.get(key)
            continue
        found = by_key.get(key)
        if found is None and context.create_territories:
            if len(labels[key]) > TERRITORY_NAME_CHARS:
                context.territory_reasons[key] = too_long(
                    _("territory name"), len(labels[key]), TERRITORY_NAME_CHARS
                )
            else:  # created once a value of it is accepted (``_create_accepted``)
                found = -(len(context.new_territories) + 1)
                siren = key if key.isdigit() and len(key) == 9 else None
                context.new_territories[found] = (labels[key], siren)
        result[key] = found
    return result
