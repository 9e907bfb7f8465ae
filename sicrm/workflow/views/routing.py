"""Administration of routing rules."""
from __future__ import annotations

from functools import partial

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core.choices import INDUSTRIES, pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Department
from sicrm.core.permissions import ensure
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.projects import queries as project_queries
from sicrm.templates_lib.roles import TEAM_ROLES
from sicrm.workflow import permissions as P
from sicrm.workflow.forms import KIND_LABELS, RoutingRuleForm
from sicrm.workflow.models import RoutingRule
from sicrm.workflow.services import routing as services


@login_required
def rule_list():
    ensure(P.can_manage_routing(current_user))
    rules = db.session.scalars(select(RoutingRule).order_by(RoutingRule.position,
                                                            RoutingRule.id)).all()
    return render_template("workflow/rule_list.html", rules=rules, confirm=ConfirmForm(),
                           kinds=KIND_LABELS, industries=INDUSTRIES, team_roles=TEAM_ROLES)


def _choices(form: RoutingRuleForm) -> None:
    form.department_id.choices = pairs(by_pinyin(db.session.execute(
        select(Department.id, Department.name).order_by(Department.name)).all()))
    keep = form.pm_user_id.object_data if isinstance(form.pm_user_id.object_data, int) else None
    form.pm_user_id.choices = pairs(by_pinyin(db.session.execute(
        project_queries.pm_candidates(keep)).all()))


def _rule_form(rule: RoutingRule | None):
    form = RoutingRuleForm(obj=rule)
    if rule is not None and not form.is_submitted():
        form.tasks.data = RoutingRuleForm.tasks_text(rule.tasks)
    _choices(form)
    if form.validate_on_submit():
        fields = {key: form[key].data for key in (
            "name", "position", "active", "match_kind", "match_category", "match_industry",
            "department_id", "pm_mode", "pm_user_id")}
        fields = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in fields.items()}
        fields["tasks"] = form.task_specs
        action = (partial(services.create_rule, current_user, **fields) if rule is None
                  else partial(services.update_rule, current_user, rule, **fields))
        if commit_service(action, form, _("Saved.")):
            return redirect(url_for("workflow.rule_list"))
    return render_template("workflow/rule_form.html", form=form, rule=rule)


@login_required
def rule_create():
    ensure(P.can_manage_routing(current_user))
    return _rule_form(None)


@login_required
def rule_edit(rule_id: int):
    rule = get_or_404(RoutingRule, rule_id)
    ensure(P.can_manage_routing(current_user))
    return _rule_form(rule)


@login_required
def rule_delete(rule_id: int):
    rule = get_or_404(RoutingRule, rule_id)
    ensure(P.can_manage_routing(current_user))
    if ConfirmForm().validate_on_submit():
        services.delete_rule(current_user, rule)
        db.session.commit()
        flash(_("Routing rule deleted."), "success")
    return redirect(url_for("workflow.rule_list"))
