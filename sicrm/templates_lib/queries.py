"""Read helpers: select() statements and small lookups for templates and versions."""
from __future__ import annotations

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import contains_eager

from sicrm.extensions import db
from sicrm.templates_lib.models import KINDS, ProjectTemplate, TemplateVersion


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def templates(q: str = "", kind: str = "", industry: str = "",
              archived: bool = False) -> Select:
    """Templates for the list page, filtered; archived ones only when asked."""
    query = select(ProjectTemplate)
    if q:
        pattern = _like(q.strip())
        query = query.where(or_(
            ProjectTemplate.name_zh.ilike(pattern, escape="\\"),
            ProjectTemplate.name_en.ilike(pattern, escape="\\"),
            ProjectTemplate.category.ilike(pattern, escape="\\"),
            ProjectTemplate.description.ilike(pattern, escape="\\"),
        ))
    if kind in KINDS:
        query = query.where(ProjectTemplate.kind == kind)
    if industry:
        query = query.where(ProjectTemplate.industry == industry)
    if not archived:
        query = query.where(ProjectTemplate.archived.is_(False))
    return query.order_by(ProjectTemplate.archived, ProjectTemplate.kind,
                          ProjectTemplate.name_zh, ProjectTemplate.id)


def version_summaries(template_ids: list[int]) -> dict[int, dict]:
    """template id → {"published": latest published number or None, "draft": draft
    number or None, "stages": stage count of the version shown}, in one query."""
    summary: dict[int, dict] = {tid: {"published": None, "draft": None, "stages": 0}
                                for tid in template_ids}
    if not template_ids:
        return summary
    rows = db.session.execute(
        select(TemplateVersion.template_id, TemplateVersion.number, TemplateVersion.status,
               TemplateVersion.definition)
        .where(TemplateVersion.template_id.in_(template_ids))
        .order_by(TemplateVersion.template_id, TemplateVersion.number))
    for template_id, number, status, definition in rows:
        entry = summary[template_id]
        if status == "published":
            entry["published"] = number
            entry["stages"] = len((definition or {}).get("stages", ()))
        else:
            entry["draft"] = number
            if entry["published"] is None:
                entry["stages"] = len((definition or {}).get("stages", ()))
    return summary


def _latest_published_numbers():
    return (select(TemplateVersion.template_id,
                   func.max(TemplateVersion.number).label("number"))
            .where(TemplateVersion.status == "published")
            .group_by(TemplateVersion.template_id).subquery())


def published_versions_for(kind: str | None = None) -> Select:
    """The latest published version of every non-archived template (of `kind`),
    with its template loaded, ordered by template name. For the projects package:
    `db.session.scalars(published_versions_for("presales"))`."""
    latest = _latest_published_numbers()
    query = (
        select(TemplateVersion)
        .join(latest, (latest.c.template_id == TemplateVersion.template_id)
              & (latest.c.number == TemplateVersion.number))
        .join(TemplateVersion.template)
        .options(contains_eager(TemplateVersion.template))
        .where(ProjectTemplate.archived.is_(False))
    )
    if kind is not None:
        query = query.where(ProjectTemplate.kind == kind)
    return query.order_by(ProjectTemplate.name_zh, ProjectTemplate.id)


def current_version(template: ProjectTemplate) -> TemplateVersion | None:
    """The latest published version, or None."""
    return db.session.scalar(
        select(TemplateVersion)
        .where(TemplateVersion.template_id == template.id,
               TemplateVersion.status == "published")
        .order_by(TemplateVersion.number.desc()).limit(1))


def draft_of(template: ProjectTemplate) -> TemplateVersion | None:
    return db.session.scalar(select(TemplateVersion).where(
        TemplateVersion.template_id == template.id, TemplateVersion.status == "draft"))


def latest_version(template: ProjectTemplate) -> TemplateVersion | None:
    return db.session.scalar(
        select(TemplateVersion).where(TemplateVersion.template_id == template.id)
        .order_by(TemplateVersion.number.desc()).limit(1))


def previous_version(version: TemplateVersion) -> TemplateVersion | None:
    return db.session.scalar(
        select(TemplateVersion)
        .where(TemplateVersion.template_id == version.template_id,
               TemplateVersion.number < version.number)
        .order_by(TemplateVersion.number.desc()).limit(1))


def versions(template: ProjectTemplate) -> list[TemplateVersion]:
    return list(db.session.scalars(
        select(TemplateVersion).where(TemplateVersion.template_id == template.id)
        .order_by(TemplateVersion.number.desc())))
