"""Which channels reach a user for each kind of notification, and the hook that
queues their e-mail when `sicrm.core.notifications.notify` adds a notification.

Without a saved row a kind reaches the user in the app and by e-mail (when the
user has an address and SMTP is configured), one e-mail per notification. "app"
off keeps the notification in the centre but stores it read (no badge); "email"
with digest gathers the kind into the daily digest instead of single e-mails."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification, NotificationPreference, User, utcnow
from sicrm.extensions import db
from sicrm.workflow.delivery.services.common import absolute_url, app_path, user_locale
from sicrm.workflow.delivery.services.mail import queue_email, smtp_configured

CHANNELS = ("app", "email")
CHANNEL_LABELS = {"app": _l("In the app"), "email": _l("E-mail")}


def default_channels(user: User) -> list[str]:
    return ["app", "email"] if user.email and smtp_configured() else ["app"]


def preference(user: User, kind: str) -> tuple[list[str], bool]:
    """(channels, digest) for one kind."""
    row = db.session.get(NotificationPreference, (user.id, kind))
    if row is None:
        return default_channels(user), False
    return [c for c in row.channels or [] if c in CHANNELS], bool(row.digest)


def preferences_of(user: User) -> dict[str, tuple[list[str], bool]]:
    """kind → (channels, digest) for every registered kind, in one query."""
    rows = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    result = {}
    for kind in notifications.LABELS:
        row = rows.get(kind)
        result[kind] = ((default_channels(user), False) if row is None else
                        ([c for c in row.channels or [] if c in CHANNELS], bool(row.digest)))
    return result


def save_preferences(actor: User, user: User, choices: dict[str, dict]) -> None:
    """choices: kind → {"channels": [...], "digest": bool}, for registered kinds only.
    A user changes only their own preferences."""
    if actor.id != user.id:
        raise ServiceError(_l("You can only change your own notification preferences."))
    rows = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    for kind, choice in choices.items():
        if kind not in notifications.LABELS:
            raise ServiceError(_l("Unknown kind of notification: %(kind)s", kind=kind))
        channels = [c for c in CHANNELS if c in (choice.get("channels") or [])]
        if set(choice.get("channels") or []) - set(CHANNELS):
            raise ServiceError(_l("Please choose a value from the list."))
        digest = bool(choice.get("digest"))
        if digest and "email" not in channels:
            raise ServiceError(_l("“%(kind)s”: the daily digest is an e-mail; tick e-mail "
                                  "too, or untick the digest.",
                                  kind=notifications.LABELS[kind]))
        row = rows.get(kind)
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind,
                                                  channels=channels, digest=digest))
        else:
            row.channels, row.digest = channels, digest
    db.session.flush()


def notification_email(notification: Notification, user: User) -> tuple[str, str]:
    """(subject, body) of the e-mail for one notification, in the user's language."""
    with user_locale(user):
        text = notifications.text(notification)
        link = absolute_url(notification.url)
        body = [_("Hello %(name)s,", name=user.full_name), "", text]
        if link:
            body += ["", _("Open it in sicrm: %(url)s", url=link)]
        body += ["", "-- ", _("You receive this e-mail because of your notification "
                              "preferences; change them at %(url)s",
                              url=absolute_url(app_path("delivery.preferences")))]
        subject = _("[sicrm] %(text)s", text=text)
    if len(subject) > 200:
        subject = subject[:199] + "…"
    return subject, "\n".join(body)


def on_notification(notification: Notification, user: User) -> None:
    """The channel hook: run by notify() for each notification, in its transaction."""
    channels, digest = preference(user, notification.kind)
    if "app" not in channels:
        notification.read_dt = utcnow()
    if "email" in channels and not digest:
        subject, body = notification_email(notification, user)
        queue_email(user, subject, body, url=absolute_url(notification.url))
