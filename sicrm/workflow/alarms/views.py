"""Alarm pages: mine, one alarm (acknowledge, snooze), a project's, and policies."""
from __future__ import annotations

from functools import partial

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import utcnow
from sicrm.core.permissions import ensure
from sicrm.core.views.helpers import commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import Project
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.workflow.alarms import actions, queries
from sicrm.workflow.alarms.forms import AcknowledgeForm, PolicyForm, SnoozeForm
from sicrm.workflow.alarms.messages import (KIND_LABELS, STATUS_LABELS, SUBJECT_LABELS,
                                            level_label)
from sicrm.workflow.alarms.policy import (
    BUILTIN,
    ESCALATIONS,
    RECIPIENT_ROLES,
    delete_policy,
    format_levels,
    parse_levels,
    parse_offsets,
    save_policy,
)
from sicrm.workflow.alarms.scan import alarm_day
from sicrm.workflow.models import Alarm, AlarmDelivery, AlarmPolicy


def _english() -> bool:
    return str(get_locale()).startswith("en")


def _labels() -> dict:
    return {"kinds": KIND_LABELS, "statuses": STATUS_LABELS, "subjects": SUBJECT_LABELS,
            "level_label": level_label}


def _status_arg() -> str:
    status = request.args.get("status", "live")
    return status if status in queries.STATUS_FILTERS else "live"


@login_required
def my_alarms():
    status = _status_arg()
    page = paginate(queries.mine(current_user, status))
    return render_template("alarms/list.html", page=page, status=status, project=None,
                           names=queries.subject_names(page.items, _english()), **_labels())


@login_required
def project_alarms(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(project_permissions.can_view(current_user, project))
    status = request.args.get("status", "all")
    status = status if status in queries.STATUS_FILTERS else "all"
    page = paginate(queries.of_project(project.id, status))
    return render_template("alarms/list.html", page=page, status=status, project=project,
                           names=queries.subject_names(page.items, _english()), **_labels())


def _load(alarm_id: int):
    alarm = get_or_404(Alarm, alarm_id)
    ensure(actions.can_view(current_user, alarm))
    return alarm


def _render(alarm, ack=None, snooze=None):
    deliveries = db.session.scalars(
        select(AlarmDelivery).where(AlarmDelivery.alarm_id == alarm.id)
        .order_by(AlarmDelivery.repeat, AlarmDelivery.id)).all()
    return render_template(
        "alarms/view.html", alarm=alarm, deliveries=deliveries,
        name=queries.subject_names([alarm], _english())[alarm.id],
        can_handle=actions.can_handle(current_user, alarm),
        ack=ack or AcknowledgeForm(), snooze=snooze or SnoozeForm(), **_labels())


@login_required
def alarm_view(alarm_id: int):
    return _render(_load(alarm_id))


@login_required
def alarm_acknowledge(alarm_id: int):
    alarm = _load(alarm_id)
    ensure(actions.can_handle(current_user, alarm))
    form = AcknowledgeForm()
    if form.validate_on_submit() and commit_service(
            partial(actions.acknowledge, current_user, alarm, form.note.data), form,
            _("Alarm acknowledged.")):
        return redirect(url_for("alarms.alarm_view", alarm_id=alarm.id))
    return _render(alarm, ack=form), 400


@login_required
def alarm_snooze(alarm_id: int):
    alarm = _load(alarm_id)
    ensure(actions.can_handle(current_user, alarm))
    form = SnoozeForm()
    if form.validate_on_submit() and commit_service(
            partial(actions.snooze, current_user, alarm, form.until.data, form.reason.data,
                    today=alarm_day(utcnow())), form, _("Alarm snoozed.")):
        return redirect(url_for("alarms.alarm_view", alarm_id=alarm.id))
    return _render(alarm, snooze=form), 400


# --- policies ------------------------------------------------------------------------


@login_required
def policy_list():
    ensure(actions.can_manage_policies(current_user))
    policies = db.session.scalars(select(AlarmPolicy).order_by(
        AlarmPolicy.template_id.is_not(None), AlarmPolicy.template_id, AlarmPolicy.stage_key,
        AlarmPolicy.id)).all()
    templates = dict(db.session.execute(select(ProjectTemplate.id, ProjectTemplate.name_en
                                               if _english() else ProjectTemplate.name_zh)).all())
    return render_template("alarms/policy_list.html", policies=policies, templates=templates,
                           builtin=BUILTIN, format_levels=format_levels,
                           confirm=ConfirmForm())


def _policy_form(policy: AlarmPolicy | None):
    form = PolicyForm(obj=policy)
    form.template_id.choices = pairs(db.session.execute(
        select(ProjectTemplate.id, ProjectTemplate.name_en if _english()
               else ProjectTemplate.name_zh).order_by(ProjectTemplate.id)).all(),
        _("Company default (every template)"))
    if not form.is_submitted():
        source = policy or AlarmPolicy(**BUILTIN, name="")
        form.reminder_offsets.data = ", ".join(map(str, source.reminder_offsets or ()))
        for key in ESCALATIONS:
            form[key].data = format_levels(getattr(source, key))
        if policy is None:
            form.review_pending_days.data = BUILTIN["review_pending_days"]
            form.repeat_days.data = BUILTIN["repeat_days"]
    if form.validate_on_submit():
        def action():
            data = {"name": form.name.data, "template_id": form.template_id.data,
                    "stage_key": form.stage_key.data, "active": form.active.data,
                    "reminder_offsets": parse_offsets(form.reminder_offsets.data),
                    "review_pending_days": form.review_pending_days.data,
                    "repeat_days": form.repeat_days.data}
            for key in ESCALATIONS:
                data[key] = parse_levels(form[key].data, key)
            save_policy(current_user, data, policy)
        if commit_service(action, form, _("Saved.")):
            return redirect(url_for("alarms.policy_list"))
    return render_template("alarms/policy_form.html", form=form, policy=policy,
                           roles=RECIPIENT_ROLES)


@login_required
def policy_create():
    ensure(actions.can_manage_policies(current_user))
    return _policy_form(None)


@login_required
def policy_edit(policy_id: int):
    policy = get_or_404(AlarmPolicy, policy_id)
    ensure(actions.can_manage_policies(current_user))
    return _policy_form(policy)


@login_required
def policy_delete(policy_id: int):
    policy = get_or_404(AlarmPolicy, policy_id)
    ensure(actions.can_manage_policies(current_user))
    if ConfirmForm().validate_on_submit():
        commit_service(partial(delete_policy, current_user, policy), None,
                       _("Alarm policy deleted."))
    return redirect(url_for("alarms.policy_list"))
