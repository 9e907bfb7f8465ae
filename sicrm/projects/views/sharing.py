"""Administration of sharing rules."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core import permissions as CP
from sicrm.core.choices import INDUSTRIES, pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Department
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects.choices import KIND_LABELS
from sicrm.projects.forms import SharingRuleForm
from sicrm.projects.models import SharingRule
from sicrm.projects.services import sharing


@login_required
def sharing_rules():
    CP.ensure(P.can_manage_sharing(current_user))
    form = SharingRuleForm()
    form.department_id.choices = pairs(by_pinyin(db.session.execute(
        select(Department.id, Department.name).order_by(Department.name)).all()), "")
    if form.validate_on_submit() and commit_service(
            lambda: sharing.add_rule(current_user, department_id=form.department_id.data,
                                     kind=form.kind.data, category=form.category.data,
                                     industry=form.industry.data),
            form, _("Saved.")):
        return redirect(url_for("projects.sharing_rules"))
    rules = db.session.scalars(select(SharingRule).options(joinedload(SharingRule.department))
                               .order_by(SharingRule.id)).all()
    return render_template("projects/sharing_rules.html", form=form, rules=rules,
                           confirm=ConfirmForm(), kinds=KIND_LABELS, industries=INDUSTRIES)


@login_required
def sharing_rule_delete(rule_id: int):
    rule = get_or_404(SharingRule, rule_id)
    CP.ensure(P.can_manage_sharing(current_user))
    if ConfirmForm().validate_on_submit():
        sharing.delete_rule(current_user, rule)
        db.session.commit()
        flash(_("Deleted."), "success")
    return redirect(url_for("projects.sharing_rules"))
