"""`sicrm scheduler` (the process that runs timed work) and `sicrm alarms scan`."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import click
from flask import current_app
from flask.cli import with_appcontext

from sicrm.extensions import db
from sicrm.projects.services import leftovers
from sicrm.workflow.alarms import scheduler as engine


@click.command("scheduler")
@click.option("--once", is_flag=True,
              help="Take the lease, run one round (scan, outbox, digest) and exit.")
@click.option("--holder", default=None, help="Name of this scheduler in the lease row.")
@with_appcontext
def scheduler_command(once, holder):
    """Run the scheduler: alarm scans, outbox sending, daily digests."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if once:
        result = engine.tick(holder or engine.holder_name())
        if result is None:
            click.echo("Another scheduler holds the lease; nothing done.")
            return
        click.echo(json.dumps({"raised": result["scan"].raised,
                               "repeated": result["scan"].repeated,
                               "delivered": result["scan"].delivered,
                               "resolved": result["scan"].resolved,
                               "outbox": result["drain"], "digests": result["digest"]}))
        return
    code = engine.run_forever(current_app._get_current_object(), holder)
    if code:
        raise SystemExit(code)


def parse_at(value: str | None) -> datetime | None:
    """The --at option: an ISO 8601 time (naive UTC; an offset is converted to UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a time in ISO 8601 form, e.g. 2026-03-20T01:00",
            param_hint="'--at'") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


@click.group("alarms")
def alarms():
    """Alarm commands."""


@alarms.command("scan")
@click.option("--at", "at", default=None, help="Scan as of this UTC time (ISO 8601).")
@with_appcontext
def scan_command(at):
    """Run one alarm scan now (without the lease; safe, every alarm is raised once)."""
    now = parse_at(at)
    result = engine.run_scan(now)
    click.echo(json.dumps({"raised": result.raised, "repeated": result.repeated,
                           "delivered": result.delivered, "resolved": result.resolved,
                           "digests": result.digests, "errors": result.errors}))


@alarms.command("tidy")
@with_appcontext
def tidy_command():
    """Cancel the milestones and tasks that finished stages and won, lost, abandoned or
    closed projects left open (from before they were cancelled with them); their
    alarms are resolved. Safe to run again."""
    milestones, tasks = leftovers.tidy()
    db.session.commit()
    click.echo(f"Cancelled {milestones} milestone(s) and {tasks} task(s) left open.")
