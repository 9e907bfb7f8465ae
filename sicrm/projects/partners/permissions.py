"""Who sees and changes a project's partners, competitors and win/loss analysis.

Whoever sees the project sees them; whoever may edit the project (its editing team,
PM, managers; executives and administrators also once it is closed) changes partners
and competitors. The win/loss analysis of a closed presales project is written by its
PM, the managers of its department, executives and administrators. Administrators
configure the reasons."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects.models import Project
from sicrm.projects.partners.models import ProjectPartner

CP.define("winloss.edit_any", {R.ADMIN, R.EXECUTIVE})
CP.define("winloss.reasons", {R.ADMIN})

CLOSED_PRESALES = ("won", "lost", "abandoned")


def can_view(user, project) -> bool:
    return P.can_view(user, project)


def can_change_partners(user, project) -> bool:
    return P.can_edit(user, project)


def can_change_competitors(user, project) -> bool:
    return project.kind == "presales" and P.can_edit(user, project)


def can_edit_analysis(user, project) -> bool:
    """The analysis of a won, lost or abandoned presales project, after marking."""
    if project.kind != "presales" or project.status not in CLOSED_PRESALES:
        return False
    if not P.can_view(user, project):
        return False
    if CP.has_permission(user, "winloss.edit_any"):
        return True
    return P.team_role(user, project) == "pm" or P.manages(user, project)


def can_manage_reasons(user) -> bool:
    return CP.has_permission(user, "winloss.reasons")


def can_see_reports(user) -> bool:
    """Everyone logged in; the figures only count the projects they may see."""
    return bool(getattr(user, "is_authenticated", False) and user.active)


def partners_worked_with(user, org_ids: set[int]) -> set[int]:
    """Of `org_ids`, the partners on projects `user` is on the team of: their
    contacts' phone numbers are shown to that user (core permissions)."""
    return set(db.session.scalars(
        select(ProjectPartner.organization_id)
        .join(Project, Project.id == ProjectPartner.project_id)
        .where(ProjectPartner.organization_id.in_(org_ids), P.team_condition(user))
        .distinct()))


CP.register_contact_access(partners_worked_with)
