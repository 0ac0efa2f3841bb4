"""``pcaet export --format tet``: a plan in the layout of the Territoires en Transitions import
template (``modele-import-pa.xlsx``), so it can move to that platform.

The platform's importer takes the sheet whose A2 reads "Axe (x)", checks its headers in order,
and reads data from row 4 (rows 1-3 are group titles, headers and field types). The words it
expects are French whatever the interface language.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from ..errors import UserError
from ..i18n import _
from ..labels import label
from ..models import (
    ActionDocument,
    ActionNote,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    Funding,
    Organisation,
    ParticipationLevel,
    Plan,
    Priority,
)
from ..services.plans import flat_sections
from ..services.queries import actions as action_queries
from ..services.queries.names import names_by_id, plan_or_first
from ..store import Store
from .parts import amount_text
from .workbook import _save
from .workbook_cells import is_formula_like

SHEET = "Fichier d'import"
# The template's headers, in order, as written there (trailing spaces included).
HEADERS: tuple[str, ...] = (
    "Axe (x)",
    "Sous-axe (x.x)",
    "Sous-sous axe (x.x.x)",
    "Titre de la fiche action",
    "Titre de la sous-action",
    "Descriptif",
    "Instances de gouvernance",
    "Objectifs",
    "Indicateurs liés",
    "Structure pilote",
    "Moyens humains et techniques",
    "Partenaires ",
    "Direction ou service pilote",
    "Personne pilote",
    "Élu·e référent·e ",
    "Participation Citoyenne",
    "Financements",
    "Financeur 1",
    "Montant € HT",
    "Financeur 2",
    "Montant € HT",
    "Financeur 3",
    "Montant € HT",
    "Budget prévisionnel total € HT",
    "Statut ",
    "Niveau de priorité",
    "Date de début",
    "Date de fin",
    "Action en amélioration continue",
    "Mesures liées",
    "Actions liées",
    "Notes",
    "Documents et liens",
)
GROUPS = {
    1: "Présentation de l’action",
    8: "Objectifs et indicateurs",
    10: "Acteurs",
    17: "Modalités de mise en oeuvre ",
    30: "Actions liées",
}
FIRST_DATA_ROW = 4

STATUS = {
    ActionStatus.TO_COME: "À venir",
    ActionStatus.TO_DISCUSS: "À discuter",
    ActionStatus.IN_PROGRESS: "En cours",
    ActionStatus.DONE: "Réalisé",
    ActionStatus.LATE: "En retard",
    ActionStatus.PAUSED: "En pause",
    ActionStatus.BLOCKED: "Bloqué",
    ActionStatus.ABANDONED: "Abandonné",
}
PRIORITY = {Priority.HIGH: "Élevé", Priority.MEDIUM: "Moyen", Priority.LOW: "Bas"}
PARTICIPATION = {
    ParticipationLevel.NONE: "Pas de participation citoyenne",
    ParticipationLevel.INFORMATION: "Information",
    ParticipationLevel.CONSULTATION: "Consultation",
    ParticipationLevel.CONCERTATION: "Concertation",
    ParticipationLevel.CO_CONSTRUCTION: "Co-construction",
}


def _field_type(column: int) -> str:
    """Row 3 of the template: what each column takes."""
    if column in (19, 21, 23, 24):
        return "Champ numérique"
    if column in (16, 25, 26):
        return "Champ liste déroulante"
    if column in (27, 28):
        return "Champ date"
    if column == 29:
        return "Champ binaire"
    return "Champ texte"


def _list(names: list[str]) -> str:
    # The platform splits these cells on commas: a comma inside a name would make two.
    return ", ".join(n.replace(",", " ") for n in names if n)


def _euros(amount: Decimal | None) -> int | None:
    if amount is None:
        return None
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _axis(code: str, title: str) -> str:
    return f"{code}. {title}" if code else title


def _foreign_amounts(lines: list[BudgetLine], fundings: list[Funding]) -> list[str]:
    """Amounts in another currency than the euro, as written: the template's amount columns
    take euros only, so they go in its "Financements" text instead of being lost."""
    found = [
        _("Budget: {amount} ({what})").format(
            amount=amount_text(b.amount, b.unit, b.precision), what=b.label or label(b.scope)
        )
        for b in lines
        if b.state == BudgetState.AMOUNT
        and b.amount is not None
        and b.unit.upper() not in ("EUR", "FTE")
    ]
    found += [
        _("Funding: {amount} ({funder})").format(
            amount=amount_text(f.amount, f.currency), funder=f.programme
        )
        for f in fundings
        if f.amount is not None and f.currency.upper() != "EUR"
    ]
    return found


def tet_rows(session: Session, plan: Plan, warnings: list[str] | None = None) -> list[list[Any]]:
    """The template's rows; amounts in other currencies than the euro are kept as written in
    the "Financements" text and named in ``warnings``."""
    assert plan.id is not None
    paths: dict[int, list[str]] = {}
    stack: list[str] = []
    for depth, section in flat_sections(session, plan.id):
        stack = [*stack[:depth], _axis(section.code, section.title)]
        if section.id is not None:
            paths[section.id] = list(stack)
    orgs = names_by_id(session, Organisation)
    actions = action_queries.plan_actions(session, plan.id)
    ids = [a.id for a in actions]
    by: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for model in (ActionPartner, Funding, BudgetLine, ActionNote, ActionDocument):
        for item in action_queries.records_of_actions(session, model, ids):
            by[model.__name__][item.action_id].append(item)  # type: ignore[attr-defined]
    for action_id, name in action_queries.indicator_names_of_actions(session, ids):
        by["indicator"][action_id].append(name)
    titles = {a.id: f"{a.code} {a.title}".strip() for a in actions}
    for link in action_queries.links_from_actions(session, ids):
        by["link"][link.source_action_id].append(titles.get(link.target_action_id, ""))
    rows: list[list[Any]] = []
    for a in actions:
        path = paths.get(a.section_id, []) if a.section_id else []
        fundings = by["Funding"][a.id or 0]
        funders: list[Any] = []
        for f in fundings[:3]:
            euros = f.amount if f.currency.upper() == "EUR" else None
            funders += [orgs.get(f.funder_id, "") if f.funder_id else f.programme, _euros(euros)]
        funders += [None] * (6 - len(funders))
        # The plan's own forecast in euros: amounts shown for context are not its budget.
        lines = [
            b
            for b in by["BudgetLine"][a.id or 0]
            if b.scenario == BudgetScenario.FORECAST
            and b.state == BudgetState.AMOUNT
            and b.unit.upper() == "EUR"
            and b.amount is not None
            and b.scope == BudgetScope.OWN
        ]
        total = sum((b.amount for b in lines if b.amount is not None), Decimal(0))
        foreign = _foreign_amounts(by["BudgetLine"][a.id or 0], fundings)
        if foreign and warnings is not None:
            warnings.append(
                _(
                    '{action}: {amounts} kept as written in "Financements" (the template\'s '
                    "amounts are in euros)."
                ).format(action=titles.get(a.id, a.title), amounts="; ".join(foreign))
            )
        funding_text = "\n".join(
            [*(f.text or f.programme for f in fundings if f.text or f.programme), *foreign]
        )
        rows.append(
            [
                *[*path, "", "", ""][:3],
                _axis(a.code, a.title) if a.code else a.title,
                "",
                a.description,
                "",
                "",
                _list(by["indicator"][a.id or 0]),
                orgs.get(a.lead_organisation_id, "") if a.lead_organisation_id else "",
                "",
                _list([orgs.get(p.organisation_id, "") for p in by["ActionPartner"][a.id or 0]]),
                a.lead_service.replace(",", " "),
                a.lead_person.replace(",", " "),
                a.elected_referent.replace(",", " "),
                PARTICIPATION.get(a.participation, ""),
                funding_text or a.budget_text,
                *funders,
                _euros(total) if lines else None,
                STATUS.get(a.status, ""),
                PRIORITY.get(a.priority, "") if a.priority else "",
                a.start_date,
                a.end_date,
                "VRAI" if a.recurring else "FAUX",
                "",
                "\n".join(by["link"][a.id or 0]),
                "\n".join(n.text for n in by["ActionNote"][a.id or 0]),
                "\n".join(f"{d.title}: {d.location}" for d in by["ActionDocument"][a.id or 0]),
            ]
        )
    return rows


def export_tet(
    store: Store,
    out: str | Path,
    *,
    plan_id: int | None = None,
    warnings: list[str] | None = None,
) -> int:
    """Write the plan in the TET template layout; returns the number of actions written.
    What the template cannot hold as it is (amounts in pounds) is listed in ``warnings``."""
    with store.session() as session:
        plan = plan_or_first(session, plan_id)
        if plan is None:
            raise UserError(_("There is no such plan in the store."))
        rows = tet_rows(session, plan, warnings)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for column, title in GROUPS.items():
        sheet.cell(1, column, title).font = bold
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(2, column, header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(3, column, _field_type(column))
        sheet.column_dimensions[get_column_letter(column)].width = 30 if column in (4, 6) else 18
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(FIRST_DATA_ROW + offset, column, value)
            if isinstance(value, str) and is_formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, str) and len(value) > 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "E4"
    _save(book, Path(out))
    return len(rows)
