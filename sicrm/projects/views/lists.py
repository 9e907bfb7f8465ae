"""The project list and saved filters."""
from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.views.helpers import get_or_404, paginate
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects import queries
from sicrm.projects.choices import KIND_LABELS, SORTS, STATUS_LABELS
from sicrm.projects.forms import SaveFilterForm
from sicrm.projects.models import SavedFilter
from sicrm.projects.services import filters as services
from sicrm.projects.views.common import flash_form_errors, locale


@login_required
def project_list():
    args = services.clean_args(request.args)
    today = date.today()
    page = paginate(queries.projects(current_user, args, today))
    return render_template(
        "projects/list.html", page=page, args=args, today=today,
        filtered=any(key != "sort" for key in args),
        late_milestones=queries.late_milestone_projects([p.id for p in page.items], today),
        choices=queries.list_choices(current_user),
        saved=db.session.scalars(queries.saved_filters(current_user)).all(),
        save_form=SaveFilterForm(args=request.query_string.decode("utf-8", "replace")),
        confirm=ConfirmForm(), locale=locale(),
        labels={"kinds": KIND_LABELS, "statuses": STATUS_LABELS, "industries": INDUSTRIES,
                "sorts": SORTS},
        can_create=P.can_create(current_user),
    )


@login_required
def filter_save():
    form = SaveFilterForm()
    if form.validate_on_submit():
        args = dict(parse_qsl(form.args.data or ""))
        try:
            saved = services.save_filter(current_user, form.name.data, args)
        except ServiceError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(_("Filter “%(name)s” saved.", name=saved.name), "success")
            return redirect(url_for("projects.project_list", **saved.args))
    else:
        flash_form_errors(form)
    return redirect(url_for("projects.project_list", **dict(parse_qsl(form.args.data or ""))))


@login_required
def filter_delete(filter_id: int):
    saved = get_or_404(SavedFilter, filter_id)
    CP.ensure(P.can_use_filter(current_user, saved))
    if ConfirmForm().validate_on_submit():
        services.delete_filter(current_user, saved)
        db.session.commit()
        flash(_("Filter deleted."), "success")
    return redirect(url_for("projects.project_list"))
