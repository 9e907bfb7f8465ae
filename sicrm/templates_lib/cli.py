"""`sicrm templates …`: export, import and seed project templates."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.templates_lib import queries
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.templates_lib.services import transfer


@click.group("templates")
def templates() -> None:
    """Project templates: export, import, built-ins."""


@templates.command("export")
@click.argument("template_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--version", "number", type=int, default=None,
              help="Version number (default: the latest published one, else the draft).")
@with_appcontext
def export_command(template_id, fmt, output, number):
    """Export template TEMPLATE_ID as JSON or YAML."""
    template = db.session.get(ProjectTemplate, template_id)
    if template is None:
        raise click.ClickException(f"No template with id {template_id}.")
    if number is not None:
        version = next((v for v in template.versions if v.number == number), None)
    else:
        version = queries.current_version(template) or queries.latest_version(template)
    if version is None:
        raise click.ClickException("No such version.")
    content, filename, _type = transfer.export_version(version, fmt)
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        output.write_bytes(content)
        click.echo(f"Wrote {output} (v{version.number}).", err=True)


@templates.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "username", default=None, help="User recorded as the importer.")
@with_appcontext
def import_command(path, username):
    """Import a template file (.json, .yaml, .yml) as a new template with a draft."""
    actor = None
    if username:
        actor = db.session.scalar(select(User).where(User.username == username))
        if actor is None:
            raise click.ClickException(f"No user named {username!r}.")
    try:
        template, notes = transfer.import_template(actor, path.read_bytes(), path.name)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    for note in notes:
        click.echo(str(note), err=True)
    click.echo(f"Imported template {template.id}: {template.name_zh} (draft v1).")


@templates.command("seed")
@with_appcontext
def seed_command():
    """Create the built-in templates that are missing."""
    created = seed_builtin_templates()
    db.session.commit()
    click.echo(f"Built-in templates: {created} created." if created
               else "Built-in templates: nothing to add.")
