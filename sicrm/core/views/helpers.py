"""Small helpers shared by views of every package."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, flash, request
from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError
from sicrm.extensions import db


def get_or_404(model, object_id):
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def paginate(query, per_page: int | None = None):
    per_page = per_page or current_app.config["SICRM_PAGE_SIZE"]
    return db.paginate(query, page=request.args.get("page", 1, type=int), per_page=per_page,
                       max_per_page=100, error_out=False)


def show_error(form, error: ServiceError) -> None:
    """Attach a service's refusal to its form field, or to the form as a whole."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def commit_service(action, form=None, success=None) -> bool:
    """The end of every writing view: call the service; on a refusal roll back and
    show it on `form` (or flash it when there is no form); else commit and flash
    `success`. True when it was committed."""
    try:
        action()
    except ServiceError as error:
        db.session.rollback()
        if form is not None:
            show_error(form, error)
        else:
            flash(error.message, "danger")
        return False
    db.session.commit()
    if success:
        flash(success, "success")
    return True


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after login or a language switch."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def arg_int(name: str) -> int | None:
    return request.args.get(name, type=int)


SAVED = _l("Saved.")
