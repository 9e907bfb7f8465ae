"""Who may manage which calendar feed: only its own user."""
from __future__ import annotations

from sicrm.workflow.models import CalendarFeed


def can_manage_feed(user, feed: CalendarFeed) -> bool:
    return getattr(user, "is_authenticated", False) and feed.user_id == user.id
