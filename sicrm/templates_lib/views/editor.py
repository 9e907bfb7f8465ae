"""The draft editor: a draft's stages, and each stage's tasks, milestones and
documents, changed one small form at a time."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from sicrm.core import permissions as P
from sicrm.core.errors import ServiceError
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import User
from sicrm.core.views.helpers import check_version, get_or_404, show_error, submit_once
from sicrm.core.views.uploads import KeptUploads
from sicrm.extensions import db
from sicrm.templates_lib import permissions as TP
from sicrm.templates_lib.choices import guess_document_category
from sicrm.templates_lib.definition import ITEM_KINDS, stage_by_key
from sicrm.templates_lib.forms import ITEM_FORMS, NewStageForm, StageForm
from sicrm.templates_lib.models import TemplateVersion
from sicrm.templates_lib.services import editor as services
from sicrm.templates_lib.views.display import definition_context, name_text
from sicrm.templates_lib.views.versions import version_page


def _load(version_id: int, stage_key: str | None = None):
    """The draft (404/403) and, when asked, its stage (404)."""
    version = get_or_404(TemplateVersion, version_id)
    P.ensure(TP.can_edit_version(current_user, version))
    if stage_key is None:
        return version, None
    _, stage = stage_by_key(version.definition, stage_key)
    if stage is None:
        abort(404)
    return version, stage


def _names(form) -> dict:
    return {"zh": (form.name_zh.data or "").strip(), "en": (form.name_en.data or "").strip()}


def _stage_url(version, stage_key: str, anchor: str | None = None) -> str:
    return url_for("templates_lib.stage_view", version_id=version.id, stage_key=stage_key,
                   _anchor=anchor)


# -- stages --------------------------------------------------------------------------


@login_required
def stage_create(version_id: int):
    version, _stage = _load(version_id)
    form = NewStageForm()
    if form.validate_on_submit():
        submit_once(form)
        try:
            key = services.add_stage(current_user, version, name=_names(form),
                                     duration=form.duration.data, key=form.key.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Stage added."), "success")
            return redirect(_stage_url(version, key))
    return version_page(version, stage_form=form)


def _checklist_text(gate) -> str:
    lines = []
    for entry in (gate or {}).get("checklist", ()):
        lines.append(entry["zh"] + (f" | {entry['en']}" if entry.get("en") else ""))
    return "\n".join(lines)


def _checklist(value: str) -> list[dict]:
    entries = []
    for line in (value or "").splitlines():
        zh, _sep, en = line.partition("|")
        if zh.strip() or en.strip():
            entries.append({"zh": zh.strip(), "en": en.strip()})
    return entries


def _user_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(select(User.username, User.full_name).where(
        User.active.is_(True)).order_by(User.full_name))
    return [(username, f"{full_name} ({username})") for username, full_name in rows]


def _stage_form(stage: dict, submitted: bool = False, version=None) -> StageForm:
    gate = stage.get("gate") or {}
    data = {"name_zh": stage["name"]["zh"], "name_en": stage["name"]["en"],
            "duration": stage["duration"], "gate_enabled": bool(stage.get("gate")),
            "gate_rule": gate.get("rule", "all"),
            "reviewer_roles": gate.get("reviewer_roles", []),
            "reviewer_users": gate.get("reviewer_users", []),
            "checklist": _checklist_text(gate)}
    form = StageForm(record=version) if submitted else StageForm(formdata=None, data=data,
                                                                 record=version)
    choices = _user_choices()
    known = {username for username, _label in choices}
    form.reviewer_users.choices = choices + [(u, u) for u in gate.get("reviewer_users", ())
                                             if u not in known]
    return form


def _item_data(kind: str, item: dict) -> dict:
    data = {key: value for key, value in item.items() if key != "name"}
    data.update(name_zh=item["name"]["zh"], name_en=item["name"]["en"])
    if kind == "tasks":
        data["after"] = item.get("after") or ""
    if kind == "milestones":
        data["owner_role"] = item.get("owner_role") or ""
    if kind == "documents" and not item.get("category"):
        data["category"] = guess_document_category(item["key"], item["name"].get("zh", ""))
    return data


def _item_form(kind: str, stage: dict, item: dict | None, submitted: bool = False,
               version=None):
    prefix = f"{kind}-{item['key'] if item else 'new'}"
    form_class = ITEM_FORMS[kind]
    if submitted:
        form = form_class(prefix=prefix, record=version)
    else:
        form = form_class(prefix=prefix, formdata=None, record=version,
                          data=_item_data(kind, item) if item else None)
    if kind == "tasks":
        form.after.choices = [SelectChoice("", _("— the stage start —"))] + [
            SelectChoice(task["key"], f"{name_text(task['name'])} ({task['key']})")
            for task in stage.get("tasks", ()) if item is None or task["key"] != item["key"]]
    return form


def _stage_page(version, stage, stage_form=None, failed: tuple | None = None):
    """The stage page; `failed` = (kind, item key or None, form) re-shows a form
    that did not validate, opened."""
    forms = {kind: {item["key"]: _item_form(kind, stage, item, version=version)
                    for item in stage.get(kind, ())}
             for kind in ITEM_KINDS}
    new_forms = {kind: _item_form(kind, stage, None, version=version) for kind in ITEM_KINDS}
    if failed is not None:
        kind, key, form = failed
        if key is None:
            new_forms[kind] = form
        else:
            forms[kind][key] = form
    _index, _stage = stage_by_key(version.definition, stage["key"])
    return render_template(
        "templates_lib/stage_view.html", version=version, template=version.template,
        stage=stage, position=_index + 1,
        stage_form=stage_form or _stage_form(stage, version=version),
        forms=forms, new_forms=new_forms, failed=failed, confirm=ConfirmForm(),
        **definition_context(version))


@login_required
def stage_view(version_id: int, stage_key: str):
    """The stage page; posting saves the stage's own fields and gate."""
    version, stage = _load(version_id, stage_key)
    if request.method == "GET":
        return _stage_page(version, stage)
    form = _stage_form(stage, submitted=True, version=version)
    if form.validate_on_submit():
        gate = None
        if form.gate_enabled.data:
            gate = {"rule": form.gate_rule.data, "reviewer_roles": form.reviewer_roles.data,
                    "reviewer_users": form.reviewer_users.data,
                    "checklist": _checklist(form.checklist.data)}
        submit_once(form)
        try:
            check_version(form)
            services.update_stage(current_user, version, stage_key, name=_names(form),
                                  duration=form.duration.data, gate=gate)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(_stage_url(version, stage_key))
    return _stage_page(version, stage, stage_form=form)


@login_required
def stage_delete(version_id: int, stage_key: str):
    version, _stage = _load(version_id, stage_key)
    if ConfirmForm().validate_on_submit():
        services.delete_stage(current_user, version, stage_key)
        db.session.commit()
        flash(_("Stage deleted."), "success")
    return redirect(url_for("templates_lib.version_view", version_id=version.id))


@login_required
def stage_move(version_id: int, stage_key: str):
    version, _stage = _load(version_id, stage_key)
    if ConfirmForm().validate_on_submit():
        step = -1 if request.form.get("direction") == "up" else 1
        services.move_stage(current_user, version, stage_key, step)
        db.session.commit()
    return redirect(url_for("templates_lib.version_view", version_id=version.id,
                            _anchor=f"stage-{stage_key}"))


# -- tasks, milestones, documents ------------------------------------------------------


def _item_fields(kind: str, form) -> dict:
    fields = {"key": form.key.data, "name": _names(form)}
    if kind == "tasks":
        fields.update(owner_role=form.owner_role.data, after=form.after.data or None,
                      offset=form.offset.data or 0, duration=form.duration.data)
    elif kind == "milestones":
        fields.update(owner_role=form.owner_role.data or None, offset=form.offset.data or 0)
    else:
        # not sent: the definition tells it from the name (validate_definition)
        fields.update(category=form.category.data if form.category.raw_data else None,
                      description=(form.description.data or "").strip(),
                      approver_roles=form.approver_roles.data)
        if form.remove_file.data:
            fields["format_file_id"] = None
    return fields


def _uploads(kind: str, form) -> KeptUploads | None:
    """A document's format file, kept when the form is shown again."""
    return KeptUploads(form.format_file) if kind == "documents" else None


@login_required
def item_create(version_id: int, stage_key: str, kind: str):
    version, stage = _load(version_id, stage_key)
    form = _item_form(kind, stage, None, submitted=True, version=version)
    uploads = _uploads(kind, form)
    if form.validate_on_submit() and (uploads is None or uploads.check(form)):
        submit_once(form)
        try:
            check_version(form)
            key = services.add_item(current_user, version, stage_key, kind,
                                    _item_fields(kind, form), uploads and uploads.first())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Added."), "success")
            return redirect(_stage_url(version, stage_key, f"{kind}-{key}"))
    if uploads is not None:
        uploads.keep()
    return _stage_page(version, stage, failed=(kind, None, form))


@login_required
def item_edit(version_id: int, stage_key: str, kind: str, item_key: str):
    version, stage = _load(version_id, stage_key)
    item = next((i for i in stage.get(kind, ()) if i["key"] == item_key), None)
    if item is None:
        abort(404)
    form = _item_form(kind, stage, item, submitted=True, version=version)
    uploads = _uploads(kind, form)
    if form.validate_on_submit() and (uploads is None or uploads.check(form)):
        submit_once(form)
        try:
            check_version(form)
            services.update_item(current_user, version, stage_key, kind, item_key,
                                 _item_fields(kind, form), uploads and uploads.first())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(_stage_url(version, stage_key, f"{kind}-{item_key}"))
    if uploads is not None:
        uploads.keep()
    return _stage_page(version, stage, failed=(kind, item_key, form))


@login_required
def item_delete(version_id: int, stage_key: str, kind: str, item_key: str):
    version, stage = _load(version_id, stage_key)
    if not any(i["key"] == item_key for i in stage.get(kind, ())):
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.delete_item(current_user, version, stage_key, kind, item_key)
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Deleted."), "success")
    return redirect(_stage_url(version, stage_key, kind))
