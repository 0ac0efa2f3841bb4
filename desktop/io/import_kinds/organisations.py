"""Import kind: organisations (partners, funders), with the action each supports, its role
and the amount committed."""

from __future__ import annotations

from ...i18n import N_
from .. import expansion
from ..kinds import ORGANISATIONS
from .base import Fields, ImportKind, TemplateColumn, Writing

FIELDS: Fields = {
    "name": (
        N_("Organisation name"),
        (
            "nom",
            "organisation",
            "structure",
            "partenaire",
            "name",
            "organisme",
            "raison sociale",
            "nom de la structure",
            "financeur",
        ),
    ),
    "acronym": (N_("Acronym"), ("sigle", "acronyme", "acronym")),
    "kind": (
        N_("Kind of organisation"),
        ("type", "type de structure", "kind", "nature", "categorie"),
    ),
    "siren": (N_("SIREN"), ("siren", "n siren", "siret")),
    "website": (N_("Website"), ("site", "site web", "site internet", "website", "url")),
    "notes": (N_("Notes"), ("notes", "commentaire", "commentaires", "remarques")),
    "action": (
        N_("Action (code or title)"),
        ("action", "fiche action", "code action", "titre de l action", "action code"),
    ),
    "role": (N_("Role in the action"), ("role", "engagement", "role dans l action")),
    "amount": (
        N_("Amount committed"),
        ("montant", "montant engage", "amount", "montant ht", "financement"),
    ),
}

TEMPLATE: tuple[TemplateColumn, ...] = (
    ("Nom", N_("Name of the organisation"), None),
    ("Sigle", N_("Acronym"), None),
    (
        "Type",
        N_("Choose from the list"),
        [
            "Collectivité",
            "Établissement public",
            "Entreprise",
            "Association",
            "Chambre consulaire",
            "Agence",
            "Recherche",
            "Autre",
        ],
    ),
    ("SIREN", N_("9 digits"), None),
    ("Site web", "https://…", None),
    ("Action", N_("Code or title of the action supported"), None),
    ("Rôle", N_("Choose from the list"), ["Partenaire", "Co-pilote", "Contributeur", "Opérateur"]),
    ("Montant", N_("Amount committed in euros"), None),
)


def score(fields: set[str], bases: set[str]) -> int:
    if "name" not in bases:
        return 0
    return 1 + len(bases & {"acronym", "kind", "siren", "website", "role", "amount"})


def apply(writing: Writing) -> None:
    from ..organisations_import import import_organisations

    prepared = writing.prepared
    import_organisations(
        writing.session,
        writing.actor,
        writing.summary,
        prepared.sheet,
        prepared.layout,
        prepared.mapping,
        progress=writing.progress,
    )


KIND = ImportKind(
    name=ORGANISATIONS,
    fields=FIELDS,
    score=score,
    apply=apply,
    template=TEMPLATE,
    row_limit=("organisations", lambda: expansion.MAX_ORGANISATIONS),
)
