"""The project's history (ProjectEvent rows), written next to each change."""
from __future__ import annotations

from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectEvent


def record(project: Project, kind: str, actor=None, **params) -> ProjectEvent:
    event = ProjectEvent(project_id=project.id, kind=kind, actor_id=getattr(actor, "id", None),
                         params=params)
    db.session.add(event)
    return event
