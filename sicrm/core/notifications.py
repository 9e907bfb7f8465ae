"""In-app notifications: written in the same transaction as what they report, and
rendered in the reader's language from a registered kind and its parameters.

A notification names things with their own permissions (a thread, a document, a
project); by the time it is read, its reader may no longer see them. The owning
package registers `register_references(kinds, hidden)`, `hidden(user, items)` giving
the ids of the notifications whose reference `user` may not see; those are told
with the kind's `restricted` text (registered with the kind), naming no title."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
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


#: kind → lazy message told instead when the reader may not see what it names
RESTRICTED_KINDS: dict[str, object] = {}
#: told when a kind has no restricted message of its own
RESTRICTED = _l("A notification about something you may no longer see.")
#: (kinds, hidden(user, notifications) -> set of ids), from each owning package
REFERENCES: list[tuple[frozenset, object]] = []


def register_kind(kind: str, message, label=None, restricted=None) -> None:
    KINDS[kind] = message
    LABELS[kind] = label or message
    if restricted is not None:
        RESTRICTED_KINDS[kind] = restricted


def register_references(kinds, hidden) -> None:
    REFERENCES.append((frozenset(kinds), hidden))


def hidden_ids(user: User, items) -> set:
    """The ids of `items` (notifications of `user`) whose reference `user` may not see."""
    hidden: set = set()
    for kinds, check in REFERENCES:
        mine = [item for item in items if item.kind in kinds]
        if mine:
            hidden |= set(check(user, mine))
    return hidden


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


def text(notification: Notification, reader: User | None = None) -> str:
    """The notification as its reader (by default its recipient) may read it."""
    if reader is None and notification.user_id is not None:
        reader = db.session.get(User, notification.user_id)
    if reader is not None and notification.id in hidden_ids(reader, [notification]):
        message = RESTRICTED_KINDS.get(notification.kind) or RESTRICTED
        try:
            return str(message) % (notification.params or {})
        except (KeyError, TypeError, ValueError):
            return str(RESTRICTED)
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
