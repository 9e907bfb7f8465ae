"""`sicrm delivery …`: send the outbox or the digests now (the scheduler does both on
its own), and check the SMTP settings with a test e-mail."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.workflow.delivery.services import digest, outbox, queue_email
from sicrm.workflow.delivery.services.common import user_locale


@click.group()
def delivery() -> None:
    """E-mail and webhook delivery."""


@delivery.command()
@click.option("--limit", default=100, show_default=True, help="Most messages to send.")
@with_appcontext
def drain(limit):
    """Send the due outbox messages now."""
    counts = outbox.drain(limit=limit)
    click.echo(f"sent {counts['sent']}, failed {counts['failed']}, dead {counts['dead']}")


@delivery.command()
@with_appcontext
def digests():
    """Queue today's digests now (once a day per user, however often it runs)."""
    click.echo(f"{digest.send_digests()} digests queued")


@delivery.command("test-email")
@click.argument("username")
@with_appcontext
def test_email(username):
    """Queue a test e-mail to USERNAME's address and send the outbox."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no user {username!r}")
    with user_locale(user):
        message = queue_email(user, _("sicrm test message"),
                              _("This is a test e-mail from sicrm. If you read it, e-mail "
                                "delivery works."))
    if message is None:
        raise click.ClickException("nothing queued: SICRM_SMTP_HOST is empty or the user "
                                   "has no e-mail address")
    db.session.commit()
    counts = outbox.drain()
    db.session.refresh(message)
    click.echo(f"{message.status}: {message.last_error or 'ok'} ({counts})")
