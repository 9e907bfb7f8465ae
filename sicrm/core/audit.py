"""The audit log, written by a session hook in the same transaction as the change.

Services name the acting user with `set_actor(actor)` before they write; every
insert, update and delete of an `Audited` model is then recorded with the changed
fields' before/after values."""
from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import NO_VALUE

from sicrm.core.models import AuditLog
from sicrm.core.models.base import Audited, utcnow
from sicrm.extensions import db

ACTOR_KEY = "sicrm_actor_id"


def set_actor(actor) -> None:
    """Record `actor` (a User or None for the system) as the author of what follows."""
    db.session.info[ACTOR_KEY] = getattr(actor, "id", None)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _columns(obj) -> list[str]:
    mapper = inspect(obj).mapper
    excluded = set(obj.__audit_exclude__) | {"id", "row_version"}
    return [attr.key for attr in mapper.column_attrs if attr.key not in excluded]


def _changes(obj, action: str) -> dict:
    state = inspect(obj)
    changes = {}
    for key in _columns(obj):
        if action == "create":
            value = getattr(obj, key)
            if value not in (None, "", False):
                changes[key] = [None, _plain(value)]
        elif action == "delete":
            value = state.attrs[key].loaded_value
            if value is not NO_VALUE and value not in (None, "", False):
                changes[key] = [_plain(value), None]
        else:
            history = state.attrs[key].history
            if history.has_changes():
                before = history.deleted[0] if history.deleted else None
                after = history.added[0] if history.added else None
                if before != after:
                    changes[key] = [_plain(before), _plain(after)]
    return changes


def _row(session: Session, obj, action: str) -> dict | None:
    changes = _changes(obj, action)
    if action == "update" and not changes:
        return None
    parent = getattr(obj, obj.__audit_parent__) if obj.__audit_parent__ else None
    return {
        "created_dt": utcnow(),
        "actor_id": session.info.get(ACTOR_KEY),
        "action": action,
        "object_type": type(obj).__name__,
        "object_id": obj.id,
        "object_label": obj.audit_label()[:300],
        "parent_type": type(parent).__name__ if parent is not None else None,
        "parent_id": getattr(parent, "id", None),
        "changes": changes,
    }


@event.listens_for(Session, "after_flush")
def _record(session: Session, flush_context) -> None:
    rows = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, Audited):
                row = _row(session, obj, action)
                if row:
                    rows.append(row)
    if rows:
        session.connection().execute(insert(AuditLog), rows)
