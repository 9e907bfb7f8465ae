from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models.base import Audited, Versioned, utcnow
from sicrm.extensions import db


class Department(Audited, Versioned, db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    head_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True), index=True
    )
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Department | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[Department]] = relationship(
        back_populates="parent", order_by="Department.name"
    )
    head: Mapped[User | None] = relationship(foreign_keys=[head_id])
    members: Mapped[list[User]] = relationship(
        back_populates="department", foreign_keys="User.department_id"
    )

    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    def __repr__(self) -> str:
        return f"<Department {self.id} {self.name}>"


class User(Audited, UserMixin, Versioned, db.Model):
    __tablename__ = "users"
    __audit_exclude__ = ("password_hash", "last_login_dt", "session_generation")

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(10))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_dt: Mapped[datetime | None]
    #: part of every session's user id: raising it ends all of this user's sessions
    #: (logout, password change, deactivation, an administrator's reset)
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    department: Mapped[Department | None] = relationship(
        back_populates="members", foreign_keys=[department_id]
    )
    role_links: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", order_by="UserRole.role"
    )

    def get_id(self) -> str:
        """Flask-Login's session (and remember-cookie) id: "<id>:<generation>", so a
        copied cookie stops working when the generation moves on."""
        return f"{self.id}:{self.session_generation}"

    def end_sessions(self) -> None:
        """Every session of this user, in any browser, is refused from now on."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.active

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(link.role for link in self.role_links)

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def audit_label(self) -> str:
        return f"{self.full_name} ({self.username})"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username}>"


class UserRole(db.Model):
    """A global role held by a user (codes in sicrm.core.roles)."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class LoginFailure(db.Model):
    """One failed login, counted per username (existing or not) to slow guessing."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username_key: Mapped[str] = mapped_column(String(64), index=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
