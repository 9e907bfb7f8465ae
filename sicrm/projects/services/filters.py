"""A user's saved filters of the project list."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db
from sicrm.projects.models import SavedFilter

#: the list's query arguments a saved filter keeps
FILTER_KEYS = ("q", "kind", "stage", "status", "pm", "customer", "industry", "category",
               "overdue", "sort")


def clean_args(args) -> dict[str, str]:
    """Known, non-empty filter arguments only."""
    return {key: str(args.get(key)).strip()[:200] for key in FILTER_KEYS
            if args.get(key) not in (None, "")}


def save_filter(actor, name: str, args) -> SavedFilter:
    """Save the filter under `name`; an existing one of that name is replaced."""
    name = (name or "").strip()
    if not name:
        raise ServiceError(_l("A name is required."), "name")
    if len(name) > 100:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=100), "name")
    saved = db.session.scalar(select(SavedFilter).where(
        SavedFilter.user_id == actor.id, SavedFilter.name == name))
    if saved is None:
        saved = SavedFilter(user_id=actor.id, name=name)
        db.session.add(saved)
    saved.args = clean_args(args)
    db.session.flush()
    return saved


def delete_filter(actor, saved: SavedFilter) -> None:
    if saved.user_id != actor.id:
        raise ServiceError(_l("This is someone else's filter."))
    db.session.delete(saved)
    db.session.flush()
