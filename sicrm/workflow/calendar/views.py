"""Calendar pages: the month/week calendar, the feed management page, and the
public iCalendar feed (authenticated by its secret token only)."""
from __future__ import annotations

from datetime import date

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import calendar_sources
from sicrm.core import permissions as CP
from sicrm.core.base_url import stable_host
from sicrm.core.calendar import WorkCalendar
from sicrm.core.choices import pairs
from sicrm.core.downloads import download_response
from sicrm.core.forms import ConfirmForm
from sicrm.core.inputs import parse_date
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404
from sicrm.extensions import db
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import Project
from sicrm.workflow.calendar import grid, items, services
from sicrm.workflow.calendar.forms import FeedForm
from sicrm.workflow.calendar.permissions import can_manage_feed
from sicrm.workflow.models import CalendarFeed


def _locale() -> str:
    return "en" if get_locale().language == "en" else "zh_CN"


def feed(token: str):
    """Public: the feed's calendar, or 404 for an unknown, revoked or dead token."""
    found = services.find_feed(token)
    if found is None:
        abort(404)
    # UIDs take the configured address's host, so they stay the same whichever name
    # the server is reached under (a calendar would otherwise show events twice)
    host = stable_host()
    body = services.render_feed(found, host, request.host_url)
    if body is None:
        abort(404)
    response = download_response(body, "sicrm.ics", "text/calendar; charset=utf-8", "inline")
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@login_required
def feed_list():
    feeds = services.active_feeds(current_user)
    names = {pid: f"{code} {name}" for pid, code, name in db.session.execute(
        select(Project.id, Project.code, Project.name).where(
            Project.id.in_([f.project_id for f in feeds if f.project_id])))}
    form = FeedForm()
    form.project_id.choices = pairs(
        [(pid, f"{code} {name}") for pid, code, name in
         db.session.execute(services.project_choices(current_user))], _("My calendar"))
    return render_template("calendar/feeds.html", feeds=feeds, names=names, form=form,
                           confirm=ConfirmForm())


@login_required
def feed_create():
    form = FeedForm()
    form.project_id.choices = []
    project = None
    if form.validate_on_submit():
        if form.project_id.data:
            project = get_or_404(Project, form.project_id.data)
            CP.ensure(project_permissions.can_view(current_user, project))
        commit_service(lambda: services.create_feed(current_user, project), None,
                       _("A new calendar address was made; the old one no longer works."))
    else:
        flash(_("The form could not be read. Please try again."), "danger")
    return redirect(url_for("calendar.feed_list"))


@login_required
def feed_revoke(feed_id: int):
    found = get_or_404(CalendarFeed, feed_id)
    CP.ensure(can_manage_feed(current_user, found))
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: services.revoke_feed(current_user, found), None,
                       _("The calendar address was revoked."))
    return redirect(url_for("calendar.feed_list"))


def _day(value: str | None) -> date:
    return parse_date(value) or date.today()


@login_required
def calendar_view():
    view = request.args.get("view", "month")
    if view not in grid.VIEWS:
        view = "month"
    day = _day(request.args.get("day"))
    project = None
    project_id = arg_int("project_id")
    if project_id:
        project = get_or_404(Project, project_id)
        CP.ensure(project_permissions.can_view(current_user, project))
    first, last = grid.span(view, day)
    lang = _locale()
    found = (items.user_milestones(current_user, first, last)
             + items.user_reviews(current_user, first, last, lang)
             + items.user_tasks(current_user, first, last)
             + calendar_sources.user_items(current_user, first, last))
    if project is not None:
        mine = {(i.kind, i.id) for i in found}
        found += [i for i in items.project_milestones(project, first, last)
                  + calendar_sources.project_items(current_user, project, first, last)
                  if (i.kind, i.id) not in mine]
        found += items.project_stages(project, first, last, lang)
    calendar = WorkCalendar()
    previous, following = grid.neighbours(view, day)
    return render_template(
        "calendar/calendar.html", view=view, day=day, today=date.today(), project=project,
        weeks=grid.build(view, day, found, calendar.is_workday), previous=previous,
        following=following, project_choices=db.session.execute(
            services.project_choices(current_user)).all(),
        actions=calendar_sources.actions(current_user, project))
