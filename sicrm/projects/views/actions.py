"""What moves a project along: finishing a stage, re-planning, milestones reached,
won and lost."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import pairs
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Organization, User
from sicrm.core.views.helpers import safe_next, show_error
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects import queries
from sicrm.projects.forms import StageEndForm, StartDateForm
from sicrm.projects.models import Milestone, ProjectStage
from sicrm.projects.partners.forms import (
    LossAnalysisForm,
    WinAnalysisForm,
    reason_fields,
)
from sicrm.projects.partners.services import winloss
from sicrm.projects.services import lifecycle
from sicrm.projects.services.milestones import complete_milestone
from sicrm.projects.views.common import (
    load_part,
    load_project,
    locale,
    only_choice,
    pm_choices,
    run_action,
    to_project,
    version_choices,
)
from sicrm.templates_lib.models import TemplateVersion


@login_required
def stage_finish(project_id: int):
    project = load_project(project_id, P.can_edit)
    stage = project.current_stage
    run_action(ConfirmForm(), lambda: lifecycle.finish_stage(current_user, project),
         _("Stage “%(stage)s” finished.", stage=stage.name(locale()) if stage else ""))
    back = safe_next(request.form.get("next"))  # e.g. the board it was moved on
    return redirect(back) if back else to_project(project, "stages")


@login_required
def start_date_set(project_id: int):
    project = load_project(project_id, P.can_manage)
    form = StartDateForm()
    run_action(form, lambda: lifecycle.set_start_date(current_user, project, form.start_date.data),
         _("The plan was moved."))
    return to_project(project, "stages")


@login_required
def stage_end_set(project_id: int, stage_id: int):
    project = load_project(project_id, P.can_manage)
    stage = load_part(ProjectStage, stage_id, project)
    form = StageEndForm()
    run_action(form, lambda: lifecycle.set_stage_end(current_user, project, stage, form.end.data),
         _("The stage's end was corrected and the plan updated."))
    return to_project(project, "stages")


@login_required
def milestone_done(project_id: int, milestone_id: int):
    project = load_project(project_id)
    milestone = load_part(Milestone, milestone_id, project)
    CP.ensure(P.can_complete_milestone(current_user, project, milestone))
    run_action(ConfirmForm(), lambda: complete_milestone(current_user, milestone),
         _("Milestone “%(name)s” reached.", name=milestone.name))
    return to_project(project, "milestones")


@login_required
def mark_won(project_id: int):
    project = load_project(project_id, P.can_manage)
    CP.ensure(project.kind == "presales" and project.is_open)
    versions = version_choices("implementation")
    form = WinAnalysisForm(signed_amount=project.amount, signed_date=date.today(),
                           pm_id=project.pm_id, template_version_id=only_choice(versions))
    form.template_version_id.choices = versions
    form.pm_id.choices = pm_choices(project.pm_id)
    reason_fields(form, locale())
    if not lifecycle.gates_passed(project):
        form.form_errors.append(
            _("The contract review must be passed before the project is won."))
    elif form.validate_on_submit():
        try:
            implementation = winloss.record_win(
                current_user, project, signed_amount=form.signed_amount.data,
                signed_date=form.signed_date.data,
                implementation_version=db.session.get(TemplateVersion,
                                                      form.template_version_id.data),
                pm=db.session.get(User, form.pm_id.data) if form.pm_id.data else None,
                start_date=form.start_date.data, reason=form.reason.data or None,
                other_reasons=form.other_reasons.data, our_price=form.our_price.data,
                lessons=form.lessons.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Won! Implementation project %(code)s was created.",
                    code=implementation.code), "success")
            return to_project(implementation)
    return render_template("projects/won.html", project=project, form=form)


@login_required
def mark_lost(project_id: int):
    project = load_project(project_id, P.can_manage)
    CP.ensure(project.kind == "presales" and project.is_open)
    form = LossAnalysisForm()
    form.winner_id.choices = pairs(db.session.execute(queries.competitors()).all())
    reason_fields(form, locale())
    if form.validate_on_submit():
        try:
            winloss.record_loss(
                current_user, project, status=form.status.data, reason=form.reason.data,
                winner=db.session.get(Organization, form.winner_id.data)
                if form.winner_id.data else None, note=form.note.data,
                other_reasons=form.other_reasons.data, our_price=form.our_price.data,
                winning_price=form.winning_price.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The outcome was recorded."), "success")
            return to_project(project)
    return render_template("projects/lost.html", project=project, form=form)
