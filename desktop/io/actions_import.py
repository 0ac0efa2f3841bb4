"""Action plans: the Territoires en Transitions import template (axes "1. Title", sub-axes
"1.1.", sub-sub-axes, actions and sub-actions, pilots and partners separated by commas, funders
1-3 with amounts, status / priority / participation lists, dd/mm/yyyy or Excel dates, VRAI/FAUX)
and looser layouts (no axes, columns in another order).

Actions are matched by plan, parent and normalised title (or code), so importing the same file
again changes nothing and a corrected file updates only what changed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from ..i18n import _
from ..models import (
    Action,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetState,
    Funding,
    OrganisationKind,
    ParticipationLevel,
    PartnerRole,
    Plan,
    Priority,
    Section,
    SectionKind,
    TaxBasis,
    Territory,
)
from ..progress import Progress
from ..services import changes
from ..services.actions import add_partner, create_action
from ..services.changes import Actor, ValidationError
from ..services.plans import create_plan, create_section
from ..services.territories import find_territory, get_or_create_organisation
from ..services.text import fold, normalise_name
from .layout import Layout
from .lengths import check_length
from .parsing import CellError, clean_text, parse_bool, parse_date, parse_number, split_list
from .readers.base import Sheet
from .safety import FileRefused
from .summary import ImportSummary

_NUMBERED = re.compile(r"^\s*((?:\d+[.)])+(?:\d+)?)\s*[-–:]?\s*(.*)$", re.DOTALL)
# "Action 1 - Title", "Fiche 3.2 : Title": the template's other way of numbering an action.
_LABELLED = re.compile(
    r"^\s*(?:fiche(?: action)?|action)\s+([\w.]+?)\.?\s*[-–:]\s*(.+)$", re.DOTALL | re.IGNORECASE
)
# The template's example shows two ways of writing a title, one per line, joined by "(ou)".
_ALTERNATIVES = re.compile(r"^\s*\((?:ou|or)\)\s*$", re.MULTILINE | re.IGNORECASE)
# Sentences the Territoires en Transitions template puts in cells of columns it does not
# import: instructions to the reader, never data (folded: no accents, lower case).
TEMPLATE_PLACEHOLDERS = (
    "ces informations devront etre saisies directement sur la plateforme apres l'import",
    "ce champ ne sera pas integre lors de l'importation",
)

STATUS_WORDS: dict[str, ActionStatus] = {
    "a venir": ActionStatus.TO_COME,
    "to come": ActionStatus.TO_COME,
    "non commence": ActionStatus.TO_COME,
    "planned": ActionStatus.TO_COME,
    "a discuter": ActionStatus.TO_DISCUSS,
    "to discuss": ActionStatus.TO_DISCUSS,
    "en cours": ActionStatus.IN_PROGRESS,
    "in progress": ActionStatus.IN_PROGRESS,
    "realise": ActionStatus.DONE,
    "termine": ActionStatus.DONE,
    "done": ActionStatus.DONE,
    "en retard": ActionStatus.LATE,
    "late": ActionStatus.LATE,
    "en pause": ActionStatus.PAUSED,
    "paused": ActionStatus.PAUSED,
    "bloque": ActionStatus.BLOCKED,
    "blocked": ActionStatus.BLOCKED,
    "abandonne": ActionStatus.ABANDONED,
    "abandoned": ActionStatus.ABANDONED,
}
PRIORITY_WORDS: dict[str, Priority] = {
    "eleve": Priority.HIGH,
    "elevee": Priority.HIGH,
    "haute": Priority.HIGH,
    "high": Priority.HIGH,
    "forte": Priority.HIGH,
    "moyen": Priority.MEDIUM,
    "moyenne": Priority.MEDIUM,
    "medium": Priority.MEDIUM,
    "bas": Priority.LOW,
    "basse": Priority.LOW,
    "faible": Priority.LOW,
    "low": Priority.LOW,
}
PARTICIPATION_WORDS: dict[str, ParticipationLevel] = {
    "pas de participation citoyenne": ParticipationLevel.NONE,
    "aucune": ParticipationLevel.NONE,
    "none": ParticipationLevel.NONE,
    "information": ParticipationLevel.INFORMATION,
    "consultation": ParticipationLevel.CONSULTATION,
    "concertation": ParticipationLevel.CONCERTATION,
    "co construction": ParticipationLevel.CO_CONSTRUCTION,
}
SECTION_KINDS = {
    "axis": SectionKind.AXIS,
    "sub_axis": SectionKind.SUB_AXIS,
    "sub_sub_axis": SectionKind.OTHER,
}
# Columns kept in the description under their heading, as the template has no field for them.
EXTRA_TEXT = ("governance", "objectives", "means", "linked_indicators", "notes", "documents")


def split_numbering(text: str) -> tuple[str, str]:
    """ "1.1. Améliorer l'air" -> ("1.1", "Améliorer l'air"), "Action 4 - Vélo" -> ("4", "Vélo");
    no number -> ("", text). Of alternatives written one per line with "(ou)" between them
    (the template's example), the first is taken."""
    first = _ALTERNATIVES.split(text, maxsplit=1)[0]
    cleaned = " ".join(first.split())
    match = _NUMBERED.match(cleaned)
    if match and match.group(2).strip():
        return match.group(1).rstrip(".)"), match.group(2).strip()
    labelled = _LABELLED.match(cleaned)
    if labelled and labelled.group(2).strip():
        return labelled.group(1).rstrip("."), labelled.group(2).strip()
    return "", cleaned


def is_placeholder(value: Any) -> bool:
    """Whether a cell holds one of the template's instructions rather than data."""
    if not isinstance(value, str) or len(value) < 20:
        return False
    folded = " ".join(fold(value).replace("’", "'").split()).rstrip(" .")
    return any(folded.startswith(sentence) for sentence in TEMPLATE_PLACEHOLDERS)


def _lookup(words: dict[str, Any], text: str) -> Any:
    key = normalise_name(text)
    return words.get(key)


class _Importer:
    def __init__(
        self,
        session: Session,
        actor: Actor,
        summary: ImportSummary,
        sheet: Sheet,
        layout: Layout,
        mapping: dict[int, str],
        plan: Plan,
    ) -> None:
        self.session, self.actor, self.summary = session, actor, summary
        self.sheet, self.layout, self.plan = sheet, layout, plan
        self.by_field = {f: c for c, f in sorted(mapping.items(), reverse=True)}
        self.sections: dict[tuple[int | None, str], Section] = {
            (s.parent_id, normalise_name(s.title)): s
            for s in session.exec(select(Section).where(Section.plan_id == plan.pk))
        }
        self.actions: dict[tuple[int | None, str], Action] = {
            (a.parent_id, normalise_name(a.title)): a
            for a in session.exec(select(Action).where(Action.plan_id == plan.pk))
        }
        self.seen_rows: dict[tuple[int | None, str], int] = {}
        self.organisations: dict[str, int] = {}

    def cell(self, row: list[Any], field: str) -> Any:
        col = self.by_field.get(field)
        value = row[col] if col is not None and col < len(row) else None
        return None if is_placeholder(value) else value

    def text(self, row: list[Any], field: str) -> str:
        return clean_text(self.cell(row, field))

    def reject(self, number: int, field: str, reason: str, value: Any = "") -> None:
        col = self.by_field.get(field)
        label = self.layout.names[col] if col is not None else field
        self.summary.reject(self.sheet.name, number, label, reason, clean_text(value))

    def fit(self, number: int, field: str, text: str, limit: int) -> str:
        """A free text cut to what the store holds, the cut said in the summary."""
        if len(text) <= limit:
            return text
        col = self.by_field.get(field)
        label = self.layout.names[col] if col is not None else field
        return self.summary.fit(self.sheet.name, number, label, text, limit)

    def organisation(self, name: str) -> int:
        """Matched by normalised name: "Région Hauts-de-France" and "Region Hauts de France"
        are one organisation."""
        key = normalise_name(name)
        if key not in self.organisations:
            check_length("partners", _("organisation name"), name, 300)
            org = get_or_create_organisation(
                self.session, self.actor, name, kind=OrganisationKind.OTHER
            )
            self.organisations[key] = org.pk
        return self.organisations[key]

    def section(self, row: list[Any]) -> int | None:
        parent: Section | None = None
        for field in ("axis", "sub_axis", "sub_sub_axis"):
            raw = self.text(row, field)
            if not raw:
                continue
            code, title = split_numbering(raw)
            key = (parent.pk if parent else None, normalise_name(title))
            found = self.sections.get(key)
            if found is None:
                check_length(field, _("section title"), title, 400)
                check_length(field, _("section number"), code, 20)
                found = create_section(
                    self.session,
                    self.actor,
                    plan_id=self.plan.pk,
                    title=title,
                    code=code,
                    kind=SECTION_KINDS[field],
                    parent_id=parent.pk if parent else None,
                )
                self.sections[key] = found
                self.summary.created_sections.append(f"{code} {title}".strip())
            parent = found
        return parent.pk if parent else None

    def values(self, row: list[Any], number: int) -> dict[str, Any] | None:
        """The action's fields from the row; None when a cell makes the row unusable."""
        values: dict[str, Any] = {}
        description = self.text(row, "description")
        extras = []
        for field in EXTRA_TEXT:
            value = self.text(row, field)
            if value:
                col = self.by_field[field]
                extras.append(f"{self.layout.names[col]}: {value}")
        values["description"] = "\n\n".join([p for p in [description, *extras] if p])
        for field in ("lead_service", "lead_person", "elected_referent"):
            values[field] = self.fit(
                number, field, ", ".join(split_list(self.cell(row, field))), 200
            )
        values["budget_text"] = self.text(row, "funding_text")
        for field, words, attribute in (
            ("status", STATUS_WORDS, "status"),
            ("priority", PRIORITY_WORDS, "priority"),
            ("participation", PARTICIPATION_WORDS, "participation"),
        ):
            raw = self.text(row, field)
            if not raw:
                continue
            found = _lookup(words, raw)
            if found is None:
                self.reject(number, field, _("value not in the list"), raw)
            else:
                values[attribute] = found
        for field in ("start_date", "end_date"):
            try:
                values[field] = parse_date(self.cell(row, field), date1904=self.sheet.date1904)
            except CellError as error:
                self.reject(number, field, str(error), self.cell(row, field))
                values[field] = None
        try:
            recurring = parse_bool(self.cell(row, "recurring"))
        except CellError as error:
            self.reject(number, "recurring", str(error), self.cell(row, "recurring"))
            recurring = None
        values["recurring"] = bool(recurring)
        start, end = values.get("start_date"), values.get("end_date")
        if start is not None and end is not None and end < start:
            self.reject(
                number,
                "end_date",
                _("the end date is before the start date"),
                self.cell(row, "end_date"),
            )
            values["end_date"] = None
        return values

    def upsert_action(
        self,
        parent: Action | None,
        section_id: int | None,
        code: str,
        title: str,
        values: dict[str, Any],
        number: int,
    ) -> tuple[Action, bool, bool]:
        key = (parent.pk if parent else None, normalise_name(title))
        existing = self.actions.get(key)
        check_length("title", _("action title"), title, 500)
        check_length("code", _("action number"), code, 20)
        if existing is None:
            action = create_action(
                self.session,
                self.actor,
                plan_id=self.plan.pk,
                title=title,
                section_id=section_id,
                code=code or None,
                parent_id=parent.pk if parent else None,
                **values,
            )
            self.actions[key] = action
            return action, True, False
        wanted = dict(values, section_id=section_id)
        if code:
            wanted["code"] = code
        changed = changes.update(self.session, existing, wanted, self.actor)
        return existing, False, bool(changed)

    def people(self, action: Action, row: list[Any]) -> bool:
        changed = False
        leads = split_list(self.cell(row, "lead_structure"))
        if leads:
            lead_id = self.organisation(leads[0])
            if action.lead_organisation_id != lead_id:
                changes.update(self.session, action, {"lead_organisation_id": lead_id}, self.actor)
                changed = True
        current = {
            (p.organisation_id, p.role)
            for p in self.session.exec(
                select(ActionPartner).where(ActionPartner.action_id == action.pk)
            )
        }
        wanted = [(self.organisation(n), PartnerRole.CO_LEAD) for n in leads[1:]]
        wanted += [
            (self.organisation(n), PartnerRole.PARTNER)
            for n in split_list(self.cell(row, "partners"))
        ]
        for organisation_id, role in wanted:
            if (organisation_id, role) not in current:
                add_partner(self.session, self.actor, action, organisation_id, role)
                current.add((organisation_id, role))
                changed = True
        return changed

    def money(self, action: Action, row: list[Any], number: int) -> bool:
        changed = False
        fundings = {
            f.funder_id: f
            for f in self.session.exec(select(Funding).where(Funding.action_id == action.pk))
        }
        for index in (1, 2, 3):
            names = split_list(self.cell(row, f"funder#{index}"))
            try:
                amount = parse_number(self.cell(row, f"amount#{index}"))
            except CellError as error:
                self.reject(
                    number, f"amount#{index}", str(error), self.cell(row, f"amount#{index}")
                )
                amount = None
            for name in names:
                funder_id = self.organisation(name)
                shared = len(names) > 1
                values: dict[str, Any] = {
                    "amount": None if shared else amount,
                    "text": _("{amount} shared by {names}").format(
                        amount=clean_text(self.cell(row, f"amount#{index}")), names=", ".join(names)
                    )
                    if shared and amount is not None
                    else "",
                }
                existing = fundings.get(funder_id)
                if existing is None:
                    fundings[funder_id] = changes.create(
                        self.session,
                        Funding(action_id=action.pk, funder_id=funder_id, **values),
                        self.actor,
                        parent=action,
                    )
                    changed = True
                elif changes.update(self.session, existing, values, self.actor, parent=action):
                    changed = True
        try:
            budget = parse_number(self.cell(row, "budget"))
        except CellError as error:
            self.reject(number, "budget", str(error), self.cell(row, "budget"))
            budget = None
        if budget is not None:
            label = self.fit(number, "budget", self.layout.names[self.by_field["budget"]], 300)
            line = self.session.exec(
                select(BudgetLine).where(
                    BudgetLine.action_id == action.pk, BudgetLine.label == label
                )
            ).first()
            if line is None:
                changes.create(
                    self.session,
                    BudgetLine(
                        action_id=action.pk,
                        state=BudgetState.AMOUNT,
                        amount=budget,
                        unit="EUR",
                        tax_basis=TaxBasis.EXCL_VAT
                        if "ht" in fold(label).split()
                        else TaxBasis.NOT_APPLICABLE,
                        label=label,
                    ),
                    self.actor,
                    parent=action,
                )
                changed = True
            elif changes.update(
                self.session, line, {"amount": Decimal(budget)}, self.actor, parent=action
            ):
                changed = True
        return changed

    def row(self, row: list[Any], number: int) -> None:
        raw_title = self.text(row, "title")
        sub_title = self.text(row, "subaction_title")
        if not raw_title:
            if any(clean_text(v) and not is_placeholder(v) for v in row):
                self.reject(number, "title", _("an action needs a title"))
            return
        code, title = split_numbering(raw_title)
        if self.text(row, "code"):
            code = self.text(row, "code")
        key = (None, normalise_name(title))
        if key in self.seen_rows and not sub_title:
            self.reject(
                number,
                "title",
                _("this action is already in row {row}").format(row=self.seen_rows[key]),
                raw_title,
            )
            return
        values = self.values(row, number)
        if values is None:
            return
        section_id = self.section(row)
        if sub_title:
            parent, created, changed = (
                self.upsert_action(None, section_id, code, title, {}, number)
                if key not in self.seen_rows
                else (self.actions[key], False, False)
            )
            if created:  # the action the sub-action belongs to is written too, and counted
                self.summary.inserted += 1
            sub_code, sub_name = split_numbering(sub_title)
            action, created, changed = self.upsert_action(
                parent, section_id, sub_code, sub_name, values, number
            )
        else:
            action, created, changed = self.upsert_action(
                None, section_id, code, title, values, number
            )
        self.seen_rows.setdefault(key, number)
        changed = self.people(action, row) or changed
        changed = self.money(action, row, number) or changed
        if created:
            self.summary.inserted += 1
        elif changed:
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1


def _plan(
    session: Session,
    actor: Actor,
    summary: ImportSummary,
    name: str,
    territory: str | None,
    plan_id: int | None = None,
) -> Plan:
    """The plan that receives the actions: the one chosen (``plan_id``), else the territory's
    plan of that name, else a new plan of that name."""
    if plan_id is not None:
        chosen_plan = session.get(Plan, plan_id)
        if chosen_plan is None:
            raise FileRefused(_("The chosen plan is no longer in the store."))
        return chosen_plan
    territories = list(session.exec(select(Territory)))
    if territory:
        # A SIREN, a UUID or a name (the wizard passes the SIREN, or the UUID of a territory
        # that has none).
        chosen = find_territory(session, territory)
        if chosen is None:
            raise FileRefused(_("Territory {siren} is not in the store.").format(siren=territory))
    elif len(territories) == 1:
        chosen = territories[0]
    elif len(same := _plans_named(session, name)) == 1:
        return same[0]  # the name says which plan, so which territory, on its own
    elif same:
        raise FileRefused(
            _(
                "Several territories have a plan named {plan}: choose the territory "
                "(--territory SIREN)."
            ).format(plan=name)
        )
    else:
        raise FileRefused(
            _("Choose the territory of this plan (--territory SIREN).")
            if territories
            else _("The store has no territory yet: create one before importing a plan.")
        )
    for plan in session.exec(select(Plan).where(Plan.territory_id == chosen.pk)):
        if normalise_name(plan.title) == normalise_name(name):
            return plan
    try:
        check_length("plan", _("plan name"), name, 300)
    except ValidationError as error:
        raise FileRefused(str(error)) from None
    plan = create_plan(session, actor, territory_id=chosen.pk, title=name)
    summary.created_plans.append(plan.title)
    return plan


def file_axes(sheet: Sheet, layout: Layout, mapping: dict[int, str]) -> set[str]:
    """The section titles the file names (axes, sub-axes, sub-sub-axes), normalised and
    without their numbers."""
    columns = [c for c, f in mapping.items() if f in SECTION_KINDS]
    titles: set[str] = set()
    for row in sheet.rows[layout.first_data_row :]:
        for column in columns:
            value = row[column] if column < len(row) else None
            text = clean_text(value)
            if text and not is_placeholder(value):
                titles.add(normalise_name(split_numbering(text)[1]))
    return titles


def matching_plan(session: Session, axes: set[str], plan_ids: list[int]) -> int | None:
    """Of ``plan_ids``, the plan whose sections hold most of the file's axes (at least half
    of them): next year's file of a plan imported before goes back into that plan."""
    if not axes or not plan_ids:
        return None
    best: tuple[float, int] | None = None
    for plan_id in plan_ids:
        titles = {
            normalise_name(t)
            for t in session.exec(select(Section.title).where(Section.plan_id == plan_id))
        }
        share = len(axes & titles) / len(axes)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, plan_id)
    return best[1] if best is not None else None


def _plans_named(session: Session, name: str) -> list[Plan]:
    wanted = normalise_name(name)
    return [p for p in session.exec(select(Plan)) if normalise_name(p.title) == wanted]


def import_actions(
    session: Session,
    actor: Actor,
    summary: ImportSummary,
    sheet: Sheet,
    layout: Layout,
    mapping: dict[int, str],
    *,
    plan_name: str,
    territory: str | None = None,
    plan_id: int | None = None,
    progress: Progress | None = None,
) -> None:
    plan = _plan(session, actor, summary, plan_name, territory, plan_id)
    importer = _Importer(session, actor, summary, sheet, layout, mapping, plan)
    from ..models import Organisation

    known = {o.normalised_name for o in session.exec(select(Organisation))}
    for offset, row in enumerate(sheet.rows[layout.first_data_row :]):
        if progress is not None and offset % 50 == 0:
            progress.check()
        number = layout.first_data_row + offset + 1
        if not any(clean_text(v) and not is_placeholder(v) for v in row):
            continue
        summary.rows_read += 1
        sections_before = len(summary.created_sections)
        try:
            with session.begin_nested():
                importer.row(row, number)
        except ValidationError as error:
            del summary.created_sections[sections_before:]  # rolled back with the row
            importer.reject(number, error.field, str(error))
    summary.created_organisations.extend(
        o.name for o in session.exec(select(Organisation)) if o.normalised_name not in known
    )
