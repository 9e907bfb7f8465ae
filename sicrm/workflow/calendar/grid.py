"""The month and week grids of the calendar page: days (Monday first) with their
working-day flag and the items falling on them. Pure: no database, no request."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sicrm.workflow.calendar.items import Item

VIEWS = ("month", "week")


@dataclass
class Day:
    day: date
    in_period: bool
    workday: bool
    items: list[Item] = field(default_factory=list)


def span(view: str, day: date) -> tuple[date, date]:
    """First and last day shown: whole weeks around the month, or the week."""
    if view == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    start = day.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start - timedelta(days=start.weekday()), end + timedelta(days=6 - end.weekday())


def neighbours(view: str, day: date) -> tuple[date, date]:
    """The day to show for "previous" and "next"."""
    if view == "week":
        return day - timedelta(days=7), day + timedelta(days=7)
    first = day.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return previous, following


def build(view: str, day: date, items: list[Item], is_workday) -> list[list[Day]]:
    first, last = span(view, day)
    days: dict[date, Day] = {}
    current = first
    while current <= last:
        in_period = view == "week" or current.month == day.month
        days[current] = Day(current, in_period, is_workday(current))
        current += timedelta(days=1)
    order = {"stage": 0, "milestone": 1, "review": 2, "task": 3}
    for item in sorted(items, key=lambda i: (order.get(i.kind, 9), i.start,
                                             i.start_dt or datetime.min, i.id)):
        current = max(item.start, first)
        while current <= min(item.end, last):
            days[current].items.append(item)
            current += timedelta(days=1)
    ordered = list(days.values())
    return [ordered[i:i + 7] for i in range(0, len(ordered), 7)]
