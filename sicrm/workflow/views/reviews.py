"""Submitting gates and deciding reviews."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core.errors import ServiceError
from sicrm.core.permissions import ensure
from sicrm.core.views.helpers import get_or_404, paginate
from sicrm.extensions import db
from sicrm.projects import permissions as project_permissions
from sicrm.projects.models import Project
from sicrm.workflow import permissions as P
from sicrm.workflow.forms import DecisionForm, SubmitGateForm
from sicrm.workflow.models import GateReview
from sicrm.workflow.services import reviews as services


@login_required
def gate_submit(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(P.can_submit_gate(current_user, project))
    form = SubmitGateForm()
    if form.validate_on_submit():
        checked = [int(i) for i in request.form.getlist("checklist") if i.isdigit()]
        try:
            services.submit(current_user, project, checked=checked, note=form.note.data)
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("The gate was submitted for review."), "success")
    else:
        flash(_("The form could not be read. Please try again."), "danger")
    return redirect(url_for("projects.project_view", project_id=project.id) + "#gate")


@login_required
def review_view(review_id: int):
    review = get_or_404(GateReview, review_id)
    ensure(P.can_view_review(current_user, review))
    can_decide = (review.status == "pending" and P.is_reviewer(current_user, review)
                  and all(d.reviewer_id != current_user.id for d in review.decisions))
    return render_template("workflow/review.html", review=review, form=DecisionForm(),
                           can_decide=can_decide)


@login_required
def review_decide(review_id: int):
    review = get_or_404(GateReview, review_id)
    ensure(P.is_reviewer(current_user, review))
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            result = services.decide(current_user, review, form.decision.data,
                                     form.comment.data)
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash({"approved": _("Decision recorded: the gate is approved."),
                   "rejected": _("Decision recorded: the gate is rejected."),
                   "pending": _("Decision recorded; other reviewers have yet to decide.")}[result],
                  "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "danger")
    return redirect(url_for("workflow.review_view", review_id=review.id))


@login_required
def inbox():
    pending = db.session.scalars(services.inbox(current_user).options(
        joinedload(GateReview.project).joinedload(Project.customer),
        joinedload(GateReview.stage), joinedload(GateReview.submitted_by))).unique().all()
    decided = paginate(
        select(GateReview).join(GateReview.project)
        .where(project_permissions.visible_filter(current_user),
               GateReview.status != "pending")
        .options(joinedload(GateReview.project), joinedload(GateReview.stage))
        .order_by(GateReview.decided_dt.desc(), GateReview.id.desc()))
    return render_template("workflow/inbox.html", pending=pending, decided=decided)
