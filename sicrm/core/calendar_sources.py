"""What the app calendar and its iCalendar feeds show, and the registry through which
packages above workflow (the forum's schedule) add their entries without workflow
importing them:

    register_source("event", fetch_user, fetch_project, action)
    # fetch_user(user, start: date, end: date) -> list[Item]
    # fetch_project(user, project, start: date, end: date) -> list[Item]
    # action(user, project | None) -> (label, url) | None: a button of the calendar page

A source returns only what `user` may see (filtered in SQL), with dates in the
configured local zone; `start`/`end` are local dates, both included, or None."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Item:
    """One entry of a calendar: all-day from `start` to `end` (both included, local
    dates), or timed from `start_dt` to `end_dt` (naive UTC) when those are given —
    `start`/`end` then are the local days it touches."""

    kind: str  # milestone, review, task, stage; a source's own kind (event)
    id: int
    title: str
    start: date
    end: date
    status: str  # open, done, cancelled (reviews: pending; stages: their status)
    project_id: int | None = None
    project_code: str = ""
    project_name: str = ""
    detail: str = ""
    start_dt: datetime | None = None
    end_dt: datetime | None = None
    #: the title as shown, composed by the source in the reader's language
    summary: str = ""
    #: the entry's page (a path), when it has one of its own
    url: str = ""
    location: str = ""
    #: iCalendar SEQUENCE: raised by the source each time the entry changes
    sequence: int = 0

    @property
    def uid_name(self) -> str:
        return f"{self.kind}-{self.id}"

    @property
    def timed(self) -> bool:
        return self.start_dt is not None and self.end_dt is not None

    def overdue(self, today: date) -> bool:
        return self.status in ("open", "pending", "active") and self.end < today and (
            self.kind in ("milestone", "task", "stage"))


@dataclass(frozen=True)
class Source:
    kind: str
    user_items: Callable[..., list[Item]]
    project_items: Callable[..., list[Item]] | None = None
    action: Callable[..., tuple[str, str] | None] | None = None


_SOURCES: dict[str, Source] = {}


def register_source(kind: str, user_items: Callable[..., list[Item]],
                    project_items: Callable[..., list[Item]] | None = None,
                    action: Callable[..., tuple[str, str] | None] | None = None) -> None:
    """Add (or replace, by kind) a source of calendar entries."""
    _SOURCES[kind] = Source(kind, user_items, project_items, action)


def unregister_source(kind: str) -> None:
    _SOURCES.pop(kind, None)


def user_items(user, start: date | None, end: date | None) -> list[Item]:
    """Every source's entries of `user`'s own calendar."""
    found: list[Item] = []
    for source in sorted(_SOURCES.values(), key=lambda s: s.kind):
        found += source.user_items(user, start, end)
    return found


def project_items(user, project, start: date | None, end: date | None) -> list[Item]:
    """Every source's entries of `project`, as `user` may see them."""
    found: list[Item] = []
    for source in sorted(_SOURCES.values(), key=lambda s: s.kind):
        if source.project_items is not None:
            found += source.project_items(user, project, start, end)
    return found


def actions(user, project=None) -> list[tuple[str, str]]:
    """The (label, url) buttons the sources offer on the calendar page to `user`."""
    found = []
    for source in sorted(_SOURCES.values(), key=lambda s: s.kind):
        if source.action is not None:
            action = source.action(user, project)
            if action:
                found.append(action)
    return found
