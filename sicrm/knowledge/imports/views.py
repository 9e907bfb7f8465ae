"""Bulk import pages: the upload form (a zip into a catalog the user edits), a run's
report, and the list of past runs (one's own; knowledge base administrators see all)."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.core import permissions as CP
from sicrm.core.services.files import clean_filename
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.knowledge import permissions as KP
from sicrm.knowledge.imports import background, services
from sicrm.knowledge.imports import permissions as IP
from sicrm.knowledge.imports.choices import (
    CHANNEL_LABELS,
    ERROR_LABELS,
    OUTCOME_LABELS,
    OUTCOME_STYLES,
    REASON_LABELS,
    STATUS_LABELS,
)
from sicrm.knowledge.imports.forms import ImportForm
from sicrm.knowledge.imports.models import OUTCOMES, ImportItem, ImportRun
from sicrm.knowledge.imports.sources import ZipSource
from sicrm.knowledge.models import Catalog
from sicrm.knowledge.views.common import catalog_choices, writable_catalog_ids

LABELS = {"outcomes": OUTCOME_LABELS, "styles": OUTCOME_STYLES, "reasons": REASON_LABELS,
          "statuses": STATUS_LABELS, "channels": CHANNEL_LABELS, "errors": ERROR_LABELS}
#: report lines per page
ITEMS_PER_PAGE = 100


def kb_import_url(catalog=None) -> str | None:
    """Jinja global for the knowledge pages: the import form's address (into
    `catalog`) when the current user may import there, else None."""
    if catalog is not None:
        if not IP.can_import_into(current_user, catalog) or catalog.archived:
            return None
        return url_for("imports.import_new", catalog_id=catalog.id)
    return url_for("imports.import_list") if IP.can_import(current_user) else None


def _limit_mb() -> int:
    """The app's upload limit (the request limit adds a margin for the form)."""
    return current_app.config.get("SICRM_MAX_UPLOAD_MB", 50)


def _form_page(form, status: int = 200):
    form.catalog_id.choices = catalog_choices(writable_catalog_ids(current_user), blank="—")
    return render_template("imports/new.html", form=form, limit_mb=_limit_mb()), status


@login_required
def import_new():
    CP.ensure(IP.can_import(current_user))
    form = ImportForm()
    if request.method == "GET" and arg_int("catalog_id"):
        form.catalog_id.data = arg_int("catalog_id")
    if not form.validate_on_submit():
        return _form_page(form, 400 if form.is_submitted() else 200)
    catalog = get_or_404(Catalog, form.catalog_id.data)
    CP.ensure(IP.can_import_into(current_user, catalog))
    upload = form.file.data
    done = {}

    def action():
        with ZipSource(upload.stream, clean_filename(upload.filename)) as source:
            if background.runs_in_background(source):  # the scheduler imports it
                done["run"] = background.queue_import(
                    current_user, upload.stream, source, catalog,
                    keywords=form.keywords.data, industry=form.industry.data)
                return
            done["run"], _items = services.run_import(
                current_user, source, catalog, channel="web", keywords=form.keywords.data,
                industry=form.industry.data, checkpoint=db.session.commit)

    if not commit_service(action, form):
        return _form_page(form, 400)
    return redirect(url_for("imports.import_view", run_id=done["run"].id))


def too_large(error):
    """An upload over the request limit (MAX_CONTENT_LENGTH): the form again, with
    the limit and the way out."""
    form = ImportForm(formdata=None)
    form.form_errors.append(_("The upload is larger than %(mb)d MB. Split the zip, or "
                              "import large collections on the server with "
                              "“sicrm kb import”.", mb=_limit_mb()))
    if not IP.can_import(current_user):
        return error
    return _form_page(form, 413)


@login_required
def import_view(run_id: int):
    run = get_or_404(ImportRun, run_id)
    CP.ensure(IP.can_view_run(current_user, run))
    outcome = request.args.get("outcome")
    query = select(ImportItem).where(ImportItem.run_id == run.id)
    if outcome in OUTCOMES:
        query = query.where(ImportItem.outcome == outcome)
    else:
        outcome = None
    page = paginate(query.order_by(ImportItem.id), per_page=ITEMS_PER_PAGE)
    return render_template("imports/view.html", run=run, page=page, outcome=outcome,
                           labels=LABELS, outcomes=OUTCOMES,
                           can_import=IP.can_import(current_user))


@login_required
def import_list():
    CP.ensure(IP.can_list_runs(current_user))
    query = (select(ImportRun).where(IP.runs_filter(current_user))
             .options(selectinload(ImportRun.user))
             .order_by(ImportRun.started_dt.desc(), ImportRun.id.desc()))
    return render_template("imports/list.html", page=paginate(query), labels=LABELS,
                           can_import=IP.can_import(current_user),
                           everyone=KP.is_kb_admin(current_user))
