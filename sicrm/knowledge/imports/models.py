"""A bulk import's run and its report, one item per file (or created catalog).

The run is written when it starts and its counts as each file is done, so a run cut
short (a crash, a killed command) still shows what it did, and re-running the same
import skips what is already there. A running import renews `heartbeat_dt` after each
file; the scheduler marks one whose heartbeat is older than its lease "failed"
(killed midway). A large upload is "queued" with its zip in the storage
(`source_key`) and run by the scheduler (knowledge/imports/background.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import User, utcnow
from sicrm.extensions import db
from sicrm.knowledge.models import Article, Catalog

RUN_STATUSES = ("queued", "running", "done", "failed")
#: imported: with its text; no_text: stored and flagged (encrypted, unreadable…);
#: skipped: already in the catalog or a system file; failed: nothing was created;
#: catalog: a sub-folder became a new sub-catalog
OUTCOMES = ("imported", "no_text", "skipped", "failed", "catalog")
COUNTERS = {"imported": "imported", "no_text": "no_text", "skipped": "skipped",
            "failed": "failed", "catalog": "catalogs"}
PATH_MAX, REASON_MAX, SOURCE_MAX = 1000, 500, 500


class ImportRun(db.Model):
    __tablename__ = "kb_import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    catalog_id: Mapped[int | None] = mapped_column(
        ForeignKey("kb_catalogs.id", ondelete="SET NULL"), index=True)
    #: the catalog's path when the run started (kept if the catalog goes)
    catalog_path: Mapped[str] = mapped_column(String(PATH_MAX))
    #: "web" (a zip upload) or "cli" (a folder or zip on the server)
    channel: Mapped[str] = mapped_column(String(8))
    #: the zip's file name or the folder's path
    source: Mapped[str] = mapped_column(String(SOURCE_MAX))
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    industry: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_dt: Mapped[datetime] = mapped_column(default=utcnow)
    finished_dt: Mapped[datetime | None]
    #: renewed after each file while running; a stale one means the run was killed
    heartbeat_dt: Mapped[datetime | None]
    #: files in the source (for the progress of a queued or running import)
    total: Mapped[int | None]
    #: storage key of an uploaded zip waiting for, or in, a background run
    source_key: Mapped[str | None] = mapped_column(String(64))
    #: why a run failed as a whole
    error: Mapped[str | None] = mapped_column(String(REASON_MAX))
    imported: Mapped[int] = mapped_column(default=0)
    no_text: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    catalogs: Mapped[int] = mapped_column(default=0)

    user: Mapped[User | None] = relationship()
    catalog: Mapped[Catalog | None] = relationship()
    items: Mapped[list[ImportItem]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="ImportItem.id")

    __table_args__ = (Index("ix_kb_import_runs_user_started", "user_id", "started_dt"),)

    def count(self, outcome: str) -> None:
        """Add one to the counter of `outcome`."""
        name = COUNTERS[outcome]
        setattr(self, name, (getattr(self, name) or 0) + 1)

    @property
    def problems(self) -> int:
        return self.failed + self.no_text

    @property
    def files_done(self) -> int:
        return self.imported + self.no_text + self.skipped + self.failed

    @property
    def in_progress(self) -> bool:
        return self.status in ("queued", "running")

    def __repr__(self) -> str:
        return f"<ImportRun {self.id} {self.source}>"


class ImportItem(db.Model):
    """One line of a run's report."""

    __tablename__ = "kb_import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("kb_import_runs.id", ondelete="CASCADE"),
                                        index=True)
    #: the file's (or folder's) path inside the source, with "/"
    path: Mapped[str] = mapped_column(String(PATH_MAX))
    outcome: Mapped[str] = mapped_column(String(16))
    #: a reason code (see choices.REASON_LABELS) …
    reason: Mapped[str | None] = mapped_column(String(32))
    #: … and its detail: a refusal's message, an extraction error
    detail: Mapped[str | None] = mapped_column(String(REASON_MAX))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="SET NULL"), index=True)
    catalog_id: Mapped[int | None] = mapped_column(
        ForeignKey("kb_catalogs.id", ondelete="SET NULL"), index=True)

    run: Mapped[ImportRun] = relationship(back_populates="items")
    article: Mapped[Article | None] = relationship()
    catalog: Mapped[Catalog | None] = relationship()
