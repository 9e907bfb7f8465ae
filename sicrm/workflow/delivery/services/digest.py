"""The daily digest: one e-mail per user listing the notifications of the kinds the
user gathers into a digest, since that user's previous digest (else the last 24
hours). Its outbox row's dedupe key `digest:<user id>:<local date>` makes a second
run on the same day queue nothing."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from sicrm.core import notifications
from sicrm.core.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    User,
    utcnow,
)
from sicrm.extensions import db
from sicrm.workflow.delivery.services.common import (
    absolute_url,
    app_path,
    dedupe_taken,
    user_locale,
)
from sicrm.workflow.delivery.services.mail import queue_email, smtp_configured


def _local_date(now: datetime):
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return now.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).date()


def _digest_kinds() -> dict[int, list[str]]:
    """user id → kinds gathered into that user's digest."""
    kinds = defaultdict(list)
    for row in db.session.scalars(select(NotificationPreference).where(
            NotificationPreference.digest.is_(True))):
        if "email" in (row.channels or []):
            kinds[row.user_id].append(row.kind)
    return kinds


def digest_email(user: User, items: list[Notification]) -> tuple[str, str]:
    with user_locale(user):
        subject = ngettext("[sicrm] Your daily digest: %(num)d notification",
                           "[sicrm] Your daily digest: %(num)d notifications", len(items))
        body = [_("Hello %(name)s,", name=user.full_name), "",
                _("Here is what happened since your previous digest:"), ""]
        for item in items:
            body.append(f"- {notifications.text(item)}")
            if item.url:
                body.append(f"  {absolute_url(item.url)}")
        body += ["", "-- ", _("You receive this e-mail because of your notification "
                              "preferences; change them at %(url)s",
                              url=absolute_url(app_path("delivery.preferences")))]
    return subject, "\n".join(body)


def send_digests(now: datetime | None = None) -> int:
    """Queue today's digest for every user who has one due; commits per user and
    returns how many digests were queued. Safe to run twice."""
    now = now or utcnow()
    if not smtp_configured():
        return 0
    day = _local_date(now).isoformat()
    queued = 0
    for user_id, kinds in sorted(_digest_kinds().items()):
        key = f"digest:{user_id}:{day}"
        user = db.session.get(User, user_id)
        if user is None or not user.active or not user.email or dedupe_taken(key):
            continue
        since = db.session.scalar(select(func.max(OutboxMessage.created_dt)).where(
            OutboxMessage.user_id == user_id,
            OutboxMessage.dedupe_key.like(f"digest:{user_id}:%"))) or now - timedelta(hours=24)
        items = db.session.scalars(select(Notification).where(
            Notification.user_id == user_id, Notification.kind.in_(kinds),
            Notification.created_dt > since, Notification.created_dt <= now)
            .order_by(Notification.created_dt, Notification.id)).all()
        if not items:
            continue
        subject, body = digest_email(user, items)
        message = queue_email(user, subject, body, dedupe_key=key)
        if message is not None:
            message.created_dt = now  # the next digest's window starts here
            db.session.commit()
            queued += 1
    db.session.commit()
    return queued
