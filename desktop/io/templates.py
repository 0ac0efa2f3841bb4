"""``pcaet template KIND --out FILE.xlsx``: a blank, documented template whose column names the
importer recognises, with drop-down lists where a column takes values from a list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from ..i18n import N_, _
from .actions_import import PARTICIPATION_WORDS, PRIORITY_WORDS, STATUS_WORDS
from .kinds import ACTIONS, OBSERVATIONS, ORGANISATIONS, PROJECTS

# (header the importer maps, help line, drop-down choices or None). Headers and choices stay
# in French: they are the words partners' files use and the importer reads; help lines are
# translated when the template is written.
COLUMNS: dict[str, list[tuple[str, str, list[str] | None]]] = {
    OBSERVATIONS: [
        ("SIREN", N_("SIREN of the EPCI (9 digits)"), None),
        ("Code indicateur", N_("Code of the indicator (optional)"), None),
        ("Nom de l'indicateur", N_("Name, unit in brackets: Consommation (GWh)"), None),
        ("Unité", N_("kWh, MWh, GWh, tCO2e, ktCO2e, t, %…"), None),
        ("Année", N_("Year of the value (e.g. 2019)"), None),
        ("Valeur", N_("Number: 1 234,5 or 1234.5"), None),
        ("Commentaire", N_("Source, method, precision"), None),
    ],
    ACTIONS: [
        ("Axe (x)", N_("1. Title of the axis"), None),
        ("Sous-axe (x.x)", N_("1.1. Title of the sub-axis"), None),
        ("Titre de la fiche action", N_("Short title (300 characters at most)"), None),
        ("Descriptif", N_("A few lines"), None),
        ("Structure pilote", N_("Separate several names with commas"), None),
        ("Partenaires", N_("Separate several names with commas"), None),
        ("Personne pilote", N_("First name LAST NAME, separated by commas"), None),
        ("Participation Citoyenne", N_("Choose from the list"),
         ["Pas de participation citoyenne", "Information", "Consultation", "Concertation",
          "Co-construction"]),
        ("Financeur 1", N_("Name of the funder"), None),
        ("Montant € HT", N_("Whole number"), None),
        ("Budget prévisionnel total € HT", N_("Whole number"), None),
        ("Statut", N_("Choose from the list"),
         ["À venir", "À discuter", "En cours", "Réalisé", "En retard", "En pause", "Bloqué",
          "Abandonné"]),
        ("Niveau de priorité", N_("Choose from the list"), ["Élevé", "Moyen", "Bas"]),
        ("Date de début", N_("DD/MM/YYYY"), None),
        ("Date de fin", N_("DD/MM/YYYY"), None),
        ("Action en amélioration continue", N_("VRAI or FAUX (true or false)"), ["VRAI", "FAUX"]),
    ],
    ORGANISATIONS: [
        ("Nom", N_("Name of the organisation"), None),
        ("Sigle", N_("Acronym"), None),
        ("Type", N_("Choose from the list"),
         ["Collectivité", "Établissement public", "Entreprise", "Association",
          "Chambre consulaire", "Agence", "Recherche", "Autre"]),
        ("SIREN", N_("9 digits"), None),
        ("Site web", "https://…", None),
        ("Action", N_("Code or title of the action supported"), None),
        ("Rôle", N_("Choose from the list"),
         ["Partenaire", "Co-pilote", "Contributeur", "Opérateur"]),
        ("Montant", N_("Amount committed in euros"), None),
    ],
    PROJECTS: [
        ("nom", N_("Name of the project"), None),
        ("description", N_("A few lines"), None),
        ("budget", N_("Forecast budget in euros"), None),
        ("forecasted_start_date", N_("YYYY-MM-DD"), None),
        ("phase", N_("Choose from the list"), ["Idée", "Étude", "Opération"]),
        ("phasestatut", N_("Choose from the list"),
         ["En cours", "En retard", "En pause", "Bloqué", "Abandonné", "Terminé"]),
        ("siren_epci", N_("SIREN of the EPCI (9 digits)"), None),
        ("leviers", N_("Levers, separated by |"), None),
        ("competences", N_("M57 competence codes, separated by |"), None),
    ],
}
DATA_ROWS = 500
# The lists above must stay readable by the importer.
assert STATUS_WORDS and PRIORITY_WORDS and PARTICIPATION_WORDS


def write_template(kind: str, out: Path) -> Path:
    from ..outputs import write_output  # temporary file, the user's umask, then renamed

    with write_output(out) as partial:
        _write_template(kind, partial)
    return out


def _write_template(kind: str, out: Path) -> None:
    columns = COLUMNS[kind]
    book = xlsxwriter.Workbook(str(out))
    try:
        title = book.add_format({"bold": True, "font_size": 14})
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                  "text_wrap": True})
        note = book.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})
        sheet = book.add_worksheet(_("Data")[:31])
        sheet.write(0, 0, _("Import template: {kind}").format(kind=kind), title)
        sheet.write(1, 0, _("Fill one row per record from row 4; keep the column names. "
                            "Missing values: leave empty or write NR."), note)
        for col, (name, help_text, choices) in enumerate(columns):
            sheet.write(2, col, name, header)
            sheet.set_column(col, col, 24)
            sheet.write_comment(2, col, _(help_text))
            if choices:
                sheet.data_validation(3, col, 3 + DATA_ROWS, col, {
                    "validate": "list", "source": choices, "input_message": _(help_text)})
            elif "date" in name.lower():
                sheet.data_validation(3, col, 3 + DATA_ROWS, col, {
                    "validate": "date", "criteria": ">=", "minimum": date(1990, 1, 1),
                    "input_message": _(help_text)})
        sheet.freeze_panes(3, 0)
        help_sheet = book.add_worksheet(_("Help")[:31])
        help_sheet.set_column(0, 0, 32)
        help_sheet.set_column(1, 1, 70)
        for row, (name, help_text, choices) in enumerate(columns):
            help_sheet.write(row, 0, name, header)
            listed = ": " + ", ".join(choices) if choices else ""
            help_sheet.write(row, 1, _(help_text) + listed, note)
    finally:
        book.close()
