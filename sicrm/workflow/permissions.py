"""Who may submit gates, decide reviews and manage routing rules."""
from __future__ import annotations

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import Project
from sicrm.workflow.models import GateReview

P.define("routing.manage", {R.ADMIN})


def can_submit_gate(user, project: Project) -> bool:
    return project_permissions.can_edit(user, project)


def is_reviewer(user, review: GateReview) -> bool:
    return getattr(user, "is_authenticated", False) and any(
        r.user_id == user.id for r in review.reviewers)


def can_view_review(user, review: GateReview) -> bool:
    return is_reviewer(user, review) or project_permissions.can_view(user, review.project)


def can_manage_routing(user) -> bool:
    return P.has_permission(user, "routing.manage")
