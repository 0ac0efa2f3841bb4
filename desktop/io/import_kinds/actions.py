"""Import kind: actions of a plan (axes and sub-axes as sections, pilots, partners,
funders, budget, status, dates), as partners' action-plan tables hold them."""

from __future__ import annotations

from ...i18n import N_
from .. import expansion
from ..kinds import ACTIONS
from .base import ColumnRule, Fields, ImportKind, TemplateColumn, Writing

FIELDS: Fields = {
    "code": (
        N_("Action code"),
        ("code", "n", "numero", "code action", "n fiche", "numero de fiche", "ref"),
    ),
    "axis": (N_("Axis"), ("axe", "axe x", "axis", "orientation", "axe strategique")),
    "sub_axis": (N_("Sub-axis"), ("sous axe", "sous axe x x", "sub axis")),
    "sub_sub_axis": (N_("Sub-sub-axis"), ("sous sous axe", "sous sous axe x x x", "sub sub axis")),
    "title": (
        N_("Action title"),
        (
            "titre de la fiche action",
            "titre de l action",
            "titre",
            "action",
            "intitule",
            "intitule de l action",
            "fiche action",
            "title",
            "action title",
            "nom de l action",
        ),
    ),
    "subaction_title": (
        N_("Sub-action title"),
        ("titre de la sous action", "sous action", "sub action"),
    ),
    "description": (N_("Description"), ("descriptif", "description", "contenu")),
    "governance": (N_("Governance"), ("instances de gouvernance", "gouvernance")),
    "objectives": (N_("Objectives"), ("objectifs", "objectives", "objectif")),
    "linked_indicators": (
        N_("Linked indicators"),
        ("indicateurs lies", "indicateurs", "indicators"),
    ),
    "lead_structure": (
        N_("Lead structure"),
        ("structure pilote", "pilote", "lead organisation", "porteur", "maitre d ouvrage"),
    ),
    "means": (N_("Human and technical means"), ("moyens humains et techniques", "moyens")),
    "partners": (N_("Partners"), ("partenaires", "partners", "partenaire")),
    "lead_service": (
        N_("Lead service"),
        ("direction ou service pilote", "service pilote", "lead service", "service"),
    ),
    "lead_person": (
        N_("Lead person"),
        ("personne pilote", "referent technique", "lead person", "responsable"),
    ),
    "elected_referent": (
        N_("Elected referent"),
        ("elu e referent e", "elu referent", "elected referent", "elu"),
    ),
    "participation": (N_("Citizen participation"), ("participation citoyenne", "participation")),
    "funding_text": (N_("Funding (text)"), ("financements", "funding", "plan de financement")),
    "funder#1": (N_("Funder 1"), ("financeur 1", "funder 1")),
    "amount#1": (N_("Amount of funder 1"), ("montant ht 1", "montant 1", "amount 1")),
    "funder#2": (N_("Funder 2"), ("financeur 2", "funder 2")),
    "amount#2": (N_("Amount of funder 2"), ("montant ht 2", "montant 2", "amount 2")),
    "funder#3": (N_("Funder 3"), ("financeur 3", "funder 3")),
    "amount#3": (N_("Amount of funder 3"), ("montant ht 3", "montant 3", "amount 3")),
    "budget": (
        N_("Total budget"),
        (
            "budget previsionnel total ht",
            "budget previsionnel",
            "budget",
            "budget total",
            "cout",
            "cout estime",
            "total budget",
        ),
    ),
    "status": (N_("Status"), ("statut", "status", "etat", "avancement")),
    "priority": (N_("Priority"), ("niveau de priorite", "priorite", "priority")),
    "start_date": (N_("Start date"), ("date de debut", "debut", "start date", "start")),
    "end_date": (N_("End date"), ("date de fin", "fin", "end date", "end", "echeance")),
    "recurring": (
        N_("Ongoing (continuous improvement)"),
        ("action en amelioration continue", "amelioration continue", "recurrente", "ongoing"),
    ),
    "notes": (N_("Notes"), ("notes", "note", "remarques", "commentaires")),
    "documents": (N_("Documents and links"), ("documents et liens", "documents", "liens")),
}

TEMPLATE: tuple[TemplateColumn, ...] = (
    ("Axe (x)", N_("1. Title of the axis"), None),
    ("Sous-axe (x.x)", N_("1.1. Title of the sub-axis"), None),
    ("Titre de la fiche action", N_("Short title (300 characters at most)"), None),
    ("Descriptif", N_("A few lines"), None),
    ("Structure pilote", N_("Separate several names with commas"), None),
    ("Partenaires", N_("Separate several names with commas"), None),
    ("Personne pilote", N_("First name LAST NAME, separated by commas"), None),
    (
        "Participation Citoyenne",
        N_("Choose from the list"),
        [
            "Pas de participation citoyenne",
            "Information",
            "Consultation",
            "Concertation",
            "Co-construction",
        ],
    ),
    ("Financeur 1", N_("Name of the funder"), None),
    ("Montant € HT", N_("Whole number"), None),
    ("Budget prévisionnel total € HT", N_("Whole number"), None),
    (
        "Statut",
        N_("Choose from the list"),
        [
            "À venir",
            "À discuter",
            "En cours",
            "Réalisé",
            "En retard",
            "En pause",
            "Bloqué",
            "Abandonné",
        ],
    ),
    ("Niveau de priorité", N_("Choose from the list"), ["Élevé", "Moyen", "Bas"]),
    ("Date de début", N_("DD/MM/YYYY"), None),
    ("Date de fin", N_("DD/MM/YYYY"), None),
    ("Action en amélioration continue", N_("VRAI or FAUX (true or false)"), ["VRAI", "FAUX"]),
)

_PLAIN_AMOUNT = ("montant ht", "montant", "amount")


def score(fields: set[str], bases: set[str]) -> int:
    if "title" not in bases:
        return 0
    return len(bases) + 2 * len(bases & {"axis", "sub_axis", "status", "lead_structure"})


def column_rule() -> ColumnRule:
    """An amount column belongs to the funder column before it ("Financeur 2", "Montant"),
    else it is the total budget."""
    last_funder = 0

    def rule(key: str, name: str, field: str | None) -> str | None:
        nonlocal last_funder
        if field == "funder#1" or (field or "").startswith("funder#"):
            last_funder = int((field or "#0").split("#")[1])
        elif key in _PLAIN_AMOUNT or (key.startswith("montant") and last_funder):
            field = f"amount#{last_funder}" if last_funder else "budget"
        return field

    return rule


def apply(writing: Writing) -> None:
    from ..actions_import import import_actions

    prepared, request = writing.prepared, writing.request
    import_actions(
        writing.session,
        writing.actor,
        writing.summary,
        prepared.sheet,
        prepared.layout,
        prepared.mapping,
        plan_name=request.plan or prepared.path.stem,
        territory=request.territory,
        plan_id=request.plan_id,
        progress=writing.progress,
    )


KIND = ImportKind(
    name=ACTIONS,
    fields=FIELDS,
    score=score,
    apply=apply,
    template=TEMPLATE,
    column_rule=column_rule,
    row_limit=("actions", lambda: expansion.MAX_ACTIONS),
)
