"""Import kind: observations (values of indicators by territory and year), in long, wide or
per-indicator-column layouts, from the authority's tables or an observatory's export."""

from __future__ import annotations

from typing import Any

from ...i18n import N_
from ..kinds import OBSERVATIONS
from ..mapping import INDICATOR_COLUMN, year_of_header
from .base import ColumnRule, Fields, ImportKind, Reading, TemplateColumn, Writing

FIELDS: Fields = {
    "territory_siren": (
        N_("Territory SIREN"),
        (
            "siren",
            "code siren",
            "siren epci",
            "n siren",
            "epci siren",
            "siren de l epci",
            "siren_epci",
        ),
    ),
    "territory_name": (
        N_("Territory name"),
        (
            "epci",
            "nom epci",
            "territoire",
            "collectivite",
            "territory",
            "nom de l epci",
            "nom du territoire",
        ),
    ),
    # a commune's values, added up into its territory (communes of the store)
    "territory_insee": (
        N_("Commune INSEE code"),
        (
            "code insee",
            "insee",
            "code commune",
            "codgeo",
            "code geo",
            "insee com",
            "code insee commune",
            "depcom",
            "commune insee",
            "code insee de la commune",
        ),
    ),
    "indicator_code": (
        N_("Indicator code"),
        (
            "code",
            "n",
            "no",
            "num",
            "numero",
            "identifiant",
            "identifiantreferentiel",
            "identifiant referentiel",
            "code indicateur",
            "indicator code",
            "id",
            "reference",
        ),
    ),
    "indicator_name": (
        N_("Indicator name"),
        (
            "nom de l indicateur",
            "indicateur",
            "nom indicateur",
            "intitule",
            "libelle",
            "titre",
            "indicator",
            "indicator name",
            "name",
            "nom",
            "intitule de l indicateur",
        ),
    ),
    "unit": (N_("Unit"), ("unite", "unit", "unites", "units")),
    "category": (N_("Category"), ("categorie", "category")),
    # with the category (GES, consommation...), the sector names the indicator
    "sector": (
        N_("Sector"),
        (
            "secteur",
            "secteur d activite",
            "secteur activite",
            "sector",
            "secteur pcaet",
            "secteur reglementaire",
        ),
    ),
    "description": (N_("Description"), ("descriptif", "description", "definition")),
    "year": (N_("Year"), ("annee", "year", "millesime", "annees")),
    "value": (N_("Value"), ("valeur", "value", "valeur realisee", "resultat", "donnee")),
    "comment": (
        N_("Comment"),
        (
            "commentaire",
            "commentaires",
            "comment",
            "comments",
            "remarque",
            "remarques",
            "precision",
        ),
    ),
    "source": (N_("Source"), ("source", "sources", "producteur")),
    "status": (
        N_("Value or target"),
        ("type de valeur", "nature de la valeur", "value type", "realise objectif"),
    ),
}

TEMPLATE: tuple[TemplateColumn, ...] = (
    ("SIREN", N_("SIREN of the EPCI (9 digits)"), None),
    ("Code indicateur", N_("Code of the indicator (optional)"), None),
    ("Nom de l'indicateur", N_("Name, unit in brackets: Consommation (GWh)"), None),
    ("Unité", N_("kWh, MWh, GWh, tCO2e, ktCO2e, t, %…"), None),
    ("Année", N_("Year of the value (e.g. 2019)"), None),
    ("Valeur", N_("Number: 1 234,5 or 1234.5"), None),
    ("Commentaire", N_("Source, method, precision"), None),
)

TERRITORY_FIELDS = frozenset({"territory_siren", "territory_name", "territory_insee"})


def _is_value(field: str) -> bool:
    return field == "value" or field.startswith(("value#", "year:"))


def score(fields: set[str], bases: set[str]) -> int:
    has_indicator = (
        bool({"indicator_code", "indicator_name"} & bases) or {"category", "sector"} <= bases
    )
    values = sum(1 for f in fields if _is_value(f)) + sum(
        1 for f in fields if f == INDICATOR_COLUMN
    )
    if not has_indicator and not (values and TERRITORY_FIELDS & bases):
        return 0
    return 2 * int(has_indicator) + min(values, 5) + len(bases & {"year", "unit"})


def _year_headers(key: str, name: str, field: str | None) -> str | None:
    """A header that is a year (2019) holds that year's values (a wide layout)."""
    if field is None:
        year = year_of_header(name)
        if year is not None:
            return f"year:{year}"
    return field


def column_rule() -> ColumnRule:
    return _year_headers


def complete(mapping: dict[int, str], numeric_columns: set[int] | None) -> None:
    """With a territory column and no value column, each other numeric column is an
    indicator of its own (a value per territory, the unit in its header)."""
    if numeric_columns is None:
        return
    used = set(mapping.values())
    has_values = any(_is_value(f) for f in used)
    if TERRITORY_FIELDS & used and not has_values:
        for col in sorted(numeric_columns):
            if col not in mapping:
                mapping[col] = INDICATOR_COLUMN


def parse(reading: Reading) -> Any:
    from ..observations_parse import parse_observations

    prepared, sheet = reading.prepared, reading.prepared.sheet
    recognised = prepared.recognised
    parsed = parse_observations(
        sheet.rows,
        prepared.layout,
        prepared.mapping,
        sheet.name,
        reading.summary,
        year=reading.request.year,
        progress=reading.progress,
        columns=recognised.columns if recognised is not None else None,
    )
    if recognised is not None:
        reading.summary.warnings.extend(recognised.warnings)
    return parsed


def apply(writing: Writing) -> None:
    from ..observations_import import ObservationContext, apply_observations
    from ..request import provenance

    request = writing.request
    context = ObservationContext(
        writing.session,
        writing.actor,
        writing.summary,
        writing.prepared.sheet.name,
        request.territory,
        request.create_territories,
        writing.progress,
        *provenance(request, writing.prepared),
    )
    apply_observations(context, writing.parsed)


KIND = ImportKind(
    name=OBSERVATIONS,
    fields=FIELDS,
    score=score,
    apply=apply,
    template=TEMPLATE,
    column_rule=column_rule,
    complete=complete,
    extra_choices=(INDICATOR_COLUMN,),
    parse=parse,
)
