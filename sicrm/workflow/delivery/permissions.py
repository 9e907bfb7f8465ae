"""Who may see the outbox and manage webhook targets.

Administrators manage every target and the outbox; a department's managers (its
head, or a department manager of it or a department above) manage its targets; whoever
may edit a project (its PM, editing team members, its managers) manages the
project's targets. Only administrators set a target's address (a URL the server
will POST to) and see the addresses in full: a robot's address carries its key."""
from __future__ import annotations

from sqlalchemy import false, or_, select, true

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.core.models import Department
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import Project
from sicrm.workflow.models import WebhookTarget

P.define("delivery.manage", {R.ADMIN})
P.define("webhook.manage_any", {R.ADMIN})


def can_set_urls(user) -> bool:
    """Create targets and change their addresses; see addresses unmasked."""
    return P.has_permission(user, "webhook.manage_any")


def can_manage_outbox(user) -> bool:
    return P.has_permission(user, "delivery.manage")


def can_manage_department_targets(user, department: Department) -> bool:
    return P.has_permission(user, "webhook.manage_any") or (
        getattr(user, "is_authenticated", False) and user.active
        and department.id in P.managed_department_ids(user))


def can_manage_project_targets(user, project: Project) -> bool:
    return P.has_permission(user, "webhook.manage_any") or project_permissions.can_edit(
        user, project)


def can_manage_target(user, target: WebhookTarget) -> bool:
    if target.project is not None:
        return can_manage_project_targets(user, target.project)
    if target.department is not None:
        return can_manage_department_targets(user, target.department)
    return P.has_permission(user, "webhook.manage_any")


def can_list_targets(user) -> bool:
    """The webhooks page: administrators and managers of a department."""
    return P.has_permission(user, "webhook.manage_any") or bool(
        getattr(user, "is_authenticated", False) and user.active
        and P.managed_department_ids(user))


def manageable_filter(user):
    """A WHERE clause on select(WebhookTarget) keeping the targets `user` manages."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return false()
    if P.has_permission(user, "webhook.manage_any"):
        return true()
    conditions = [WebhookTarget.project_id.in_(
        select(Project.id).where(project_permissions.editable_filter(user)))]
    managed = P.managed_department_ids(user)
    if managed:
        conditions.append(WebhookTarget.department_id.in_(managed))
    return or_(*conditions)
