from datetime import date

from sicrm.core.calendar import WorkCalendar


def cal(**exceptions):
    return WorkCalendar({date.fromisoformat(k[1:].replace("_", "-")): v
                         for k, v in exceptions.items()})


def test_spring_festival_2026_with_make_up_days():
    c = cal()
    # 2026: Feb 15–23 off; Sat Feb 14 and Sat Feb 28 are make-up working days
    assert c.is_workday(date(2026, 2, 14))
    assert not c.is_workday(date(2026, 2, 16))
    assert c.is_workday(date(2026, 2, 28))
    # 3 working days from Fri Feb 13: Feb 13 (0), Sat 14 (1), Tue 24 (2), Wed 25 (3)
    assert c.add_workdays(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_national_day_2026():
    c = cal()
    assert not c.is_workday(date(2026, 10, 1))
    assert not c.is_workday(date(2026, 10, 7))
    assert c.next_workday(date(2026, 10, 1)) == date(2026, 10, 8)
    # Mon Sep 28 – Fri Oct 9: Sep 28–30 and Oct 8–9 are working days
    assert c.workdays_between(date(2026, 9, 28), date(2026, 10, 9)) == 5
    assert c.is_workday(date(2026, 10, 10))  # Saturday, made up for the holiday


def test_years_not_covered_fall_back_to_weekends():
    c = cal()
    assert c.is_workday(date(2030, 1, 2))  # a Wednesday
    assert not c.is_workday(date(2030, 1, 5))  # a Saturday
    assert c.add_workdays(date(2030, 1, 4), 1) == date(2030, 1, 7)


def test_company_exceptions_win():
    c = cal(d2030_01_02="off", d2030_01_05="work")
    assert not c.is_workday(date(2030, 1, 2))
    assert c.is_workday(date(2030, 1, 5))


def test_end_of_a_span():
    c = cal()
    assert c.end_of(date(2030, 1, 7), 5) == date(2030, 1, 11)
    assert c.end_of(date(2030, 1, 7), 1) == date(2030, 1, 7)
    assert c.end_of(date(2030, 1, 7), 0) == date(2030, 1, 7)


# -- bounded, per-year arithmetic (issue 12: a project started on 0001-01-01) ---------

import chinese_calendar  # noqa: E402

from sicrm.core.calendar import FIRST, LAST, clamp  # noqa: E402


def _no_package_calls(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the calendar must not ask chinese_calendar day by day")
    monkeypatch.setattr(chinese_calendar, "is_workday", refuse)
    monkeypatch.setattr(chinese_calendar, "is_holiday", refuse)


def test_far_away_dates_are_clamped_to_the_window_without_exceptions(monkeypatch):
    _no_package_calls(monkeypatch)
    c = cal()
    assert clamp(date(1, 1, 1)) == FIRST and clamp(date(9999, 12, 31)) == LAST
    everything = c.workdays_between(date(1, 1, 1), date(9999, 12, 31))
    assert everything == c.workdays_between(FIRST, LAST)
    assert 101 * 240 < everything < 101 * 262
    # each year's table is built once: 101 years, at most 366 days looked at each
    assert c.stats["years"] == 101
    again = c.workdays_between(date(1, 1, 1), date(2026, 6, 30))
    assert c.stats["years"] == 101 and again > 0
    assert c.next_workday(date(1, 1, 1)) == date(2000, 1, 3)  # Sat 1 Jan 2000 → Mon 3
    assert c.add_workdays(date(9999, 1, 1), 10) <= LAST
    assert c.add_workdays(date(2026, 1, 5), -10 ** 9) >= FIRST
    assert c.add_workdays(date(2026, 1, 5), 10 ** 9) <= LAST
    assert c.is_workday(date(1, 1, 1))  # outside the window: weekdays, no error


def test_counting_across_many_years_costs_per_year_not_per_day():
    c = cal()
    for _ in range(1000):
        c.workdays_between(date(2000, 1, 1), date(2099, 12, 31))
        c.add_workdays(date(2001, 1, 1), 20000)
    assert c.stats["years"] <= 101  # built once, then bisect


def test_the_tables_agree_with_day_by_day_counting():
    c = cal(d2026_03_02="off", d2026_03_07="work")
    start, end = date(2025, 12, 20), date(2027, 1, 10)
    by_day, day = 0, start
    while day <= end:
        by_day += c.is_workday(day)
        day = date.fromordinal(day.toordinal() + 1)
    assert c.workdays_between(start, end) == by_day
    # add_workdays walks the same days, both ways
    for n in (0, 1, 5, 40, 200):
        target = c.add_workdays(start, n)
        assert c.workdays_between(c.next_workday(start), target) == n + 1
        assert c.add_workdays(target, -n) == c.next_workday(start)


def test_an_entered_year_replaces_the_package_and_weekends():
    spring = {date(2027, 2, d): "off" for d in range(6, 14)}
    spring[date(2027, 2, 14)] = "work"  # a Sunday made a working day
    c = WorkCalendar({}, public={2027: spring})
    assert c.covered(2027) and not c.provisional(date(2027, 3, 1))
    assert not c.is_workday(date(2027, 2, 8))  # Monday of the Spring Festival
    assert c.is_workday(date(2027, 2, 14))
    assert c.provisional(date(2099, 3, 1))
    assert c.covered(2026)  # chinesecalendar
    assert not WorkCalendar({}).covered(2099)
