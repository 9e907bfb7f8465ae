"""Official calendar years (issue 12): entered as date ranges or imported from CSV or
iCalendar, used in preference to chinesecalendar, cross-checked against the holidays
package, reported in /healthz, announced to administrators from 1 October, marked on
provisional dates, and open projects re-planned on them."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
import time_machine
from icalendar import Calendar, Event
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core import calendar as calendar_module
from sicrm.core.calendar import WorkCalendar
from sicrm.core.calendar_import import parse_csv, parse_ics, parse_lines
from sicrm.core.cli import calendar as calendar_cli
from sicrm.core.errors import ServiceError
from sicrm.core.models import CalendarYear, PublicDay
from sicrm.core.services import calendar_years
from sicrm.projects.models import Milestone, ProjectEvent
from tests.fixtures.factories import make_user
from tests.fixtures.projects import make_project

#: the 2027 holidays as the State Council might announce them (a test fixture)
HOLIDAYS_2027 = """
2027-01-01 元旦
2027-02-06..2027-02-13 春节
# a comment line
2027-04-05 清明节
2027-05-01..2027-05-05 劳动节
2027-06-09 端午节
2027-09-15 中秋节
2027-10-01..2027-10-07 国庆节
"""
WORKDAYS_2027 = "2027-02-14 春节调休\n2027-02-20 春节调休\n2027-10-09 国庆调休"


@pytest.fixture(autouse=True)
def chinesecalendar_up_to_2026(monkeypatch):
    """These tests need 2027 unknown to chinesecalendar, as it is in 1.11, whatever
    version is installed."""
    years = frozenset(range(2004, 2027))
    monkeypatch.setattr(calendar_module, "package_years", lambda: years)
    monkeypatch.setattr(calendar_years, "package_years", lambda: years)


def _spans():
    return parse_lines(HOLIDAYS_2027, "off") + parse_lines(WORKDAYS_2027, "work")


def test_lines_are_read_as_days_and_ranges():
    spans = parse_lines("2027-02-06..2027-02-13 春节\n2027/10/01 ~ 2027/10/07 国庆\n2027-06-09",
                        "off")
    assert [(s.first, s.last, s.name) for s in spans] == [
        (date(2027, 2, 6), date(2027, 2, 13), "春节"),
        (date(2027, 10, 1), date(2027, 10, 7), "国庆"),
        (date(2027, 6, 9), date(2027, 6, 9), None)]
    for bad in ("春节 2027-02-06", "2027-02-30 x", "2027-02-13..2027-02-06",
                "2027-01-01..2027-12-31 all", "0001-01-01 x"):
        with pytest.raises(ServiceError) as error:
            parse_lines(f"2027-01-01 元旦\n{bad}", "off")
        assert "Line 2" in str(error.value.message)


def test_csv_in_both_shapes_and_ics():
    spans = parse_csv("start,end,kind,name\n2027-02-06,2027-02-13,休,春节\n"
                      "2027-02-14,,班,春节调休\n".encode())
    assert [(s.first, s.last, s.kind) for s in spans] == [
        (date(2027, 2, 6), date(2027, 2, 13), "off"), (date(2027, 2, 14), date(2027, 2, 14),
                                                       "work")]
    spans = parse_csv("2027-10-01,holiday,国庆节\n2027-10-09,workday,国庆调休".encode("gb18030"))
    assert [(s.first, s.kind, s.name) for s in spans] == [
        (date(2027, 10, 1), "off", "国庆节"), (date(2027, 10, 9), "work", "国庆调休")]
    with pytest.raises(ServiceError):
        parse_csv(b"2027-10-01,maybe,x")
    cal = Calendar()
    for start, end, summary in ((date(2027, 2, 6), date(2027, 2, 14), "春节 假期"),
                                (date(2027, 2, 14), None, "春节 补班")):
        event = Event()
        event.add("dtstart", start)
        if end:
            event.add("dtend", end)
        event.add("summary", summary)
        cal.add_component(event)
    spans = parse_ics(cal.to_ical())
    assert [(s.first, s.last, s.kind) for s in spans] == [
        (date(2027, 2, 6), date(2027, 2, 13), "off"), (date(2027, 2, 14), date(2027, 2, 14),
                                                       "work")]
    with pytest.raises(ServiceError):
        parse_ics(b"BEGIN:VCALENDAR\nnot really")


def test_an_entered_year_is_used_in_preference_to_weekends(db, admin):
    before = WorkCalendar()
    assert before.is_workday(date(2027, 2, 8)) and not before.covered(2027)
    saved = calendar_years.save_year(admin, _spans(), year=2027)
    db.session.commit()
    assert (saved.holidays, saved.workdays) == (1 + 8 + 1 + 5 + 1 + 1 + 7, 3)
    after = WorkCalendar()
    assert after.covered(2027) and not after.is_workday(date(2027, 2, 8))
    assert after.is_workday(date(2027, 2, 14))            # a Sunday worked
    assert after.add_workdays(date(2027, 2, 5), 1) == date(2027, 2, 14)
    # saving again replaces the year's days
    calendar_years.save_year(admin, parse_lines("2027-01-01 元旦", "off"), year=2027)
    db.session.commit()
    assert db.session.scalar(select(func.count(PublicDay.id))) == 1
    assert WorkCalendar().is_workday(date(2027, 2, 8))
    calendar_years.delete_year(admin, 2027)
    db.session.commit()
    assert not WorkCalendar().covered(2027)


def test_refusals_write_nothing(db, admin):
    for spans, year in ((parse_lines("2027-02-14 x", "work"), 2027),            # no holiday
                        (parse_lines("2027-02-06 x", "off") + parse_lines("2027-02-06 y",
                                                                          "work"), 2027),
                        (parse_lines("2027-12-31 x\n2028-01-01 y", "off"), None)):
        with pytest.raises(ServiceError):
            calendar_years.save_year(admin, spans, year=year)
        db.session.rollback()
    assert db.session.scalar(select(func.count(CalendarYear.year))) == 0


def test_the_cross_check_warns_where_the_holidays_package_knows_the_year(db, admin):
    # 2026 as chinesecalendar has it, less the Dragon Boat Festival, plus a wrong day off
    lines = ("2026-01-01..2026-01-03 元旦\n2026-02-15..2026-02-23 春节\n2026-04-04..2026-04-06"
             " 清明\n2026-05-01..2026-05-05 劳动节\n2026-09-25..2026-09-27 中秋\n"
             "2026-10-01..2026-10-07 国庆\n2026-03-03 错误")
    workdays = "2026-01-04\n2026-02-14\n2026-02-28\n2026-05-09\n2026-09-20\n2026-10-10"
    saved = calendar_years.save_year(admin, parse_lines(lines, "off")
                                     + parse_lines(workdays, "work"), year=2026)
    text = "\n".join(saved.warnings)
    assert "2026" in text and "Dragon Boat" in text            # the missing holiday
    assert len([w for w in saved.warnings if "entered as a holiday" in w]) == 1  # 3 March
    assert not any("make-up" in w for w in saved.warnings)
    # 2027: the package has no official schedule yet — said once, no false alarms
    unknown = calendar_years.save_year(admin, _spans(), year=2027)
    assert len(unknown.warnings) == 1 and "does not know" in unknown.warnings[0]


@time_machine.travel(date(2026, 12, 1), tick=False)
def test_healthz_reports_the_coverage(db, client, admin):
    part = client.get("/healthz").get_json()["calendar"]
    assert part["covered_until"] == 2026 and part["next_year_covered"] is False
    assert any("2027" in w for w in part["warnings"])
    calendar_years.save_year(admin, _spans(), year=2027)
    db.session.commit()
    part = client.get("/healthz").get_json()["calendar"]
    assert part["covered_until"] == 2027 and part["warnings"] == []
    assert part["entered_years"] == [2027]


@time_machine.travel(date(2027, 3, 1), tick=False)
def test_healthz_is_degraded_when_this_year_is_not_covered(db, client):
    health = client.get("/healthz").get_json()
    assert health["calendar"]["covered_until"] is None
    assert "calendar" in health["failing"] and health["status"] == "degraded"


def test_administrators_see_a_banner_from_october_when_next_year_is_missing(db, login_as,
                                                                             admin):
    manager = make_user("boss", roles=[R.EXECUTIVE])
    with time_machine.travel(date(2026, 9, 30), tick=False):
        assert 'id="calendar-banner"' not in login_as(admin).get("/").get_data(as_text=True)
    with time_machine.travel(date(2026, 10, 1), tick=False):
        html = login_as(admin).get("/").get_data(as_text=True)
        assert 'id="calendar-banner"' in html and "2027" in html
        assert 'id="calendar-banner"' not in login_as(manager).get("/").get_data(as_text=True)
        calendar_years.save_year(admin, _spans(), year=2027)
        db.session.commit()
        assert 'id="calendar-banner"' not in login_as(admin).get("/").get_data(as_text=True)


def _project(db, admin, start=date(2026, 12, 14)):
    pm = make_user("pm", roles=[R.PROJECT_MANAGER])
    return make_project(pm, pm=pm, start=start)


@time_machine.travel(date(2026, 12, 1), tick=False)
def test_dates_in_an_unknown_year_are_marked_provisional(db, login_as, admin):
    project = _project(db, admin)
    db.session.commit()
    assert max(m.planned_date for m in db.session.scalars(select(Milestone))).year == 2027
    client = login_as(admin)
    page = client.get(f"/projects/{project.id}/milestones").get_data(as_text=True)
    assert "provisional-date" in page and "official holidays of 2027" in page
    view = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "provisional-date" in view
    calendar_years.save_year(admin, _spans(), year=2027)
    db.session.commit()
    page = client.get(f"/projects/{project.id}/milestones").get_data(as_text=True)
    assert "provisional-date" not in page


@time_machine.travel(date(2026, 12, 1), tick=False)
def test_entering_a_year_replans_open_projects_and_records_it(db, admin):
    project = _project(db, admin, start=date(2027, 1, 25))
    db.session.commit()
    before = {m.id: m.planned_date for m in db.session.scalars(select(Milestone))}
    saved = calendar_years.save_year(admin, _spans(), year=2027)
    db.session.commit()
    assert saved.replanned == 1
    after = {m.id: m.planned_date for m in db.session.scalars(select(Milestone))}
    assert any(after[k] > before[k] for k in before)        # the Spring Festival counts now
    assert all(not (date(2027, 2, 6) <= d <= date(2027, 2, 13)) for d in after.values())
    event = db.session.scalar(select(ProjectEvent).where(
        ProjectEvent.project_id == project.id, ProjectEvent.kind == "calendar_replanned"))
    assert event is not None and event.params["year"] == 2027 and event.params["moved"] > 0
    assert event.actor_id == admin.id


def test_the_admin_page_enters_and_imports_a_year(db, login_as, admin):
    client = login_as(admin)
    assert client.get("/admin/calendar").status_code == 200
    response = client.post("/admin/calendar/years", data={
        "year": "2027", "holidays": HOLIDAYS_2027, "workdays": WORKDAYS_2027})
    assert response.status_code == 302
    assert db.session.get(CalendarYear, 2027).source == "form"
    page = client.get("/admin/calendar?year=2027").get_data(as_text=True)
    assert "2027-02-06..2027-02-13 春节" in page                  # shown again as ranges
    bad = client.post("/admin/calendar/years", data={
        "year": "2028", "holidays": "2028-01-01 元旦\n2027-05-01 劳动节"})
    assert bad.status_code == 400 and "2028" in bad.get_data(as_text=True)
    assert db.session.get(CalendarYear, 2028) is None
    upload = client.post("/admin/calendar/import", data={
        "file": (BytesIO("start,end,kind,name\n2029-01-01,,休,元旦\n".encode()), "2029.csv")})
    assert upload.status_code == 302 and db.session.get(CalendarYear, 2029).source == "csv"
    junk = client.post("/admin/calendar/import", data={
        "file": (BytesIO(b"\x89PNG\x00\x00"), "x.png")})
    assert junk.status_code == 400 and "CSV" in junk.get_data(as_text=True)


def test_the_cli_imports_a_file(db, app, tmp_path):
    good = tmp_path / "2027.csv"
    good.write_text("start,end,kind,name\n2027-02-06,2027-02-13,off,春节\n2027-02-14,,work,\n"
                    "2028-01-01,,off,元旦\n", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(calendar_cli, ["import", str(good)])
    assert result.exit_code == 1 and "several years" in result.output
    result = runner.invoke(calendar_cli, ["import", str(good), "--year", "2027"])
    assert result.exit_code == 0, result.output
    assert "2027: 8 holidays, 1 make-up working days" in result.output
    assert not WorkCalendar().is_workday(date(2027, 2, 8))
    result = runner.invoke(calendar_cli, ["import", str(good), "--year", "3000"])
    assert result.exit_code == 2
