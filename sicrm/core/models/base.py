from __future__ import annotations

from datetime import UTC, datetime


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
