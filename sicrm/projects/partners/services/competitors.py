"""Competitors on a presales project and their assessment at each stage. An
assessment is never changed: a new one is added, so the history stays."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Organization
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectStage
from sicrm.projects.partners.models import (
    POSITIONS,
    CompetitorAssessment,
    ProjectCompetitor,
    ProjectPartner,
)
from sicrm.projects.partners.services.common import amount, text
from sicrm.projects.services import events

TEXTS = ("solution", "products", "relationship_notes", "strengths", "weaknesses", "strategy")


def _ensure_presales(project: Project) -> None:
    if project.kind != "presales":
        raise ServiceError(_l("Competitors are tracked on presales projects."))


def add_competitor(actor, project: Project, organization: Organization | None,
                   assessment: dict | None = None) -> ProjectCompetitor:
    """Link `organization` as a competitor; with `assessment` (the fields of assess()),
    its first assessment is written at the same time."""
    set_actor(actor)
    _ensure_presales(project)
    if organization is None:
        raise ServiceError(_l("Please choose an organisation."), "organization_id")
    if organization.id == project.customer_id:
        raise ServiceError(_l("The customer cannot be a competitor on its own project."),
                           "organization_id")
    if db.session.scalar(select(ProjectCompetitor.id).where(
            ProjectCompetitor.project_id == project.id,
            ProjectCompetitor.organization_id == organization.id)) is not None:
        raise ServiceError(_l("%(name)s is already a competitor on this project.",
                              name=organization.name), "organization_id")
    if db.session.scalar(select(ProjectPartner.id).where(
            ProjectPartner.project_id == project.id,
            ProjectPartner.organization_id == organization.id)) is not None:
        raise ServiceError(_l("%(name)s is a partner on this project; remove it there "
                              "first.", name=organization.name), "organization_id")
    competitor = ProjectCompetitor(project_id=project.id, organization=organization,
                                   created_by_id=getattr(actor, "id", None))
    db.session.add(competitor)
    organization.is_competitor = True
    events.record(project, "competitor_added", actor, organization=organization.name)
    db.session.flush()
    if assessment:
        assess(actor, competitor, **assessment)
    return competitor


def assess(actor, competitor: ProjectCompetitor, *, position: str,
           stage: ProjectStage | None = None, price_low=None, price_high=None,
           **texts) -> CompetitorAssessment:
    """Add what we know now of the competitor, at `stage` (default: the current one)."""
    set_actor(actor)
    project = competitor.project
    _ensure_presales(project)
    if position not in POSITIONS:
        raise ServiceError(_l("Please choose the competitor's position."), "position")
    stage = stage or project.current_stage
    if stage is None:
        raise ServiceError(_l("Please choose a stage."), "stage_id")
    if stage.project_id != project.id or stage.status == "pending":
        raise ServiceError(_l("Please choose a stage this project has reached."), "stage_id")
    low = amount(price_low, "price_low")
    high = amount(price_high, "price_high")
    if low is not None and high is not None and low > high:
        raise ServiceError(_l("The lowest price cannot be above the highest."), "price_high")
    unknown = set(texts) - set(TEXTS)
    if unknown:
        raise TypeError(f"unknown assessment fields: {sorted(unknown)}")
    row = CompetitorAssessment(
        competitor=competitor, project_id=project.id, stage_id=stage.id, position=position,
        price_low=low, price_high=high,
        author_id=getattr(actor, "id", None),
        **{key: text(texts.get(key), 5000, key) for key in TEXTS})
    db.session.add(row)
    events.record(project, "competitor_assessed", actor,
                  organization=competitor.organization.name, position=position,
                  stage=stage.name_zh, stage_en=stage.name_en)
    db.session.flush()
    return row


def remove_competitor(actor, competitor: ProjectCompetitor) -> None:
    """Unlink a competitor entered by mistake, with its assessments."""
    set_actor(actor)
    project = competitor.project
    if project.winner_id == competitor.organization_id:
        raise ServiceError(_l("This competitor won the project; it stays on record."))
    events.record(project, "competitor_removed", actor,
                  organization=competitor.organization.name)
    db.session.delete(competitor)
    db.session.flush()
