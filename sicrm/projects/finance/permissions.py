"""Who sees and handles a project's money.

- Costs (budget, expenses, effort, the bid/no-bid signal): the project's editing
  team (PM, sales, presales, engineers), the managers of its department, finance,
  executives and administrators. Observers and departments that only see the
  project through a sharing rule do not see money.
- Revenue and margin (payment plan, invoices, receipts, margin): the PM, the
  managers, the project's sales member, finance, executives and administrators —
  engineers and presales engineers see the costs they help spend, not the margin.
- Recording expenses and effort: whoever may edit the (open) project.
- Approving an expense: the PM or a manager of the project's department (or an
  executive/administrator); finance approves, after them, expenses above
  SICRM_EXPENSE_FINANCE_THRESHOLD. Nobody approves an expense they spent or entered.
- Budget: the PM and the managers (can_manage). Payment plan: they and finance.
  Invoices and receipts: finance (and administrators)."""
from __future__ import annotations

from sqlalchemy import exists, false, or_, select, true

from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project, ProjectMember

CP.define("finance.view_all", {R.ADMIN, R.EXECUTIVE, R.FINANCE})
CP.define("finance.approve", {R.ADMIN, R.FINANCE})
CP.define("finance.record_payments", {R.ADMIN, R.FINANCE})
#: approve at the PM's level on every project (the PM's own expenses need someone)
CP.define("finance.approve_any", {R.ADMIN, R.EXECUTIVE})

REVENUE_TEAM_ROLES = ("pm", "sales")


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.active


def can_view_costs(user, project: Project) -> bool:
    if not _active(user):
        return False
    if CP.has_permission(user, "finance.view_all"):
        return True
    return PP.team_role(user, project) in PP.EDITING_TEAM_ROLES or PP.manages(user, project)


def can_view_revenue(user, project: Project) -> bool:
    if not _active(user):
        return False
    if CP.has_permission(user, "finance.view_all"):
        return True
    return PP.team_role(user, project) in REVENUE_TEAM_ROLES or PP.manages(user, project)


def can_record(user, project: Project) -> bool:
    """Record expenses and effort: whoever may change the open project."""
    return project.is_open and PP.can_edit(user, project)


def can_approve_as_pm(user, project: Project) -> bool:
    if not _active(user):
        return False
    return (CP.has_permission(user, "finance.approve_any") or project.pm_id == user.id
            or PP.manages(user, project))


def can_approve_as_finance(user) -> bool:
    return CP.has_permission(user, "finance.approve")


def can_decide(user, expense) -> bool:
    """May `user` approve or reject `expense` at the level it waits for now?"""
    if expense.is_own(user):
        return False
    if expense.status == "submitted":
        return can_approve_as_pm(user, expense.project)
    if expense.status == "pm_approved":
        return can_approve_as_finance(user)
    return False


def can_change_expense(user, expense) -> bool:
    """Correct or withdraw an expense not approved yet: whoever entered or spent it,
    or the PM, while the project is open."""
    if expense.status not in ("submitted", "rejected") or not can_record(user, expense.project):
        return False
    return expense.is_own(user) or PP.can_manage(user, expense.project)


def can_set_budget(user, project: Project) -> bool:
    return project.is_open and PP.can_manage(user, project)


def can_plan_payments(user, project: Project) -> bool:
    if not _active(user):
        return False
    if CP.has_permission(user, "finance.record_payments"):
        return True
    return project.is_open and PP.can_manage(user, project)


def can_record_payments(user, project: Project) -> bool:
    """Invoices and receipts; also on closed projects (retention money comes late)."""
    return CP.has_permission(user, "finance.record_payments")


def can_delete_effort(user, entry, project: Project) -> bool:
    return can_record(user, project) and (
        entry.user_id == user.id or entry.created_by_id == user.id or PP.can_manage(user, project))


def can_see_receivables(user) -> bool:
    """Overdue receivables across projects: finance, executives, administrators."""
    return CP.has_permission(user, "finance.view_all")


def pm_approval_filter(user):
    """WHERE clause on Project: the projects whose expenses `user` approves as PM."""
    if not _active(user):
        return false()
    if CP.has_permission(user, "finance.approve_any"):
        return true()
    conditions = [Project.pm_id == user.id]
    managed = CP.managed_department_ids(user)
    if managed:
        conditions.append(Project.department_id.in_(managed))
    return or_(*conditions)


def cost_visible_filter(user):
    """WHERE clause on Project: the projects whose costs `user` may see."""
    if not _active(user):
        return false()
    if CP.has_permission(user, "finance.view_all"):
        return true()
    editor = exists(select(ProjectMember.id).where(
        ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id,
        ProjectMember.role.in_(PP.EDITING_TEAM_ROLES)))
    conditions = [editor, Project.pm_id == user.id]
    managed = CP.managed_department_ids(user)
    if managed:
        conditions.append(Project.department_id.in_(managed))
    return or_(*conditions)


def revenue_visible_filter(user):
    """WHERE clause on Project: the projects whose revenue (payment plan, invoices,
    receipts) `user` may see, as can_view_revenue says for one project."""
    if not _active(user):
        return false()
    if CP.has_permission(user, "finance.view_all"):
        return true()
    seller = exists(select(ProjectMember.id).where(
        ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id,
        ProjectMember.role.in_(REVENUE_TEAM_ROLES)))
    conditions = [seller, Project.pm_id == user.id]
    managed = CP.managed_department_ids(user)
    if managed:
        conditions.append(Project.department_id.in_(managed))
    return or_(*conditions)
