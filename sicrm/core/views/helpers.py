"""Small helpers shared by views of every package."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, flash, has_request_context, redirect, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from sicrm.core import concurrency
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


ALREADY_SENT = _l("This form had already been sent; it was saved once, not twice.")


def _refuse(form, error: ServiceError) -> bool:
    db.session.rollback()
    if form is not None:
        show_error(form, error)
    else:
        flash(error.message, "danger")
    return False


def _token(form) -> str | None:
    field = getattr(form, concurrency.TOKEN_FIELD, None)
    if field is not None:
        return field.data if field.raw_data else None
    return request.form.get(concurrency.TOKEN_FIELD)


def submit_once(form=None) -> None:
    """A form rendered once is acted on once: a second submission of the same
    rendered form (its `submit_token`) goes where the first one went, doing nothing
    (an HTTP redirect raised from here). Called by `commit_service`; a view that
    commits by itself calls it before its service."""
    if not has_request_context() or request.method != "POST":
        return
    earlier = concurrency.claim_submission(_token(form), current_user)
    if earlier is not None:
        db.session.rollback()
        flash(ALREADY_SENT, "info")
        referrer = urlsplit(request.referrer or "")
        back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        abort(redirect(earlier.result_url or safe_next(back) or request.path))


def check_version(form) -> None:
    """StaleRecord (a ServiceError) when `form` edits a record someone else saved
    since the form was opened. Called by `commit_service`; a view that commits by
    itself calls it before its service, inside its `except ServiceError`."""
    field = getattr(form, concurrency.VERSION_FIELD, None)
    concurrency.expect_version(getattr(form, "record", None),
                               field.data if field is not None else None)


def commit_service(action, form=None, success=None) -> bool:
    """The end of every writing view: call the service; on a refusal roll back and
    show it on `form` (or flash it when there is no form); else commit and flash
    `success`. True when it was committed.

    A form built from `sicrm.core.forms.RecordForm` is also refused when its record
    was saved by someone else since it was opened (`row_version`), and is acted on
    only once however often it is sent (`submit_token`)."""
    submit_once(form)
    try:
        check_version(form)
        action()
        db.session.flush()
    except ServiceError as error:
        return _refuse(form, error)
    except StaleDataError:
        return _refuse(form, concurrency.stale_error(getattr(form, "record", None)))
    try:
        db.session.commit()
    except StaleDataError:
        return _refuse(form, concurrency.stale_error(getattr(form, "record", None)))
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
