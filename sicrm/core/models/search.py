from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.models.base import utcnow
from sicrm.extensions import db


class SearchQueueEntry(db.Model):
    """A record whose search entry must be refreshed: written by a session hook in
    the same transaction as the change, removed by the indexer once the index holds
    the record's committed state (a crash in between only means indexing it again)."""

    __tablename__ = "search_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a registered searchable kind: article, document, project, organization, post …
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int]
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
