"""The project page: overview, stages with the timeline, milestones, tasks, team,
required documents and history. Actions post to views.actions."""
from __future__ import annotations

from datetime import date

from flask import render_template
from flask_login import current_user, login_required

from sicrm.core import i18n
from sicrm.core.choices import INDUSTRIES
from sicrm.core.forms import ConfirmForm
from sicrm.projects import charts, history, queries
from sicrm.projects import permissions as P
from sicrm.projects.choices import (
    KIND_LABELS,
    MILESTONE_STATUS_LABELS,
    STAGE_STATUS_LABELS,
    STATUS_LABELS,
    TASK_STATUS_LABELS,
)
from sicrm.projects.forms import (
    MemberForm,
    SaveAsTemplateForm,
    StageEndForm,
    StartDateForm,
)
from sicrm.projects.partners.reasons import reason_labels
from sicrm.projects.services.lifecycle import gates_passed
from sicrm.projects.views.common import load_project, locale, user_choices
from sicrm.templates_lib import permissions as TP
from sicrm.templates_lib.roles import TEAM_ROLES


def _stopped(project) -> date | None:
    """The day a project that is no longer open stopped; None while it is open."""
    if project.is_open:
        return None
    when = project.outcome_dt or project.closed_dt or project.updated_dt
    return when.date()


@login_required
def project_view(project_id: int):
    project = load_project(project_id)
    today = date.today()
    lang = locale()
    data = queries.project_page_data(project)
    can_edit = P.can_edit(current_user, project)
    can_manage = P.can_manage(current_user, project)
    member_form = MemberForm()
    member_form.user_id.choices = user_choices("")
    current = project.current_stage
    # the linked projects are named only to who may open them
    data["implementations"] = [impl for impl in data["implementations"]
                               if P.can_view(current_user, impl)]
    source_visible = project.source_project is not None and P.can_view(
        current_user, project.source_project)
    return render_template(
        "projects/view.html", project=project, today=today, locale=lang, **data,
        timeline=charts.timeline(data["stages"], data["milestones"], today, lang,
                                 _stopped(project), lambda d: i18n.date(d, "short")),
        history=history.describe_all(data["events"], lang, current_user),
        can_edit=can_edit, can_manage=can_manage, source_visible=source_visible,
        can_edit_details=P.can_edit_details(current_user, project),
        can_finish=can_edit and project.is_open and current is not None
        and current.status == "active" and not current.gate,
        can_win=can_manage and project.is_open and project.kind == "presales"
        and gates_passed(project),
        can_lose=can_manage and project.is_open and project.kind == "presales",
        can_save_template=not project.is_open and TP.can_manage(current_user),
        template_form=SaveAsTemplateForm(name_zh=f"{project.name}（经验模板）"),
        milestone_rights={m.id: P.can_complete_milestone(current_user, project, m)
                          for m in data["milestones"]},
        member_form=member_form, start_form=StartDateForm(start_date=project.start_date),
        end_form=StageEndForm(), confirm=ConfirmForm(),
        labels={"kinds": KIND_LABELS, "statuses": STATUS_LABELS, "industries": INDUSTRIES,
                "stage_statuses": STAGE_STATUS_LABELS, "roles": TEAM_ROLES,
                "reasons": reason_labels(lang), "tasks": TASK_STATUS_LABELS,
                "milestones": MILESTONE_STATUS_LABELS},
    )
