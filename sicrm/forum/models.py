"""Boards (版块), threads (主题) and posts (回复) of the discussion board.

A board is company-wide, per department or per project (one per project, created with
it). Who sees a board is decided in `sicrm.forum.permissions`. Posts are numbered in
their thread (1 = the opening post); a post is never removed, only soft-deleted
(`deleted_dt`, `deleted_by`), and every edit keeps the previous text as a
`PostRevision`. Unread markers are per user and thread (`ReadMark.last_read_number`
against `Thread.last_number`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Department, Organization, StoredFile, User, Versioned, utcnow
from sicrm.extensions import db
from sicrm.projects.documents.models import ProjectDocument
from sicrm.projects.models import Milestone, Project, ProjectStage

BOARD_KINDS = ("company", "department", "project")
NAME_MAX, TITLE_MAX = 100, 200
#: the longest post body accepted (characters)
BODY_MAX = 20_000


class Board(Versioned, db.Model):
    """A board (版块): company-wide, a department's, or a project's."""

    __tablename__ = "forum_boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    #: kept up to date by the services, so board lists need no aggregate per board
    thread_count: Mapped[int] = mapped_column(default=0)
    post_count: Mapped[int] = mapped_column(default=0)
    last_activity_dt: Mapped[datetime | None]

    department: Mapped[Department | None] = relationship()
    project: Mapped[Project | None] = relationship()
    moderators: Mapped[list[BoardModerator]] = relationship(
        back_populates="board", cascade="all, delete-orphan", order_by="BoardModerator.user_id")

    __table_args__ = (
        CheckConstraint("kind IN ('company', 'department', 'project')", name="kind_known"),
        CheckConstraint("(kind = 'department') = (department_id IS NOT NULL)",
                        name="department_board_has_department"),
        CheckConstraint("(kind = 'project') = (project_id IS NOT NULL)",
                        name="project_board_has_project"),
    )

    def __repr__(self) -> str:
        return f"<Board {self.id} {self.kind} {self.name}>"


class BoardModerator(db.Model):
    """A user who moderates a board (版主): pins, locks, deletes, archives."""

    __tablename__ = "forum_board_moderators"

    board_id: Mapped[int] = mapped_column(
        ForeignKey("forum_boards.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    board: Mapped[Board] = relationship(back_populates="moderators")
    user: Mapped[User] = relationship()


class Thread(db.Model):
    """A thread (主题): its opening post is the post numbered 1."""

    __tablename__ = "forum_threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("forum_boards.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    pinned: Mapped[bool] = mapped_column(default=False)
    locked: Mapped[bool] = mapped_column(default=False)
    solution_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="SET NULL", use_alter=True))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    #: posts not deleted (the opening post included)
    post_count: Mapped[int] = mapped_column(default=0)
    #: the number given to its latest post (deleted ones included); never decreases
    last_number: Mapped[int] = mapped_column(default=0)
    #: deleting the opening post deletes (hides) the thread, recorded here
    deleted_dt: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    #: optional links to what the thread is about; it shows on that object's page
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_stages.id", ondelete="SET NULL"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL"), index=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_documents.id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True)

    board: Mapped[Board] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    last_author: Mapped[User | None] = relationship(foreign_keys=[last_author_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    solution_post: Mapped[Post | None] = relationship(foreign_keys=[solution_post_id],
                                                      post_update=True)
    stage: Mapped[ProjectStage | None] = relationship()
    milestone: Mapped[Milestone | None] = relationship()
    document: Mapped[ProjectDocument | None] = relationship()
    organization: Mapped[Organization | None] = relationship()

    __table_args__ = (
        Index("ix_forum_threads_board_order", "board_id", "pinned", "last_activity_dt"),
    )

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.title}>"


class Post(Versioned, db.Model):
    """A post (回复) in Markdown; soft-deleted, never removed."""

    __tablename__ = "forum_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"))
    #: 1 for the opening post, then 2, 3 … in the order written
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    quoted_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    edited_dt: Mapped[datetime | None]
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deleted_dt: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))

    thread: Mapped[Thread] = relationship(foreign_keys=[thread_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    edited_by: Mapped[User | None] = relationship(foreign_keys=[edited_by_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    quoted_post: Mapped[Post | None] = relationship(remote_side=[id])
    attachments: Mapped[list[PostAttachment]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostAttachment.id")
    revisions: Mapped[list[PostRevision]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostRevision.number")

    __table_args__ = (UniqueConstraint("thread_id", "number"),)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_dt is not None

    def __repr__(self) -> str:
        return f"<Post {self.id} #{self.number}>"


class PostRevision(db.Model):
    """A post's text before one edit (编辑历史); never changed afterwards."""

    __tablename__ = "forum_post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"))
    number: Mapped[int]
    #: the body (and, for an opening post, the thread title) as it was before the edit
    body: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    #: who wrote that text, and when it was written
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    written_dt: Mapped[datetime]
    #: who replaced it, and when
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    edited_dt: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship(back_populates="revisions")
    written_by: Mapped[User | None] = relationship(foreign_keys=[written_by_id])
    edited_by: Mapped[User | None] = relationship(foreign_keys=[edited_by_id])

    __table_args__ = (UniqueConstraint("post_id", "number"),)


class PostAttachment(db.Model):
    """A file attached to a post, stored like a project document's version."""

    __tablename__ = "forum_post_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id", ondelete="RESTRICT"),
                                         index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_dt: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship(back_populates="attachments")
    file: Mapped[StoredFile] = relationship()
    uploaded_by: Mapped[User | None] = relationship()


class Mention(db.Model):
    """An @mention of a user in a post."""

    __tablename__ = "forum_mentions"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship()
    user: Mapped[User] = relationship()


class Watch(db.Model):
    """A user watching (关注) a board or a thread: new posts are notified."""

    __tablename__ = "forum_watches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    board_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_boards.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_threads.id", ondelete="CASCADE"), index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    board: Mapped[Board | None] = relationship()
    thread: Mapped[Thread | None] = relationship()

    __table_args__ = (
        UniqueConstraint("user_id", "board_id"),
        UniqueConstraint("user_id", "thread_id"),
        CheckConstraint("(board_id IS NULL) <> (thread_id IS NULL)", name="one_target"),
    )


class ReadMark(db.Model):
    """How far a user has read a thread: posts numbered above are unread."""

    __tablename__ = "forum_read_marks"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("forum_threads.id", ondelete="CASCADE"), primary_key=True, index=True)
    last_read_number: Mapped[int] = mapped_column(default=0)
    read_dt: Mapped[datetime] = mapped_column(default=utcnow)
