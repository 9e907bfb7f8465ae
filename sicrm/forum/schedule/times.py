"""Between the local wall clock (the configured zone, BABEL_DEFAULT_TIMEZONE) in which
events are entered and shown, and the naive UTC in which they are stored."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Asia/Shanghai"


def zone() -> ZoneInfo:
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_ZONE)


def to_utc(local: datetime) -> datetime:
    """A local wall-clock time (naive, or aware in any zone) as naive UTC."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone())
    return local.astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """A stored naive UTC time as an aware local one."""
    return stored.replace(tzinfo=UTC).astimezone(zone())


def day_start(day: date) -> datetime:
    """Local midnight starting `day`, as naive UTC."""
    return to_utc(datetime.combine(day, time()))


def all_day_span(first: date, last: date) -> tuple[datetime, datetime]:
    """Stored bounds of an all-day event from `first` to `last` (both included)."""
    return day_start(first), day_start(last + timedelta(days=1))


def local_days(start_dt: datetime, end_dt: datetime) -> tuple[date, date]:
    """The local days an event touches (its end is exclusive)."""
    first = to_local(start_dt).date()
    last = to_local(end_dt - timedelta(microseconds=1)).date()
    return first, max(first, last)


def describe(start_dt: datetime, end_dt: datetime, all_day: bool) -> str:
    """A short language-neutral text of when: "2026-03-12 14:00–15:30",
    "2026-03-12", "2026-03-12 – 2026-03-13"."""
    if all_day:
        first, last = local_days(start_dt, end_dt)
        return first.isoformat() if first == last else f"{first} – {last}"
    start, end = to_local(start_dt), to_local(end_dt)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"
