"""Core commands: users and demo data."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
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
