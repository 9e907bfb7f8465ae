"""Who sees and changes which project.

A project is seen by its team, by the managers of its owning department and every
department above it, by executives and administrators, and by departments a
sharing rule grants it to. `visible_filter(user)` says the same in SQL for lists."""
from __future__ import annotations

from sqlalchemy import exists, false, or_, select, true

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.core.models import User, UserRole
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectMember, SharingRule

P.define("project.view_all", {R.ADMIN, R.EXECUTIVE})
P.define("project.create", {R.ADMIN, R.EXECUTIVE, R.DEPT_MANAGER, R.SALES, R.PROJECT_MANAGER,
                            R.PRESALES})
P.define("project.edit_any", {R.ADMIN, R.EXECUTIVE})
P.define("project.sharing", {R.ADMIN})

#: global roles whose holders may be chosen as a project's PM (pm_candidates below)
PM_ROLES = (R.PROJECT_MANAGER,)

#: team roles that may change the project (observers may only look)
EDITING_TEAM_ROLES = ("pm", "sales", "presales", "engineer")


def _sharing_condition(user: User):
    if user.department_id is None:
        return false()
    rule = SharingRule
    return exists(
        select(rule.id).where(
            rule.department_id == user.department_id,
            or_(rule.kind.is_(None), rule.kind == Project.kind),
            or_(rule.category.is_(None), rule.category == Project.category),
            or_(rule.industry.is_(None), rule.industry == Project.industry),
        )
    )


def visible_filter(user: User):
    """A WHERE clause for select(Project) keeping only what `user` may see."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return false()
    if P.has_permission(user, "project.view_all"):
        return true()
    member = exists(select(ProjectMember.id).where(
        ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id))
    conditions = [member, Project.pm_id == user.id, _sharing_condition(user)]
    managed = P.managed_department_ids(user)
    if managed:
        conditions.append(Project.department_id.in_(managed))
    return or_(*conditions)


def editable_filter(user: User):
    """A WHERE clause keeping the open projects `user` may change (as can_edit)."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return false()
    if P.has_permission(user, "project.edit_any"):
        return true()
    editor = exists(select(ProjectMember.id).where(
        ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id,
        ProjectMember.role.in_(EDITING_TEAM_ROLES)))
    conditions = [editor, Project.pm_id == user.id]
    managed = P.managed_department_ids(user)
    if managed:
        conditions.append(Project.department_id.in_(managed))
    return or_(*conditions)


def team_role(user: User, project: Project) -> str | None:
    if project.pm_id == user.id:
        return "pm"
    for member in project.members:
        if member.user_id == user.id:
            return member.role
    return None


def manages(user: User, project: Project) -> bool:
    return project.department_id is not None and (
        project.department_id in P.managed_department_ids(user))


def can_view(user, project: Project) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if P.has_permission(user, "project.view_all") or team_role(user, project) or manages(
            user, project):
        return True
    from_sharing = select(Project.id).where(Project.id == project.id,
                                            _sharing_condition(user))
    return db.session.scalar(from_sharing) is not None


def can_create(user) -> bool:
    return P.has_permission(user, "project.create")


def can_edit(user, project: Project) -> bool:
    """Change the project's data and plan. Closed, won, lost and abandoned projects
    are read-only except for executives and administrators."""
    if not can_view(user, project):
        return False
    if P.has_permission(user, "project.edit_any"):
        return True
    if not project.is_open:
        return False
    return team_role(user, project) in EDITING_TEAM_ROLES or manages(user, project)


def can_manage(user, project: Project) -> bool:
    """Team, outcome (won/lost), re-planning: the PM, the managers, executives."""
    if not can_view(user, project):
        return False
    if P.has_permission(user, "project.edit_any"):
        return True
    if not project.is_open:
        return False
    return team_role(user, project) == "pm" or manages(user, project)


def can_manage_sharing(user) -> bool:
    return P.has_permission(user, "project.sharing")


def can_complete_milestone(user, project: Project, milestone) -> bool:
    """Its owner or whoever manages the project marks a milestone reached."""
    if not can_view(user, project) or milestone.project_id != project.id:
        return False
    if P.has_permission(user, "project.edit_any"):
        return True
    if not project.is_open:
        return False
    return milestone.owner_id == user.id or can_manage(user, project)


def can_change_milestones(user, project: Project) -> bool:
    """Add milestones by hand and edit open ones: whoever may edit the project."""
    return can_edit(user, project) and project.is_open


def can_cancel_milestone(user, project: Project) -> bool:
    """Cancel or reopen a milestone: the PM, the managers, executives."""
    return can_manage(user, project) and project.is_open


def can_use_filter(user, saved) -> bool:
    """Saved filters are private to whoever saved them."""
    return getattr(user, "is_authenticated", False) and saved.user_id == user.id


#: team roles that may change the project's own data (name, customer, amounts, PM…)
DETAIL_EDITING_TEAM_ROLES = ("pm", "sales")


def can_edit_details(user, project: Project) -> bool:
    """Edit the project's data after creation: its PM, the team's sales member, the
    managers of its department and those above, executives and administrators. Closed,
    won, lost and abandoned projects only executives and administrators."""
    if not can_view(user, project):
        return False
    if P.has_permission(user, "project.edit_any"):
        return True
    if not project.is_open:
        return False
    return team_role(user, project) in DETAIL_EDITING_TEAM_ROLES or manages(user, project)


def team_condition(user: User):
    """WHERE clause on Project: `user` is its PM or on its team."""
    member = exists(select(ProjectMember.id).where(
        ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id))
    return or_(Project.pm_id == user.id, member)


def customers_worked_with(user: User, org_ids: set[int]) -> set[int]:
    """Of `org_ids`, the customers of projects `user` is on the team of: their
    contacts' phone numbers are shown to that user (core permissions)."""
    return set(db.session.scalars(
        select(Project.customer_id).where(Project.customer_id.in_(org_ids),
                                          team_condition(user)).distinct()))


P.register_contact_access(customers_worked_with)


def pm_filter():
    """SQL: users who may be offered as a project's PM (active, holding a PM role)."""
    return User.active.is_(True) & User.role_links.any(UserRole.role.in_(PM_ROLES))
