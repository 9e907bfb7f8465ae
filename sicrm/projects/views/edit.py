"""Editing a project's data after creation."""
from __future__ import annotations

from flask import flash, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from sicrm.core.choices import pairs
from sicrm.core.models import Department, Organization, User
from sicrm.core.views.helpers import commit_service
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects import queries
from sicrm.projects.forms import ProjectEditForm
from sicrm.projects.services.editing import update_project
from sicrm.projects.views.common import load_project, pm_choices, to_project


def _keep(choices, obj, label):
    """The current value stays choosable even when the list would not offer it (an
    organisation no longer marked customer, a deactivated PM)."""
    if obj is not None and all(choice.value != obj.id for choice in choices):
        choices.append(SelectChoice(obj.id, label))
    return choices


def _choices(form: ProjectEditForm, project) -> None:
    form.customer_id.choices = _keep(
        pairs(db.session.execute(queries.customers()).all(), ""), project.customer,
        project.customer.name if project.customer else "")
    form.pm_id.choices = pm_choices(project.pm_id)
    form.department_id.choices = pairs(db.session.execute(queries.departments()).all())


def _get(model, object_id):
    return db.session.get(model, object_id) if object_id else None


@login_required
def project_edit(project_id: int):
    project = load_project(project_id, P.can_edit_details)
    form = ProjectEditForm(obj=project)
    _choices(form, project)
    if form.validate_on_submit():
        data = {**form.changes(), "customer": _get(Organization, form.customer_id.data),
                "department": _get(Department, form.department_id.data),
                "pm": _get(User, form.pm_id.data)}
        changes = []
        if commit_service(lambda: changes.extend(update_project(project, data, current_user)),
                          form=form):
            flash(_("The project was updated.") if changes else _("Nothing was changed."),
                  "success" if changes else "info")
            return to_project(project)
    return render_template("projects/edit.html", project=project, form=form)
