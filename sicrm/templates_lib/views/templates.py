"""The template library: list, create, view, edit fields, clone, archive, import."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as P
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.views.helpers import (
    check_version,
    get_or_404,
    paginate,
    safe_next,
    show_error,
    submit_once,
)
from sicrm.extensions import db
from sicrm.templates_lib import permissions as TP
from sicrm.templates_lib import queries
from sicrm.templates_lib.choices import EXPORT_FORMATS, KIND_LABELS, STATUS_LABELS
from sicrm.templates_lib.forms import ImportForm, TemplateForm
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.templates_lib.services import templates as services
from sicrm.templates_lib.services import transfer
from sicrm.templates_lib.views.display import definition_context


def template_fields(form: TemplateForm) -> dict:
    return {key: form[key].data for key in services.TEMPLATE_FIELDS}


@login_required
@P.require("template.view")
def template_list():
    args = {
        "q": request.args.get("q", "").strip(),
        "kind": request.args.get("kind", ""),
        "industry": request.args.get("industry", ""),
        "archived": request.args.get("archived") == "1",
    }
    page = paginate(queries.templates(**args))
    return render_template(
        "templates_lib/template_list.html", page=page, args=args,
        filtered=any(args.values()),
        summaries=queries.version_summaries([t.id for t in page.items]),
        kinds=KIND_LABELS, industries=INDUSTRIES,
        can_manage=TP.can_manage(current_user))


@login_required
@P.require("template.manage")
def template_create():
    form = TemplateForm()
    if form.validate_on_submit():
        submit_once(form)
        try:
            template = services.create_template(current_user, **template_fields(form))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Template created. Add its stages, then publish it."), "success")
            return redirect(url_for("templates_lib.version_view",
                                    version_id=template.versions[0].id))
    return render_template("templates_lib/template_form.html", form=form, template=None)


@login_required
def template_view(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    P.ensure(TP.can_view(current_user, template))
    current = queries.current_version(template)
    draft = queries.draft_of(template)
    shown = current or draft
    return render_template(
        "templates_lib/template_view.html", template=template, current=current, draft=draft,
        shown=shown, versions=queries.versions(template),
        can_manage=TP.can_manage(current_user, template), confirm=ConfirmForm(),
        kinds=KIND_LABELS, industries=INDUSTRIES, statuses=STATUS_LABELS,
        formats=EXPORT_FORMATS, version=shown, **definition_context(shown))


@login_required
def template_edit(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    P.ensure(TP.can_manage(current_user, template))
    form = TemplateForm(obj=template)
    if form.validate_on_submit():
        submit_once(form)
        try:
            check_version(form)
            services.update_template(current_user, template, **template_fields(form))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(safe_next(request.args.get("next"))
                            or url_for("templates_lib.template_view", template_id=template.id))
    return render_template("templates_lib/template_form.html", form=form, template=template)


@login_required
def template_start_draft(template_id: int):
    """"Edit": open the draft, starting one from the latest published version."""
    template = get_or_404(ProjectTemplate, template_id)
    P.ensure(TP.can_manage(current_user, template))
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("templates_lib.template_view", template_id=template.id))
    draft = services.start_draft(current_user, template)
    db.session.commit()
    return redirect(url_for("templates_lib.version_view", version_id=draft.id))


@login_required
def template_clone(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    P.ensure(TP.can_view(current_user, template) and TP.can_manage(current_user))
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("templates_lib.template_view", template_id=template.id))
    copy = services.clone_template(current_user, template)
    db.session.commit()
    flash(_("Copy created as a draft: %(name)s", name=copy.name_zh), "success")
    return redirect(url_for("templates_lib.template_view", template_id=copy.id))


@login_required
def template_archive(template_id: int):
    template = get_or_404(ProjectTemplate, template_id)
    P.ensure(TP.can_manage(current_user, template))
    if ConfirmForm().validate_on_submit():
        archived = request.form.get("archived") == "1"
        services.set_archived(current_user, template, archived)
        db.session.commit()
        flash(_("Template archived.") if archived else _("Template restored."), "success")
    return redirect(url_for("templates_lib.template_view", template_id=template.id))


@login_required
@P.require("template.manage")
def template_import():
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            template, notes = transfer.import_template(current_user, upload.read(),
                                                       upload.filename or "")
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Template imported as a draft: %(name)s", name=template.name_zh), "success")
            for note in notes:
                flash(note, "warning")
            return redirect(url_for("templates_lib.template_view", template_id=template.id))
    return render_template("templates_lib/template_import.html", form=form)
