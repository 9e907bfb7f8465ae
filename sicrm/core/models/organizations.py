from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models.base import Audited, Versioned, utcnow
from sicrm.core.models.identity import User
from sicrm.extensions import db

#: The kinds an organisation can be, several at once (column name → code).
ORG_KINDS = ("customer", "partner", "supplier", "competitor", "government")


class Organization(Audited, Versioned, db.Model):
    """One registry entry, referenced everywhere (一处录入、多处引用)."""

    __tablename__ = "organizations"
    __audit_exclude__ = ("name_key", "name_pinyin", "name_initials", "updated_dt")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: name without legal-form suffixes, spaces and punctuation, for duplicate checks
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    #: pinyin of the name (sort order) and its initials (search: `zgyd` finds 中国移动)
    name_pinyin: Mapped[str] = mapped_column(String(300), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(100), default="")
    short_name: Mapped[str | None] = mapped_column(String(100))
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    is_customer: Mapped[bool] = mapped_column(default=False)
    is_partner: Mapped[bool] = mapped_column(default=False)
    is_supplier: Mapped[bool] = mapped_column(default=False)
    is_competitor: Mapped[bool] = mapped_column(default=False)
    is_government: Mapped[bool] = mapped_column(default=False)
    industry: Mapped[str | None] = mapped_column(String(32), index=True)
    province: Mapped[str | None] = mapped_column(String(8), index=True)
    city: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(16), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[User | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="Contact.name",
        passive_deletes=True,
    )

    @property
    def kinds(self) -> list[str]:
        return [kind for kind in ORG_KINDS if getattr(self, f"is_{kind}")]

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name}>"


class Contact(Audited, Versioned, db.Model):
    __tablename__ = "contacts"
    __audit_exclude__ = ("name_pinyin", "name_initials", "updated_dt")
    __audit_parent__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(300), default="", index=True)
    #: pinyin initials of the name: `zs` finds 张三
    name_initials: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    mobile: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    decision_role: Mapped[str | None] = mapped_column(String(32))
    relationship_strength: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="contacts")
    owner: Mapped[User | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "relationship_strength BETWEEN 0 AND 5", name="relationship_strength_range"
        ),
    )

    def __repr__(self) -> str:
        return f"<Contact {self.id} {self.name}>"
