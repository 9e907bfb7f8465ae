"""The sender: drains the outbox with retries and exponential back-off.

A row is claimed in a short transaction of its own — status "sending" with a lease
in next_attempt_dt, attempts counted — by a conditional UPDATE that only one drainer
can win (PostgreSQL also skips rows another drainer has locked, SKIP LOCKED; SQLite
serialises writers with BEGIN IMMEDIATE). The message is then sent with no
transaction open, and its outcome committed at once: a crash leaves what was sent
marked sent, and a claim whose drainer died is taken again when its lease ends.
After SICRM_OUTBOX_MAX_ATTEMPTS failures (or a permanent refusal) a row is dead; an
administrator may retry it.

One slow target does not hold up the others: a drain pass sends at most
PER_TARGET messages to one target (the rest wait for the next pass), and a target
that timed out (or an SMTP server that did) is left alone for the rest of the pass."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, cast, func, select, update

from sicrm.core.errors import ServiceError
from sicrm.core.models import OutboxMessage, User, utcnow
from sicrm.extensions import db
from sicrm.workflow.delivery.services import hours, mail, webhooks
from sicrm.workflow.delivery.services.common import (
    DEAD,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    DeliveryError,
)
from sicrm.workflow.models import WebhookTarget

log = logging.getLogger(__name__)

#: how long a claim holds a row before another drainer may take it again
LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=6)
#: messages one drain pass sends to one target (one webhook, or the SMTP server)
PER_TARGET = 20
SENDERS = {"email": mail.send, **{kind: webhooks.send for kind in webhooks.KINDS}}
PROBLEMS = (FAILED, DEAD)


@dataclass(frozen=True)
class Envelope:
    """What a sender needs, read while claiming, so sending touches no session."""

    id: int
    channel: str
    recipient: str
    subject: str
    body: str
    url: str | None
    attempts: int
    target_url: str | None = None
    secret: str | None = None


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` tries: base, 2×base, 4×base … ≤ 6 h."""
    base = timedelta(seconds=current_app.config["SICRM_OUTBOX_RETRY_SECONDS"])
    return min(base * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _due(now: datetime):
    return (OutboxMessage.status.in_((PENDING, FAILED, SENDING))
            & (OutboxMessage.next_attempt_dt <= now))


def _target(channel: str, recipient: str) -> str:
    """Which target a message goes to: every e-mail goes through the SMTP server."""
    return "email" if channel == "email" else recipient


def _skip(targets: set[str]):
    """A WHERE clause leaving out the messages to `targets` (see _target)."""
    conditions = []
    if "email" in targets:
        conditions.append(OutboxMessage.channel != "email")
    hooks = sorted(targets - {"email"})
    if hooks:
        conditions.append(~and_(OutboxMessage.channel != "email",
                                OutboxMessage.recipient.in_(hooks)))
    return and_(*conditions) if conditions else None


def _claim(now: datetime, skip: set[str] | None = None) -> Envelope | bool:
    """The next due message, claimed and committed; False when none is due, True
    when another drainer won the race for the row (try the next). Messages to the
    targets in `skip` are left for a later pass."""
    condition = _due(now)
    left_out = _skip(skip or set())
    if left_out is not None:
        condition = and_(condition, left_out)
    query = select(OutboxMessage).where(condition).order_by(
        OutboxMessage.next_attempt_dt, OutboxMessage.id).limit(1)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    message = db.session.scalars(query).first()
    if message is None:
        db.session.rollback()
        return False
    won = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, _due(now))
        .values(status=SENDING, attempts=OutboxMessage.attempts + 1,
                next_attempt_dt=now + LEASE)
        .execution_options(synchronize_session=False)).rowcount
    if not won:
        db.session.rollback()
        return True
    target_url = secret = None
    if message.channel != "email":
        target = db.session.get(WebhookTarget, int(message.recipient)) \
            if message.recipient.isdigit() else None
        if target is not None and target.active and target.kind == message.channel:
            target_url, secret = target.url, target.secret
    envelope = Envelope(message.id, message.channel, message.recipient, message.subject,
                        message.body, message.url, message.attempts + 1, target_url, secret)
    db.session.commit()
    return envelope


def _record(envelope: Envelope, error: DeliveryError | None, now: datetime) -> str:
    if error is None:
        values = {"status": SENT, "sent_dt": utcnow(), "last_error": None}
    elif error.permanent or envelope.attempts >= current_app.config["SICRM_OUTBOX_MAX_ATTEMPTS"]:
        values = {"status": DEAD, "last_error": str(error)[:2000]}
    else:
        values = {"status": FAILED, "last_error": str(error)[:2000],
                  "next_attempt_dt": hours.not_before(now + backoff(envelope.attempts))}
    db.session.execute(update(OutboxMessage).where(
        OutboxMessage.id == envelope.id, OutboxMessage.status == SENDING).values(**values)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return values["status"]


def _send(envelope: Envelope) -> DeliveryError | None:
    sender = SENDERS.get(envelope.channel)
    if sender is None:
        return DeliveryError(f"unknown channel {envelope.channel!r}", permanent=True)
    try:
        sender(envelope)
    except DeliveryError as error:
        return error
    except Exception as error:  # a bug in one sender must not stop the others
        log.exception("outbox message %s: sender failed", envelope.id)
        return DeliveryError(f"{type(error).__name__}: {error}")
    return None


def drain(now: datetime | None = None, limit: int = 100,
          per_target: int | None = None) -> dict:
    """Send up to `limit` due messages, committing each outcome; returns counts
    {"sent": …, "failed": …, "dead": …}. At most `per_target` (PER_TARGET) go to one
    target, and a target that timed out gets nothing more in this pass."""
    now = now or utcnow()
    per_target = per_target or PER_TARGET
    counts = {SENT: 0, FAILED: 0, DEAD: 0}
    db.session.commit()  # claims must not ride on the caller's open transaction
    sent_to: dict[str, int] = {}
    skip: set[str] = set()
    tries = 0
    while sum(counts.values()) < limit and tries < limit * 2:
        tries += 1
        envelope = _claim(now, skip)
        if envelope is False:
            break
        if envelope is True:
            continue
        error = _send(envelope)
        counts[_record(envelope, error, now)] += 1
        target = _target(envelope.channel, envelope.recipient)
        sent_to[target] = sent_to.get(target, 0) + 1
        if (error is not None and error.timeout) or sent_to[target] >= per_target:
            skip.add(target)
    return counts


# -- administration ------------------------------------------------------------------


def problems_query(status: str | None = None):
    statuses = (status,) if status in (PENDING, SENDING, SENT, FAILED, DEAD) else PROBLEMS
    return select(OutboxMessage).where(OutboxMessage.status.in_(statuses)).order_by(
        OutboxMessage.created_dt.desc(), OutboxMessage.id.desc())


def problem_count() -> int:
    return db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.status.in_(PROBLEMS)))


def labels_for(messages) -> dict[int, str]:
    """message id → who it was for (the user's name, or the webhook's name), in two
    queries for a whole page."""
    user_ids = {m.user_id for m in messages if m.user_id}
    target_ids = {m.recipient for m in messages if m.channel != "email"}
    users = dict(db.session.execute(select(User.id, User.full_name).where(
        User.id.in_(user_ids))).all()) if user_ids else {}
    targets = dict(db.session.execute(select(cast(WebhookTarget.id, String), WebhookTarget.name)
                                      .where(cast(WebhookTarget.id, String).in_(target_ids)))
                   .all()) if target_ids else {}
    labels = {}
    for m in messages:
        if m.channel == "email":
            labels[m.id] = f"{users[m.user_id]} <{m.recipient}>" if m.user_id in users \
                else m.recipient
        else:
            labels[m.id] = targets.get(m.recipient, f"#{m.recipient}")
    return labels


def _reset(query) -> int:
    return db.session.execute(query.values(
        status=PENDING, attempts=0, next_attempt_dt=utcnow())
        .execution_options(synchronize_session="fetch")).rowcount


def retry_message(actor, message: OutboxMessage) -> None:
    """Send a failed or dead message again at the next drain, with fresh attempts."""
    if message.status not in PROBLEMS:
        raise ServiceError(_l("Only failed or dead deliveries can be retried."))
    _reset(update(OutboxMessage).where(OutboxMessage.id == message.id,
                                       OutboxMessage.status.in_(PROBLEMS)))


def retry_all(actor) -> int:
    """Every failed and dead message again at the next drain; returns how many."""
    return _reset(update(OutboxMessage).where(OutboxMessage.status.in_(PROBLEMS)))
