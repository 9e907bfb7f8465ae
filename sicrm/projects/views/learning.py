"""Learning from history (per template) and saving a finished project as a template."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.views.helpers import get_or_404
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects.forms import SaveAsTemplateForm
from sicrm.projects.services import learning
from sicrm.projects.views.common import flash_form_errors, load_project, to_project
from sicrm.templates_lib import permissions as TP
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.templates_lib.queries import current_version


@login_required
def template_history(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    CP.ensure(TP.can_manage(current_user, template))
    version = current_version(template)
    history = learning.stage_history(template, version) if version else []
    return render_template("projects/template_history.html", template=template,
                           version=version, history=history, confirm=ConfirmForm())


@login_required
def template_history_adopt(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    CP.ensure(TP.can_manage(current_user, template))
    version = current_version(template)
    if ConfirmForm().validate_on_submit() and version is not None:
        try:
            new = learning.adopt_suggestions(current_user, template, version,
                                             request.form.getlist("stage"))
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Version %(n)s published with the new standard durations.", n=new.number),
                  "success")
            return redirect(url_for("templates_lib.template_view", template_id=template.id))
    return redirect(url_for("projects.template_history", template_id=template.id))


@login_required
def save_as_template(project_id: int):
    project = load_project(project_id)
    CP.ensure(TP.can_manage(current_user) and P.can_view(current_user, project))
    form = SaveAsTemplateForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return to_project(project)
    try:
        template = learning.save_as_template(current_user, project, name_zh=form.name_zh.data,
                                             name_en=form.name_en.data or "")
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return to_project(project)
    db.session.commit()
    flash(_("Template “%(name)s” created as a draft from this project.", name=template.name_zh),
          "success")
    return redirect(url_for("templates_lib.template_view", template_id=template.id))
