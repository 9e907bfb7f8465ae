"""Home page, health check and error pages."""
from __future__ import annotations

import time

from flask import current_app, jsonify, render_template
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from sicrm.core import health
from sicrm.core.dashboard import render_widgets
from sicrm.core.models import Contact, Organization
from sicrm.extensions import db, limiter


@login_required
def index():
    my_orgs = db.session.scalars(
        select(Organization)
        .where(Organization.owner_id == current_user.id)
        .order_by(Organization.updated_dt.desc())
        .limit(8)
    ).all()
    counts = {
        "organizations": db.session.scalar(select(func.count(Organization.id))),
        "contacts": db.session.scalar(select(func.count(Contact.id))),
        "mine": db.session.scalar(
            select(func.count(Organization.id)).where(Organization.owner_id == current_user.id)
        ),
    }
    return render_template("core/index.html", my_orgs=my_orgs, counts=counts,
                           widgets=render_widgets(current_user))


def healthz():
    """Public: is the database reachable, and which version runs."""
    try:
        db.session.execute(text("SELECT 1"))
        database = True
    except SQLAlchemyError:
        db.session.rollback()
        database = False
    body = {
        "status": "ok" if database else "error",
        "database": database,
        "version": current_app.config["SICRM_VERSION"],
    }
    if database:
        parts = health.report()
        body.update(parts)
        failing = health.unhealthy(parts)
        if failing:  # the web still answers (200), but something needs a look
            body["status"] = "degraded"
            body["failing"] = failing
    return jsonify(body), 200 if database else 503


def _error(code: int, title: str, message: str):
    return render_template("errors/error.html", code=code, title=title, message=message), code


def forbidden(error):
    return _error(403, _("Access denied"), _("You do not have permission to see or do this."))


def not_found(error):
    return _error(404, _("Not found"), _("The page or record you asked for does not exist."))


def server_error(error):
    db.session.rollback()
    return _error(
        500,
        _("Something went wrong"),
        _("The server could not finish your request. Nothing was saved; please try again."),
    )


def csrf_error(error):
    return _error(
        400,
        _("The form has expired"),
        _("The security token of this form is missing or invalid. Reload the page and try again."),
    )


def too_many_requests(error):
    """A client over a request limit (Flask-Limiter): a page saying when to come back,
    and the same in Retry-After."""
    current = limiter.current_limit
    seconds = max(1, int((current.reset_at if current else time.time() + 60) - time.time()))
    body, code = _error(429, _("Too many requests"), ngettext(
        "You have sent too many requests. Please wait %(num)d second and try again.",
        "You have sent too many requests. Please wait %(num)d seconds and try again.",
        seconds))
    return body, code, {"Retry-After": str(seconds)}


def bad_request(error):
    return _error(400, _("Bad request"), _("The request could not be understood."))
