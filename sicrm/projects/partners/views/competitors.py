"""Linking competitors to a presales project and assessing them stage by stage."""
from __future__ import annotations

from functools import partial

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Organization
from sicrm.core.views.helpers import SAVED, commit_service
from sicrm.extensions import db
from sicrm.projects.models import ProjectStage
from sicrm.projects.partners import permissions as P
from sicrm.projects.partners import queries
from sicrm.projects.partners.choices import POSITION_BADGES, POSITION_LABELS
from sicrm.projects.partners.forms import AssessmentForm, NewCompetitorForm
from sicrm.projects.partners.models import ProjectCompetitor
from sicrm.projects.partners.services import competitors as services
from sicrm.projects.views.common import (
    load_part,
    load_project,
    locale,
    run_action,
    to_project,
)

TAB = "partners"


def _stage_choices(form, project) -> None:
    lang = locale()
    reached = [s for s in queries.stages(project) if s.status != "pending"]
    form.stage_id.choices = pairs([(s.id, s.name(lang)) for s in reached], None)
    if not form.is_submitted() and project.current_stage_id:
        form.stage_id.data = project.current_stage_id


def _stage(form, project) -> ProjectStage | None:
    return load_part(ProjectStage, form.stage_id.data, project) if form.stage_id.data else None


@login_required
def competitor_add(project_id: int):
    project = load_project(project_id, P.can_change_competitors)
    form = NewCompetitorForm()
    form.organization_id.choices = pairs(db.session.execute(queries.organizations()).all(), "")
    _stage_choices(form, project)
    if form.validate_on_submit():
        organization = db.session.get(Organization, form.organization_id.data)
        first = None
        if form.position.data:
            first = {**form.assessment(), "stage": _stage(form, project)}
        if commit_service(partial(services.add_competitor, current_user, project, organization,
                                  first), form, SAVED):
            return to_project(project, TAB)
    return render_template("partners/competitor_form.html", project=project, form=form,
                           competitor=None)


@login_required
def competitor_assess(project_id: int, competitor_id: int):
    project = load_project(project_id, P.can_change_competitors)
    competitor = load_part(ProjectCompetitor, competitor_id, project)
    last = competitor.assessments[-1] if competitor.assessments else None
    form = AssessmentForm(obj=last)
    _stage_choices(form, project)
    if form.validate_on_submit():
        if commit_service(partial(services.assess, current_user, competitor,
                                  stage=_stage(form, project), **form.assessment()),
                          form, SAVED):
            return to_project(project, TAB)
    return render_template("partners/competitor_form.html", project=project, form=form,
                           competitor=competitor)


@login_required
def competitor_history(project_id: int, competitor_id: int):
    project = load_project(project_id, P.can_view)
    competitor = load_part(ProjectCompetitor, competitor_id, project)
    stages = {s.id: s for s in queries.stages(project)}
    return render_template("partners/competitor_history.html", project=project,
                           competitor=competitor, history=queries.history(competitor),
                           stages=stages, locale=locale(), positions=POSITION_LABELS,
                           badges=POSITION_BADGES,
                           can_change=P.can_change_competitors(current_user, project))


@login_required
def competitor_remove(project_id: int, competitor_id: int):
    project = load_project(project_id, P.can_change_competitors)
    competitor = load_part(ProjectCompetitor, competitor_id, project)
    run_action(ConfirmForm(), partial(services.remove_competitor, current_user, competitor),
               _("The competitor was removed from the project."))
    return to_project(project, TAB)
