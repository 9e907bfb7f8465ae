"""Creating a project from a template version."""
from __future__ import annotations

from datetime import date

from flask import flash, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import pairs
from sicrm.core.errors import ServiceError
from sicrm.core.models import Organization, User
from sicrm.core.views.helpers import show_error, submit_once
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects import queries
from sicrm.projects.forms import ProjectForm
from sicrm.projects.services.creation import create_project
from sicrm.projects.views.common import pm_choices, to_project, user_choices, version_choices
from sicrm.templates_lib.models import TemplateVersion


def _choices(form: ProjectForm) -> None:
    form.template_version_id.choices = version_choices()
    form.customer_id.choices = pairs(db.session.execute(queries.customers()).all(), "")
    users = user_choices()
    form.pm_id.choices = pm_choices()
    for row in form.members:
        row.form.user_id.choices = users


def _team(form: ProjectForm) -> list:
    team = []
    for row in form.members:
        if row.form.user_id.data:
            team.append((db.session.get(User, row.form.user_id.data), row.form.role.data))
    return team


@login_required
def project_create():
    CP.ensure(P.can_create(current_user))
    form = ProjectForm(start_date=date.today())
    _choices(form)
    if form.validate_on_submit():
        submit_once(form)
        try:
            project = create_project(
                current_user,
                template_version=db.session.get(TemplateVersion, form.template_version_id.data),
                customer=db.session.get(Organization, form.customer_id.data),
                name=form.name.data, start_date=form.start_date.data,
                amount=form.amount.data, win_probability=form.win_probability.data,
                expected_sign_date=form.expected_sign_date.data,
                industry=form.industry.data or None,
                category=(form.category.data or "").strip() or None,
                pm=db.session.get(User, form.pm_id.data) if form.pm_id.data else None,
                team=_team(form))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Project %(code)s created.", code=project.code), "success")
            return to_project(project)
    return render_template("projects/form.html", form=form)
