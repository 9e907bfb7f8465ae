"""Routing rules (业务路由规则): applied to every new project, in order.

A rule matches on kind, business category and industry (empty = any); it can set
the owning department, make its head (or a named user) the PM, and add tasks.
What each rule did is recorded and shown on the project."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.calendar import WorkCalendar
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import KINDS, Project, ProjectMember, Task
from sicrm.projects.services import events
from sicrm.templates_lib.roles import TEAM_ROLES
from sicrm.workflow.models import AppliedRoutingRule, RoutingRule

RULE_FIELDS = ("name", "position", "active", "match_kind", "match_category", "match_industry",
               "department_id", "pm_mode", "pm_user_id", "tasks")


def _validate(fields: dict) -> dict:
    data = {key: fields.get(key) for key in RULE_FIELDS if key in fields}
    data["name"] = (data.get("name") or "").strip()
    if not data["name"]:
        raise ServiceError(_l("A name is required."), "name")
    if data.get("match_kind") and data["match_kind"] not in KINDS:
        raise ServiceError(_l("Please choose a value from the list."), "match_kind")
    if data.get("match_industry") and data["match_industry"] not in INDUSTRIES:
        raise ServiceError(_l("Please choose a value from the list."), "match_industry")
    if data.get("department_id") and db.session.get(Department, data["department_id"]) is None:
        raise ServiceError(_l("The department does not exist."), "department_id")
    if data.get("pm_mode") not in (None, "", "head", "user"):
        raise ServiceError(_l("Please choose a value from the list."), "pm_mode")
    data["pm_mode"] = data.get("pm_mode") or None
    if data["pm_mode"] == "head" and not data.get("department_id"):
        raise ServiceError(_l("Choose the department whose head becomes PM."), "department_id")
    if data["pm_mode"] == "user":
        user = db.session.get(User, data.get("pm_user_id") or 0)
        if user is None or not user.active:
            raise ServiceError(_l("Choose the user who becomes PM."), "pm_user_id")
    tasks = []
    for task in data.get("tasks") or []:
        title = (task.get("title") or "").strip()
        if not title:
            continue
        if task.get("owner_role") not in TEAM_ROLES:
            raise ServiceError(_l("Unknown team role: %(role)s", role=task.get("owner_role")),
                               "tasks")
        offset = int(task.get("offset") or 0)
        if offset < 0:
            raise ServiceError(_l("The number of working days cannot be negative."), "tasks")
        tasks.append({"title": title[:200], "owner_role": task["owner_role"], "offset": offset})
    data["tasks"] = tasks
    return data


def create_rule(actor, **fields) -> RoutingRule:
    set_actor(actor)
    rule = RoutingRule(**_validate(fields))
    db.session.add(rule)
    db.session.flush()
    return rule


def update_rule(actor, rule: RoutingRule, **fields) -> RoutingRule:
    set_actor(actor)
    for key, value in _validate({**{k: getattr(rule, k) for k in RULE_FIELDS},
                                 **fields}).items():
        setattr(rule, key, value)
    db.session.flush()
    return rule


def delete_rule(actor, rule: RoutingRule) -> None:
    set_actor(actor)
    db.session.delete(rule)
    db.session.flush()


def matches(rule: RoutingRule, project: Project) -> bool:
    return ((not rule.match_kind or rule.match_kind == project.kind)
            and (not rule.match_category or rule.match_category == project.category)
            and (not rule.match_industry or rule.match_industry == project.industry))


def apply_rules(project: Project, actor=None, calendar: WorkCalendar | None = None) -> list:
    """Apply every active matching rule, in order; return what was applied."""
    applied = []
    rules = db.session.scalars(select(RoutingRule).where(RoutingRule.active.is_(True))
                               .order_by(RoutingRule.position, RoutingRule.id)).all()
    calendar = calendar or WorkCalendar()
    for rule in rules:
        if not matches(rule, project):
            continue
        summary: dict = {}
        if rule.department_id:
            project.department_id = rule.department_id
            summary["department"] = rule.department.name
        pm = None
        if rule.pm_mode == "head" and rule.department and rule.department.head:
            pm = rule.department.head
        elif rule.pm_mode == "user" and rule.pm_user and rule.pm_user.active:
            pm = rule.pm_user
        if pm is not None:
            project.pm_id = pm.id
            member = next((m for m in project.members if m.user_id == pm.id), None)
            if member is None:
                project.members.append(ProjectMember(user_id=pm.id, role="pm"))
            else:
                member.role = "pm"
            summary["pm"] = pm.full_name
        titles = []
        for spec in rule.tasks or []:
            db.session.add(Task(
                project_id=project.id, stage_id=project.current_stage_id, title=spec["title"],
                owner_role=spec["owner_role"], offset=spec["offset"], source="routing",
                due_date=calendar.add_workdays(project.start_date, spec["offset"])))
            titles.append(spec["title"])
        if titles:
            summary["tasks"] = titles
        db.session.add(AppliedRoutingRule(project_id=project.id, rule_id=rule.id,
                                          rule_name=rule.name, summary=summary))
        events.record(project, "routing_applied", actor, rule=rule.name)
        applied.append((rule, summary))
    db.session.flush()
    return applied


@signals.project_created.connect
def _on_project_created(project: Project, actor=None, **_):
    apply_rules(project, actor)
