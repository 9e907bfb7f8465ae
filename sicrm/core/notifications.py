"""In-app notifications: written in the same transaction as what they report, and
rendered in the reader's language from a registered kind and its parameters."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update

from sicrm.core.models import Notification, User, utcnow
from sicrm.extensions import db

#: kind → lazy message with %(name)s parameters; packages register their kinds
KINDS: dict[str, object] = {}
#: kind → lazy label shown where a user chooses how each kind reaches them
LABELS: dict[str, object] = {}
#: callables hook(notification, user) run for each notification added, in the same
#: transaction: the channels beyond the app (e-mail, digest) plug in here
CHANNEL_HOOKS: list = []


def register_kind(kind: str, message, label=None) -> None:
    KINDS[kind] = message
    LABELS[kind] = label or message


def register_channel_hook(hook) -> None:
    if hook not in CHANNEL_HOOKS:
        CHANNEL_HOOKS.append(hook)


def notify(users: Iterable[User], kind: str, url: str | None = None,
           dedupe_key: str | None = None, **params) -> int:
    """One notification per distinct active user; returns how many. `dedupe_key`
    (for one user only) is unique: a second notification under it fails on flush."""
    if kind not in KINDS:
        raise KeyError(f"unknown notification kind {kind!r}")
    seen = set()
    for user in users:
        if user is None or not user.active or user.id in seen:
            continue
        seen.add(user.id)
        notification = Notification(user_id=user.id, kind=kind, params=params, url=url,
                                    dedupe_key=dedupe_key)
        db.session.add(notification)
        for hook in CHANNEL_HOOKS:
            hook(notification, user)
    return len(seen)


def text(notification: Notification) -> str:
    message = KINDS.get(notification.kind)
    if message is None:
        return notification.kind
    try:
        return str(message) % notification.params
    except (KeyError, TypeError, ValueError):
        return str(message)


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_dt.is_(None)))


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` read."""
    query = update(Notification).where(Notification.user_id == user.id,
                                       Notification.read_dt.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    return db.session.execute(query.values(read_dt=utcnow())).rowcount


def for_user(user: User, unread_only: bool = False):
    query = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        query = query.where(Notification.read_dt.is_(None))
    return query.order_by(Notification.created_dt.desc(), Notification.id.desc())
