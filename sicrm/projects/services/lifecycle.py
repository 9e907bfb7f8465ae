"""Moving a project along: finishing stages, re-planning, won / lost / closed.

A stage that ends in a gate is only finished by the workflow package once its
review passes (`finish_stage(..., gate_passed=True)`)."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.calendar import WorkCalendar
from sicrm.core.errors import ServiceError
from sicrm.core.models import Organization, utcnow
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import Project, ProjectMember, ProjectStage
from sicrm.projects.partners import reasons
from sicrm.projects.services import events, leftovers
from sicrm.projects.services.creation import create_project
from sicrm.projects.services.planning import plan
from sicrm.templates_lib.models import TemplateVersion
from sicrm.templates_lib.roles import TEAM_ROLES

#: the built-in reasons a project is lost or abandoned; an administrator adds to them,
#: renames or switches them off (sicrm.projects.partners.reasons)
OUTCOME_REASONS = ("price", "technology", "relationship", "qualification", "timing",
                   "budget_cut", "requirement_changed", "other")


def _ensure_open(project: Project) -> None:
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))


def finish_stage(actor, project: Project, *, gate_passed: bool = False,
                 on: date | None = None, calendar: WorkCalendar | None = None) -> ProjectStage:
    """Finish the current stage and start the next one (re-planning the rest).
    Past the last stage, an implementation project closes."""
    set_actor(actor)
    _ensure_open(project)
    stage = project.current_stage
    if stage is None or stage.status != "active":
        raise ServiceError(_l("This project has no stage in progress."))
    if stage.gate and not gate_passed:
        raise ServiceError(_l("This stage ends in a gate: submit it for review to move on."))
    on = on or date.today()
    if on < stage.actual_start:
        raise ServiceError(_l("A stage cannot end before it started."), "on")
    stage.status = "done"
    stage.actual_end = on
    later = [s for s in project.stages if s.position > stage.position]
    next_stage = later[0] if later else None
    if next_stage is not None:
        next_stage.status = "active"
        next_stage.actual_start = on
        project.current_stage = next_stage
        if (project.kind == "implementation" and stage.gate
                and not any(s.gate for s in later)):
            project.status = "accepted"  # 验收 passed; the warranty stage follows
    else:
        project.current_stage = None
        if project.kind == "implementation":
            project.status = "closed"
            project.closed_dt = utcnow()
    plan(project, calendar, actor=actor)
    events.record(project, "stage_finished", actor, stage=stage.name_zh,
                  stage_en=stage.name_en, gate=bool(stage.gate))
    db.session.flush()
    leftovers.close_with_stage(actor, project, stage)
    if project.status == "closed":
        leftovers.close_with_project(actor, project)
    signals.stage_advanced.send(project, actor=actor, stage=stage, next_stage=next_stage)
    return stage


def set_start_date(actor, project: Project, start: date,
                   calendar: WorkCalendar | None = None) -> None:
    """Move the project's start; every stage not yet finished moves with it."""
    set_actor(actor)
    _ensure_open(project)
    first = project.stages[0]
    if first.status == "done":
        raise ServiceError(_l("The first stage is finished; its start can no longer move."),
                           "start_date")
    old = project.start_date
    project.start_date = start
    if first.status == "active":
        first.actual_start = start
    plan(project, calendar, actor=actor)
    events.record(project, "replanned", actor, start_from=old.isoformat(),
                  start_to=start.isoformat())
    db.session.flush()


def set_stage_end(actor, project: Project, stage: ProjectStage, end: date,
                  calendar: WorkCalendar | None = None) -> None:
    """Correct a finished stage's actual end; the later stages are re-planned."""
    set_actor(actor)
    _ensure_open(project)
    if stage.project_id != project.id or stage.status != "done":
        raise ServiceError(_l("Only a finished stage's end can be corrected."))
    if end < stage.actual_start:
        raise ServiceError(_l("A stage cannot end before it started."), "end")
    following = next((s for s in project.stages if s.position == stage.position + 1), None)
    if following is not None and following.actual_start and following.status != "pending":
        following.actual_start = end
    old = stage.actual_end
    stage.actual_end = end
    plan(project, calendar, actor=actor)
    events.record(project, "replanned", actor, stage=stage.name_zh, stage_en=stage.name_en,
                  end_from=old.isoformat() if old else None, end_to=end.isoformat())
    db.session.flush()


def gates_passed(project: Project) -> bool:
    """True when every gate stage of the project is finished."""
    return all(stage.status == "done" for stage in project.stages if stage.gate)


def mark_won(actor, project: Project, *, signed_amount, signed_date: date,
             implementation_version: TemplateVersion, pm=None,
             start_date: date | None = None) -> Project:
    """A presales project that passed its contract review is won: record the
    contract and create the implementation project, carrying customer and team."""
    set_actor(actor)
    _ensure_open(project)
    if project.kind != "presales":
        raise ServiceError(_l("Only a presales project can be won."))
    if not gates_passed(project):
        raise ServiceError(_l("The contract review must be passed before the project is won."))
    if implementation_version is None or implementation_version.template.kind != "implementation":
        raise ServiceError(_l("Please choose an implementation template."),
                           "template_version_id")
    team = [(m.user, "observer" if m.role == "sales" else m.role)
            for m in project.members if m.user.active and m.user_id != getattr(pm, "id", None)]
    implementation = create_project(
        actor, template_version=implementation_version, customer=project.customer,
        name=project.name, start_date=start_date or signed_date, amount=signed_amount,
        industry=project.industry, category=project.category, pm=pm or project.pm,
        department=None, team=team, source_project=project)
    project.status = "won"
    project.signed_amount = implementation.amount
    project.signed_date = signed_date
    project.outcome_dt = utcnow()
    for stage in project.stages:
        if stage.status == "active":
            stage.status, stage.actual_end = "done", signed_date
    project.current_stage = None
    events.record(project, "won", actor, amount=str(implementation.amount),
                  implementation=implementation.code, implementation_id=implementation.id)
    db.session.flush()
    leftovers.close_with_project(actor, project)
    return implementation


def mark_lost(actor, project: Project, *, status: str, reason: str,
              winner: Organization | None = None, note: str | None = None) -> None:
    """Lost (to a competitor) or abandoned (we withdrew), at any stage."""
    set_actor(actor)
    _ensure_open(project)
    if project.kind != "presales":
        raise ServiceError(_l("Only a presales project can be lost or abandoned."))
    if status not in ("lost", "abandoned"):
        raise ServiceError(_l("Please choose lost or abandoned."), "status")
    if not reasons.is_offered(reason):
        raise ServiceError(_l("Please choose a reason."), "reason")
    project.status = status
    project.outcome_reason = reason
    project.winner_id = winner.id if winner else None
    project.outcome_note = (note or "").strip() or None
    project.outcome_dt = utcnow()
    events.record(project, status, actor, reason=reason,
                  winner=winner.name if winner else None)
    db.session.flush()
    leftovers.close_with_project(actor, project)


# -- team ---------------------------------------------------------------------------


def set_member(actor, project: Project, user, role: str) -> ProjectMember:
    set_actor(actor)
    _ensure_open(project)
    if role not in TEAM_ROLES:
        raise ServiceError(_l("Unknown team role: %(role)s", role=role), "role")
    if user is None or not user.active:
        raise ServiceError(_l("Team members must be active users."), "user_id")
    member = next((m for m in project.members if m.user_id == user.id), None)
    if member is None:
        member = ProjectMember(user_id=user.id, role=role)
        project.members.append(member)
    member.role = role
    if role == "pm":
        project.pm_id = user.id
    events.record(project, "member_set", actor, user=user.full_name, role=role)
    db.session.flush()
    return member


def remove_member(actor, project: Project, user_id: int) -> None:
    set_actor(actor)
    _ensure_open(project)
    if project.pm_id == user_id:
        raise ServiceError(_l("Choose another project manager before removing this one."))
    member = db.session.scalar(select(ProjectMember).where(
        ProjectMember.project_id == project.id, ProjectMember.user_id == user_id))
    if member is None:
        raise ServiceError(_l("This person is not on the team."))
    events.record(project, "member_removed", actor, user=member.user.full_name)
    project.members.remove(member)
    db.session.flush()
