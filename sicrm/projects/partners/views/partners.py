"""Adding, changing and removing a project's partners."""
from __future__ import annotations

from functools import partial

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Contact, Organization
from sicrm.core.views.helpers import SAVED, commit_service
from sicrm.extensions import db
from sicrm.projects.partners import permissions as P
from sicrm.projects.partners import queries
from sicrm.projects.partners.forms import PartnerForm
from sicrm.projects.partners.models import ProjectPartner
from sicrm.projects.partners.services import partners as services
from sicrm.projects.views.common import load_part, load_project, run_action, to_project

TAB = "partners"


def _contact_choices(form: PartnerForm, organization_id: int | None) -> None:
    """The contacts of the chosen organisation (all organisations' on a new partner,
    grouped by the page's script)."""
    query = select(Contact.id, Contact.name, Contact.organization_id).order_by(
        Contact.organization_id, Contact.name)
    if organization_id:
        query = query.where(Contact.organization_id == organization_id)
    rows = db.session.execute(query.limit(2000)).all()
    form.contact_ids.choices = pairs([(r.id, r.name) for r in rows], None)
    form.contact_orgs = {r.id: r.organization_id for r in rows}


def _fields(form: PartnerForm) -> dict:
    return {"role": form.role.data, "status": form.status.data,
            "contacts": services.contacts_by_ids(form.contact_ids.data),
            "responsibilities": form.responsibilities.data,
            "contract_value": form.contract_value.data, "notes": form.notes.data}


@login_required
def partner_add(project_id: int):
    project = load_project(project_id, P.can_change_partners)
    form = PartnerForm()
    form.organization_id.choices = pairs(db.session.execute(queries.organizations()).all(), "")
    _contact_choices(form, form.organization_id.data if form.is_submitted() else None)
    if form.validate_on_submit():
        organization = db.session.get(Organization, form.organization_id.data)
        if commit_service(partial(services.add_partner, current_user, project, organization,
                                  **_fields(form)), form, SAVED):
            return to_project(project, TAB)
    return render_template("partners/partner_form.html", project=project, form=form,
                           partner=None)


@login_required
def partner_edit(project_id: int, partner_id: int):
    project = load_project(project_id, P.can_change_partners)
    partner = load_part(ProjectPartner, partner_id, project)
    form = PartnerForm(obj=partner)
    if not form.is_submitted():
        form.contact_ids.data = [c.id for c in partner.contacts]
    form.organization_id.choices = pairs([(partner.organization_id, partner.organization.name)],
                                        None)
    form.organization_id.data = partner.organization_id
    _contact_choices(form, partner.organization_id)
    if form.validate_on_submit():
        if commit_service(partial(services.update_partner, current_user, partner,
                                  **_fields(form)), form, SAVED):
            return to_project(project, TAB)
    return render_template("partners/partner_form.html", project=project, form=form,
                           partner=partner)


@login_required
def partner_remove(project_id: int, partner_id: int):
    project = load_project(project_id, P.can_change_partners)
    partner = load_part(ProjectPartner, partner_id, project)
    run_action(ConfirmForm(), partial(services.remove_partner, current_user, partner),
               _("The partner was removed from the project."))
    return to_project(project, TAB)
