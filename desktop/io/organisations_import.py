"""Organisations (partners, funders, lead structures) and their commitments to actions: a row
names an organisation and, optionally, an action (code or title) with a role and an amount."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from ..i18n import _
from ..models import Action, ActionPartner, Funding, Organisation, OrganisationKind, PartnerRole
from ..progress import Progress
from ..services import changes
from ..services.actions import add_partner
from ..services.changes import Actor, ValidationError
from ..services.text import normalise_name
from ..services.validation import check_siren
from .layout import Layout
from .lengths import too_long
from .parsing import CellError, clean_text, parse_number
from .readers.base import Sheet
from .summary import ImportSummary

NAME_CHARS = 300  # Organisation.name

KIND_WORDS: dict[str, OrganisationKind] = {
    "collectivite": OrganisationKind.LOCAL_AUTHORITY,
    "local authority": OrganisationKind.LOCAL_AUTHORITY,
    "etat": OrganisationKind.PUBLIC_BODY,
    "public": OrganisationKind.PUBLIC_BODY,
    "etablissement public": OrganisationKind.PUBLIC_BODY,
    "entreprise": OrganisationKind.COMPANY,
    "company": OrganisationKind.COMPANY,
    "association": OrganisationKind.ASSOCIATION,
    "chambre consulaire": OrganisationKind.CHAMBER,
    "chambre": OrganisationKind.CHAMBER,
    "agence": OrganisationKind.AGENCY,
    "agency": OrganisationKind.AGENCY,
    "recherche": OrganisationKind.RESEARCH,
    "research": OrganisationKind.RESEARCH,
    "autre": OrganisationKind.OTHER,
    "other": OrganisationKind.OTHER,
}
ROLE_WORDS: dict[str, PartnerRole] = {
    "partenaire": PartnerRole.PARTNER,
    "partner": PartnerRole.PARTNER,
    "co pilote": PartnerRole.CO_LEAD,
    "copilote": PartnerRole.CO_LEAD,
    "co lead": PartnerRole.CO_LEAD,
    "contributeur": PartnerRole.CONTRIBUTOR,
    "contributor": PartnerRole.CONTRIBUTOR,
    "operateur": PartnerRole.OPERATOR,
    "operator": PartnerRole.OPERATOR,
    "financeur": PartnerRole.PARTNER,
}


def import_organisations(
    session: Session,
    actor: Actor,
    summary: ImportSummary,
    sheet: Sheet,
    layout: Layout,
    mapping: dict[int, str],
    *,
    progress: Progress | None = None,
) -> None:
    by_field = {f: c for c, f in sorted(mapping.items(), reverse=True)}
    organisations = {o.normalised_name: o for o in session.exec(select(Organisation))}
    actions = list(session.exec(select(Action)))
    by_code = {a.code.casefold(): a for a in actions if a.code}
    by_title = {normalise_name(a.title): a for a in actions}
    seen: dict[str, int] = {}

    def cell(row: list[Any], field: str) -> Any:
        col = by_field.get(field)
        return row[col] if col is not None and col < len(row) else None

    def text(row: list[Any], field: str) -> str:
        return clean_text(cell(row, field))

    def reject(number: int, field: str, reason: str, value: Any = "") -> None:
        col = by_field.get(field)
        summary.reject(
            sheet.name,
            number,
            layout.names[col] if col is not None else field,
            reason,
            clean_text(value),
        )

    for offset, row in enumerate(sheet.rows[layout.first_data_row :]):
        if progress is not None and offset % 100 == 0:
            progress.check()
        number = layout.first_data_row + offset + 1
        if not any(clean_text(v) for v in row):
            continue
        summary.rows_read += 1
        name = text(row, "name")
        if not name:
            reject(number, "name", _("an organisation needs a name"))
            continue
        key = normalise_name(name)
        values: dict[str, Any] = {}
        if len(name) > NAME_CHARS:
            reject(
                number, "name", too_long(_("organisation name"), len(name), NAME_CHARS), name[:200]
            )
            continue
        for field, limit in (("acronym", 50), ("website", 500), ("notes", 10_000)):
            if text(row, field):
                col = by_field.get(field)
                values[field] = summary.fit(
                    sheet.name,
                    number,
                    layout.names[col] if col is not None else field,
                    text(row, field),
                    limit,
                )
        if text(row, "kind"):
            kind = KIND_WORDS.get(normalise_name(text(row, "kind")))
            if kind is None:
                reject(number, "kind", _("value not in the list"), text(row, "kind"))
            else:
                values["kind"] = kind
        try:
            siren = check_siren(text(row, "siren") or None)
        except ValidationError as error:
            reject(number, "siren", str(error), text(row, "siren"))
            siren = None
        if siren:
            values["siren"] = siren
        commitment = text(row, "action")
        if key in seen and not commitment:
            reject(
                number,
                "name",
                _("this organisation is already in row {row}").format(row=seen[key]),
                name,
            )
            continue
        seen.setdefault(key, number)
        changed = False
        organisation = organisations.get(key)
        if organisation is None:
            organisation = changes.create(
                session,
                Organisation(
                    name=name,
                    normalised_name=key,
                    kind=values.pop("kind", OrganisationKind.OTHER),
                    **values,
                ),
                actor,
            )
            organisations[key] = organisation
            summary.created_organisations.append(name)
            created = True
        else:
            created = False
            changed = bool(changes.update(session, organisation, values, actor))
        if commitment:
            action = by_code.get(commitment.casefold()) or by_title.get(normalise_name(commitment))
            if action is None:
                reject(
                    number,
                    "action",
                    _("unknown action {action}").format(action=commitment),
                    commitment,
                )
            else:
                role = ROLE_WORDS.get(normalise_name(text(row, "role")), PartnerRole.PARTNER)
                link = session.exec(
                    select(ActionPartner).where(
                        ActionPartner.action_id == action.pk,
                        ActionPartner.organisation_id == organisation.pk,
                        ActionPartner.role == role,
                    )
                ).first()
                if link is None:
                    add_partner(session, actor, action, organisation.pk, role)
                    changed = True
                try:
                    amount = parse_number(cell(row, "amount"))
                except CellError as error:
                    reject(number, "amount", str(error), cell(row, "amount"))
                    amount = None
                if amount is not None:
                    funding = session.exec(
                        select(Funding).where(
                            Funding.action_id == action.pk, Funding.funder_id == organisation.pk
                        )
                    ).first()
                    if funding is None:
                        changes.create(
                            session,
                            Funding(action_id=action.pk, funder_id=organisation.pk, amount=amount),
                            actor,
                            parent=action,
                        )
                        changed = True
                    elif changes.update(session, funding, {"amount": amount}, actor, parent=action):
                        changed = True
        if created:
            summary.inserted += 1
        elif changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
