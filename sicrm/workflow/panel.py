"""What the project page shows of the workflow: the current gate and its review,
and the routing rules applied. Exposed to templates as `workflow_panel(project)`."""
from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.services.documents import missing_documents
from sicrm.workflow import permissions as P
from sicrm.workflow.forms import SubmitGateForm
from sicrm.workflow.models import (
    AppliedRoutingRule,
    GateDecision,
    GateReview,
    GateReviewer,
)


def workflow_panel(project: Project) -> dict:
    stage = project.current_stage
    reviews = db.session.scalars(
        select(GateReview).where(GateReview.project_id == project.id)
        .options(selectinload(GateReview.reviewers).joinedload(GateReviewer.user),
                 selectinload(GateReview.decisions).joinedload(GateDecision.reviewer))
        .order_by(GateReview.submitted_dt.desc(), GateReview.id.desc())).all()
    current = [r for r in reviews if stage is not None and r.stage_id == stage.id]
    pending = next((r for r in current if r.status == "pending"), None)
    gate = stage.gate if stage is not None and stage.status == "active" else None
    return {
        "stage": stage,
        "gate": gate,
        "pending": pending,
        "last_rejected": next((r for r in current if r.status == "rejected"), None),
        "missing": missing_documents(stage) if gate else [],
        "can_submit": bool(gate) and pending is None and project.is_open
        and P.can_submit_gate(current_user, project),
        "form": SubmitGateForm(),
        "reviews": reviews,
        "applied_rules": db.session.scalars(select(AppliedRoutingRule).where(
            AppliedRoutingRule.project_id == project.id)
            .order_by(AppliedRoutingRule.id)).all(),
    }
