"""``pcaet template KIND --out FILE.xlsx``: a blank, documented template whose column names the
importer recognises, with drop-down lists where a column takes values from a list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from ..i18n import _
from .actions_import import PARTICIPATION_WORDS, PRIORITY_WORDS, STATUS_WORDS
from .mapping import ACTIONS, OBSERVATIONS, ORGANISATIONS

# (header the importer maps, help line, drop-down choices or None)
COLUMNS: dict[str, list[tuple[str, str, list[str] | None]]] = {
    OBSERVATIONS: [
        ("SIREN", "SIREN de l'EPCI (9 chiffres)", None),
        ("Code indicateur", "Code de l'indicateur (facultatif)", None),
        ("Nom de l'indicateur", "Nom, unité entre parenthèses : Consommation (GWh)", None),
        ("Unité", "kWh, MWh, GWh, tCO2e, ktCO2e, t, %…", None),
        ("Année", "Année de la valeur (ex. 2019)", None),
        ("Valeur", "Nombre : 1 234,5 ou 1234.5", None),
        ("Commentaire", "Source, méthode, précision", None),
    ],
    ACTIONS: [
        ("Axe (x)", "1. Titre de l'axe", None),
        ("Sous-axe (x.x)", "1.1. Titre du sous-axe", None),
        ("Titre de la fiche action", "Titre court (300 caractères au plus)", None),
        ("Descriptif", "Quelques lignes", None),
        ("Structure pilote", "Séparez plusieurs noms par des virgules", None),
        ("Partenaires", "Séparez plusieurs noms par des virgules", None),
        ("Personne pilote", "Prénom NOM, séparés par des virgules", None),
        ("Participation Citoyenne", "Choix dans la liste",
         ["Pas de participation citoyenne", "Information", "Consultation", "Concertation",
          "Co-construction"]),
        ("Financeur 1", "Nom du financeur", None),
        ("Montant € HT", "Nombre entier", None),
        ("Budget prévisionnel total € HT", "Nombre entier", None),
        ("Statut", "Choix dans la liste",
         ["À venir", "À discuter", "En cours", "Réalisé", "En retard", "En pause", "Bloqué",
          "Abandonné"]),
        ("Niveau de priorité", "Choix dans la liste", ["Élevé", "Moyen", "Bas"]),
        ("Date de début", "JJ/MM/AAAA", None),
        ("Date de fin", "JJ/MM/AAAA", None),
        ("Action en amélioration continue", "VRAI ou FAUX", ["VRAI", "FAUX"]),
    ],
    ORGANISATIONS: [
        ("Nom", "Nom de la structure", None),
        ("Sigle", "Sigle ou acronyme", None),
        ("Type", "Choix dans la liste",
         ["Collectivité", "Établissement public", "Entreprise", "Association",
          "Chambre consulaire", "Agence", "Recherche", "Autre"]),
        ("SIREN", "9 chiffres", None),
        ("Site web", "https://…", None),
        ("Action", "Code ou titre de la fiche action soutenue", None),
        ("Rôle", "Choix dans la liste", ["Partenaire", "Co-pilote", "Contributeur", "Opérateur"]),
        ("Montant", "Montant engagé en euros", None),
    ],
}
DATA_ROWS = 500
# The lists above must stay readable by the importer.
assert STATUS_WORDS and PRIORITY_WORDS and PARTICIPATION_WORDS


def write_template(kind: str, out: Path) -> Path:
    columns = COLUMNS[kind]
    out.parent.mkdir(parents=True, exist_ok=True)
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
            sheet.write_comment(2, col, help_text)
            if choices:
                sheet.data_validation(3, col, 3 + DATA_ROWS, col, {
                    "validate": "list", "source": choices, "input_message": help_text})
            elif "date" in name.lower():
                sheet.data_validation(3, col, 3 + DATA_ROWS, col, {
                    "validate": "date", "criteria": ">=", "minimum": date(1990, 1, 1),
                    "input_message": help_text})
        sheet.freeze_panes(3, 0)
        help_sheet = book.add_worksheet(_("Help")[:31])
        help_sheet.set_column(0, 0, 32)
        help_sheet.set_column(1, 1, 70)
        for row, (name, help_text, choices) in enumerate(columns):
            help_sheet.write(row, 0, name, header)
            help_sheet.write(row, 1, help_text + (" : " + ", ".join(choices) if choices else ""),
                             note)
    finally:
        book.close()
    return out
