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
