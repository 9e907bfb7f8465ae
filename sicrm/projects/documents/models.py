"""Controlled project documents, their immutable versions, approval decisions and
the download log."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Immutable, ImmutableError, StoredFile, User, utcnow
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectStage, RequiredDocument
from sicrm.templates_lib.choices import DOCUMENT_CATEGORIES

CATEGORIES = DOCUMENT_CATEGORIES
#: draft → in_review → approved / rejected; approved → superseded (a newer version
#: was approved) or obsolete (withdrawn)
VERSION_STATUSES = ("draft", "in_review", "approved", "rejected", "superseded", "obsolete")
OPEN_VERSION_STATUSES = ("draft", "in_review")
EXTRACTION_STATUSES = ("ok", "empty", "failed", "encrypted", "unsupported")
DECISIONS = ("approve", "reject")


class ProjectDocument(db.Model):
    """One controlled document of a project, numbered PS-2026-0042-TEC-003; linked
    to the stage requirement it satisfies, if any (one document per requirement)."""

    __tablename__ = "project_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_stages.id", ondelete="SET NULL"), index=True)
    required_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("required_documents.id", ondelete="SET NULL"), unique=True)
    category: Mapped[str] = mapped_column(String(16))
    #: per project and category: the 003 of PS-2026-0042-TEC-003
    sequence: Mapped[int]
    number: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()
    stage: Mapped[ProjectStage | None] = relationship()
    requirement: Mapped[RequiredDocument | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.number",
        cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        UniqueConstraint("project_id", "category", "sequence"),
    )


class DocumentVersion(Immutable, db.Model):
    """An uploaded version. Immutable once written, except for its status: a change
    to the document is a new version."""

    __tablename__ = "document_versions"
    #: the only columns that change after the insert
    MUTABLE = frozenset({"status", "status_dt"})

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("project_documents.id", ondelete="CASCADE"))
    number: Mapped[int]
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id", ondelete="RESTRICT"),
                                         index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    uploaded_dt: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    status_dt: Mapped[datetime] = mapped_column(default=utcnow)
    #: text extracted from PDF, DOCX, XLSX and plain-text files, for search
    text: Mapped[str | None] = mapped_column(Text)
    extraction_status: Mapped[str] = mapped_column(String(16))
    extraction_error: Mapped[str | None] = mapped_column(String(500))

    document: Mapped[ProjectDocument] = relationship(back_populates="versions")
    file: Mapped[StoredFile] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
    decisions: Mapped[list[DocumentDecision]] = relationship(
        back_populates="version", order_by="DocumentDecision.decided_dt",
        cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("document_id", "number"),)

    @property
    def label(self) -> str:
        return f"v{self.number}"


class DocumentDecision(db.Model):
    """One approver's decision on a version, for the roles they hold on it."""

    __tablename__ = "document_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)
    decided_dt: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[DocumentVersion] = relationship(back_populates="decisions")
    user: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("version_id", "user_id"),)


class DocumentDownload(db.Model):
    """Who downloaded which version when."""

    __tablename__ = "document_downloads"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    downloaded_dt: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[DocumentVersion] = relationship()
    user: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_document_downloads_version", "version_id", "downloaded_dt"),)


#: the error a flush raises when it changes a stored version
ImmutableVersionError = ImmutableError