"""Small helpers shared by views of every package."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import abort, current_app, flash, request
from flask_babel import lazy_gettext as _l

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
