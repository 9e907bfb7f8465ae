"""Session guards over the model markers of `base.py`."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from sicrm.core.models.base import Immutable, ImmutableError


@event.listens_for(Session, "before_flush")
def _immutable_rows_stay(session, flush_context, instances) -> None:
    for obj in session.dirty:
        if not isinstance(obj, Immutable):
            continue
        state = sa_inspect(obj)
        changed = [attr.key for attr in state.mapper.column_attrs
                   if attr.key not in obj.MUTABLE
                   and state.attrs[attr.key].history.has_changes()]
        if changed:
            raise ImmutableError(f"{type(obj).__name__} {obj.id} is immutable; changed: "
                                 f"{', '.join(changed)}")
