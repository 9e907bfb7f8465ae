"""Notifications that name a project (its code, a document or gate of it): told to a
reader who may no longer see the project without naming it (sicrm.core.notifications
`register_references`). The project is the one the notification links to."""
from __future__ import annotations

import re

from sqlalchemy import select

from sicrm.core import notifications
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.permissions import visible_filter

#: sicrm.projects.urls.project_path and the paths below it
_PROJECT_IN_URL = re.compile(r"^/projects/(\d+)(?:[/?#]|$)")


def _project_id(notification) -> int | None:
    project_id = (notification.params or {}).get("project_id")
    if project_id is None:
        found = _PROJECT_IN_URL.match(notification.url or "")
        project_id = int(found.group(1)) if found else None
    return project_id


def hidden_project_notifications(user, items) -> set:
    """The ids of `items` whose project `user` may not see (the project list's SQL);
    one linking to no project is told as written."""
    projects = {item.id: _project_id(item) for item in items}
    wanted = {p for p in projects.values() if p is not None}
    if not wanted:
        return set()
    rows = db.session.execute(select(Project.id, visible_filter(user).label("visible"))
                              .where(Project.id.in_(wanted))).all()
    hidden = {row.id for row in rows if not row.visible}
    return {item_id for item_id, project_id in projects.items() if project_id in hidden}


def register_project_kinds(*kinds) -> None:
    notifications.register_references(kinds, hidden_project_notifications)
