"""The working-day calendar: weekends, China's public holidays and official make-up
working days, and company exceptions an administrator adds (CalendarDay).

The official days of a year come, in this order, from the year an administrator
entered or imported (CalendarYear/PublicDay), from chinesecalendar for the years it
covers (2004–2026 in 1.11), or else from weekends only — such a year is *not covered*
and dates planned in it are provisional.

Arithmetic is done on per-year tables (the sorted working days of each year, built
once per calendar, 366 checks a year, no exception raised per day) with bisect, so
counting or adding working days costs O(years in the range), whatever the dates.
Dates are bounded to FIRST..LAST (2000–2100): a date outside is moved to the bound."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

from chinese_calendar import constants as _cc
from sqlalchemy import select

from sicrm.core.models import CalendarDay, CalendarYear, PublicDay
from sicrm.extensions import db

FIRST = date(2000, 1, 1)
LAST = date(2100, 12, 31)


def clamp(day: date) -> date:
    """`day` moved into the calendar's window FIRST..LAST."""
    return FIRST if day < FIRST else LAST if day > LAST else day


@lru_cache(maxsize=1)
def package_years() -> frozenset[int]:
    """The years chinesecalendar knows."""
    return frozenset(day.year for day in _cc.holidays)


@lru_cache(maxsize=None)
def _package_days(year: int) -> dict[date, str]:
    days = {day: "off" for day in _cc.holidays if day.year == year}
    days.update({day: "work" for day in _cc.workdays if day.year == year})
    return days


def entered_years() -> dict[int, dict[date, str]]:
    """The years entered by administrators, each with its official days."""
    years: dict[int, dict[date, str]] = {
        year: {} for year in db.session.scalars(select(CalendarYear.year))}
    for year, day, kind in db.session.execute(
            select(PublicDay.year, PublicDay.day, PublicDay.kind)):
        years.setdefault(year, {})[day] = kind
    return years


class WorkCalendar:
    """Answers for any stretch of dates, with the company's exceptions and the entered
    years loaded once. `exceptions` and `public` may be given (tests, callers that
    already hold them); otherwise they are read from the database."""

    def __init__(self, exceptions: dict[date, str] | None = None,
                 public: dict[int, dict[date, str]] | None = None):
        if exceptions is None:
            exceptions = {day: kind for day, kind in db.session.execute(
                select(CalendarDay.day, CalendarDay.kind))}
            if public is None:
                public = entered_years()
        self.exceptions = exceptions
        self.public = public or {}
        self._years: dict[int, list[int]] = {}
        #: work done: per-year tables built and single days classified for them
        self.stats = {"years": 0, "days": 0}

    # -- coverage ----------------------------------------------------------------------

    def covered(self, year: int) -> bool:
        """Whether the official holidays of `year` are known (entered or packaged)."""
        return year in self.public or year in package_years()

    def provisional(self, day: date | None) -> bool:
        """A date in a year whose official holidays are not known yet."""
        return day is not None and not self.covered(day.year)

    # -- tables ------------------------------------------------------------------------

    def _official(self, year: int) -> dict[date, str]:
        if year in self.public:
            return self.public[year]
        if year in package_years():
            return _package_days(year)
        return {}

    def _table(self, year: int) -> list[int]:
        """The ordinals of the working days of `year`, sorted."""
        table = self._years.get(year)
        if table is None:
            official = self._official(year)
            table = []
            day = date(year, 1, 1)
            one = timedelta(days=1)
            while day.year == year:
                kind = self.exceptions.get(day) or official.get(day)
                if kind == "work" or (kind is None and day.weekday() < 5):
                    table.append(day.toordinal())
                day += one
            self.stats["years"] += 1
            self.stats["days"] += len(table)
            self._years[year] = table
        return table

    # -- questions ---------------------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        if day < FIRST or day > LAST:
            kind = self.exceptions.get(day)
            return kind == "work" if kind is not None else day.weekday() < 5
        table = self._table(day.year)
        index = bisect_left(table, day.toordinal())
        return index < len(table) and table[index] == day.toordinal()

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, else the first one after it (within
        the calendar's window)."""
        day = clamp(day)
        year = day.year
        ordinal = day.toordinal()
        while year <= LAST.year:
            table = self._table(year)
            index = bisect_left(table, ordinal)
            if index < len(table):
                return date.fromordinal(table[index])
            year += 1
        return LAST

    def add_workdays(self, start: date, days: int) -> date:
        """The working day `days` working days after `start` (start counts as day 0,
        moved forward to a working day first); held within the calendar's window."""
        day = self.next_workday(start)
        year = day.year
        target = bisect_left(self._table(year), day.toordinal()) + days
        while True:
            table = self._table(year)
            if target < 0:
                if year == FIRST.year:
                    return date.fromordinal(table[0]) if table else FIRST
                year -= 1
                target += len(self._table(year))
            elif target >= len(table):
                if year == LAST.year:
                    return date.fromordinal(table[-1]) if table else LAST
                target -= len(table)
                year += 1
            else:
                return date.fromordinal(table[target])

    def end_of(self, start: date, duration: int) -> date:
        """The last working day of a span of `duration` working days from `start`."""
        return self.add_workdays(start, max(duration - 1, 0))

    def workdays_between(self, start: date, end: date) -> int:
        """Working days from start to end, both included (0 when end < start); dates
        outside the window count from its bounds."""
        if end < start:
            return 0
        start, end = clamp(start), clamp(end)
        first, last = start.toordinal(), end.toordinal()
        count = 0
        for year in range(start.year, end.year + 1):
            table = self._table(year)
            count += bisect_right(table, last) - bisect_left(table, first)
        return count
