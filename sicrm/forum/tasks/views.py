"""Task pages: my tasks, team tasks, a project's tasks, a task with its history;
create (also prefilled from a discussion post), edit, status and reassignment."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core.choices import SelectChoice, pairs
from sicrm.core.models import User
from sicrm.core.permissions import ensure
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.forum.tasks import choices, links, queries, services
from sicrm.forum.tasks import permissions as TP
from sicrm.forum.tasks.forms import AssignForm, StatusForm, TaskForm
from sicrm.projects import permissions as PP
from sicrm.projects.models import Milestone, Project, ProjectMember, ProjectStage, Task
from sicrm.projects.queries import active_users


def _locale() -> str:
    return "en" if get_locale().language == "en" else "zh_CN"


def _labels() -> dict:
    return {"statuses": choices.STATUS_LABELS, "priorities": choices.PRIORITY_LABELS,
            "priority_classes": choices.PRIORITY_CLASSES, "filters": choices.FILTER_LABELS,
            "sources": choices.SOURCE_LABELS, "today": date.today(), "locale": _locale()}


def _status_arg(default: str = "open") -> str:
    status = request.args.get("status", default)
    return status if status in queries.FILTERS else default


def _load(task_id: int, check=TP.can_view) -> Task:
    task = get_or_404(Task, task_id)
    ensure(check(current_user, task))
    return task


def _assignee_choices(project: Project | None, current: User | None = None):
    """Standalone: every active user. A project task: its team, its PM, me and the
    current assignee (the service refuses anyone who cannot see the project)."""
    if project is None:
        return pairs(db.session.execute(active_users()).all())
    members = db.session.scalars(select(ProjectMember).where(
        ProjectMember.project_id == project.id).options(joinedload(ProjectMember.user))).all()
    people = {m.user_id: m.user for m in members}
    for user in (project.pm, current_user, current):
        if user is not None and user.id not in people:
            people[user.id] = db.session.get(User, user.id)
    ordered = sorted((u for u in people.values() if u.active),
                     key=lambda u: (u.id != project.pm_id, u.full_name))
    return pairs([(u.id, u.full_name) for u in ordered])


def _link_choices(project: Project | None):
    if project is None:
        return [SelectChoice("", "—")]
    lang = _locale()
    rows = [SelectChoice("", "—")]
    milestones = db.session.scalars(select(Milestone).where(
        Milestone.project_id == project.id, Milestone.status == "open")
        .order_by(Milestone.planned_date, Milestone.id)).all()
    by_stage: dict[int, list[Milestone]] = {}
    for milestone in milestones:
        by_stage.setdefault(milestone.stage_id, []).append(milestone)
    for stage in project.stages:
        rows.append(SelectChoice(f"stage:{stage.id}", stage.name(lang)))
        for milestone in by_stage.get(stage.id, ()):
            rows.append(SelectChoice(f"milestone:{milestone.id}",
                                     f"{stage.name(lang)} · {milestone.name}"))
    return rows


def _parse_link(value: str | None, project: Project | None):
    """(stage, milestone) from "stage:ID" / "milestone:ID"; 400 on a forged value,
    the service refuses one of another project."""
    if not value:
        return None, None
    kind, _sep, ident = value.partition(":")
    if not ident.isdigit() or kind not in ("stage", "milestone"):
        abort(400)
    model = ProjectStage if kind == "stage" else Milestone
    obj = db.session.get(model, int(ident))
    if obj is None:
        abort(400)
    return (obj, None) if kind == "stage" else (None, obj)


def _user(user_id: int | None) -> User | None:
    return db.session.get(User, user_id) if user_id else None


# --- lists -------------------------------------------------------------------------


@login_required
def my_tasks():
    status = _status_arg()
    page = paginate(queries.my_tasks(current_user, status))
    return render_template("tasks/my_tasks.html", page=page, status=status,
                           can_see_team=TP.can_see_team(current_user),
                           endpoint="tasks.my_tasks", **_labels())


@login_required
def team_tasks():
    ensure(TP.can_see_team(current_user))
    status = _status_arg()
    assignee_id = arg_int("assignee")
    page = paginate(queries.team_tasks(current_user, status, assignee_id=assignee_id))
    return render_template("tasks/team_tasks.html", page=page, status=status,
                           people=queries.team_people(current_user), assignee_id=assignee_id,
                           endpoint="tasks.team_tasks", **_labels())


@login_required
def project_tasks(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(PP.can_view(current_user, project))
    status = _status_arg("all")
    page = paginate(queries.project_tasks(project, status))
    partial = bool(request.args.get("partial"))
    return render_template("tasks/_project.html" if partial else "tasks/project.html",
                           project=project, page=page, status=status, partial=partial,
                           can_create=TP.can_create_in(current_user, project), **_labels())


# --- one task ----------------------------------------------------------------------


@login_required
def task_view(task_id: int):
    task = _load(task_id)
    thread = links.thread_for(current_user, task)
    return render_template("tasks/view.html", task=task, events=queries.history(task),
                           describe=choices.describe, thread=thread,
                           can_edit=TP.can_edit(current_user, task),
                           can_progress=TP.can_progress(current_user, task),
                           status_form=StatusForm(), assign_form=_assign_form(task),
                           **_labels())


def _assign_form(task: Task) -> AssignForm:
    form = AssignForm()
    form.assignee_id.choices = _assignee_choices(task.project, task.assignee)
    return form


@login_required
def task_create():
    form = TaskForm()
    project_id = arg_int("project_id", request.values)
    project = get_or_404(Project, project_id) if project_id else None
    if project is not None:
        ensure(PP.can_view(current_user, project))
    ensure(TP.can_create_in(current_user, project))
    source = links.source_from(current_user, arg_int("thread_id", request.values),
                               arg_int("post_id", request.values))
    if source is not None and source.project is not project:
        abort(400)  # a project board's thread makes tasks of that project only
    form.assignee_id.choices = _assignee_choices(project)
    form.link.choices = _link_choices(project)
    if request.method == "GET":
        form.assignee_id.data = current_user.id
        if source is not None:
            form.title.data, form.description.data = source.title, source.description
            form.link.data = source.link_value
        milestone_id = arg_int("milestone_id")
        stage_id = arg_int("stage_id")
        if milestone_id:
            form.link.data = f"milestone:{milestone_id}"
        elif stage_id:
            form.link.data = f"stage:{stage_id}"
    if form.validate_on_submit():
        stage, milestone = _parse_link(form.link.data, project)
        created = {}

        def action():
            created["task"] = services.create_task(
                current_user, title=form.title.data, description=form.description.data,
                assignee=_user(form.assignee_id.data), due_date=form.due_date.data,
                priority=form.priority.data, project=project, stage=stage,
                milestone=milestone, source="thread" if source else "manual")
            if source is not None:
                links.link_task(current_user, created["task"], source)

        if commit_service(action, form, success=_("Task created.")):
            return redirect(url_for("tasks.task_view", task_id=created["task"].id))
    return render_template("tasks/form.html", form=form, project=project, task=None,
                           source=source, **_labels())


@login_required
def task_edit(task_id: int):
    task = _load(task_id, TP.can_edit)
    form = TaskForm(obj=task)
    form.assignee_id.choices = _assignee_choices(task.project, task.assignee)
    form.link.choices = _link_choices(task.project)
    if request.method == "GET":
        form.link.data = (f"milestone:{task.milestone_id}" if task.milestone_id
                          else f"stage:{task.stage_id}" if task.stage_id else "")
    if form.validate_on_submit():
        stage, milestone = _parse_link(form.link.data, task.project)
        if commit_service(lambda: services.update_task(
                current_user, task, title=form.title.data, description=form.description.data,
                due_date=form.due_date.data, priority=form.priority.data, stage=stage,
                milestone=milestone, assignee=_user(form.assignee_id.data)),
                form, success=_("Saved.")):
            return redirect(url_for("tasks.task_view", task_id=task.id))
    return render_template("tasks/form.html", form=form, project=task.project, task=task,
                           source=None, **_labels())


@login_required
def task_status(task_id: int):
    task = _load(task_id)
    form = StatusForm()
    if not form.validate():
        abort(400)
    status = form.status.data
    if status in ("in_progress", "done") and task.is_open:
        ensure(TP.can_progress(current_user, task))
    elif status == "open" and task.status == "in_progress":
        ensure(TP.can_progress(current_user, task))
    else:
        ensure(TP.can_edit(current_user, task))
    messages = {"done": _("Task done."), "cancelled": _("Task cancelled."),
                "in_progress": _("Task started."), "open": _("Task open again.")}
    commit_service(lambda: services.set_status(current_user, task, status, form.reason.data),
                   success=messages[status])
    return redirect(url_for("tasks.task_view", task_id=task.id))


@login_required
def task_assign(task_id: int):
    task = _load(task_id, TP.can_edit)
    form = _assign_form(task)
    if not form.validate():
        for error in form.assignee_id.errors:
            flash(error, "danger")
        return redirect(url_for("tasks.task_view", task_id=task.id))
    commit_service(lambda: services.reassign_task(current_user, task,
                                                  _user(form.assignee_id.data)),
                   success=_("Task reassigned."))
    return redirect(url_for("tasks.task_view", task_id=task.id))
