"""Links between knowledge articles and business records, and a project team's
verdicts on suggested articles."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Organization, User, utcnow
from sicrm.extensions import db
from sicrm.knowledge.models import Article
from sicrm.projects.models import Project

TARGETS = ("project", "organization")
MARKS = ("pinned", "dismissed")


class KnowledgeLink(db.Model):
    """An article linked by hand to a project or an organisation (exactly one)."""

    __tablename__ = "kb_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship()
    project: Mapped[Project | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        UniqueConstraint("article_id", "project_id"),
        UniqueConstraint("article_id", "organization_id"),
    )


class RelatedMark(db.Model):
    """A project team pinned (keep on top) or dismissed (never suggest again) an
    article; pins and dismissals also weigh on suggestions for similar projects."""

    __tablename__ = "kb_related_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    mark: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    __table_args__ = (
        UniqueConstraint("project_id", "article_id"),
        Index("ix_kb_related_marks_article", "article_id", "mark"),
    )
