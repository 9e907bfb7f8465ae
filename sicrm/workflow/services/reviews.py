"""Stage gates: submit a gate stage for review, reviewers decide, the rule decides.

A gate passes once: the review's status moves from pending by a conditional update,
so two approvals racing each other cannot both pass it (the loser's transaction is
refused), and a reviewer decides once (unique per review and reviewer)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from sicrm.core import notifications
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.locking import lock_row
from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectMember, ProjectStage
from sicrm.projects.references import register_project_kinds
from sicrm.projects.services import events
from sicrm.projects.services.documents import missing_documents
from sicrm.projects.services.lifecycle import finish_stage
from sicrm.projects.urls import project_path
from sicrm.workflow.models import GateDecision, GateReview, GateReviewer
from sicrm.workflow.services.reviewers import resolve

notifications.register_kind(
    "gate_review_requested", _l("%(project)s: the gate “%(stage)s” awaits your review."),
    _l("A gate review awaits me"),
    restricted=_l("A gate of a project you may no longer see awaits your review."))
notifications.register_kind(
    "gate_approved", _l("%(project)s: the gate “%(stage)s” was approved."),
    _l("A gate of my project was approved"),
    restricted=_l("A gate of a project you may no longer see was approved."))
notifications.register_kind(
    "gate_rejected", _l("%(project)s: the gate “%(stage)s” was rejected: %(reason)s"),
    _l("A gate of my project was rejected"),
    restricted=_l("A gate of a project you may no longer see was rejected."))
register_project_kinds("gate_review_requested", "gate_approved", "gate_rejected")


def _project_url(project: Project) -> str:
    return project_path(project.id)


def pending_review(stage) -> GateReview | None:
    return db.session.scalar(select(GateReview).where(
        GateReview.stage_id == stage.id, GateReview.status == "pending"))


def submit(actor, project: Project, *, checked: list[int], note: str | None = None) -> GateReview:
    """Submit the current (gate) stage for review. `checked` holds the indexes of
    the checklist items the submitter confirms; all must be confirmed."""
    set_actor(actor)
    stage = project.current_stage
    if not project.is_open or stage is None or stage.status != "active":
        raise ServiceError(_l("This project has no stage in progress."))
    if not stage.gate:
        raise ServiceError(_l("This stage has no gate."))
    lock_row(ProjectStage, stage, reload=False)  # two submits at once: one review round
    if pending_review(stage) is not None:
        raise ServiceError(_l("This gate is already under review."))
    missing = missing_documents(stage)
    if missing:
        raise ServiceError(_l("Required documents are missing: %(names)s",
                              names="、".join(doc.name for doc in missing)))
    checklist = stage.gate.get("checklist", [])
    if set(checked) != set(range(len(checklist))):
        raise ServiceError(_l("Every item of the checklist must be confirmed."), "checklist")
    found = resolve(project, stage.gate.get("reviewer_roles", []),
                    stage.gate.get("reviewer_users", []))
    nobody = [role for role, people in found.items() if not people]
    if nobody:
        raise ServiceError(_l("No reviewer could be found for: %(roles)s",
                              roles=", ".join(nobody)))
    reviewers = {user.id: user for people in found.values() for user in people}
    team = {m.user_id for m in project.members} | {project.pm_id}
    for user_id in reviewers.keys() - team:  # named reviewers must see what they review
        project.members.append(ProjectMember(user_id=user_id, role="observer"))
    last_round = db.session.scalar(select(func.max(GateReview.round)).where(
        GateReview.stage_id == stage.id)) or 0
    review = GateReview(project_id=project.id, stage_id=stage.id, round=last_round + 1,
                        rule=stage.gate.get("rule", "all"),
                        checklist=[{"text": item, "done": True} for item in checklist],
                        note=(note or "").strip() or None,
                        submitted_by_id=getattr(actor, "id", None))
    review.reviewers = [GateReviewer(user_id=user_id) for user_id in reviewers]
    db.session.add(review)
    events.record(project, "gate_submitted", actor, stage=stage.name_zh, stage_en=stage.name_en,
                  round=review.round)
    notifications.notify(reviewers.values(), "gate_review_requested", _project_url(project),
                         project=f"{project.code} {project.name}", stage=stage.name_zh)
    db.session.flush()
    return review


def outcome(rule: str, reviewers: int, approvals: int, rejections: int) -> str | None:
    """approved, rejected, or None while undecided."""
    if rule == "any":
        if approvals >= 1:
            return "approved"
        return "rejected" if rejections >= reviewers else None
    if rule == "majority":
        needed = reviewers // 2 + 1
        if approvals >= needed:
            return "approved"
        return "rejected" if reviewers - rejections < needed else None
    if rejections:
        return "rejected"
    return "approved" if approvals >= reviewers else None


def decide(actor, review: GateReview, decision: str, comment: str | None = None) -> str:
    """Record `actor`'s decision; return the review's status afterwards."""
    set_actor(actor)
    if decision not in ("approve", "reject"):
        raise ServiceError(_l("Please approve or reject."), "decision")
    if decision == "reject" and not (comment or "").strip():
        raise ServiceError(_l("Please give the reason for rejecting."), "comment")
    if review.status != "pending":
        raise ServiceError(_l("This review is already decided."))
    if actor is None or actor.id not in {r.user_id for r in review.reviewers}:
        raise ServiceError(_l("You are not a reviewer of this gate."))
    try:
        with db.session.begin_nested():
            db.session.add(GateDecision(review_id=review.id, reviewer_id=actor.id,
                                        decision=decision, comment=(comment or "").strip() or None))
    except IntegrityError as error:
        raise ServiceError(_l("You have already decided on this review.")) from error
    counts = dict(db.session.execute(
        select(GateDecision.decision, func.count()).where(GateDecision.review_id == review.id)
        .group_by(GateDecision.decision)).all())
    result = outcome(review.rule, len(review.reviewers), counts.get("approve", 0),
                     counts.get("reject", 0))
    if result is None:
        return "pending"
    moved = db.session.execute(
        update(GateReview).where(GateReview.id == review.id, GateReview.status == "pending")
        .values(status=result, decided_dt=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise ServiceError(_l("This review was decided by someone else just now."))
    db.session.refresh(review)
    project, stage = review.project, review.stage
    label = {"project": f"{project.code} {project.name}", "stage": stage.name_zh}
    recipients = [review.submitted_by, project.pm]
    if result == "approved":
        events.record(project, "gate_approved", actor, stage=stage.name_zh,
                      stage_en=stage.name_en, round=review.round)
        finish_stage(actor, project, gate_passed=True)
        notifications.notify(recipients, "gate_approved", _project_url(project), **label)
    else:
        reasons = "; ".join(d.comment for d in review.decisions
                            if d.decision == "reject" and d.comment)
        events.record(project, "gate_rejected", actor, stage=stage.name_zh,
                      stage_en=stage.name_en, round=review.round, reasons=reasons)
        notifications.notify(recipients, "gate_rejected", _project_url(project),
                             reason=reasons, **label)
    db.session.flush()
    return result


def inbox(user):
    """Pending reviews where `user` is a reviewer and has not decided yet."""
    decided = select(GateDecision.review_id).where(GateDecision.reviewer_id == user.id)
    return (select(GateReview)
            .join(GateReviewer, GateReviewer.review_id == GateReview.id)
            .where(GateReviewer.user_id == user.id, GateReview.status == "pending",
                   GateReview.id.not_in(decided))
            .order_by(GateReview.submitted_dt))
