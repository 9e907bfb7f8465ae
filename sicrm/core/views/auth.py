"""Log in and out, own password and preferences."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from sicrm.core.errors import ServiceError
from sicrm.core.forms import ChangePasswordForm, LoginForm, PreferencesForm
from sicrm.core.services import users as user_services
from sicrm.core.views.helpers import safe_next, show_error
from sicrm.extensions import db


def _fresh_session() -> None:
    """Start a new session, keeping only the language this browser chose."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        try:
            user = user_services.authenticate(
                form.username.data, form.password.data, request.remote_addr
            )
        except user_services.LoginRefused as error:
            db.session.commit()  # the failure counts even though the login did not
            form.form_errors.append(error.message)
            return render_template("core/login.html", form=form), 200
        db.session.commit()
        _fresh_session()  # no session fixation
        login_user(user)
        session.permanent = True
        if user.must_change_password:
            flash(_("Please choose a new password."), "warning")
            return redirect(url_for("auth.change_password"))
        return redirect(safe_next(form.next.data) or url_for("main.index"))
    return render_template("core/login.html", form=form)


def logout():
    if current_user.is_authenticated:
        user_services.log_out(current_user)
        db.session.commit()
    logout_user()
    _fresh_session()
    flash(_("You have logged out in this and every other browser."), "info")
    return redirect(url_for("auth.login"))


@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user_services.change_own_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            user = current_user._get_current_object()
            _fresh_session()
            login_user(user)  # this browser goes on; every other session has ended
            session.permanent = True
            flash(_("Your password has been changed. Other browsers have been logged "
                    "out."), "success")
            return redirect(url_for("main.index"))
    return render_template("core/change_password.html", form=form)


@login_required
def preferences():
    form = PreferencesForm(locale=current_user.locale or "")
    if form.validate_on_submit():
        user_services.set_locale(current_user, form.locale.data or None)
        db.session.commit()
        session.pop("locale", None)
        flash(_("Your preferences have been saved."), "success")
        return redirect(url_for("auth.preferences"))
    return render_template("core/preferences.html", form=form)


def switch_language():
    """The language switcher in the page: remembered for this browser, and saved
    to the user's preference when logged in. POST with CSRF."""
    form = PreferencesForm()
    if form.validate_on_submit() and form.locale.data:
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            user_services.set_locale(current_user, form.locale.data)
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))
