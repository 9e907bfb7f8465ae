"""Core blueprints and their URL rules, plus the app-wide hooks core owns."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from sicrm.core import base_url, concurrency, inputs, jobs
from sicrm.core import notifications as notification_services
from sicrm.core import permissions
from sicrm.core import searchables  # noqa: F401  (organisations are searchable)
from sicrm.core import tasks as core_tasks
from sicrm.core.health import register_check
from sicrm.core.models import User
from sicrm.core.provisional import provisional
from sicrm.core.services import calendar_years
from sicrm.core.security_headers import set_security_headers
from sicrm.core.views import admin, auth, main, notifications, organizations
from sicrm.extensions import db, limiter, login_manager

_TEMPLATES = str(Path(__file__).parent / "templates")

main_bp = Blueprint("main", __name__, template_folder=_TEMPLATES)
main_bp.add_url_rule("/", view_func=main.index)
main_bp.add_url_rule("/healthz", view_func=main.healthz)

auth_bp = Blueprint("auth", __name__)


def _rate_limits_off() -> bool:
    return not current_app.config["SICRM_RATELIMIT_ENABLED"]


def _login_failed(response) -> bool:
    return response.status_code != 302  # a login that went through is not counted


#: failed login attempts per client (IP address): against password spraying; logins
#: that succeed do not count, so an office behind one address is not held up
_login_limit = limiter.limit(lambda: current_app.config["SICRM_LOGIN_RATE_LIMIT"],
                             methods=["POST"], exempt_when=_rate_limits_off,
                             deduct_when=_login_failed)
auth_bp.add_url_rule("/login", view_func=_login_limit(auth.login), methods=["GET", "POST"])
auth_bp.add_url_rule("/logout", view_func=auth.logout, methods=["POST"])
auth_bp.add_url_rule("/account/password", view_func=auth.change_password,
                     methods=["GET", "POST"])
auth_bp.add_url_rule("/account/preferences", view_func=auth.preferences,
                     methods=["GET", "POST"])
auth_bp.add_url_rule("/language", view_func=auth.switch_language, methods=["POST"])

orgs_bp = Blueprint("orgs", __name__)
orgs_bp.add_url_rule("/organizations/", view_func=organizations.org_list)
orgs_bp.add_url_rule("/organizations/new", view_func=organizations.org_create,
                     methods=["GET", "POST"])
orgs_bp.add_url_rule("/organizations/duplicates", view_func=organizations.org_duplicates)
orgs_bp.add_url_rule("/organizations/<int:org_id>", view_func=organizations.org_view)
orgs_bp.add_url_rule("/organizations/<int:org_id>/edit", view_func=organizations.org_edit,
                     methods=["GET", "POST"])
orgs_bp.add_url_rule("/organizations/<int:org_id>/delete", view_func=organizations.org_delete,
                     methods=["POST"])
orgs_bp.add_url_rule("/organizations/<int:org_id>/contacts/new",
                     view_func=organizations.contact_create, methods=["GET", "POST"])
orgs_bp.add_url_rule("/contacts/", view_func=organizations.contact_list)
orgs_bp.add_url_rule("/contacts/<int:contact_id>", view_func=organizations.contact_view)
orgs_bp.add_url_rule("/contacts/<int:contact_id>/edit", view_func=organizations.contact_edit,
                     methods=["GET", "POST"])
orgs_bp.add_url_rule("/contacts/<int:contact_id>/delete",
                     view_func=organizations.contact_delete, methods=["POST"])

admin_bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_bp.add_url_rule("/users/", view_func=admin.user_list)
admin_bp.add_url_rule("/users/new", view_func=admin.user_create, methods=["GET", "POST"])
admin_bp.add_url_rule("/users/<int:user_id>", view_func=admin.user_edit,
                      methods=["GET", "POST"])
admin_bp.add_url_rule("/users/<int:user_id>/password", view_func=admin.user_reset_password,
                      methods=["POST"])
admin_bp.add_url_rule("/users/<int:user_id>/active", view_func=admin.user_set_active,
                      methods=["POST"])
admin_bp.add_url_rule("/departments/", view_func=admin.department_list)
admin_bp.add_url_rule("/departments/new", view_func=admin.department_create,
                      methods=["GET", "POST"])
admin_bp.add_url_rule("/departments/<int:department_id>", view_func=admin.department_edit,
                      methods=["GET", "POST"])
admin_bp.add_url_rule("/departments/<int:department_id>/delete",
                      view_func=admin.department_delete, methods=["POST"])
admin_bp.add_url_rule("/audit", view_func=admin.audit_log)
admin_bp.add_url_rule("/calendar", view_func=admin.calendar_days, methods=["GET", "POST"])
admin_bp.add_url_rule("/calendar/<int:day_id>/delete", view_func=admin.calendar_day_delete,
                      methods=["POST"])
admin_bp.add_url_rule("/calendar/years", view_func=admin.calendar_year_save, methods=["POST"])
admin_bp.add_url_rule("/calendar/import", view_func=admin.calendar_import, methods=["POST"])
admin_bp.add_url_rule("/calendar/years/<int:year>/delete", view_func=admin.calendar_year_delete,
                      methods=["POST"])

notifications_bp = Blueprint("core_notifications", __name__)
notifications_bp.add_url_rule("/notifications/", view_func=notifications.notification_list)
notifications_bp.add_url_rule("/notifications/<int:notification_id>/open",
                              view_func=notifications.notification_open, methods=["POST"])
notifications_bp.add_url_rule("/notifications/read-all",
                              view_func=notifications.notification_read_all, methods=["POST"])

#: endpoints a user who must change their password may still reach
_OPEN_ENDPOINTS = {"auth.change_password", "auth.logout", "auth.login", "auth.switch_language",
                   "main.healthz", "static", "bootstrap.static"}


@login_manager.user_loader
def _load_user(session_id: str):
    """The user of a session id "<id>:<generation>" (User.get_id), or None when the
    user has ended their sessions since (logout, password change, deactivation, reset)
    or the id has an older form: the browser then has to log in again."""
    user_id, _, generation = (session_id or "").partition(":")
    if not (user_id.isdigit() and generation.isdigit()):
        return None
    user = db.session.scalar(select(User).where(User.id == int(user_id)))
    if user is None or not user.active or user.session_generation != int(generation):
        return None
    return user


def _force_password_change():
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in _OPEN_ENDPOINTS
    ):
        return redirect(url_for("auth.change_password"))
    return None


def _navigation_counts():
    """Counted once per request: a page may render partials (actions under each forum
    post), and every render_template runs the context processors."""
    if getattr(current_user, "is_authenticated", False):
        if "_sicrm_unread_notifications" not in g:
            g._sicrm_unread_notifications = notification_services.unread_count(current_user)
        return {"unread_notifications": g._sicrm_unread_notifications}
    return {"unread_notifications": 0}


def _record_submission(response):
    concurrency.record_result(response)
    return response


def _calendar_banner():
    """Administrators: the year whose official holidays should be entered now (from 1
    October for the next year), once per request."""
    if not (getattr(current_user, "is_authenticated", False)
            and permissions.has_permission(current_user, "calendar.manage")):
        return {"calendar_banner_year": None}
    if "_sicrm_calendar_banner" not in g:
        g._sicrm_calendar_banner = calendar_years.banner_year()
    return {"calendar_banner_year": g._sicrm_calendar_banner}


def register(app) -> None:
    inputs.init_app(app)  # bounded <int:…> converter: before any rule is added
    for blueprint in (main_bp, auth_bp, orgs_bp, admin_bp, notifications_bp):
        app.register_blueprint(blueprint)
    app.context_processor(_calendar_banner)
    app.jinja_env.globals["provisional"] = provisional
    register_check("calendar", calendar_years.coverage,
                   healthy=lambda part: part["current_year_covered"])
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    base_url.init_app(app)  # before anything that may answer early (a redirect)
    app.before_request(_force_password_change)
    app.after_request(_record_submission)
    jobs.register("sicrm.form_submissions_cleanup", concurrency.forget_old_submissions,
                  "SICRM_SUBMISSION_CLEANUP_SECONDS")
    app.after_request(set_security_headers)
    app.context_processor(_navigation_counts)
    core_tasks.register()
    app.register_error_handler(403, main.forbidden)
    app.register_error_handler(404, main.not_found)
    app.register_error_handler(500, main.server_error)
    app.register_error_handler(400, main.bad_request)
    app.register_error_handler(429, main.too_many_requests)
    app.register_error_handler(CSRFError, main.csrf_error)
