"""Core tables: identity, departments, organisations and contacts, audit log."""
from sicrm.core.models import guards  # noqa: F401  (the session guards)
from sicrm.core.models.audit import AuditLog
from sicrm.core.models.base import Immutable, ImmutableError, Versioned, utcnow
from sicrm.core.models.calendar import CalendarDay, CalendarYear, PublicDay
from sicrm.core.models.delivery import NotificationPreference, OutboxMessage
from sicrm.core.models.files import StoredFile
from sicrm.core.models.identity import Department, LoginFailure, User, UserRole
from sicrm.core.models.notifications import Notification
from sicrm.core.models.organizations import Contact, Organization
from sicrm.core.models.search import SearchQueueEntry
from sicrm.core.models.submissions import FormSubmission

__all__ = [
    "AuditLog",
    "CalendarDay",
    "CalendarYear",
    "Contact",
    "Immutable",
    "ImmutableError",
    "Department",
    "FormSubmission",
    "LoginFailure",
    "Notification",
    "NotificationPreference",
    "Organization",
    "OutboxMessage",
    "PublicDay",
    "SearchQueueEntry",
    "StoredFile",
    "User",
    "UserRole",
    "Versioned",
    "utcnow",
]
