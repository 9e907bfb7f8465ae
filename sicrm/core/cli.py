"""Core commands: users, the official calendar."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.calendar_import import parse_file
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
from sicrm.core.services import calendar_years
from sicrm.core.services import users as user_services
from sicrm.extensions import db


@click.group()
def user() -> None:
    """Manage user accounts."""


@user.command("create")
@click.option("--username", required=True)
@click.option("--name", "full_name", required=True, help="Full name shown in the app.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--email", default=None)
@click.option("--role", "roles", multiple=True, type=click.Choice(R.ALL_ROLES),
              help="A global role; repeat for several.")
@click.option("--admin", is_flag=True, help="Shortcut for --role admin.")
@click.option("--department", default=None, help="Department name.")
@with_appcontext
def create_user(username, full_name, password, email, roles, admin, department):
    """Create a user (e.g. the first administrator)."""
    department_id = None
    if department:
        department_id = db.session.scalar(select(Department.id).where(Department.name == department))
        if department_id is None:
            raise click.ClickException(f"No department named {department!r}.")
    try:
        created = user_services.create_user(
            None, username=username, full_name=full_name, password=password, email=email,
            roles=set(roles) | ({R.ADMIN} if admin else set()), department_id=department_id,
        )
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Created user {created.username} ({', '.join(sorted(created.roles)) or 'no roles'}).")


@user.command("set-password")
@click.option("--username", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def set_password(username, password):
    """Set a user's password (they must change it at the next login)."""
    found = db.session.scalar(select(User).where(User.username == username.lower()))
    if found is None:
        raise click.ClickException(f"No user named {username!r}.")
    try:
        user_services.reset_password(None, found, password)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Password of {found.username} set.")


@click.group("calendar")
def calendar() -> None:
    """The working-day calendar: official holidays by year."""


@calendar.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=click.IntRange(2000, 2100), default=None,
              help="Take only this year from the file (needed when it holds several).")
@with_appcontext
def calendar_import(file: Path, year: int | None):
    """Import a year's official holidays and make-up working days from a CSV or an
    iCalendar (.ics) file; open projects are re-planned on it."""
    if file.stat().st_size > 1024 * 1024:
        raise click.ClickException("A calendar file may hold at most 1 MB.")
    try:
        spans, source = parse_file(file.name, file.read_bytes())
        saved = calendar_years.save_year(None, spans, year=year, source=source)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"{saved.year}: {saved.holidays} holidays, {saved.workdays} make-up working "
               f"days saved; {saved.replanned} open projects re-planned.")
    for warning in saved.warnings:
        click.echo(f"warning: {warning}", err=True)


@calendar.command("status")
@with_appcontext
def calendar_status():
    """How far the official calendar is known (as /healthz reports it)."""
    report = calendar_years.coverage()
    click.echo(f"covered until: {report['covered_until'] or 'not this year'}")
    for warning in report["warnings"]:
        click.echo(f"warning: {warning}")
