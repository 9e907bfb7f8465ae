"""Who may see and change project templates. Every templates view asks here.

template.view: every logged-in user (templates are shared company knowledge);
template.manage: administrators, executives and department managers."""
from __future__ import annotations

from sicrm.core import roles as R
from sicrm.core.permissions import define, has_permission

define("template.view", {"*"})
define("template.manage", {R.ADMIN, R.EXECUTIVE, R.DEPT_MANAGER})


def can_view(user, template=None) -> bool:
    return has_permission(user, "template.view", template)


def can_manage(user, template=None) -> bool:
    return has_permission(user, "template.manage", template)


def can_edit_version(user, version) -> bool:
    """Only drafts are edited, by those who manage templates."""
    return version.status == "draft" and can_manage(user, version.template)
