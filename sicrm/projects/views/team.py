"""The project team, and the format templates of the required documents (the
documents themselves are under document control: sicrm.projects.documents)."""
from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core.forms import ConfirmForm
from sicrm.core.models import User
from sicrm.core.services.files import send_stored_file
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects.forms import MemberForm
from sicrm.projects.models import RequiredDocument
from sicrm.projects.services import lifecycle
from sicrm.projects.views.common import (
    load_part,
    load_project,
    run_action,
    to_project,
    user_choices,
)


@login_required
def member_set(project_id: int):
    project = load_project(project_id, P.can_manage)
    form = MemberForm()
    form.user_id.choices = user_choices("")
    run_action(form, lambda: lifecycle.set_member(current_user, project,
                                            db.session.get(User, form.user_id.data),
                                            form.role.data),
         _("The team was updated."))
    return to_project(project, "team")


@login_required
def member_remove(project_id: int, user_id: int):
    project = load_project(project_id, P.can_manage)
    run_action(ConfirmForm(), lambda: lifecycle.remove_member(current_user, project, user_id),
         _("Removed from the team."))
    return to_project(project, "team")


@login_required
def document_format(project_id: int, document_id: int):
    project = load_project(project_id)
    document = load_part(RequiredDocument, document_id, project)
    return send_stored_file(_file_or_404(document.format_file))


def _file_or_404(stored):
    if stored is None:
        abort(404)
    return stored
