"""Company exceptions to the public calendar, kept by administrators."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import CalendarDay
from sicrm.extensions import db

KINDS = ("off", "work")


def add_day(actor, *, day: date, kind: str, note: str | None = None) -> CalendarDay:
    set_actor(actor)
    if kind not in KINDS:
        raise ServiceError(_l("Please choose a value from the list."), "kind")
    if day is None:
        raise ServiceError(_l("Please enter a date."), "day")
    if db.session.scalar(select(CalendarDay.id).where(CalendarDay.day == day)):
        raise ServiceError(_l("This date already has an entry."), "day")
    entry = CalendarDay(day=day, kind=kind, note=(note or "").strip() or None,
                        created_by_id=getattr(actor, "id", None))
    db.session.add(entry)
    db.session.flush()
    return entry


def delete_day(actor, entry: CalendarDay) -> None:
    set_actor(actor)
    db.session.delete(entry)
    db.session.flush()
