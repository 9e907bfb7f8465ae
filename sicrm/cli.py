"""The `sicrm` command: Flask's commands (run, shell, db …) plus each package's own."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup, with_appcontext

from sicrm import create_app
from sicrm.core.cli import calendar, user
from sicrm.core.demo import db_is_empty, load_demo
from sicrm.extensions import db
from sicrm.forum.demo import load_demo_forum
from sicrm.forum.schedule.demo import load_demo_events
from sicrm.forum.tasks.demo import load_demo_tasks
from sicrm.knowledge.cli import kb
from sicrm.knowledge.demo import load_demo_knowledge
from sicrm.knowledge.related.demo import load_demo_related
from sicrm.knowledge.search import engine as search_engine
from sicrm.knowledge.search.cli import reindex_command, search_command
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.templates_lib.cli import templates
from sicrm.workflow.alarms.cli import alarms, scheduler_command
from sicrm.workflow.delivery.cli import delivery
from sicrm.workflow.demo import load_demo_projects

#: demo loaders, in dependency order; each adds what is missing, returns a count
DEMO_LOADERS = [load_demo, seed_builtin_templates, load_demo_projects, load_demo_knowledge,
                load_demo_related, load_demo_forum, load_demo_events, load_demo_tasks]


@click.group(cls=FlaskGroup, create_app=create_app, load_dotenv=False,
             set_debug_flag=False)
def main() -> None:
    """sicrm: project-oriented CRM for system integrators."""


@main.command()
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
@with_appcontext
def demo(if_empty):
    """Load the demo company (idempotent: existing records are kept)."""
    if if_empty and not db_is_empty():
        click.echo("Demo data: nothing to add.")
        return
    created = sum(loader() for loader in DEMO_LOADERS)
    db.session.commit()
    search_engine.drain()  # searchable at once, even before the scheduler runs
    click.echo(f"Demo data: {created} records added." if created else "Demo data: nothing to add.")


main.add_command(user)
main.add_command(templates)
main.add_command(alarms)
main.add_command(delivery)
main.add_command(scheduler_command)
main.add_command(search_command)
main.add_command(reindex_command)
main.add_command(kb)
main.add_command(calendar)
