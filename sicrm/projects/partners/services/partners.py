"""Organisations working with us on a project, each in a typed role."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Contact, Organization
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.partners.models import (
    PARTNER_ROLES,
    PARTNER_STATUSES,
    ProjectCompetitor,
    ProjectPartner,
)
from sicrm.projects.partners.services.common import amount, text
from sicrm.projects.services import events


def _clean(project: Project, organization: Organization | None, *, role: str, status: str,
           contacts, responsibilities, contract_value, notes, exclude_id: int | None) -> dict:
    if organization is None:
        raise ServiceError(_l("Please choose an organisation."), "organization_id")
    if role not in PARTNER_ROLES:
        raise ServiceError(_l("Please choose a partner role."), "role")
    if status not in PARTNER_STATUSES:
        raise ServiceError(_l("Please choose a status."), "status")
    if organization.id == project.customer_id:
        raise ServiceError(_l("The customer cannot be a partner on its own project."),
                           "organization_id")
    same = select(ProjectPartner.id).where(
        ProjectPartner.project_id == project.id,
        ProjectPartner.organization_id == organization.id, ProjectPartner.role == role)
    if exclude_id is not None:
        same = same.where(ProjectPartner.id != exclude_id)
    if db.session.scalar(same) is not None:
        raise ServiceError(_l("%(name)s is already a partner of this project in this role.",
                              name=organization.name), "role")
    if db.session.scalar(select(ProjectCompetitor.id).where(
            ProjectCompetitor.project_id == project.id,
            ProjectCompetitor.organization_id == organization.id)) is not None:
        raise ServiceError(_l("%(name)s is a competitor on this project; remove it there "
                              "first.", name=organization.name), "organization_id")
    contacts = list(contacts or [])
    if any(c is None or c.organization_id != organization.id for c in contacts):
        raise ServiceError(_l("The contacts must belong to the partner organisation."),
                           "contact_ids")
    return {"role": role, "status": status, "contacts": contacts,
            "responsibilities": text(responsibilities, 5000, "responsibilities"),
            "contract_value": amount(contract_value, "contract_value"),
            "notes": text(notes, 5000, "notes")}


def add_partner(actor, project: Project, organization: Organization | None, *,
                role: str, status: str = "prospective", contacts=(), responsibilities=None,
                contract_value=None, notes=None) -> ProjectPartner:
    set_actor(actor)
    fields = _clean(project, organization, role=role, status=status, contacts=contacts,
                    responsibilities=responsibilities, contract_value=contract_value,
                    notes=notes, exclude_id=None)
    partner = ProjectPartner(project_id=project.id, organization=organization,
                             created_by_id=getattr(actor, "id", None), **fields)
    db.session.add(partner)
    organization.is_partner = True
    events.record(project, "partner_added", actor, organization=organization.name, role=role)
    db.session.flush()
    return partner


def update_partner(actor, partner: ProjectPartner, *, role: str, status: str, contacts=(),
                   responsibilities=None, contract_value=None, notes=None) -> ProjectPartner:
    set_actor(actor)
    fields = _clean(partner.project, partner.organization, role=role, status=status,
                    contacts=contacts, responsibilities=responsibilities,
                    contract_value=contract_value, notes=notes, exclude_id=partner.id)
    for key, value in fields.items():
        setattr(partner, key, value)
    events.record(partner.project, "partner_changed", actor,
                  organization=partner.organization.name, role=role)
    db.session.flush()
    return partner


def remove_partner(actor, partner: ProjectPartner) -> None:
    set_actor(actor)
    events.record(partner.project, "partner_removed", actor,
                  organization=partner.organization.name, role=partner.role)
    db.session.delete(partner)
    db.session.flush()


def carry_partners(actor, source: Project, target: Project) -> int:
    """Copy a won presales project's partners onto its implementation project."""
    partners = db.session.scalars(select(ProjectPartner).where(
        ProjectPartner.project_id == source.id).order_by(ProjectPartner.id)).all()
    for partner in partners:
        db.session.add(ProjectPartner(
            project_id=target.id, organization_id=partner.organization_id, role=partner.role,
            status=partner.status, responsibilities=partner.responsibilities,
            contract_value=partner.contract_value, notes=partner.notes,
            contacts=list(partner.contacts), created_by_id=getattr(actor, "id", None)))
    db.session.flush()
    return len(partners)


def contacts_by_ids(ids) -> list[Contact | None]:
    """The contacts with these ids (None for an unknown id), for the services to check."""
    ids = [int(i) for i in ids or [] if i]
    if not ids:
        return []
    found = {c.id: c for c in db.session.scalars(select(Contact).where(Contact.id.in_(ids)))}
    return [found.get(i) for i in ids]
