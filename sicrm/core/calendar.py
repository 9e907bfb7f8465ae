"""The working-day calendar: weekends, China's public holidays and official make-up
working days (chinesecalendar, for the years it covers; other years fall back to
weekends), and company exceptions an administrator adds (CalendarDay)."""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from sqlalchemy import select

from sicrm.core.models import CalendarDay
from sicrm.extensions import db


class WorkCalendar:
    """Answers for one stretch of dates with the company's exceptions loaded once."""

    def __init__(self, exceptions: dict[date, str] | None = None):
        self.exceptions = exceptions if exceptions is not None else {
            day: kind for day, kind in db.session.execute(select(CalendarDay.day, CalendarDay.kind))
        }

    def is_workday(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind is not None:
            return kind == "work"
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:  # a year the package does not cover
            return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, else the first one after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_workdays(self, start: date, days: int) -> date:
        """The working day `days` working days after `start` (start counts as day 0,
        moved forward to a working day first)."""
        day = self.next_workday(start)
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        while remaining:
            day += timedelta(days=step)
            if self.is_workday(day):
                remaining -= 1
        return day

    def end_of(self, start: date, duration: int) -> date:
        """The last working day of a span of `duration` working days from `start`."""
        return self.add_workdays(start, max(duration - 1, 0))

    def workdays_between(self, start: date, end: date) -> int:
        """Working days from start to end, both included (0 when end < start)."""
        count, day = 0, start
        while day <= end:
            count += self.is_workday(day)
            day += timedelta(days=1)
        return count
