"""What every channel shares: queueing an outbox row once (held to the delivery
hours), absolute links, the recipient's language, and the error a sender raises."""
from __future__ import annotations

from contextlib import contextmanager

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from sicrm.core.base_url import base_url
from sicrm.core.models import OutboxMessage, User, utcnow
from sicrm.extensions import db
from sicrm.workflow.delivery.services import hours

#: outbox statuses; "sending" marks a row claimed by a drainer (until its lease ends)
PENDING, SENDING, SENT, FAILED, DEAD = "pending", "sending", "sent", "failed", "dead"


class DeliveryError(Exception):
    """A channel refused or could not take a message. Permanent errors are not retried;
    `timeout`: the target did not answer in time (the drain skips it for the rest of
    its pass)."""

    def __init__(self, message: str, permanent: bool = False, timeout: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.timeout = timeout


def absolute_url(url: str | None) -> str | None:
    """A path inside the app becomes a link readers can open from outside it."""
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    return f"{base_url()}/{url.lstrip('/')}"


def app_path(endpoint: str, **values) -> str:
    """The path of an endpoint, outside a request (the scheduler has none)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def default_locale() -> str:
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@contextmanager
def user_locale(user: User | None):
    """Render what follows in the user's language (else the app's default)."""
    locale = getattr(user, "locale", None)
    if locale not in current_app.config["SICRM_LOCALES"]:
        locale = default_locale()
    with force_locale(locale):
        yield


def dedupe_taken(key: str | None) -> bool:
    return key is not None and db.session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)) is not None


def queue_message(channel: str, recipient: str, subject: str, body: str,
                  url: str | None = None, user_id: int | None = None,
                  dedupe_key: str | None = None, held: bool = True) -> OutboxMessage | None:
    """Add one outbox row in the caller's transaction; None when `dedupe_key` was
    already queued (the message is sent once, however often it is asked for).
    `held`: not sent before the delivery window opens (hours.py); a test message
    asked for by a person is not held."""
    if dedupe_taken(dedupe_key):
        return None
    now = utcnow()
    message = OutboxMessage(channel=channel, recipient=recipient, user_id=user_id,
                            subject=subject[:300], body=body, url=absolute_url(url),
                            dedupe_key=dedupe_key, status=PENDING, attempts=0,
                            created_dt=now,
                            next_attempt_dt=hours.not_before(now) if held else now)
    db.session.add(message)
    db.session.flush()
    return message
