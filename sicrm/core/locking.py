"""Numbered children allocated safely under concurrency (posts of a thread, review
rounds of a stage, versions of a template …): lock the parent row, then read the last
number. On PostgreSQL `SELECT … FOR UPDATE` makes a second writer wait until the first
commits and then read what it wrote; on SQLite every writing transaction already holds
the database's write lock from its start (BEGIN IMMEDIATE, see extensions.py), so the
FOR UPDATE is left out by the dialect and writers queue the same way."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.extensions import db


def lock_row(model, row, *, reload: bool = True) -> None:
    """Hold `row` (an instance of `model`) until commit; reload it when `reload`, so
    counters on it (last_number …) are the ones the previous writer committed."""
    db.session.execute(select(model.id).where(model.id == row.id).with_for_update())
    if reload:
        db.session.refresh(row)
