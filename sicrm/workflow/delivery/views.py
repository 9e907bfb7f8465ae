"""Pages of delivery: notification preferences, the outbox's failed deliveries, and
webhook targets of departments and projects."""
from __future__ import annotations

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core import permissions as core_permissions
from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Department, OutboxMessage
from sicrm.core.permissions import ensure
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import SAVED, arg_int, commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.workflow.delivery import permissions as P
from sicrm.workflow.delivery.forms import (
    WebhookTargetForm,
    preference_choices,
    preferences_form,
)
from sicrm.workflow.delivery.services import outbox, preferences, webhooks
from sicrm.workflow.delivery.services.mail import smtp_configured
from sicrm.workflow.models import WebhookTarget

STATUS_FILTERS = ("problems", "failed", "dead", "pending", "sent")


# -- preferences ---------------------------------------------------------------------


@login_required
def preferences_page():
    kinds = dict(sorted(((kind, str(label)) for kind, label in notifications.LABELS.items()),
                        key=lambda pair: pair[1]))
    form = preferences_form(kinds, preferences.preferences_of(current_user))
    if form.validate_on_submit():
        action = partial(preferences.save_preferences, current_user, current_user,
                         preference_choices(form))
        if commit_service(action, form, SAVED):
            return redirect(url_for("delivery.preferences"))
    return render_template("delivery/preferences.html", form=form, kinds=kinds,
                           labels=preferences.CHANNEL_LABELS, smtp=smtp_configured())


# -- outbox --------------------------------------------------------------------------


@login_required
def outbox_list():
    ensure(P.can_manage_outbox(current_user))
    status = request.args.get("status", "problems")
    if status not in STATUS_FILTERS:
        status = "problems"
    page = paginate(outbox.problems_query(status))
    return render_template("delivery/outbox.html", page=page, status=status,
                           statuses=STATUS_FILTERS, labels=outbox.labels_for(page.items),
                           problems=outbox.problem_count(), confirm=ConfirmForm())


@login_required
def outbox_retry(message_id: int):
    message = get_or_404(OutboxMessage, message_id)
    ensure(P.can_manage_outbox(current_user))
    if ConfirmForm().validate_on_submit():
        commit_service(partial(outbox.retry_message, current_user, message),
                       success=_("The message will be sent again at the next run."))
    return redirect(url_for("delivery.outbox_list"))


@login_required
def outbox_retry_all():
    ensure(P.can_manage_outbox(current_user))
    if ConfirmForm().validate_on_submit():
        count = outbox.retry_all(current_user)
        db.session.commit()
        if count:
            flash(ngettext("%(num)d message will be sent again at the next run.",
                              "%(num)d messages will be sent again at the next run.", count),
                  "success")
    return redirect(url_for("delivery.outbox_list"))


# -- webhook targets -----------------------------------------------------------------


@login_required
def target_list():
    ensure(P.can_list_targets(current_user))
    query = select(WebhookTarget).where(P.manageable_filter(current_user)).order_by(
        WebhookTarget.department_id.is_(None), WebhookTarget.name, WebhookTarget.id)
    page = paginate(query)
    owners = _owner_names(page.items)
    return render_template("delivery/target_list.html", page=page, owners=owners,
                           kinds=webhooks.KIND_LABELS, confirm=ConfirmForm(), project=None,
                           addresses=_addresses(page.items),
                           can_create=P.can_set_urls(current_user))


def _addresses(targets) -> dict[int, str]:
    """target id → its address as the reader may see it (masked but for admins)."""
    full = P.can_set_urls(current_user)
    return {t.id: t.url if full else webhooks.masked_url(t.url) for t in targets}


def _owner_names(targets) -> dict[int, str]:
    """target id → its department's or project's name, in two queries per page."""
    dept_ids = {t.department_id for t in targets if t.department_id}
    project_ids = {t.project_id for t in targets if t.project_id}
    depts = dict(db.session.execute(select(Department.id, Department.name).where(
        Department.id.in_(dept_ids))).all()) if dept_ids else {}
    projects = dict(db.session.execute(select(Project.id, Project.name).where(
        Project.id.in_(project_ids))).all()) if project_ids else {}
    return {t.id: depts.get(t.department_id) or projects.get(t.project_id) or ""
            for t in targets}


def _department_choices(form: WebhookTargetForm) -> None:
    query = select(Department.id, Department.name).order_by(Department.name)
    if not core_permissions.has_permission(current_user, "webhook.manage_any"):
        query = query.where(Department.id.in_(
            core_permissions.managed_department_ids(current_user) or {0}))
    form.department_id.choices = pairs(by_pinyin(db.session.execute(query).all()))


def _target_fields(form: WebhookTargetForm, target: WebhookTarget | None = None) -> dict:
    """The form's values; without the url and kind fields (a non-administrator's
    edit form) the target keeps its own."""
    return {"name": form.name.data,
            "kind": form.kind.data if form.kind else target.kind,
            "url": form.url.data if form.url else None,
            "secret": form.secret.data, "active": form.active.data}


@login_required
def target_create():
    ensure(P.can_list_targets(current_user) and P.can_set_urls(current_user))
    form = WebhookTargetForm()
    _department_choices(form)
    if not form.is_submitted() and arg_int("department_id"):
        form.department_id.data = arg_int("department_id")
    if form.validate_on_submit():
        department = db.session.get(Department, form.department_id.data or 0)
        if department is None:
            form.department_id.errors.append(_("Please choose a department."))
        else:
            ensure(P.can_manage_department_targets(current_user, department))
            action = partial(webhooks.create_target, current_user,
                             department_id=department.id, **_target_fields(form))
            if commit_service(action, form, SAVED):
                return redirect(url_for("delivery.target_list"))
    return render_template("delivery/target_form.html", form=form, target=None, project=None)


@login_required
def project_targets(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(P.can_manage_project_targets(current_user, project))
    own = db.session.scalars(select(WebhookTarget).where(
        WebhookTarget.project_id == project.id).order_by(WebhookTarget.name)).all()
    inherited = [t for t in db.session.scalars(webhooks.targets_for_project(project))
                 if t.project_id is None]
    return render_template("delivery/project_targets.html", project=project, own=own,
                           inherited=inherited, owners=_owner_names(inherited),
                           kinds=webhooks.KIND_LABELS, confirm=ConfirmForm(),
                           addresses=_addresses(own + inherited),
                           can_create=P.can_set_urls(current_user))


@login_required
def project_target_create(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(P.can_manage_project_targets(current_user, project)
           and P.can_set_urls(current_user))
    form = WebhookTargetForm()
    del form.department_id
    if form.validate_on_submit():
        action = partial(webhooks.create_target, current_user, project_id=project.id,
                         **_target_fields(form))
        if commit_service(action, form, SAVED):
            return redirect(url_for("delivery.project_targets", project_id=project.id))
    return render_template("delivery/target_form.html", form=form, target=None,
                           project=project)


def _back(target: WebhookTarget) -> str:
    if target.project_id:
        return url_for("delivery.project_targets", project_id=target.project_id)
    return url_for("delivery.target_list")


@login_required
def target_edit(target_id: int):
    target = get_or_404(WebhookTarget, target_id)
    ensure(P.can_manage_target(current_user, target))
    form = WebhookTargetForm(obj=target)
    del form.department_id
    if not P.can_set_urls(current_user):  # only administrators set where it POSTs
        del form.url
        del form.kind
    if not form.is_submitted():
        form.secret.data = ""
    if form.validate_on_submit():
        action = partial(webhooks.update_target, current_user, target,
                         clear_secret=form.clear_secret.data,
                         **_target_fields(form, target))
        if commit_service(action, form, SAVED):
            return redirect(_back(target))
    return render_template("delivery/target_form.html", form=form, target=target,
                           project=target.project,
                           address=_addresses([target])[target.id],
                           kind_label=webhooks.KIND_LABELS.get(target.kind, target.kind))


@login_required
def target_delete(target_id: int):
    target = get_or_404(WebhookTarget, target_id)
    ensure(P.can_manage_target(current_user, target))
    back = _back(target)
    if ConfirmForm().validate_on_submit():
        commit_service(partial(webhooks.delete_target, current_user, target),
                       success=_("Webhook deleted."))
    return redirect(back)


@login_required
def target_test(target_id: int):
    target = get_or_404(WebhookTarget, target_id)
    ensure(P.can_manage_target(current_user, target))
    if ConfirmForm().validate_on_submit():
        commit_service(partial(webhooks.queue_test, current_user, target),
                       success=_("A test message was queued; it is sent within a minute."))
    return redirect(_back(target))
