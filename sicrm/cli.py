"""The `sicrm` command: Flask's commands (run, shell, db …) plus each package's own."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup

from sicrm import create_app
from sicrm.core.cli import demo, user


@click.group(cls=FlaskGroup, create_app=create_app, load_dotenv=False,
             set_debug_flag=False)
def main() -> None:
    """sicrm: project-oriented CRM for system integrators."""


main.add_command(user)
main.add_command(demo)
