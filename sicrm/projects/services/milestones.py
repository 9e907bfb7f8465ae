"""Milestones: reached, added by hand, edited, cancelled and reopened.

Every change is recorded as a project event and the changes that matter to alarms
(done, cancelled, re-planned, reopened, reassigned) are announced through
`signals.milestone_changed`. A milestone keeps its `offset` (working days after its
stage's planned start) in step with its planned date, so re-planning moves a milestone
added or moved by hand together with its stage."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.calendar import WorkCalendar
from sicrm.core.errors import ServiceError
from sicrm.core.inputs import ensure_date_in_range
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import Milestone, Project, ProjectStage
from sicrm.projects.services import events

NAME_MAX = 200
NOTES_MAX = 5000
REASON_MAX = 500


def _ensure_open(project: Project) -> None:
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))


def _announce(milestone: Milestone, change: str, actor, **kwargs) -> None:
    db.session.flush()
    signals.milestone_changed.send(milestone, change=change, actor=actor, **kwargs)


def workday_offset(calendar: WorkCalendar, start: date, day: date) -> int:
    """The offset `o` with calendar.add_workdays(start, o) == day (day a working day)."""
    first = calendar.next_workday(start)
    if day >= first:
        return calendar.workdays_between(first + timedelta(days=1), day)
    return -calendar.workdays_between(day, first - timedelta(days=1))


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise ServiceError(_l("A name is required."), "name")
    if len(name) > NAME_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=NAME_MAX), "name")
    return name


def _clean_notes(notes: str | None) -> str | None:
    notes = (notes or "").strip() or None
    if notes and len(notes) > NOTES_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=NOTES_MAX), "notes")
    return notes


def _check_owner(project: Project, owner: User | None) -> None:
    if owner is None:
        return
    team = {m.user_id for m in project.members} | {project.pm_id}
    if owner.id not in team or not owner.active:
        raise ServiceError(_l("The owner must be an active member of the project team."),
                           "owner_id")


def _check_date(calendar: WorkCalendar, day: date | None) -> None:
    if day is None:
        raise ServiceError(_l("This field is required."), "planned_date")
    ensure_date_in_range(day, "planned_date")
    if not calendar.is_workday(day):
        raise ServiceError(_l("%(date)s is not a working day; please choose a working day.",
                              date=day.isoformat()), "planned_date")


def complete_milestone(actor, milestone: Milestone, on: date | None = None) -> Milestone:
    """Mark an open milestone reached (today unless `on` is given)."""
    set_actor(actor)
    project = milestone.stage.project
    _ensure_open(project)
    if milestone.status != "open":
        raise ServiceError(_l("This milestone is already done."))
    milestone.status = "done"
    milestone.done_date = on or date.today()
    milestone.done_by_id = getattr(actor, "id", None)
    events.record(project, "milestone_done", actor, milestone=milestone.name,
                  milestone_id=milestone.id, date=milestone.done_date.isoformat())
    _announce(milestone, "done", actor)
    return milestone


def add_milestone(actor, project: Project, stage: ProjectStage | None, *, name: str,
                  planned_date: date | None, owner: User | None = None,
                  notes: str | None = None,
                  calendar: WorkCalendar | None = None) -> Milestone:
    """Add a milestone by hand to a stage of the project that is not finished yet."""
    set_actor(actor)
    _ensure_open(project)
    calendar = calendar or WorkCalendar()
    if stage is None or stage.project_id != project.id:
        raise ServiceError(_l("Please choose a stage of this project."), "stage_id")
    if stage.status == "done":
        raise ServiceError(_l("This stage is finished; add the milestone to a later stage."),
                           "stage_id")
    name = _clean_name(name)
    _check_date(calendar, planned_date)
    _check_owner(project, owner)
    milestone = Milestone(
        project_id=project.id, stage_id=stage.id, name=name, owner_id=owner.id if owner else None,
        planned_date=planned_date, notes=_clean_notes(notes), status="open",
        offset=workday_offset(calendar, stage.planned_start, planned_date))
    db.session.add(milestone)
    db.session.flush()
    events.record(project, "milestone_added", actor, milestone=name, milestone_id=milestone.id,
                  stage=stage.name_zh, stage_en=stage.name_en, date=planned_date.isoformat())
    db.session.flush()
    return milestone


def update_milestone(actor, milestone: Milestone, *, name: str, planned_date: date | None,
                     owner: User | None, notes: str | None,
                     calendar: WorkCalendar | None = None) -> Milestone:
    """Change an open milestone's name, owner (a team member), planned date and notes."""
    set_actor(actor)
    project = milestone.stage.project
    _ensure_open(project)
    if milestone.status != "open":
        raise ServiceError(_l("Only an open milestone can be changed; reopen it first."))
    calendar = calendar or WorkCalendar()
    name = _clean_name(name)
    notes = _clean_notes(notes)
    if planned_date != milestone.planned_date:
        _check_date(calendar, planned_date)
    if owner is not None and owner.id != milestone.owner_id:
        _check_owner(project, owner)
    old_date, old_owner = milestone.planned_date, milestone.owner_id
    new_owner = owner.id if owner else None
    changed = []
    if name != milestone.name:
        changed.append("name")
    if planned_date != old_date:
        changed.append("date")
    if new_owner != old_owner:
        changed.append("owner")
    if notes != milestone.notes:
        changed.append("notes")
    if not changed:
        return milestone
    milestone.name, milestone.notes, milestone.owner_id = name, notes, new_owner
    if planned_date != old_date:
        milestone.planned_date = planned_date
        milestone.offset = workday_offset(calendar, milestone.stage.planned_start, planned_date)
    params = {"milestone": name, "milestone_id": milestone.id, "fields": changed}
    if "date" in changed:
        params.update(date_from=old_date.isoformat(), date_to=planned_date.isoformat())
    if "owner" in changed:
        params["owner"] = owner.full_name if owner else None
    events.record(project, "milestone_edited", actor, **params)
    if "date" in changed:
        _announce(milestone, "replanned", actor, old_date=old_date)
    if "owner" in changed:
        _announce(milestone, "reassigned", actor, old_owner_id=old_owner)
    db.session.flush()
    return milestone


def cancel_milestone(actor, milestone: Milestone, reason: str | None) -> Milestone:
    """Cancel an open milestone; the reason goes into the project's history."""
    set_actor(actor)
    project = milestone.stage.project
    _ensure_open(project)
    if milestone.status != "open":
        raise ServiceError(_l("Only an open milestone can be cancelled."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("Please give the reason for cancelling."), "reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=REASON_MAX),
                           "reason")
    milestone.status = "cancelled"
    events.record(project, "milestone_cancelled", actor, milestone=milestone.name,
                  milestone_id=milestone.id, reason=reason)
    _announce(milestone, "cancelled", actor)
    return milestone


def reopen_milestone(actor, milestone: Milestone) -> Milestone:
    """Make a done or cancelled milestone open again (its completion is forgotten)."""
    set_actor(actor)
    project = milestone.stage.project
    _ensure_open(project)
    if milestone.status == "open":
        raise ServiceError(_l("This milestone is already open."))
    was = milestone.status
    milestone.status = "open"
    milestone.done_date = None
    milestone.done_by_id = None
    events.record(project, "milestone_reopened", actor, milestone=milestone.name,
                  milestone_id=milestone.id, was=was)
    _announce(milestone, "reopened", actor)
    return milestone
