"""Which column holds what: suggested from header names in French and English, editable in the
wizard, saved in profiles.

A mapping is a plain dict ``{column index: field}`` (JSON-friendly). Fields are names such as
``"indicator_name"``; repeated blocks carry their number (``"value#2"``, ``"year#2"``), year
columns of a wide layout their year (``"year:2019"``), and a column that is an indicator of its
own (a value per territory, unit in the header) is ``"indicator"``.
"""

from __future__ import annotations

import re

from ..i18n import N_, _
from ..services.text import normalise_name
from .kinds import ACTIONS, OBSERVATIONS, ORGANISATIONS, PROJECTS
from .parsing import CellError, parse_year
from .units import unit_in_text

IGNORE = "ignore"
INDICATOR_COLUMN = "indicator"

# field -> (label shown in the wizard, header names it is suggested for)
FIELDS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    OBSERVATIONS: {
        "territory_siren": (N_("Territory SIREN"), ("siren", "code siren", "siren epci",
                            "n siren", "epci siren", "siren de l epci", "siren_epci")),
        "territory_name": (N_("Territory name"), ("epci", "nom epci", "territoire",
                           "collectivite", "territory", "nom de l epci", "nom du territoire")),
        # a commune's values, added up into its territory (communes of the store)
        "territory_insee": (N_("Commune INSEE code"), ("code insee", "insee", "code commune",
                            "codgeo", "code geo", "insee com", "code insee commune",
                            "depcom", "commune insee", "code insee de la commune")),
        "indicator_code": (N_("Indicator code"), ("code", "n", "no", "num", "numero",
                           "identifiant", "identifiantreferentiel", "identifiant referentiel",
                           "code indicateur", "indicator code", "id", "reference")),
        "indicator_name": (N_("Indicator name"), ("nom de l indicateur", "indicateur",
                           "nom indicateur", "intitule", "libelle", "titre", "indicator",
                           "indicator name", "name", "nom", "intitule de l indicateur")),
        "unit": (N_("Unit"), ("unite", "unit", "unites", "units")),
        "category": (N_("Category"), ("categorie", "category")),
        # with the category (GES, consommation...), the sector names the indicator
        "sector": (N_("Sector"), ("secteur", "secteur d activite", "secteur activite", "sector",
                   "secteur pcaet", "secteur reglementaire")),
        "description": (N_("Description"), ("descriptif", "description", "definition")),
        "year": (N_("Year"), ("annee", "year", "millesime", "annees")),
        "value": (N_("Value"), ("valeur", "value", "valeur realisee", "resultat", "donnee")),
        "comment": (N_("Comment"), ("commentaire", "commentaires", "comment", "comments",
                    "remarque", "remarques", "precision")),
        "source": (N_("Source"), ("source", "sources", "producteur")),
        "status": (N_("Value or target"), ("type de valeur", "nature de la valeur",
                   "value type", "realise objectif")),
    },
    ACTIONS: {
        "code": (N_("Action code"), ("code", "n", "numero", "code action", "n fiche",
                 "numero de fiche", "ref")),
        "axis": (N_("Axis"), ("axe", "axe x", "axis", "orientation", "axe strategique")),
        "sub_axis": (N_("Sub-axis"), ("sous axe", "sous axe x x", "sub axis")),
        "sub_sub_axis": (N_("Sub-sub-axis"), ("sous sous axe", "sous sous axe x x x",
                         "sub sub axis")),
        "title": (N_("Action title"), ("titre de la fiche action", "titre de l action",
                  "titre", "action", "intitule", "intitule de l action", "fiche action",
                  "title", "action title", "nom de l action")),
        "subaction_title": (N_("Sub-action title"), ("titre de la sous action",
                            "sous action", "sub action")),
        "description": (N_("Description"), ("descriptif", "description", "contenu")),
        "governance": (N_("Governance"), ("instances de gouvernance", "gouvernance")),
        "objectives": (N_("Objectives"), ("objectifs", "objectives", "objectif")),
        "linked_indicators": (N_("Linked indicators"), ("indicateurs lies", "indicateurs",
                              "indicators")),
        "lead_structure": (N_("Lead structure"), ("structure pilote", "pilote",
                           "lead organisation", "porteur", "maitre d ouvrage")),
        "means": (N_("Human and technical means"), ("moyens humains et techniques",
                  "moyens")),
        "partners": (N_("Partners"), ("partenaires", "partners", "partenaire")),
        "lead_service": (N_("Lead service"), ("direction ou service pilote",
                         "service pilote", "lead service", "service")),
        "lead_person": (N_("Lead person"), ("personne pilote", "referent technique",
                        "lead person", "responsable")),
        "elected_referent": (N_("Elected referent"), ("elu e referent e", "elu referent",
                             "elected referent", "elu")),
        "participation": (N_("Citizen participation"), ("participation citoyenne",
                          "participation")),
        "funding_text": (N_("Funding (text)"), ("financements", "funding", "plan de financement")),
        "funder#1": (N_("Funder 1"), ("financeur 1", "funder 1")),
        "amount#1": (N_("Amount of funder 1"), ("montant ht 1", "montant 1", "amount 1")),
        "funder#2": (N_("Funder 2"), ("financeur 2", "funder 2")),
        "amount#2": (N_("Amount of funder 2"), ("montant ht 2", "montant 2", "amount 2")),
        "funder#3": (N_("Funder 3"), ("financeur 3", "funder 3")),
        "amount#3": (N_("Amount of funder 3"), ("montant ht 3", "montant 3", "amount 3")),
        "budget": (N_("Total budget"), ("budget previsionnel total ht", "budget previsionnel",
                   "budget", "budget total", "cout", "cout estime", "total budget")),
        "status": (N_("Status"), ("statut", "status", "etat", "avancement")),
        "priority": (N_("Priority"), ("niveau de priorite", "priorite", "priority")),
        "start_date": (N_("Start date"), ("date de debut", "debut", "start date", "start")),
        "end_date": (N_("End date"), ("date de fin", "fin", "end date", "end", "echeance")),
        "recurring": (N_("Ongoing (continuous improvement)"), (
            "action en amelioration continue", "amelioration continue", "recurrente",
            "ongoing")),
        "notes": (N_("Notes"), ("notes", "note", "remarques", "commentaires")),
        "documents": (N_("Documents and links"), ("documents et liens", "documents", "liens")),
    },
    ORGANISATIONS: {
        "name": (N_("Organisation name"), ("nom", "organisation", "structure", "partenaire",
                 "name", "organisme", "raison sociale", "nom de la structure", "financeur")),
        "acronym": (N_("Acronym"), ("sigle", "acronyme", "acronym")),
        "kind": (N_("Kind of organisation"), ("type", "type de structure", "kind", "nature",
                 "categorie")),
        "siren": (N_("SIREN"), ("siren", "n siren", "siret")),
        "website": (N_("Website"), ("site", "site web", "site internet", "website", "url")),
        "notes": (N_("Notes"), ("notes", "commentaire", "commentaires", "remarques")),
        "action": (N_("Action (code or title)"), ("action", "fiche action", "code action",
                   "titre de l action", "action code")),
        "role": (N_("Role in the action"), ("role", "engagement", "role dans l action")),
        "amount": (N_("Amount committed"), ("montant", "montant engage", "amount",
                   "montant ht", "financement")),
    },
    PROJECTS: {
        "title": (N_("Project name"), ("nom", "nom du projet", "projet")),
        "description": (N_("Description"), ("description", "descriptif")),
        "budget": (N_("Forecast budget"), ("budget", "budget previsionnel",
                   "budgetprevisionnel")),
        "start_date": (N_("Forecast start date"), ("forecasted start date",
                       "date debut previsionnelle", "datedebutprevisionnelle",
                       "date de debut previsionnelle")),
        "phase": (N_("Phase"), ("phase", "phase du projet")),
        "phase_status": (N_("Status of the phase"), ("phasestatut", "phase statut",
                         "statut de la phase")),
        "territory_siren": (N_("SIREN of the EPCI"), ("siren epci", "siren de l epci",
                            "epci siren")),
        "levers": (N_("Levers"), ("leviers", "levier")),
        "competences": (N_("Competences"), ("competences", "competence")),
    },
}

_NUMBERED = re.compile(r"^(.*?)\s*(\d{1,2})$")
_PLAIN_AMOUNT = ("montant ht", "montant", "amount")


def field_label(kind: str, field: str) -> str:
    if field == IGNORE:
        return _("(ignore)")
    if field == INDICATOR_COLUMN:
        return _("An indicator (one value per row)")
    if field.startswith("year:"):
        return _("Values of {year}").format(year=field[5:])
    base, _sep, number = field.partition("#")
    entry = FIELDS.get(kind, {}).get(field) or FIELDS.get(kind, {}).get(base)
    label = _(entry[0]) if entry else field
    if number and field not in FIELDS.get(kind, {}):
        return _("{label} (block {number})").format(label=label, number=number)
    return label


def header_key(name: str) -> str:
    """The header without its unit in brackets or currency signs, normalised."""
    without_unit, _unit = unit_in_text(name)
    return normalise_name(without_unit.replace("€", " ")) or normalise_name(name)


def _lookup(kind: str, key: str) -> str | None:
    for field, (_label, names) in FIELDS[kind].items():
        if key in names:
            return field
    return None


def year_of_header(name: str) -> int | None:
    try:
        year = parse_year(name.strip().removesuffix(".0"))
    except CellError:
        return None
    text = "".join(name.split()).removesuffix(".0")
    return year if year is not None and text.isdigit() and len(text) == 4 else None


def suggest(kind: str, names: list[str], numeric_columns: set[int] | None = None) -> dict[int, str]:
    """A field for each column from its header. Repeated "Valeur 1 / Année 1" blocks become
    numbered fields; year headers become year columns; with a territory column, other numeric
    columns become indicators of their own."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    last_funder = 0
    for col, name in enumerate(names):
        key = header_key(name)
        field = _lookup(kind, key)
        if field is None:
            match = _NUMBERED.match(key)
            if match:
                base = _lookup(kind, match.group(1))
                if base is not None:
                    field = f"{base}#{match.group(2)}"
        if kind == ACTIONS:
            if field == "funder#1" or (field or "").startswith("funder#"):
                last_funder = int((field or "#0").split("#")[1])
            elif key in _PLAIN_AMOUNT or (key.startswith("montant") and last_funder):
                field = f"amount#{last_funder}" if last_funder else "budget"
        if field is None and kind == OBSERVATIONS:
            year = year_of_header(name)
            if year is not None:
                field = f"year:{year}"
        if field is not None and field in used and "#" not in field:
            field = None  # the first column of that name wins; the user may change it
        if field is not None:
            mapping[col] = field
            used.add(field)
    if kind == OBSERVATIONS and numeric_columns is not None:
        has_values = any(
            f in ("value",) or f.startswith(("value#", "year:")) for f in mapping.values()
        )
        has_territory = bool({"territory_siren", "territory_name", "territory_insee"} & used)
        if has_territory and not has_values:
            for col in sorted(numeric_columns):
                if col not in mapping:
                    mapping[col] = INDICATOR_COLUMN
    return mapping


def score(kind: str, mapping: dict[int, str]) -> int:
    """How well a mapping fits its kind: used to choose the kind and the sheet."""
    fields = set(mapping.values())
    bases = {f.split("#")[0] for f in fields}
    if kind == OBSERVATIONS:
        has_indicator = bool({"indicator_code", "indicator_name"} & bases) or {
            "category", "sector"} <= bases
        values = sum(
            1 for f in fields if f in ("value",) or f.startswith(("value#", "year:"))
        ) + sum(1 for f in fields if f == INDICATOR_COLUMN)
        territories = {"territory_siren", "territory_name", "territory_insee"}
        if not has_indicator and not (values and territories & bases):
            return 0
        return 2 * int(has_indicator) + min(values, 5) + len(bases & {"year", "unit"})
    if kind == ACTIONS:
        if "title" not in bases:
            return 0
        return len(bases) + 2 * len(bases & {"axis", "sub_axis", "status", "lead_structure"})
    if kind == ORGANISATIONS:
        if "name" not in bases:
            return 0
        return 1 + len(bases & {"acronym", "kind", "siren", "website", "role", "amount"})
    if kind == PROJECTS:  # the register's own columns outweigh a loose action plan
        if not {"title", "territory_siren"} <= bases:
            return 0
        return 2 + 3 * len(bases & {"phase", "phase_status", "levers", "competences"})
    return 0


def field_choices(kind: str, mapping: dict[int, str]) -> list[str]:
    """The fields the wizard offers for a column: the kind's fields, the numbered and year
    fields already suggested, plus "indicator" and "ignore"."""
    choices = [IGNORE, *FIELDS[kind]]
    for field in mapping.values():
        if field not in choices:
            choices.append(field)
    if kind == OBSERVATIONS and INDICATOR_COLUMN not in choices:
        choices.append(INDICATOR_COLUMN)
    return choices
