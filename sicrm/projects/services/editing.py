"""Editing a project's own data after creation (name, customer, amounts, dates,
industry, category, owning department, PM), validated as on creation and recorded in
the project history as one entry with the before and after of each changed field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, Organization, User
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectMember
from sicrm.projects.services import events
from sicrm.projects.services.creation import amount_value, check_details

#: the fields update_project changes, in the order the history lists them
FIELDS = ("name", "customer", "amount", "win_probability", "expected_sign_date", "industry",
          "category", "department", "pm")
#: the role a PM who is replaced keeps on the team (they may still follow the project)
FORMER_PM_ROLE = "observer"


def _shown(field: str, value):
    """What the history keeps of a value: names, not ids; codes and ISO dates that the
    reader's language renders (sicrm.projects.history)."""
    if value is None or value == "":
        return None
    if isinstance(value, Organization | Department):
        return value.name
    if isinstance(value, User):
        return value.full_name
    if field == "expected_sign_date":
        return value.isoformat()
    return str(value)


def _current(project: Project) -> dict:
    return {"name": project.name, "customer": project.customer, "amount": project.amount,
            "win_probability": project.win_probability,
            "expected_sign_date": project.expected_sign_date, "industry": project.industry,
            "category": project.category, "department": project.department,
            "pm": project.pm}


def _cleaned(project: Project, data: dict) -> dict:
    values = _current(project)
    values.update({key: data[key] for key in FIELDS if key in data})
    check_details(values["customer"], values["name"], values["win_probability"],
                  values["industry"])
    values["name"] = values["name"].strip()
    values["category"] = (values["category"] or "").strip() or None
    values["industry"] = values["industry"] or None
    values["amount"] = amount_value(values["amount"])
    if values["win_probability"] not in (None, ""):
        values["win_probability"] = int(values["win_probability"])
    else:
        values["win_probability"] = None
    pm = values["pm"]
    if pm is not None and not pm.active and pm.id != project.pm_id:
        raise ServiceError(_l("Team members must be active users."), "pm_id")
    return values


def _set_pm(project: Project, pm: User | None) -> None:
    """The new PM joins (or stays on) the team as PM; the one replaced stays on it as
    an observer, so the team has one PM, the project's."""
    for member in project.members:
        if member.role == "pm" and (pm is None or member.user_id != pm.id):
            member.role = FORMER_PM_ROLE
    if pm is not None:
        member = next((m for m in project.members if m.user_id == pm.id), None)
        if member is None:
            project.members.append(ProjectMember(user_id=pm.id, role="pm"))
        else:
            member.role = "pm"
    project.pm_id = pm.id if pm else None
    project.pm = pm


def update_project(project: Project, data: dict, actor):
    """Change the fields of `data` (keys of FIELDS; customer, department and pm as
    objects); return the list of changes recorded (empty: nothing changed, no entry).
    Who may edit, and that a closed project is edited only by executives and
    administrators, is decided by permissions.can_edit_details before calling."""
    set_actor(actor)
    before = _current(project)
    values = _cleaned(project, data)
    changes = []
    for field in FIELDS:
        old, new = before[field], values[field]
        if _shown(field, old) == _shown(field, new):
            continue
        changes.append({"field": field, "from": _shown(field, old), "to": _shown(field, new)})
    if not changes:
        return []
    project.name = values["name"]
    project.customer_id = values["customer"].id
    project.customer = values["customer"]
    project.amount = values["amount"]
    project.win_probability = values["win_probability"]
    project.expected_sign_date = values["expected_sign_date"]
    project.industry = values["industry"]
    project.category = values["category"]
    department = values["department"]
    project.department_id = department.id if department else None
    project.department = department
    if any(change["field"] == "pm" for change in changes):
        _set_pm(project, values["pm"])
    events.record(project, "edited", actor, changes=changes)
    db.session.flush()
    return changes
