from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> datetime:
    """Naive UTC, the form stored in every *_dt column (Babel shows it in local time)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Audited:
    """Marks a model whose inserts, updates and deletes go to the audit log.

    `__audit_parent__` names an attribute holding the record whose page also shows
    this one's history (a contact's changes show on its organisation)."""

    __audit_exclude__: tuple[str, ...] = ()
    __audit_parent__: str | None = None

    def audit_label(self) -> str:
        return str(getattr(self, "name", None) or getattr(self, "id", ""))


class Immutable:
    """Marks a model whose rows never change once written (a document or article
    version), except for the columns named in `MUTABLE`; a flush that changes any
    other column raises ImmutableError (the guard is in `sicrm.core.models.guards`)."""

    MUTABLE: frozenset[str] = frozenset()


class ImmutableError(RuntimeError):
    """A flush tried to change what a stored immutable row holds."""


class Versioned:
    """Marks a model edited through forms: `row_version` counts its saves (SQLAlchemy's
    version counter), so an UPDATE made from an older copy matches no row and fails
    (StaleDataError) instead of silently overwriting a newer save. Edit forms carry
    it in a hidden field (`sicrm.core.forms.RecordForm`); `commit_service` refuses a
    form that started from an older version (`sicrm.core.concurrency`)."""

    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.row_version}
