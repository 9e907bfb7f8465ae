"""A version's page (the editor when it is a draft), publishing, discarding,
exporting and format file downloads."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as P
from sicrm.core.choices import INDUSTRIES
from sicrm.core.downloads import download_response
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import StoredFile
from sicrm.core.services.files import send_stored_file
from sicrm.core.views.helpers import get_or_404
from sicrm.extensions import db
from sicrm.templates_lib import permissions as TP
from sicrm.templates_lib import queries
from sicrm.templates_lib.choices import EXPORT_FORMATS, KIND_LABELS, STATUS_LABELS
from sicrm.templates_lib.definition import format_file_ids
from sicrm.templates_lib.diff import describe, diff_definitions
from sicrm.templates_lib.forms import NewStageForm, PublishForm
from sicrm.templates_lib.models import TemplateVersion
from sicrm.templates_lib.services import templates as services
from sicrm.templates_lib.services import transfer
from sicrm.templates_lib.views.display import definition_context


def version_page(version: TemplateVersion, publish_form=None, stage_form=None):
    previous = queries.previous_version(version)
    locale = "en" if get_locale().language == "en" else "zh"
    changes = diff_definitions(previous.definition if previous else None, version.definition)
    editable = TP.can_edit_version(current_user, version)
    return render_template(
        "templates_lib/version_view.html", version=version, template=version.template,
        previous=previous, changes=[describe(change, locale) for change in changes],
        editable=editable, can_manage=TP.can_manage(current_user, version.template),
        publish_form=publish_form or PublishForm(),
        stage_form=stage_form or NewStageForm(formdata=None),
        confirm=ConfirmForm(), kinds=KIND_LABELS, industries=INDUSTRIES,
        statuses=STATUS_LABELS, formats=EXPORT_FORMATS, **definition_context(version))


@login_required
def version_view(version_id: int):
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_view(current_user, version.template))
    return version_page(version)


@login_required
def version_publish(version_id: int):
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_edit_version(current_user, version))
    form = PublishForm()
    if form.validate_on_submit():
        try:
            services.publish_version(current_user, version, form.change_note.data)
        except ServiceError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Version %(n)s published.", n=version.number), "success")
            return redirect(url_for("templates_lib.template_view",
                                    template_id=version.template_id))
    return version_page(version, publish_form=form)


@login_required
def version_discard(version_id: int):
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_edit_version(current_user, version))
    template_id = version.template_id
    if ConfirmForm().validate_on_submit():
        try:
            services.discard_draft(current_user, version)
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "danger")
            return redirect(url_for("templates_lib.version_view", version_id=version.id))
        db.session.commit()
        flash(_("Draft discarded."), "success")
    return redirect(url_for("templates_lib.template_view", template_id=template_id))


@login_required
def version_export(version_id: int):
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_view(current_user, version.template))
    fmt = request.args.get("format", "json")
    if fmt not in EXPORT_FORMATS:
        abort(404)
    content, filename, content_type = transfer.export_version(version, fmt)
    return download_response(content, filename, f"{content_type}; charset=utf-8")


@login_required
def format_file(version_id: int, file_id: int):
    """A document's format template file, for those who may view the version."""
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_view(current_user, version.template))
    if file_id not in format_file_ids(version.definition):
        abort(404)
    return send_stored_file(get_or_404(StoredFile, file_id))
