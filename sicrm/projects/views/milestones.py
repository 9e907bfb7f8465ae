"""Milestones: "my milestones" across projects, one project's list, and adding,
changing, cancelling and reopening a milestone by hand."""
from __future__ import annotations

from datetime import date, timedelta

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import User
from sicrm.core.views.helpers import commit_service
from sicrm.extensions import db
from sicrm.projects import milestone_queries as queries
from sicrm.projects import permissions as P
from sicrm.projects.choices import MILESTONE_SCOPES, MILESTONE_STATUS_LABELS
from sicrm.projects.forms import CancelMilestoneForm, MilestoneForm
from sicrm.projects.models import Milestone, ProjectMember, ProjectStage
from sicrm.projects.services import milestones as services
from sicrm.projects.views.common import load_part, load_project, locale, run_action


def _to_list(project):
    return redirect(url_for("projects.milestone_list", project_id=project.id))


def _team_choices(project):
    """The project's active team members (the PM first), for a milestone's owner."""
    members = db.session.scalars(select(ProjectMember).where(
        ProjectMember.project_id == project.id).options(joinedload(ProjectMember.user))).all()
    people = {m.user_id: m.user for m in members}
    if project.pm_id is not None and project.pm_id not in people:
        people[project.pm_id] = project.pm
    ordered = sorted((u for u in people.values() if u.active),
                     key=lambda u: (u.id != project.pm_id, u.full_name))
    return pairs([(u.id, u.full_name) for u in ordered], "—")


def _stage_choices(project):
    lang = locale()
    return pairs([(s.id, s.name(lang)) for s in project.stages if s.status != "done"], "")


@login_required
def my_milestones():
    scope = request.args.get("scope", "all")
    if scope not in queries.SCOPES:
        scope = "all"
    today = date.today()
    found = db.session.scalars(queries.my_milestones(
        current_user, scope, until=today + timedelta(days=queries.HORIZON_DAYS))).all()
    return render_template("projects/my_milestones.html", scope=scope, scopes=MILESTONE_SCOPES,
                           groups=queries.buckets(found, today), today=today, locale=locale())


@login_required
def milestone_list(project_id: int):
    project = load_project(project_id)
    status = request.args.get("status") or None
    if status not in MILESTONE_STATUS_LABELS:
        status = None
    milestones = db.session.scalars(queries.project_milestones(project, status)).all()
    can_cancel = P.can_cancel_milestone(current_user, project)
    return render_template(
        "projects/milestones.html", project=project, milestones=milestones, status=status,
        statuses=MILESTONE_STATUS_LABELS, today=date.today(), locale=locale(),
        reasons=queries.cancel_reasons(project) if status in (None, "cancelled") else {},
        can_change=P.can_change_milestones(current_user, project), can_cancel=can_cancel,
        can_complete={m.id: P.can_complete_milestone(current_user, project, m)
                      for m in milestones},
        confirm=ConfirmForm())


@login_required
def milestone_add(project_id: int):
    project = load_project(project_id, P.can_change_milestones)
    form = MilestoneForm()
    form.stage_id.choices = _stage_choices(project)
    form.owner_id.choices = _team_choices(project)
    if form.validate_on_submit() and commit_service(
            lambda: services.add_milestone(
                current_user, project, db.session.get(ProjectStage, form.stage_id.data or 0),
                name=form.name.data, planned_date=form.planned_date.data,
                owner=db.session.get(User, form.owner_id.data) if form.owner_id.data else None,
                notes=form.notes.data),
            form, _("Milestone “%(name)s” added.", name=form.name.data)):
        return _to_list(project)
    return render_template("projects/milestone_form.html", project=project, form=form,
                           milestone=None)


@login_required
def milestone_edit(project_id: int, milestone_id: int):
    project = load_project(project_id, P.can_change_milestones)
    milestone = load_part(Milestone, milestone_id, project)
    form = MilestoneForm(obj=milestone)
    del form.stage_id
    form.owner_id.choices = _team_choices(project)
    if form.validate_on_submit() and commit_service(
            lambda: services.update_milestone(
                current_user, milestone, name=form.name.data,
                planned_date=form.planned_date.data,
                owner=db.session.get(User, form.owner_id.data) if form.owner_id.data else None,
                notes=form.notes.data),
            form, _("Milestone “%(name)s” saved.", name=form.name.data)):
        return _to_list(project)
    return render_template("projects/milestone_form.html", project=project, form=form,
                           milestone=milestone)


@login_required
def milestone_cancel(project_id: int, milestone_id: int):
    project = load_project(project_id, P.can_cancel_milestone)
    milestone = load_part(Milestone, milestone_id, project)
    form = CancelMilestoneForm()
    if form.validate_on_submit() and commit_service(
            lambda: services.cancel_milestone(current_user, milestone, form.reason.data),
            form, _("Milestone “%(name)s” cancelled.", name=milestone.name)):
        return _to_list(project)
    return render_template("projects/milestone_cancel.html", project=project, form=form,
                           milestone=milestone)


@login_required
def milestone_reopen(project_id: int, milestone_id: int):
    project = load_project(project_id, P.can_cancel_milestone)
    milestone = load_part(Milestone, milestone_id, project)
    run_action(ConfirmForm(), lambda: services.reopen_milestone(current_user, milestone),
               _("Milestone “%(name)s” reopened.", name=milestone.name))
    return _to_list(project)
