"""Import kind: the national register of collectivities' ecological-transition projects (the
"communs de la transition écologique" schema), each project an action of its EPCI's plan."""

from __future__ import annotations

from ...i18n import N_
from ..kinds import PROJECTS
from .base import Fields, ImportKind, TemplateColumn, Writing

FIELDS: Fields = {
    "title": (N_("Project name"), ("nom", "nom du projet", "projet")),
    "description": (N_("Description"), ("description", "descriptif")),
    "budget": (N_("Forecast budget"), ("budget", "budget previsionnel", "budgetprevisionnel")),
    "start_date": (
        N_("Forecast start date"),
        (
            "forecasted start date",
            "date debut previsionnelle",
            "datedebutprevisionnelle",
            "date de debut previsionnelle",
        ),
    ),
    "phase": (N_("Phase"), ("phase", "phase du projet")),
    "phase_status": (
        N_("Status of the phase"),
        ("phasestatut", "phase statut", "statut de la phase"),
    ),
    "territory_siren": (N_("SIREN of the EPCI"), ("siren epci", "siren de l epci", "epci siren")),
    "levers": (N_("Levers"), ("leviers", "levier")),
    "competences": (N_("Competences"), ("competences", "competence")),
}

TEMPLATE: tuple[TemplateColumn, ...] = (
    ("nom", N_("Name of the project"), None),
    ("description", N_("A few lines"), None),
    ("budget", N_("Forecast budget in euros"), None),
    ("forecasted_start_date", N_("YYYY-MM-DD"), None),
    ("phase", N_("Choose from the list"), ["Idée", "Étude", "Opération"]),
    (
        "phasestatut",
        N_("Choose from the list"),
        ["En cours", "En retard", "En pause", "Bloqué", "Abandonné", "Terminé"],
    ),
    ("siren_epci", N_("SIREN of the EPCI (9 digits)"), None),
    ("leviers", N_("Levers, separated by |"), None),
    ("competences", N_("M57 competence codes, separated by |"), None),
)


def score(fields: set[str], bases: set[str]) -> int:
    # the register's own columns outweigh a loose action plan
    if not {"title", "territory_siren"} <= bases:
        return 0
    return 2 + 3 * len(bases & {"phase", "phase_status", "levers", "competences"})


def apply(writing: Writing) -> None:
    from ..projects_import import import_projects

    prepared = writing.prepared
    import_projects(
        writing.session,
        writing.actor,
        writing.summary,
        prepared.sheet,
        prepared.layout,
        prepared.mapping,
        progress=writing.progress,
    )


KIND = ImportKind(name=PROJECTS, fields=FIELDS, score=score, apply=apply, template=TEMPLATE)
