"""The knowledge base: a catalog tree with query permissions, articles with their
versions, keywords and attachments.

Query permission (查询权限) is granted per catalog (`CatalogGrant`) and inherited
down the tree unless a catalog sets `inherit=False`; an article may narrow it
(`restricted` with its own `ArticleGrant`s). The rules live in
`sicrm.knowledge.permissions`."""
from __future__ import annotations

import unicodedata
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

from sicrm.core.models import (
    Department,
    Immutable,
    ImmutableError,
    StoredFile,
    User,
    Versioned,
    utcnow,
)
from sicrm.extensions import db
from sicrm.projects.documents.models import DocumentVersion, ProjectDocument
from sicrm.projects.models import Project

ARTICLE_STATUSES = ("draft", "published", "archived")
#: who a grant names: a global role, a department (with those below it), a user, everyone
GRANT_KINDS = ("role", "department", "user", "everyone")
#: read = query (查询); edit = write articles in the catalog and below
GRANT_LEVELS = ("read", "edit")
EXTRACTION_STATUSES = ("ok", "empty", "failed", "encrypted", "unsupported")
NAME_MAX, TITLE_MAX, KEYWORD_MAX = 100, 200, 64


def normalise_keyword(name: str | None) -> str:
    """The form a keyword is stored in: NFKC (full-width letters to half-width),
    spaces collapsed; compared case-insensitively (ERP = erp = ＥＲＰ)."""
    name = unicodedata.normalize("NFKC", name or "")
    return " ".join(name.split())


class Catalog(Versioned, db.Model):
    """A folder of the knowledge tree (目录), of any depth."""

    __tablename__ = "kb_catalogs"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("kb_catalogs.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    archived: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    #: True: its parent's query permissions apply here too (plus its own grants);
    #: False: only its own grants apply (an override)
    inherit: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Catalog | None] = relationship(remote_side=[id])
    owner: Mapped[User | None] = relationship()
    grants: Mapped[list[CatalogGrant]] = relationship(
        back_populates="catalog", cascade="all, delete-orphan", order_by="CatalogGrant.id")

    def __repr__(self) -> str:
        return f"<Catalog {self.id} {self.name}>"


class _GrantColumns:
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(32))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(8), default="read")

    def key(self) -> tuple:
        return (self.kind, self.role, self.department_id, self.user_id)


class CatalogGrant(_GrantColumns, db.Model):
    """Who may query (read) or edit a catalog and, unless overridden, those below."""

    __tablename__ = "kb_catalog_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_id: Mapped[int] = mapped_column(
        ForeignKey("kb_catalogs.id", ondelete="CASCADE"), index=True)

    catalog: Mapped[Catalog] = relationship(back_populates="grants")
    department: Mapped[Department | None] = relationship()
    user: Mapped[User | None] = relationship()


class Article(db.Model):
    """A knowledge article (知识文档): Markdown body, attachments, keywords."""

    __tablename__ = "kb_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_id: Mapped[int] = mapped_column(
        ForeignKey("kb_catalogs.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str | None] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="published", index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: its own grants (ArticleGrant) narrow the catalog's query permission
    restricted: Mapped[bool] = mapped_column(default=False)
    #: the number of its latest ArticleVersion
    version: Mapped[int] = mapped_column(default=1)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: promoted (升级) from this project document version
    origin_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    origin_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_documents.id", ondelete="SET NULL"), index=True)
    origin_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", ondelete="SET NULL"), index=True)

    catalog: Mapped[Catalog] = relationship()
    owner: Mapped[User | None] = relationship()
    grants: Mapped[list[ArticleGrant]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleGrant.id")
    keyword_links: Mapped[list[ArticleKeyword]] = relationship(
        back_populates="article", cascade="all, delete-orphan")
    attachments: Mapped[list[ArticleAttachment]] = relationship(
        back_populates="article", cascade="all, delete-orphan",
        order_by="ArticleAttachment.id")
    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", cascade="all, delete-orphan",
        order_by="ArticleVersion.number")
    origin_project: Mapped[Project | None] = relationship()
    origin_document: Mapped[ProjectDocument | None] = relationship()
    origin_version: Mapped[DocumentVersion | None] = relationship()

    __table_args__ = (Index("ix_kb_articles_catalog_status", "catalog_id", "status"),)

    @property
    def keywords(self) -> list[Keyword]:
        return sorted((link.keyword for link in self.keyword_links), key=lambda k: k.name)

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title}>"


class ArticleGrant(_GrantColumns, db.Model):
    """Who may read a restricted article (besides its owner and the catalog's editors),
    among those who may read its catalog."""

    __tablename__ = "kb_article_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), index=True)

    article: Mapped[Article] = relationship(back_populates="grants")
    department: Mapped[Department | None] = relationship()
    user: Mapped[User | None] = relationship()


class ArticleVersion(Immutable, db.Model):
    """A snapshot of an article as saved; never changed afterwards."""

    __tablename__ = "kb_article_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    #: the keyword names at the time
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    changed_dt: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(String(500))

    article: Mapped[Article] = relationship(back_populates="versions")
    changed_by: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("article_id", "number"),)

    @property
    def label(self) -> str:
        return f"v{self.number}"


class Keyword(db.Model):
    """A keyword (关键词). A merged synonym keeps its row as an alias pointing at the
    keyword it was merged into, so typing the alias finds the canonical one."""

    __tablename__ = "kb_keywords"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: normalised (normalise_keyword), unique; looked up case-insensitively
    name: Mapped[str] = mapped_column(String(KEYWORD_MAX), unique=True)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("kb_keywords.id", ondelete="SET NULL"), index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    merged_into: Mapped[Keyword | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Keyword {self.id} {self.name}>"


class ArticleKeyword(db.Model):
    __tablename__ = "kb_article_keywords"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True)
    keyword_id: Mapped[int] = mapped_column(
        ForeignKey("kb_keywords.id", ondelete="CASCADE"), primary_key=True, index=True)

    article: Mapped[Article] = relationship(back_populates="keyword_links")
    keyword: Mapped[Keyword] = relationship(lazy="joined")


class ArticleAttachment(db.Model):
    """A file attached to an article, with its extracted text for search. A promoted
    document version's file is shared (the same StoredFile), not copied."""

    __tablename__ = "kb_article_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id", ondelete="RESTRICT"),
                                         index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    extraction_status: Mapped[str] = mapped_column(String(16))
    extraction_error: Mapped[str | None] = mapped_column(String(500))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    uploaded_dt: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="attachments")
    file: Mapped[StoredFile] = relationship()
    uploaded_by: Mapped[User | None] = relationship()


#: the error a flush raises when it changes a stored version
ImmutableVersionError = ImmutableError
