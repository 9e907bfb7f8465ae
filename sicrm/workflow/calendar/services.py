"""Calendar feeds: secret, revocable iCalendar URLs. One active feed per user and
scope (their own, or one project); making a new one revokes the old. A feed is read
with its token only, and shows what its user may see at that moment."""
from __future__ import annotations

import secrets
from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import calendar_sources
from sicrm.core.errors import ServiceError
from sicrm.core.models import User, utcnow
from sicrm.extensions import db
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import OPEN_STATUSES, Project, ProjectMember
from sicrm.workflow.calendar import ical, items
from sicrm.workflow.models import CalendarFeed


def active_feeds(user) -> list[CalendarFeed]:
    return db.session.scalars(select(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.revoked_dt.is_(None))
        .order_by(CalendarFeed.project_id.is_not(None), CalendarFeed.created_dt)).all()


def project_choices(user):
    """Open projects `user` is on the team of (or manages as PM), for a project feed."""
    member = select(ProjectMember.project_id).where(ProjectMember.user_id == user.id)
    return (select(Project.id, Project.code, Project.name)
            .where(Project.status.in_(OPEN_STATUSES),
                   (Project.pm_id == user.id) | Project.id.in_(member),
                   project_permissions.visible_filter(user))
            .order_by(Project.code))


def create_feed(actor, project: Project | None = None) -> CalendarFeed:
    """A new feed for `actor` (of `project` when given), revoking the active one of
    the same scope."""
    if actor is None or not actor.active:
        raise ServiceError(_l("Only an active user has a calendar feed."))
    if project is not None and not project_permissions.can_view(actor, project):
        raise ServiceError(_l("You may not see this project."), "project_id")
    project_id = project.id if project else None
    now = utcnow()
    for old in db.session.scalars(select(CalendarFeed).where(
            CalendarFeed.user_id == actor.id, CalendarFeed.revoked_dt.is_(None),
            CalendarFeed.project_id.is_(None) if project_id is None
            else CalendarFeed.project_id == project_id)):
        old.revoked_dt = now
    feed = CalendarFeed(user_id=actor.id, project_id=project_id,
                        token=secrets.token_urlsafe(32))
    db.session.add(feed)
    db.session.flush()
    return feed


def revoke_feed(actor, feed: CalendarFeed) -> None:
    if feed.user_id != getattr(actor, "id", None):
        raise ServiceError(_l("This is not your calendar feed."))
    if feed.revoked_dt is not None:
        raise ServiceError(_l("This calendar feed is already revoked."))
    feed.revoked_dt = utcnow()
    db.session.flush()


def find_feed(token: str) -> CalendarFeed | None:
    """The active feed with this token, whose user is active; None otherwise."""
    if not token or len(token) > 64:
        return None
    feed = db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.token == token, CalendarFeed.revoked_dt.is_(None)))
    if feed is None:
        return None
    user = db.session.get(User, feed.user_id)
    if user is None or not user.active:
        return None
    return feed


def feed_items(feed: CalendarFeed, today: date, locale: str) -> tuple[str, list] | None:
    """The feed's name and items, or None when its user may no longer see them."""
    user = db.session.get(User, feed.user_id)
    start, end = items.window(today)
    if feed.project_id is None:
        found = (items.user_milestones(user, start, end)
                 + items.user_reviews(user, start, end, locale)
                 + items.user_tasks(user, start, end)
                 + calendar_sources.user_items(user, start, end))
        return _("sicrm: %(name)s", name=user.full_name), found
    project = db.session.get(Project, feed.project_id)
    if project is None or not project_permissions.can_view(user, project):
        return None
    found = (items.project_stages(project, start, end, locale)
             + items.project_milestones(project, start, end)
             + calendar_sources.project_items(user, project, start, end))
    return _("sicrm: %(code)s %(name)s", code=project.code, name=project.name), found


def render_feed(feed: CalendarFeed, host: str, base_url: str,
                today: date | None = None) -> bytes | None:
    """The feed as iCalendar bytes in its user's language, or None (treat as 404)."""
    user = db.session.get(User, feed.user_id)
    config = current_app.config
    locale = user.locale if user.locale in config["SICRM_LOCALES"] else config[
        "BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        found = feed_items(feed, today or date.today(), "en" if locale == "en" else "zh_CN")
        if found is None:
            return None
        name, entries = found
        return ical.build(name, entries, host, base_url)
