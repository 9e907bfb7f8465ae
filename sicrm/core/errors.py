"""Errors that services raise for a rule a request broke; views show `message`."""
from __future__ import annotations


class ServiceError(Exception):
    """A rule refused the action; nothing was written. `field` names the form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class DuplicateWarning(ServiceError):
    """Likely duplicates exist; the caller may confirm and try again."""

    def __init__(self, message, candidates: list):
        super().__init__(message)
        self.candidates = candidates
