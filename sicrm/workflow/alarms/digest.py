"""Escalations reach managers as one digest a day, not one message per late thing.

An alarm's first level (the owner, the PM, the pending reviewers, finance) is
delivered as it is raised, one notification each. The levels above it (the PM's
manager, the department head above, the executives, named users) are escalations:
their AlarmDelivery rows are written as before — exactly once per alarm, user and
repeat, by their unique key — but no notification each. At the end of every scan,
each user with escalation deliveries not yet listed (digest_dt empty) gets one
notification (and, through their preferences, one e-mail) listing them:
"alarm_digest", whose dedupe key `alarm-digest:<user id>:<alarm day>` makes it once
per user and day, however many scans or schedulers run; the deliveries it lists are
marked in the same transaction. Escalations that arrive after the day's digest wait
for the next day's; one resolved before it is listed is not news any more (marked,
not listed)."""
from __future__ import annotations

import logging
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from sicrm.core import notifications
from sicrm.core.models import Notification, User
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.workflow.alarms.messages import KIND_LABELS
from sicrm.workflow.alarms.queries import subject_names
from sicrm.workflow.models import Alarm, AlarmDelivery

log = logging.getLogger(__name__)

KIND = "alarm_digest"
#: items named in one digest; the rest are counted
SHOWN = 8

notifications.register_kind(
    KIND,
    _l("Escalated to you: %(count)s late item(s) in the projects you oversee — %(items)s"),
    _l("Daily digest of escalated alarms"))


def is_escalation(kind: str, level: int) -> bool:
    """Levels above the first of an alarm (not a reminder) go into the digest."""
    return kind not in ("reminder", "task_reminder") and level >= 1


def _pending(now: datetime) -> dict[int, tuple[list[int], list[Alarm]]]:
    """user id → (their escalation deliveries not listed yet, the live alarms of
    those deliveries, each once)."""
    rows = db.session.execute(
        select(AlarmDelivery.id, AlarmDelivery.user_id, Alarm)
        .join(Alarm, Alarm.id == AlarmDelivery.alarm_id)
        .where(Alarm.level >= 1, Alarm.kind.not_in(("reminder", "task_reminder")),
               AlarmDelivery.digest_dt.is_(None), AlarmDelivery.created_dt <= now)
        .order_by(AlarmDelivery.user_id, Alarm.project_id, Alarm.due_date, Alarm.id)).all()
    pending: dict[int, tuple[list[int], dict[int, Alarm]]] = {}
    for delivery_id, user_id, alarm in rows:
        deliveries, alarms = pending.setdefault(user_id, ([], {}))
        deliveries.append(delivery_id)
        if alarm.status in Alarm.LIVE:
            alarms[alarm.id] = alarm
    return {user_id: (deliveries, list(alarms.values()))
            for user_id, (deliveries, alarms) in pending.items()}


def _items(user: User, alarms: list[Alarm]) -> str:
    """The list, in the reader's language (else the company's)."""
    locale = user.locale if user.locale in current_app.config["SICRM_LOCALES"] \
        else current_app.config["BABEL_DEFAULT_LOCALE"]
    names = subject_names(alarms, locale.startswith("en"))
    projects = dict(db.session.execute(select(Project.id, Project.code).where(
        Project.id.in_({a.project_id for a in alarms}))).all())
    with force_locale(locale):
        lines = [_("%(project)s: %(what)s “%(subject)s” (level %(level)s, due %(due)s)",
                   project=projects.get(alarm.project_id, ""),
                   what=str(KIND_LABELS.get(alarm.kind, alarm.kind)),
                   subject=names[alarm.id], level=alarm.level + 1,
                   due=alarm.due_date.isoformat())
                 for alarm in alarms[:SHOWN]]
        if len(alarms) > SHOWN:
            lines.append(_("and %(num)s more", num=len(alarms) - SHOWN))
        return _("; ").join(lines)


def send_digests(today: date, now: datetime, path: str = "/alarms/") -> int:
    """One digest notification per user with escalations not yet listed; commits per
    user and returns how many were made. Safe to run twice or in two schedulers."""
    made = 0
    for user_id, (deliveries, alarms) in sorted(_pending(now).items()):
        user = db.session.get(User, user_id)
        key = f"alarm-digest:{user_id}:{today.isoformat()}"
        if db.session.scalar(select(Notification.id).where(Notification.dedupe_key == key)):
            continue  # today's digest went out: these wait for tomorrow's
        notified = 0
        try:
            marked = db.session.execute(
                update(AlarmDelivery).where(AlarmDelivery.id.in_(deliveries),
                                            AlarmDelivery.digest_dt.is_(None))
                .values(digest_dt=now).execution_options(synchronize_session=False)).rowcount
            if marked and alarms and user is not None and user.active:
                notified = notifications.notify([user], KIND, path, dedupe_key=key,
                                                count=len(alarms), items=_items(user, alarms))
                db.session.flush()
            db.session.commit()
        except IntegrityError:  # another scheduler made it first
            db.session.rollback()
            continue
        made += notified
    return made
