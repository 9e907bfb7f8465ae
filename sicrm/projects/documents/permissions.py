"""Who sees, uploads, approves and withdraws project documents.

Documents follow the project: whoever sees the project sees and downloads its
documents; whoever may edit it uploads and submits versions. A version is approved
by the roles its requirement names (REVIEWER_ROLES words: pm, sales, presales →
the project's team; dept_manager → managers of the owning department and above;
executive, finance → the global role); a document without a requirement, or one
naming no role, is approved by whoever manages the project. Nobody approves or
rejects a version they uploaded themselves (four-eyes rule)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.projects import permissions as P
from sicrm.templates_lib.roles import REVIEWER_ROLES

CP.define("document.download_log", {R.ADMIN, R.EXECUTIVE})

#: the approver of documents whose requirement names nobody
MANAGER = "manager"
ROLE_LABELS = {**REVIEWER_ROLES, "engineer": _l("Engineer"),
               MANAGER: _l("Project manager or a manager above")}
GLOBAL_ROLE_OF = {"executive": R.EXECUTIVE, "finance": R.FINANCE}


def can_view(user, project) -> bool:
    return P.can_view(user, project)


def can_upload(user, project) -> bool:
    return project.is_open and P.can_edit(user, project)


def can_withdraw(user, project) -> bool:
    """Make a document's approved version obsolete: the PM, managers, executives."""
    return P.can_manage(user, project)


def can_see_downloads(user, project) -> bool:
    return P.can_manage(user, project) or CP.has_permission(user, "document.download_log")


def approver_roles(document) -> list[str]:
    """The roles that must approve a version of `document`."""
    requirement = document.requirement
    roles = list(requirement.approver_roles or []) if requirement is not None else []
    return roles or [MANAGER]


def holds_role(user, project, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if role == "pm":
        return project.pm_id == user.id
    if role in ("sales", "presales", "engineer"):
        return any(m.user_id == user.id and m.role == role for m in project.members)
    if role == "dept_manager":
        return P.manages(user, project)
    if role in GLOBAL_ROLE_OF:
        return GLOBAL_ROLE_OF[role] in user.roles
    if role == MANAGER:
        return P.can_manage(user, project)
    return False


def roles_held(user, document) -> list[str]:
    """The approver roles of `document` that `user` holds."""
    return Approver(user, document.project).roles_for(document)


def can_decide(user, version) -> bool:
    """Approve or reject this version now."""
    return Approver(user, version.document.project).can_decide(
        version, decided=any(d.user_id == user.id for d in version.decisions))


class Approver:
    """One user's approval rights on one project's documents, each role checked
    once however many documents are asked about."""

    def __init__(self, user, project):
        self.user, self.project = user, project
        self.viewing = P.can_view(user, project)
        self._held: dict[str, bool] = {}

    def holds(self, role: str) -> bool:
        if role not in self._held:
            self._held[role] = self.viewing and holds_role(self.user, self.project, role)
        return self._held[role]

    def roles_for(self, document) -> list[str]:
        return [role for role in approver_roles(document) if self.holds(role)]

    def can_decide(self, version, decided: bool) -> bool:
        return (version.status == "in_review" and self.project.is_open and not decided
                and version.uploaded_by_id != getattr(self.user, "id", None)
                and bool(self.roles_for(version.document)))
