"""Read helpers for project pages: select() statements and small aggregates.
Every list is filtered by `permissions.visible_filter` in SQL."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from sicrm.core.inputs import db_int
from sicrm.core.models import Department, Organization, User
from sicrm.extensions import db
from sicrm.projects.models import (
    OPEN_STATUSES,
    Milestone,
    Project,
    ProjectEvent,
    ProjectMember,
    ProjectStage,
    RequiredDocument,
    SavedFilter,
    Task,
)
from sicrm.projects.permissions import editable_filter, pm_filter, visible_filter
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion

# -- templates ------------------------------------------------------------------------


def latest_versions(kind: str | None = None):
    """The latest published version of each non-archived template."""
    newest = (select(TemplateVersion.template_id, func.max(TemplateVersion.number).label("n"))
              .where(TemplateVersion.status == "published")
              .group_by(TemplateVersion.template_id).subquery())
    query = (select(TemplateVersion)
             .join(newest, and_(newest.c.template_id == TemplateVersion.template_id,
                                newest.c.n == TemplateVersion.number))
             .join(TemplateVersion.template)
             .where(ProjectTemplate.archived.is_(False))
             .options(joinedload(TemplateVersion.template))
             .order_by(ProjectTemplate.kind.desc(), ProjectTemplate.name_zh))
    if kind:
        query = query.where(ProjectTemplate.kind == kind)
    return query


def templates_with_versions():
    """Non-archived templates having a published version, presales first."""
    return (select(ProjectTemplate)
            .where(ProjectTemplate.archived.is_(False),
                   exists(select(TemplateVersion.id).where(
                       TemplateVersion.template_id == ProjectTemplate.id,
                       TemplateVersion.status == "published")))
            .order_by(ProjectTemplate.kind.desc(), ProjectTemplate.id))


def default_template(templates: list[ProjectTemplate]) -> ProjectTemplate | None:
    """The standard presales template, else the first presales one, else any."""
    for test in (lambda t: t.builtin_key == "standard_presales",
                 lambda t: t.kind == "presales", lambda t: True):
        found = next((t for t in templates if test(t)), None)
        if found is not None:
            return found
    return None


def latest_version_of(template: ProjectTemplate) -> TemplateVersion | None:
    return db.session.scalar(
        select(TemplateVersion).where(TemplateVersion.template_id == template.id,
                                      TemplateVersion.status == "published")
        .order_by(TemplateVersion.number.desc()).limit(1))


# -- choices --------------------------------------------------------------------------


def active_users():
    return select(User.id, User.full_name).where(User.active.is_(True)).order_by(User.full_name)


def pm_candidates(keep_id: int | None = None):
    """Who the PM choice offers (projects.permissions.pm_filter), plus `keep_id` (the
    project's current PM) so an edit never drops them silently."""
    condition = pm_filter() if keep_id is None else or_(pm_filter(), User.id == keep_id)
    return select(User.id, User.full_name).where(condition).order_by(User.full_name)


def customers():
    return (select(Organization.id, Organization.name)
            .where(Organization.is_customer.is_(True))
            .order_by(Organization.name_pinyin, Organization.name))


def competitors():
    return (select(Organization.id, Organization.name)
            .where(Organization.is_competitor.is_(True))
            .order_by(Organization.name_pinyin, Organization.name))


def departments():
    return select(Department.id, Department.name).order_by(Department.name)


def list_choices(user) -> dict:
    """Values the list's filters offer, from the projects the user may see."""
    visible = visible_filter(user)
    stage = aliased(ProjectStage)
    return {
        "stages": db.session.execute(
            select(stage.name_zh, stage.name_en).distinct()
            .join(Project, Project.current_stage_id == stage.id).where(visible)
            .order_by(stage.name_zh, stage.name_en)).all(),
        "pms": db.session.execute(
            select(User.id, User.full_name).distinct()
            .join(Project, Project.pm_id == User.id)
            .where(visible).order_by(User.full_name, User.id)).all(),
        "customers": db.session.execute(
            select(Organization.id, Organization.name).distinct()
            .join(Project, Project.customer_id == Organization.id)
            .where(visible).order_by(Organization.name, Organization.id)).all(),
        "categories": db.session.scalars(
            select(Project.category).distinct().where(visible, Project.category.is_not(None))
            .order_by(Project.category)).all(),
    }


# -- the list ---------------------------------------------------------------------------


def overdue_condition(today: date):
    """Open projects whose current stage is past its planned end or that have an
    open milestone past its date."""
    stage_late = exists(select(ProjectStage.id).where(
        ProjectStage.id == Project.current_stage_id, ProjectStage.planned_end < today))
    milestone_late = exists(select(Milestone.id).where(
        Milestone.project_id == Project.id, Milestone.status == "open",
        Milestone.planned_date < today))
    return and_(Project.status.in_(OPEN_STATUSES), or_(stage_late, milestone_late))


def _int(value) -> int | None:
    """An id filter: ignored unless a number; a number no id can be is -1."""
    text = str(value if value is not None else "").strip()
    if not text.lstrip("-").isdecimal() or not text.isascii():
        return None  # not a number: the filter is ignored
    return db_int(text) or -1  # a number no row can have: the filter matches nothing


def projects(user, args: dict, today: date | None = None):
    """The project list for `user` with the list's filters and sort applied."""
    today = today or date.today()
    current = aliased(ProjectStage)
    query = (select(Project).outerjoin(current, current.id == Project.current_stage_id)
             .where(visible_filter(user))
             .options(joinedload(Project.customer), joinedload(Project.pm),
                      joinedload(Project.current_stage)))
    if args.get("q"):
        like = f"%{args['q']}%"
        query = query.where(or_(Project.name.ilike(like), Project.code.ilike(like)))
    for key, column in (("kind", Project.kind), ("status", Project.status),
                        ("industry", Project.industry), ("category", Project.category)):
        if args.get(key):
            query = query.where(column == args[key])
    if args.get("stage"):
        query = query.where(or_(current.name_zh == args["stage"],
                                current.name_en == args["stage"]))
    for key, column in (("pm", Project.pm_id), ("customer", Project.customer_id)):
        if _int(args.get(key)) is not None:
            query = query.where(column == _int(args[key]))
    if args.get("overdue"):
        query = query.where(overdue_condition(today))
    order = {
        "created": (Project.created_dt, Project.id),
        "code": (Project.code,),
        "name": (Project.name, Project.id),
        "-amount": (Project.amount.desc().nulls_last(), Project.id.desc()),
        "amount": (Project.amount.asc().nulls_last(), Project.id),
        "sign": (Project.expected_sign_date.asc().nulls_last(), Project.id),
        "stage_end": (current.planned_end.asc().nulls_last(), Project.id),
    }.get(args.get("sort"), (Project.created_dt.desc(), Project.id.desc()))
    return query.order_by(*order)


def late_milestone_projects(project_ids, today: date | None = None) -> set[int]:
    """Which of these open projects have an open milestone past its date (one query)."""
    if not project_ids:
        return set()
    today = today or date.today()
    return set(db.session.scalars(select(Milestone.project_id).distinct()
                                  .join(Project, Project.id == Milestone.project_id).where(
        Milestone.project_id.in_(project_ids), Milestone.status == "open",
        Milestone.planned_date < today, Project.status.in_(OPEN_STATUSES))))


def saved_filters(user):
    return select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)


# -- one project ------------------------------------------------------------------------


def project_page_data(project: Project) -> dict:
    """What the project page lists, each read once."""
    stages = db.session.scalars(
        select(ProjectStage).where(ProjectStage.project_id == project.id)
        .options(selectinload(ProjectStage.required_documents)
                 .joinedload(RequiredDocument.format_file))
        .order_by(ProjectStage.position)).all()
    return {
        "stages": stages,
        "milestones": db.session.scalars(
            select(Milestone).where(Milestone.project_id == project.id)
            .options(joinedload(Milestone.owner))
            .order_by(Milestone.planned_date, Milestone.id)).all(),
        "tasks": db.session.scalars(
            select(Task).where(Task.project_id == project.id)
            .options(joinedload(Task.assignee))
            .order_by(Task.due_date.asc().nulls_last(), Task.id)).all(),
        "members": db.session.scalars(
            select(ProjectMember).where(ProjectMember.project_id == project.id)
            .options(joinedload(ProjectMember.user))
            .join(ProjectMember.user).order_by(User.full_name)).all(),
        "events": db.session.scalars(
            select(ProjectEvent).where(ProjectEvent.project_id == project.id)
            .options(joinedload(ProjectEvent.actor))
            .order_by(ProjectEvent.created_dt.desc(), ProjectEvent.id.desc())
            .limit(200)).all(),
        "implementations": db.session.scalars(
            select(Project).where(Project.source_project_id == project.id)).all(),
    }


# -- board and funnel -------------------------------------------------------------------


def board_rows(user, template: ProjectTemplate):
    """Open projects of the template's versions in their current stage."""
    return db.session.execute(
        select(Project.id, Project.code, Project.name, Project.amount,
               Organization.name.label("customer"), ProjectStage.key.label("stage_key"),
               ProjectStage.name_zh, ProjectStage.name_en, ProjectStage.actual_start,
               ProjectStage.planned_end, ProjectStage.gate,
               case((editable_filter(user), True), else_=False).label("editable"))
        .join(Organization, Organization.id == Project.customer_id)
        .join(ProjectStage, ProjectStage.id == Project.current_stage_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .where(TemplateVersion.template_id == template.id,
               Project.status.in_(OPEN_STATUSES), visible_filter(user))
        .order_by(Project.amount.desc().nulls_last(), Project.id)).all()


def department_and_below(department_id: int) -> set[int]:
    parents = dict(db.session.execute(select(Department.id, Department.parent_id)).all())
    found = {department_id}
    changed = True
    while changed:
        below = {d for d, parent in parents.items() if parent in found} - found
        found |= below
        changed = bool(below)
    return found


def _funnel_filter(user, template: ProjectTemplate, department_id, start, end):
    conditions = [visible_filter(user), TemplateVersion.template_id == template.id]
    if department_id:
        conditions.append(Project.department_id.in_(department_and_below(department_id)))
    if start:
        conditions.append(Project.created_dt >= datetime.combine(start, time.min))
    if end:
        conditions.append(Project.created_dt < datetime.combine(end + timedelta(days=1),
                                                                time.min))
    return conditions


def funnel_data(user, template: ProjectTemplate, department_id=None, start=None,
                end=None) -> dict:
    """Aggregates per stage key of the projects matching the filters."""
    where = _funnel_filter(user, template, department_id, start, end)
    version = TemplateVersion
    by_current = db.session.execute(
        select(ProjectStage.key, func.count(Project.id), func.sum(Project.amount))
        .join(Project, Project.current_stage_id == ProjectStage.id)
        .join(version, version.id == Project.template_version_id)
        .where(Project.status.in_(OPEN_STATUSES), *where)
        .group_by(ProjectStage.key)).all()
    reached = db.session.execute(
        select(ProjectStage.key, func.count(ProjectStage.id))
        .join(Project, Project.id == ProjectStage.project_id)
        .join(version, version.id == Project.template_version_id)
        .where(ProjectStage.actual_start.is_not(None), *where)
        .group_by(ProjectStage.key)).all()
    finished = db.session.execute(
        select(ProjectStage.key, ProjectStage.actual_start, ProjectStage.actual_end)
        .join(Project, Project.id == ProjectStage.project_id)
        .join(version, version.id == Project.template_version_id)
        .where(ProjectStage.actual_end.is_not(None), *where)).all()
    outcomes = db.session.execute(
        select(Project.status, func.count(Project.id), func.sum(Project.amount))
        .join(version, version.id == Project.template_version_id)
        .where(*where).group_by(Project.status)).all()
    return {
        "open": {key: (count, amount) for key, count, amount in by_current},
        "reached": dict(reached),
        "finished": finished,
        "outcomes": {status: (count, amount) for status, count, amount in outcomes},
    }
