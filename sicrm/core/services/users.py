"""Accounts: creating and changing users, passwords, logging in with throttling."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import delete, func, select

from sicrm.core import roles as R
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, LoginFailure, User, UserRole, utcnow
from sicrm.core.services.passwords import hash_password, needs_rehash, verify_password
from sicrm.extensions import db

USER_FIELDS = ("email", "phone", "department_id", "locale")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def check_password_policy(password: str) -> None:
    minimum = current_app.config["SICRM_PASSWORD_MIN_LENGTH"]
    if len(password or "") < minimum:
        raise ServiceError(
            _l("The password must have at least %(n)d characters.", n=minimum), "password"
        )
    if password.isdigit() or password.isalpha():
        raise ServiceError(
            _l("The password must mix letters with digits or symbols."), "password"
        )


def _set_roles(user: User, roles) -> None:
    wanted = set(roles or ())
    unknown = wanted - set(R.ALL_ROLES)
    if unknown:
        raise ServiceError(_l("Unknown role: %(role)s", role=", ".join(sorted(unknown))))
    user.role_links = [link for link in user.role_links if link.role in wanted]
    have = {link.role for link in user.role_links}
    user.role_links += [UserRole(role=role) for role in sorted(wanted - have)]


def _check_department(department_id) -> None:
    if department_id is not None and db.session.get(Department, department_id) is None:
        raise ServiceError(_l("The department does not exist."), "department_id")


def create_user(
    actor, *, username: str, full_name: str, password: str, roles=(), active: bool = True,
    **fields
) -> User:
    set_actor(actor)
    username = normalize_username(username)
    if not username:
        raise ServiceError(_l("A username is required."), "username")
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise ServiceError(_l("This username is already taken."), "username")
    check_password_policy(password)
    _check_department(fields.get("department_id"))
    user = User(
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        **{key: fields.get(key) for key in USER_FIELDS},
        must_change_password=bool(fields.get("must_change_password", False)),
        active=active,
    )
    _set_roles(user, roles)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(actor, user: User, *, roles=None, active=None, **fields) -> User:
    set_actor(actor)
    if "department_id" in fields:
        _check_department(fields["department_id"])
    for key in ("full_name", *USER_FIELDS):
        if key in fields:
            setattr(user, key, fields[key])
    if roles is not None:
        if user.id == actor.id and R.ADMIN in user.roles and R.ADMIN not in roles:
            raise ServiceError(_l("You cannot remove your own administrator role."), "roles")
        _set_roles(user, roles)
    if active is not None:
        set_active(actor, user, active)
    db.session.flush()
    return user


def set_active(actor, user: User, active: bool) -> None:
    set_actor(actor)
    if not active and user.id == actor.id:
        raise ServiceError(_l("You cannot deactivate your own account."))
    if user.active and not active:
        user.end_sessions()
    user.active = active
    db.session.flush()


def reset_password(actor, user: User, new_password: str) -> None:
    """An administrator sets a temporary password; the user must change it."""
    set_actor(actor)
    check_password_policy(new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = True
    user.end_sessions()
    db.session.execute(
        delete(LoginFailure).where(LoginFailure.username_key == user.username)
    )
    db.session.flush()


def change_own_password(user: User, current: str, new_password: str) -> None:
    set_actor(user)
    if not verify_password(user.password_hash, current):
        raise ServiceError(_l("The current password is wrong."), "current_password")
    if current == new_password:
        raise ServiceError(
            _l("The new password must differ from the current one."), "new_password"
        )
    check_password_policy(new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.end_sessions()  # the caller logs this browser in again
    db.session.flush()


def log_out(user: User) -> None:
    """Logging out ends every session of the user, not only this browser's: a session
    cookie copied from it (or left in another browser) is refused from now on."""
    user.end_sessions()
    db.session.flush()


def set_locale(user: User, locale: str | None) -> None:
    set_actor(user)
    user.locale = locale
    db.session.flush()


# -- logging in ----------------------------------------------------------------


class LoginRefused(ServiceError):
    pass


def _client_failures(username_key: str, client: str) -> tuple[int, datetime | None]:
    """How many times this client failed for this username within the window, and
    when it last did."""
    since = utcnow() - timedelta(minutes=current_app.config["SICRM_LOGIN_LOCK_MINUTES"])
    count, last = db.session.execute(
        select(func.count(LoginFailure.id), func.max(LoginFailure.created_dt)).where(
            LoginFailure.username_key == username_key, LoginFailure.ip == client,
            LoginFailure.created_dt >= since)
    ).one()
    return count or 0, last


def login_delay(failures: int) -> timedelta:
    """The wait a client earns after `failures` failures for one username: none up
    to SICRM_LOGIN_MAX_FAILURES, then SICRM_LOGIN_BACKOFF_SECONDS doubling with each
    further failure, at most SICRM_LOGIN_LOCK_MINUTES."""
    config = current_app.config
    over = failures - config["SICRM_LOGIN_MAX_FAILURES"]
    if over < 0:
        return timedelta(0)
    seconds = config["SICRM_LOGIN_BACKOFF_SECONDS"] * 2 ** min(over, 20)
    return timedelta(seconds=min(seconds, config["SICRM_LOGIN_LOCK_MINUTES"] * 60))


def _wait_message(wait: timedelta):
    seconds = max(1, int(wait.total_seconds() + 0.999))
    if seconds < 120:
        return lazy_ngettext(
            "Too many failed attempts. Please try again in %(num)d second.",
            "Too many failed attempts. Please try again in %(num)d seconds.", seconds)
    minutes = (seconds + 59) // 60
    return lazy_ngettext(
        "Too many failed attempts. Please try again in %(num)d minute.",
        "Too many failed attempts. Please try again in %(num)d minutes.", minutes)


def authenticate(username: str, password: str, ip: str | None = None) -> User:
    """The user for these credentials, or LoginRefused with a message that never
    tells whether the username exists. Failures are recorded (the caller commits
    either way) per username and client: after SICRM_LOGIN_MAX_FAILURES, that client
    waits a growing delay before it may try that username again (even with the right
    password). Another client (the account's owner at their own desk) is not held
    up, so nobody can lock someone else out; guessing from many clients is slowed by
    the per-client request limits on the login route."""
    key = normalize_username(username)[:64]
    client = (ip or "")[:64]
    failures, last = _client_failures(key, client)
    if last is not None:
        wait = last + login_delay(failures) - utcnow()
        if wait > timedelta(0):
            raise LoginRefused(_wait_message(wait))
    user = db.session.scalar(select(User).where(User.username == key))
    if not verify_password(user.password_hash if user else None, password) or not (
        user and user.active
    ):
        db.session.add(LoginFailure(username_key=key, ip=client))
        db.session.flush()
        raise LoginRefused(_l("Invalid username or password."))
    db.session.execute(delete(LoginFailure).where(LoginFailure.username_key == key,
                                                  LoginFailure.ip == client))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_dt = utcnow()
    db.session.flush()
    return user
