"""Projects as search finds them (registered with `sicrm.core.searchable`).

A project's scope word is `project:<id>`; who may read it is decided at query time by
the same SQL as the project list (`permissions.visible_filter`), so team changes need
no re-indexing. Project documents share the scope of their project."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.core import permissions as CP
from sicrm.core.searchable import ALL, Searchable, SearchDoc, register
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.permissions import visible_filter


def scope(project_id: int) -> str:
    return f"project:{project_id}"


def readable(user):
    """ALL when the user sees every project, else the scope words of those they see."""
    if CP.has_permission(user, "project.view_all"):
        return ALL
    ids = db.session.scalars(select(Project.id).where(visible_filter(user))).all()
    return {scope(id) for id in ids}


def _load(ids) -> list[SearchDoc]:
    projects = db.session.scalars(
        select(Project).where(Project.id.in_(ids))
        .options(selectinload(Project.customer))).all()
    docs = []
    for project in projects:
        customer = project.customer.name if project.customer else ""
        body = "\n".join(part for part in (
            project.code, project.name, customer, project.category or "",
            project.outcome_note or "") if part)
        docs.append(SearchDoc(
            kind="project", id=project.id, title=project.name, scope=scope(project.id),
            body=body, subtitle=f"{project.code} · {customer}", industry=project.industry,
            author_id=project.pm_id, date=project.created_dt))
    return docs


def _project_changed(project):
    return [("project", project.id)]


def _url(id: int) -> str:
    return url_for("projects.project_view", project_id=id)


register(Searchable(
    kind="project", label=_l("Project"), load=_load,
    all_ids=lambda: db.session.scalars(select(Project.id)).all(),
    readable=readable, url=_url, watch={Project: _project_changed}, order=20))
