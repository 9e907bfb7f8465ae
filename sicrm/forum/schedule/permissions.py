"""Who sees and changes which schedule event.

- A project's event is seen by exactly those who may see the project (its organiser
  and attendees too only while they may see the project).
- An event without a project (an organisation's or a standalone one) is seen by its
  organiser, its attendees, the managers of the organiser's department and
  executives/administrators.
- A project's event is created by whoever may edit the project; an event without a
  project (linked to an organisation or not) by any active user: organisations are
  shared records every user may see.
- An event is changed or cancelled by its organiser while they may still see it, by
  whoever may manage its project (PM, managers), or by an administrator.
`visible_filter(user)` says the same in SQL for lists."""
from __future__ import annotations

from sqlalchemy import exists, false, or_, select, true

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.core.models import User
from sicrm.forum.schedule.models import ScheduleAttendee, ScheduleEvent
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project

P.define("schedule.view_all", {R.ADMIN, R.EXECUTIVE})
P.define("schedule.manage_any", {R.ADMIN})


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.active)


def visible_filter(user):
    """A WHERE clause for select(ScheduleEvent) keeping what `user` may see."""
    if not _active(user):
        return false()
    visible_projects = select(Project.id).where(PP.visible_filter(user))
    if P.has_permission(user, "schedule.view_all"):
        own = true()
    else:
        attends = exists(select(ScheduleAttendee.id).where(
            ScheduleAttendee.event_id == ScheduleEvent.id,
            ScheduleAttendee.user_id == user.id))
        conditions = [ScheduleEvent.organizer_id == user.id, attends]
        managed = P.managed_department_ids(user)
        if managed:
            conditions.append(ScheduleEvent.organizer_id.in_(
                select(User.id).where(User.department_id.in_(managed))))
        own = or_(*conditions)
    return or_(ScheduleEvent.project_id.in_(visible_projects),
               (ScheduleEvent.project_id.is_(None) & own))


def can_view(user, event: ScheduleEvent) -> bool:
    if not _active(user):
        return False
    if event.project is not None:
        return PP.can_view(user, event.project)
    if P.has_permission(user, "schedule.view_all"):
        return True
    if event.organizer_id == user.id or user.id in event.user_ids:
        return True
    return P.manages_user(user, event.organizer)


def can_create(user, project: Project | None = None) -> bool:
    if not _active(user):
        return False
    if project is not None:
        return PP.can_edit(user, project)
    return True


def can_edit(user, event: ScheduleEvent) -> bool:
    """Change (time, place, attendees…) or cancel the event."""
    if not can_view(user, event):
        return False
    if P.has_permission(user, "schedule.manage_any"):
        return True
    if event.project is not None and PP.can_manage(user, event.project):
        return True
    if event.organizer_id == user.id:
        return event.project is None or PP.can_edit(user, event.project)
    return False


def may_attend(user: User, project: Project | None) -> bool:
    """An attendee must be an active user able to see the event's project."""
    if user is None or not user.active:
        return False
    return project is None or PP.can_view(user, project)
