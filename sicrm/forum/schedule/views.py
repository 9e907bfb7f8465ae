"""Schedule pages: my schedule, a project's schedule (page and tab fragment), an
event's page and .ics file, and the create / edit / cancel forms."""
from __future__ import annotations


from flask import (
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core.base_url import stable_host
from sicrm.core.choices import pairs
from sicrm.core.downloads import download_response
from sicrm.core.models import Contact, Organization, User
from sicrm.core.services.files import clean_filename
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.forum.schedule import ical, links, queries, services, times
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule.forms import CancelForm, EventForm, RespondForm
from sicrm.forum.schedule.models import EVENT_KINDS, ScheduleEvent
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project


def _choices(form: EventForm, project: Project | None, org_ids: set[int],
             event: ScheduleEvent | None = None) -> None:
    """Colleagues (active users), contacts of the event's organisations, and
    organisations to link; what the event has now always stays a choice."""
    users = db.session.execute(select(User.id, User.full_name, User.username)
                               .where(User.active.is_(True))
                               .order_by(User.full_name, User.id)).all()
    form.user_ids.choices = [(uid, f"{name} ({username})") for uid, name, username in users]
    if project is not None and project.customer_id:
        org_ids.add(project.customer_id)
    contact_ids = {a.contact_id for a in event.attendees if a.contact_id} if event else set()
    if form.organization_id.data:
        org_ids.add(form.organization_id.data)
    contacts = db.session.execute(
        select(Contact.id, Contact.name, Organization.name)
        .join(Organization, Organization.id == Contact.organization_id)
        .where(Contact.organization_id.in_(org_ids) | Contact.id.in_(contact_ids))
        .order_by(Organization.name, Contact.name)).all()
    form.contact_ids.choices = [(cid, f"{name} · {org}") for cid, name, org in contacts]
    form.organization_id.choices = pairs(db.session.execute(
        select(Organization.id, Organization.name).order_by(Organization.name)).all())


def _data(form: EventForm) -> services.EventData:
    return services.EventData(
        title=form.title.data, start=form.start.data, end=form.end.data,
        kind=form.kind.data, all_day=form.all_day.data, place=form.place.data,
        description=form.description.data, user_ids=form.user_ids.data or [],
        contact_ids=form.contact_ids.data or [], organization_id=form.organization_id.data)


def _fill(form: EventForm, event: ScheduleEvent) -> None:
    form.kind.data, form.title.data = event.kind, event.title
    form.place.data, form.description.data = event.place, event.description
    form.all_day.data = event.all_day
    form.start.data = times.to_local(event.start_dt).replace(tzinfo=None)
    form.end.data = times.to_local(event.end_dt).replace(tzinfo=None)
    if event.all_day:  # the form shows the last day, not the midnight after it
        first, last = times.local_days(event.start_dt, event.end_dt)
        form.end.data = form.end.data.replace(year=last.year, month=last.month, day=last.day)
    form.user_ids.data = sorted(event.user_ids)
    form.contact_ids.data = [a.contact_id for a in event.attendees if a.contact_id]
    form.organization_id.data = event.organization_id


@login_required
def my_schedule():
    past = request.args.get("past") == "1"
    page = paginate(queries.my_events(current_user, past=past))
    return render_template("schedule/mine.html", page=page, past=past,
                           kinds=queries.KIND_LABELS, times=times)


@login_required
def project_schedule(project_id: int):
    project = get_or_404(Project, project_id)
    CP.ensure(PP.can_view(current_user, project))
    past = request.args.get("past") == "1"
    partial = bool(request.args.get("partial"))
    page = paginate(queries.project_events(current_user, project, past=past),
                    per_page=10 if partial else None)
    template = "schedule/_project.html" if partial else "schedule/project.html"
    return render_template(template, project=project, page=page, past=past,
                           partial=partial, kinds=queries.KIND_LABELS, times=times,
                           can_create=SP.can_create(current_user, project))


@login_required
def event_view(event_id: int):
    event = queries.event_page(event_id)
    if event is None:
        abort(404)
    CP.ensure(SP.can_view(current_user, event))
    return render_template("schedule/event.html", event=event, kinds=queries.KIND_LABELS,
                           statuses=queries.STATUS_LABELS, times=times,
                           can_edit=SP.can_edit(current_user, event),
                           source=links.source_link(current_user, event),
                           cancel_form=CancelForm(), respond_form=RespondForm(),
                           responses=queries.RESPONSE_LABELS,
                           mine=next((a for a in event.attendees
                                      if a.user_id == current_user.id), None),
                           busy=queries.busy_user_ids(event),
                           contact_orgs=CP.contact_detail_orgs(
                               current_user, {a.contact.organization for a in event.attendees
                                              if a.contact is not None}))


@login_required
def event_create():
    project = post = None
    project_id = arg_int("project_id")
    if project_id:
        project = get_or_404(Project, project_id)
        CP.ensure(PP.can_view(current_user, project))
    post_id = arg_int("post_id")
    if post_id:
        post = links.load_post(post_id)
        CP.ensure(links.can_use_post(current_user, post))
        if project is None:
            project = links.post_project(post)
    CP.ensure(SP.can_create(current_user, project))
    form = EventForm()
    if request.method == "GET":
        form.organization_id.data = (arg_int("organization_id")
                                     or (project.customer_id if project else None))
        if request.args.get("kind") in EVENT_KINDS:
            form.kind.data = request.args["kind"]
        links.prefill(form, post, current_user)
    _choices(form, project, set())
    if form.validate_on_submit():
        created = []
        if commit_service(lambda: created.append(
                services.create_event(current_user, _data(form), project, post)), form,
                _("The event was scheduled; its attendees were told.")):
            return redirect(url_for("schedule.event_view", event_id=created[0].id))
    return render_template("schedule/form.html", form=form, event=None, project=project,
                           post=post, zone=times.zone().key)


@login_required
def event_edit(event_id: int):
    event = get_or_404(ScheduleEvent, event_id)
    CP.ensure(SP.can_view(current_user, event))
    CP.ensure(SP.can_edit(current_user, event) and not event.cancelled)
    form = EventForm(record=event)
    if request.method == "GET":
        _fill(form, event)
    _choices(form, event.project, set(), event)
    if form.validate_on_submit():
        if commit_service(lambda: services.update_event(current_user, event, _data(form)),
                          form, _("The event was changed.")):
            return redirect(url_for("schedule.event_view", event_id=event.id))
    return render_template("schedule/form.html", form=form, event=event,
                           project=event.project, post=None, zone=times.zone().key)


@login_required
def event_cancel(event_id: int):
    event = get_or_404(ScheduleEvent, event_id)
    CP.ensure(SP.can_view(current_user, event))
    CP.ensure(SP.can_edit(current_user, event))
    form = CancelForm()
    if form.validate_on_submit():
        commit_service(lambda: services.cancel_event(current_user, event, form.reason.data),
                       None, _("The event was cancelled; its attendees were told."))
    return redirect(url_for("schedule.event_view", event_id=event.id))


@login_required
def event_ics(event_id: int):
    event = get_or_404(ScheduleEvent, event_id)
    CP.ensure(SP.can_view(current_user, event))
    host = stable_host()
    orgs = CP.contact_detail_orgs(current_user, {a.contact.organization for a in event.attendees
                                                 if a.contact is not None})
    return download_response(ical.build(event, host, request.host_url, contact_orgs=orgs),
                             f"{clean_filename(event.title)}.ics",
                             "text/calendar; charset=utf-8", fallback=f"event-{event.id}.ics")


@login_required
def event_respond(event_id: int):
    event = get_or_404(ScheduleEvent, event_id)
    CP.ensure(SP.can_view(current_user, event))
    CP.ensure(current_user.id in event.user_ids)
    form = RespondForm()
    if form.validate_on_submit():
        commit_service(lambda: services.respond(current_user, event, form.response.data,
                                                form.note.data),
                       None, _("Your answer was saved."))
    return redirect(url_for("schedule.event_view", event_id=event.id))
