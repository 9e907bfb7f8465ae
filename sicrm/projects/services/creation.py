"""Creating a project from a published template version: stages, milestones, key
tasks and required documents instantiated and planned, in one transaction."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.calendar import WorkCalendar
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.inputs import ensure_date_in_range
from sicrm.core.models import Department, Organization, User
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import (
    Milestone,
    Project,
    ProjectMember,
    ProjectStage,
    RequiredDocument,
    Task,
)
from sicrm.projects.services import events
from sicrm.projects.services.codes import next_code
from sicrm.projects.services.planning import plan
from sicrm.templates_lib.choices import guess_document_category
from sicrm.templates_lib.definition import task_schedule
from sicrm.templates_lib.models import TemplateVersion
from sicrm.templates_lib.roles import TEAM_ROLES


def amount_value(value) -> Decimal | None:
    """An amount in CNY to the cent, or None; ServiceError when out of range."""
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ServiceError(_l("Please enter an amount."), "amount") from error
    if amount < 0 or amount >= Decimal("1e14"):
        raise ServiceError(_l("The amount must be between 0 and 99,999,999,999,999."), "amount")
    return amount


def check_details(customer: Organization | None, name: str, win_probability,
                  industry) -> None:
    """The rules on a project's own data, on creation and on every later edit."""
    if customer is None:
        raise ServiceError(_l("Please choose the customer."), "customer_id")
    if not (name or "").strip():
        raise ServiceError(_l("A name is required."), "name")
    if win_probability is not None and not 0 <= int(win_probability) <= 100:
        raise ServiceError(_l("The win probability is a percentage from 0 to 100."),
                           "win_probability")
    if industry and industry not in INDUSTRIES:
        raise ServiceError(_l("Please choose a value from the list."), "industry")


def _check(version: TemplateVersion, customer: Organization | None, name: str,
           win_probability, industry, team) -> None:
    if version is None or version.status != "published" or version.template.archived:
        raise ServiceError(_l("Please choose a published template."), "template_version_id")
    check_details(customer, name, win_probability, industry)
    for user, role in team:
        if role not in TEAM_ROLES:
            raise ServiceError(_l("Unknown team role: %(role)s", role=role), "team")
        if user is None or not user.active:
            raise ServiceError(_l("Team members must be active users."), "team")


def _name(names: dict, lang: str) -> str:
    return (names.get(lang) or names.get("zh") or names.get("en") or "")[:200]


def instantiate(project: Project, definition: dict) -> None:
    """Stages, milestones, key tasks and required documents from a definition."""
    for position, spec in enumerate(definition["stages"], start=1):
        stage = ProjectStage(
            project=project, position=position, key=spec["key"],
            name_zh=_name(spec["name"], "zh")[:100], name_en=_name(spec["name"], "en")[:100],
            std_duration=spec["duration"], gate=spec.get("gate"),
            planned_start=project.start_date, planned_end=project.start_date)
        db.session.add(stage)
        db.session.flush()
        for item in spec.get("milestones", ()):
            db.session.add(Milestone(
                project_id=project.id, stage_id=stage.id, key=item["key"],
                name=_name(item["name"], "zh"), offset=item.get("offset", 0),
                owner_role=item.get("owner_role"), planned_date=project.start_date))
        schedule = task_schedule(spec)
        for item in spec.get("tasks", ()):
            db.session.add(Task(
                project_id=project.id, stage_id=stage.id, key=item["key"],
                title=_name(item["name"], "zh"), owner_role=item.get("owner_role"),
                offset=max(schedule[item["key"]][1] - 1, schedule[item["key"]][0]),
                source="template"))  # due on its last working day
        for item in spec.get("documents", ()):
            db.session.add(RequiredDocument(
                project_id=project.id, stage_id=stage.id, key=item["key"],
                name=_name(item["name"], "zh"), description=item.get("description"),
                category=item.get("category") or guess_document_category(
                    item["key"], _name(item["name"], "zh")),
                format_file_id=item.get("format_file_id"),
                approver_roles=list(item.get("approver_roles", ()))))
    db.session.flush()


def assign_owners(project: Project) -> None:
    """Give open milestones and tasks without an owner the team member holding
    their owner role (the PM for "pm")."""
    by_role: dict[str, int] = {}
    for member in project.members:
        by_role.setdefault(member.role, member.user_id)
    if project.pm_id:
        by_role["pm"] = project.pm_id
    for milestone in db.session.scalars(select(Milestone).where(
            Milestone.project_id == project.id, Milestone.owner_id.is_(None))):
        milestone.owner_id = by_role.get(milestone.owner_role) or project.pm_id
    for task in db.session.scalars(select(Task).where(
            Task.project_id == project.id, Task.assignee_id.is_(None))):
        task.assignee_id = by_role.get(task.owner_role) or project.pm_id


def create_project(
    actor, *, template_version: TemplateVersion, customer: Organization | None, name: str,
    start_date: date, amount=None, win_probability: int | None = None,
    expected_sign_date: date | None = None, industry: str | None = None,
    category: str | None = None, pm: User | None = None,
    department: Department | None = None, team=(), source_project: Project | None = None,
    calendar: WorkCalendar | None = None,
) -> Project:
    """Create, instantiate and plan a project; announce it (routing rules apply)."""
    set_actor(actor)
    team = list(team)
    _check(template_version, customer, name, win_probability, industry, team)
    ensure_date_in_range(start_date, "start_date")
    ensure_date_in_range(expected_sign_date, "expected_sign_date")
    kind = template_version.template.kind
    pm = pm or next((user for user, role in team if role == "pm"), None)
    project = Project(
        code=next_code(kind, start_date.year), name=name.strip(), kind=kind,
        customer_id=customer.id, template_version_id=template_version.id,
        department_id=(department.id if department else
                       (pm.department_id if pm else getattr(actor, "department_id", None))),
        pm_id=pm.id if pm else None, industry=industry or customer.industry,
        category=(category or template_version.template.category or None),
        amount=amount_value(amount),
        win_probability=int(win_probability) if win_probability not in (None, "") else None,
        expected_sign_date=expected_sign_date, start_date=start_date,
        source_project_id=source_project.id if source_project else None,
        created_by_id=getattr(actor, "id", None))
    db.session.add(project)
    db.session.flush()
    members = {}
    if actor is not None:  # the creator joins the team
        members[actor.id] = "sales" if kind == "presales" else "observer"
    for user, role in team:
        members[user.id] = role
    if pm is not None:
        members[pm.id] = "pm"
    for user_id, role in members.items():
        project.members.append(ProjectMember(user_id=user_id, role=role))
    instantiate(project, template_version.definition)
    first = project.stages[0]
    first.status = "active"
    first.actual_start = start_date
    project.current_stage = first
    plan(project, calendar, announce=False)
    events.record(project, "created", actor, template=template_version.template.name_zh,
                  template_en=template_version.template.name_en,
                  version=template_version.number)
    db.session.flush()
    signals.project_created.send(project, actor=actor)
    assign_owners(project)
    db.session.flush()
    return project
