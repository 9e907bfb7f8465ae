"""Administration: users, departments and the audit log."""
from __future__ import annotations

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import permissions as P
from sicrm.core import queries
from sicrm.core.audit_display import describe, entity_labels, object_labels
from sicrm.core.choices import pairs
from sicrm.core.calendar_import import parse_file, parse_lines
from sicrm.core.errors import ServiceError
from sicrm.core.forms import (
    CalendarDayForm,
    CalendarImportForm,
    CalendarYearForm,
    ConfirmForm,
    DepartmentForm,
    ResetPasswordForm,
    UserForm,
)
from sicrm.core.models import CalendarDay, Department, User
from sicrm.core.roles import ROLE_LABELS
from sicrm.core.services import calendar_days as calendar_services
from sicrm.core.services import calendar_years
from sicrm.core.services import departments as dept_services
from sicrm.core.services import users as user_services
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate, show_error
from sicrm.core.text import by_pinyin
from sicrm.extensions import db


def _department_choices(field, exclude: Department | None = None) -> None:
    field.choices = pairs(
        (dept.id, "\u3000" * depth + dept.name)
        for dept, depth in dept_services.department_tree()
        if exclude is None or dept.id != exclude.id
    )


def _user_choices(field) -> None:
    rows = db.session.execute(
        select(User.id, User.full_name, User.username)
        .where(User.active.is_(True))
        .order_by(User.full_name)
    ).all()
    field.choices = pairs((uid, f"{name} ({login})") for uid, name, login in by_pinyin(rows))


# -- users --------------------------------------------------------------------------------


@login_required
@P.require("user.manage")
def user_list():
    args = {
        "q": request.args.get("q", "").strip(),
        "role": request.args.get("role", ""),
        "department_id": arg_int("department"),
        "active": request.args.get("active", ""),
    }
    page = paginate(queries.users(**args))
    return render_template(
        "core/admin/user_list.html", page=page, args=args, role_labels=ROLE_LABELS,
        departments=dept_services.department_tree(),
    )


@login_required
@P.require("user.manage")
def user_create():
    form = UserForm()
    _department_choices(form.department_id)
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("An initial password is required."))
        elif commit_service(
                lambda: user_services.create_user(
                    current_user, username=form.username.data, full_name=form.full_name.data,
                    password=form.password.data, roles=form.roles.data,
                    email=form.email.data or None, phone=form.phone.data or None,
                    department_id=form.department_id.data, locale=form.locale.data or None,
                    active=form.active.data, must_change_password=True),
                form, _("User %(name)s created.", name=form.username.data.strip().lower())):
            return redirect(url_for("admin.user_list"))
    return render_template("core/admin/user_form.html", form=form, user=None)


@login_required
@P.require("user.manage")
def user_edit(user_id: int):
    user = get_or_404(User, user_id)
    form = UserForm(obj=user, roles=sorted(user.roles), locale=user.locale or "")
    form.username.render_kw = {"readonly": True}
    _department_choices(form.department_id)
    if request.method == "POST":
        form.username.data = user.username  # not editable
    if form.validate_on_submit() and commit_service(
            lambda: user_services.update_user(
                current_user, user, full_name=form.full_name.data,
                email=form.email.data or None, phone=form.phone.data or None,
                department_id=form.department_id.data, locale=form.locale.data or None,
                roles=form.roles.data, active=form.active.data),
            form, _("Saved.")):
        return redirect(url_for("admin.user_list"))
    return render_template(
        "core/admin/user_form.html", form=form, user=user, reset_form=ResetPasswordForm()
    )


@login_required
@P.require("user.manage")
def user_reset_password(user_id: int):
    user = get_or_404(User, user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        commit_service(
            lambda: user_services.reset_password(current_user, user, form.new_password.data),
            success=_("The password of %(name)s was reset; they must change it at the next "
                      "login.", name=user.username))
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "danger")
    return redirect(url_for("admin.user_edit", user_id=user.id))


@login_required
@P.require("user.manage")
def user_set_active(user_id: int):
    user = get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        commit_service(
            lambda: user_services.set_active(current_user, user, request.form.get("active") == "1"),
            success=_("Saved."))
    return redirect(url_for("admin.user_list"))


# -- departments --------------------------------------------------------------------


@login_required
@P.require("department.manage")
def department_list():
    return render_template(
        "core/admin/department_list.html",
        tree=dept_services.department_tree(),
        confirm=ConfirmForm(),
    )


def _department_form(department: Department | None):
    form = DepartmentForm(obj=department)
    _department_choices(form.parent_id, exclude=department)
    _user_choices(form.head_id)
    if form.validate_on_submit():
        fields = {"name": form.name.data, "parent_id": form.parent_id.data,
                  "head_id": form.head_id.data}
        action = (partial(dept_services.create_department, current_user, **fields)
                  if department is None else
                  partial(dept_services.update_department, current_user, department, **fields))
        if commit_service(action, form, _("Saved.")):
            return redirect(url_for("admin.department_list"))
    return render_template("core/admin/department_form.html", form=form, department=department)


@login_required
@P.require("department.manage")
def department_create():
    return _department_form(None)


@login_required
@P.require("department.manage")
def department_edit(department_id: int):
    return _department_form(get_or_404(Department, department_id))


@login_required
@P.require("department.manage")
def department_delete(department_id: int):
    department = get_or_404(Department, department_id)
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: dept_services.delete_department(current_user, department),
                       success=_("Department deleted."))
    return redirect(url_for("admin.department_list"))


# -- audit log ------------------------------------------------------------------------


@login_required
@P.require("audit.view")
def audit_log():
    args = {
        "object_type": request.args.get("type", ""),
        "actor_id": arg_int("actor"),
        "action": request.args.get("action", ""),
    }
    page = paginate(queries.audit_entries(**args), per_page=50)
    return render_template("core/admin/audit_log.html", page=page, args=args,
                           audit_types=entity_labels(), changes=describe(page.items),
                           labels=object_labels(page.items))


# -- working-day calendar ------------------------------------------------------------


@login_required
@P.require("calendar.manage")
def calendar_days():
    form = CalendarDayForm()
    if form.validate_on_submit() and commit_service(
            lambda: calendar_services.add_day(current_user, day=form.day.data,
                                              kind=form.kind.data, note=form.note.data),
            form, _("Saved.")):
        return redirect(url_for("admin.calendar_days"))
    return _calendar_page(form=form)


#: an official calendar file is small: a year is a few dozen lines
CALENDAR_FILE_MAX = 1024 * 1024


def _calendar_page(form=None, year_form=None, import_form=None, status=200):
    """The one working-day calendar page: company exceptions and official years."""
    days = db.session.scalars(select(CalendarDay).order_by(CalendarDay.day.desc())).all()
    if year_form is None:
        year_form = CalendarYearForm(formdata=None)
        edit = arg_int("year")
        if edit is not None and 2000 <= edit <= 2100:
            year_form.year.data = edit
            year_form.holidays.data, year_form.workdays.data = calendar_years.as_lines(edit)
    return render_template(
        "core/admin/calendar.html", form=form or CalendarDayForm(formdata=None), days=days,
        confirm=ConfirmForm(), year_form=year_form,
        import_form=import_form or CalendarImportForm(formdata=None),
        years=calendar_years.entered(), coverage=calendar_years.coverage()), status


def _saved(saved) -> None:
    flash(_("Saved the official calendar of %(year)s: %(holidays)s holidays, %(workdays)s "
            "make-up working days; %(projects)s open projects re-planned.", year=saved.year,
            holidays=saved.holidays, workdays=saved.workdays, projects=saved.replanned),
          "success")
    for warning in saved.warnings:
        flash(warning, "warning")


def _lines(text: str, kind: str, field: str):
    """parse_lines, its refusal shown on the text field it came from."""
    try:
        return parse_lines(text, kind)
    except ServiceError as error:
        error.field = error.field or field
        raise


@login_required
@P.require("calendar.manage")
def calendar_year_save():
    form = CalendarYearForm()

    def spans():
        return (_lines(form.holidays.data, "off", "holidays")
                + _lines(form.workdays.data or "", "work", "workdays"), "form")

    return _save_calendar_year(form, spans, "year_form")


@login_required
@P.require("calendar.manage")
def calendar_import():
    form = CalendarImportForm()

    def spans():
        upload = form.file.data
        data = upload.read(CALENDAR_FILE_MAX + 1)
        if len(data) > CALENDAR_FILE_MAX:
            raise ServiceError(_("A calendar file may hold at most 1 MB."), "file")
        return parse_file(upload.filename or "", data)

    return _save_calendar_year(form, spans, "import_form")


def _save_calendar_year(form, read_spans, slot: str):
    """Validate `form`, read its (spans, source) and save the year in one transaction;
    a refusal re-renders the calendar page with the message on `form`."""
    if not form.validate_on_submit():
        return _calendar_page(**{slot: form}, status=400)
    try:
        spans, source = read_spans()
        saved = calendar_years.save_year(current_user, spans, year=form.year.data,
                                         source=source)
    except ServiceError as error:
        db.session.rollback()
        show_error(form, error)
        return _calendar_page(**{slot: form}, status=400)
    db.session.commit()
    _saved(saved)
    return redirect(url_for("admin.calendar_days", year=saved.year))


@login_required
@P.require("calendar.manage")
def calendar_year_delete(year: int):
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: calendar_years.delete_year(current_user, year), None,
                       _("Deleted."))
    return redirect(url_for("admin.calendar_days"))


@login_required
@P.require("calendar.manage")
def calendar_day_delete(day_id: int):
    entry = get_or_404(CalendarDay, day_id)
    if ConfirmForm().validate_on_submit():
        calendar_services.delete_day(current_user, entry)
        db.session.commit()
        flash(_("Deleted."), "success")
    return redirect(url_for("admin.calendar_days"))
