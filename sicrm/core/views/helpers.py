"""Small helpers shared by views of every package."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import abort, current_app, flash, has_request_context, redirect, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from sicrm.core import concurrency
from sicrm.core.errors import ServiceError
from sicrm.core.inputs import db_int, parse_date
from sicrm.extensions import db

_UNSAFE_IN_PATH = re.compile(r"[\x00-\x20\x7f\\]")


def get_or_404(model, object_id):
    object_id = db_int(object_id)
    obj = db.session.get(model, object_id) if object_id is not None else None
    if obj is None:
        abort(404)
    return obj


def paginate(query, per_page: int | None = None):
    """A page of `query`: `?page=` past the last page shows the last one."""
    per_page = per_page or current_app.config["SICRM_PAGE_SIZE"]
    page = arg_int("page") or 1
    pagination = db.paginate(query, page=page, per_page=per_page, max_per_page=100,
                             error_out=False)
    if page > 1 and not pagination.items and pagination.pages:
        pagination = db.paginate(query, page=pagination.pages, per_page=per_page,
                                 max_per_page=100, error_out=False)
    return pagination


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
    """Only same-site paths are followed after login or a language switch: no scheme or
    host, no backslash (browsers read it as a slash), no control character or space
    (a line break in a Location header is refused)."""
    if not target or len(target) > 2000 or _UNSAFE_IN_PATH.search(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def arg_int(name: str, source=None) -> int | None:
    """An id or page from the query (or `source`): None unless it is an integer a
    database column can hold (1 … 2**31-1), so an id that cannot exist finds nothing."""
    return db_int((request.args if source is None else source).get(name))


def arg_date(name: str):
    """A date (YYYY-MM-DD) from the query within 2000–2100, or None."""
    return parse_date(request.args.get(name))


SAVED = _l("Saved.")
