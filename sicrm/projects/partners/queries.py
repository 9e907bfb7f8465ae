"""Reads for the project tab and the organisation page: each a fixed number of queries."""
from __future__ import annotations

from sqlalchemy import case, func, select, union
from sqlalchemy.orm import joinedload, selectinload

from sicrm.core.models import Organization
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectStage
from sicrm.projects.partners.models import (
    CompetitorAssessment,
    ProjectCompetitor,
    ProjectPartner,
    WinLossAnalysis,
    partner_contacts,
)
from sicrm.projects.permissions import visible_filter


def organizations():
    """Every organisation, for the partner and competitor choosers (pinyin order)."""
    return select(Organization.id, Organization.name).order_by(Organization.name_pinyin,
                                                               Organization.name)


def partners(project: Project) -> list[ProjectPartner]:
    return db.session.scalars(
        select(ProjectPartner).where(ProjectPartner.project_id == project.id)
        .options(joinedload(ProjectPartner.organization),
                 selectinload(ProjectPartner.contacts))
        .join(ProjectPartner.organization)
        .order_by(ProjectPartner.role, Organization.name_pinyin, ProjectPartner.id)).all()


def competitors(project: Project) -> list[ProjectCompetitor]:
    return db.session.scalars(
        select(ProjectCompetitor).where(ProjectCompetitor.project_id == project.id)
        .options(joinedload(ProjectCompetitor.organization))
        .join(ProjectCompetitor.organization)
        .order_by(Organization.name_pinyin, ProjectCompetitor.id)).all()


def assessments(project: Project) -> list[CompetitorAssessment]:
    """Every assessment on the project, oldest first."""
    return db.session.scalars(
        select(CompetitorAssessment).where(CompetitorAssessment.project_id == project.id)
        .options(joinedload(CompetitorAssessment.author))
        .order_by(CompetitorAssessment.created_dt, CompetitorAssessment.id)).all()


def stages(project: Project) -> list[ProjectStage]:
    return db.session.scalars(select(ProjectStage).where(ProjectStage.project_id == project.id)
                              .order_by(ProjectStage.position)).all()


def analysis(project: Project) -> WinLossAnalysis | None:
    return db.session.scalar(select(WinLossAnalysis).where(
        WinLossAnalysis.project_id == project.id))


def competitive_picture(competitors_, assessments_, stages_) -> dict:
    """The latest assessment of each competitor now, and per stage (the last one
    written at that stage), as {competitor id: assessment} and
    {competitor id: {stage id: assessment}}; stages that have any, in order."""
    latest: dict[int, CompetitorAssessment] = {}
    by_stage: dict[int, dict[int, CompetitorAssessment]] = {}
    history: dict[int, list[CompetitorAssessment]] = {}
    for row in assessments_:
        latest[row.competitor_id] = row
        by_stage.setdefault(row.competitor_id, {})[row.stage_id] = row
        history.setdefault(row.competitor_id, []).append(row)
    used = {row.stage_id for row in assessments_}
    return {"latest": latest, "by_stage": by_stage,
            "history": {key: list(reversed(rows)) for key, rows in history.items()},
            "stages": [s for s in stages_ if s.id in used]}


# -- the organisation page ---------------------------------------------------------------


#: projects listed on an organisation's page (the totals count them all)
ORG_PROJECTS_SHOWN = 50


def engagement_key():
    """One engagement per presales project and the implementation made from it: the
    implementation counts under its presales project's id."""
    return func.coalesce(Project.source_project_id, Project.id)


def _partner_rows(organization: Organization, visible):
    """The organisation's partner rows on visible projects, each with its engagement;
    `first` is 1 on the row whose contract value counts for the engagement and role
    (the implementation's, where the partner was carried, else the presales one)."""
    engagement = engagement_key()
    return (select(
        ProjectPartner.role, Project.kind, Project.status, ProjectPartner.contract_value,
        engagement.label("engagement"),
        func.row_number().over(
            partition_by=(engagement, ProjectPartner.role),
            order_by=(case((Project.kind == "implementation", 0), else_=1),
                      Project.id.desc())).label("first"))
        .join(Project, Project.id == ProjectPartner.project_id)
        .where(ProjectPartner.organization_id == organization.id, visible)).subquery()


def _figures(rows) -> tuple:
    presales = rows.c.kind == "presales"
    return (
        func.count(func.distinct(rows.c.engagement)).label("projects"),
        func.count(func.distinct(case((presales & rows.c.status.in_(("won", "lost")),
                                       rows.c.engagement)))).label("decided"),
        func.count(func.distinct(case((presales & (rows.c.status == "won"),
                                       rows.c.engagement)))).label("won"),
        func.sum(case((rows.c.first == 1, rows.c.contract_value))).label("value"))


def _entry(row) -> dict:
    return {"projects": row.projects, "won": row.won, "decided": row.decided,
            "value": row.value}


def organization_partner_roles(user, organization: Organization) -> dict:
    """The organisation's partner roles on the projects `user` may see: totals per
    role, overall totals and the projects (latest first). A presales project and the
    implementation made from it are one engagement: counted once, its contract value
    once (a partner carried to the implementation is not counted twice)."""
    visible = visible_filter(user)
    rows = _partner_rows(organization, visible)
    per_role = {row.role: _entry(row) for row in db.session.execute(
        select(rows.c.role, *_figures(rows)).group_by(rows.c.role))}
    # an engagement where it holds two roles counts once in the totals
    totals = _entry(db.session.execute(select(*_figures(rows))).one())
    values = [entry["value"] for entry in per_role.values() if entry["value"] is not None]
    totals["value"] = sum(values) if values else None
    rows = db.session.execute(
        select(ProjectPartner, Project.code, Project.name, Project.status, Project.kind)
        .join(Project, Project.id == ProjectPartner.project_id)
        .where(ProjectPartner.organization_id == organization.id, visible)
        .order_by(Project.created_dt.desc(), Project.id.desc(), ProjectPartner.role)
        .limit(ORG_PROJECTS_SHOWN)).all()
    return {"per_role": per_role, "totals": totals, "rows": rows}


def organization_competitor_record(user, organization: Organization) -> dict:
    """How we fared against the organisation on the presales projects `user` may see
    (linked as competitor, or recorded as winner), and its latest positions."""
    pairs = union(
        select(ProjectCompetitor.project_id.label("project_id"))
        .where(ProjectCompetitor.organization_id == organization.id),
        select(Project.id.label("project_id")).where(Project.winner_id == organization.id),
    ).subquery()
    visible = visible_filter(user)
    counts = db.session.execute(
        select(func.count().label("projects"),
               func.sum(case((Project.status == "won", 1), else_=0)).label("won"),
               func.sum(case((Project.status.in_(("lost", "abandoned")), 1),
                             else_=0)).label("lost"),
               func.sum(case((Project.winner_id == organization.id, 1),
                             else_=0)).label("lost_to"))
        .select_from(pairs).join(Project, Project.id == pairs.c.project_id)
        .where(visible)).one()
    last = (select(CompetitorAssessment.competitor_id,
                   func.max(CompetitorAssessment.id).label("last_id"))
            .group_by(CompetitorAssessment.competitor_id).subquery())
    recent = db.session.execute(
        select(Project.id, Project.code, Project.name, Project.status,
               CompetitorAssessment.position)
        .select_from(ProjectCompetitor)
        .join(Project, Project.id == ProjectCompetitor.project_id)
        .outerjoin(last, last.c.competitor_id == ProjectCompetitor.id)
        .outerjoin(CompetitorAssessment, CompetitorAssessment.id == last.c.last_id)
        .where(ProjectCompetitor.organization_id == organization.id, visible)
        .order_by(Project.created_dt.desc(), Project.id.desc())
        .limit(ORG_PROJECTS_SHOWN)).all()
    return {"projects": counts.projects or 0, "won": counts.won or 0,
            "lost": counts.lost or 0, "lost_to": counts.lost_to or 0, "rows": recent}


def history(competitor: ProjectCompetitor) -> list[CompetitorAssessment]:
    """A competitor's assessments, newest first."""
    return db.session.scalars(
        select(CompetitorAssessment).where(CompetitorAssessment.competitor_id == competitor.id)
        .options(joinedload(CompetitorAssessment.author))
        .order_by(CompetitorAssessment.id.desc())).all()


def contact_projects(user, contact) -> list:
    """The projects `user` may see in which `contact` is named among a partner's
    contacts: (project id, code, name, status, partner role), latest first."""
    return db.session.execute(
        select(Project.id, Project.code, Project.name, Project.status, ProjectPartner.role)
        .join(ProjectPartner, ProjectPartner.project_id == Project.id)
        .join(partner_contacts, partner_contacts.c.partner_id == ProjectPartner.id)
        .where(partner_contacts.c.contact_id == contact.id, visible_filter(user))
        .order_by(Project.created_dt.desc(), Project.id.desc())
        .limit(ORG_PROJECTS_SHOWN)).all()
