"""Events on the app calendar and in the iCalendar feeds (through
sicrm.core.calendar_sources): timed events in UTC, all-day ones as dates, cancelled
ones marked, stable UIDs; only for who may see them; and the event's own .ics."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

import time_machine
from icalendar import Calendar
from sqlalchemy import select

from sicrm.extensions import db as _db
from sicrm.forum.schedule import services
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.workflow.calendar import services as feeds
from tests.fixtures.queries import count_queries
from tests.forum.schedule_world import contact, customer, meeting, people, project  # noqa: F401

TODAY = date(2026, 3, 11)


def _feed(app, user, project=None) -> dict:
    feed = feeds.create_feed(user, project)
    response = app.test_client().get(f"/calendar/feed/{feed.token}.ics")
    assert response.status_code == 200
    return {str(e["UID"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}


def _cell(html, day):
    match = re.search(rf'<td[^>]*data-day="{day}"(.*?)</td>', html, re.S)
    assert match, day
    return match.group(0)


@time_machine.travel(TODAY, tick=False)
def test_feeds_carry_events_in_utc_to_those_who_may_see_them(app, db, people, project,
                                                             customer):
    seller, engineer = people["seller"], people["engineer"]
    seller.locale = "en"
    review = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    opening = services.create_event(seller, meeting(
        title="投标开标", kind="bid_opening", all_day=True, start=datetime(2026, 3, 20),
        end=datetime(2026, 3, 20)), project)
    dropped = services.create_event(seller, meeting(title="取消的会"), project)
    services.cancel_event(seller, dropped)
    visit = services.create_event(people["outsider"], meeting(
        kind="visit", title="拜访刘科长", organization_id=customer.id,
        user_ids=[people["stranger"].id]))
    events = _feed(app, seller)
    entry = events[f"event-{review.id}@localhost"]
    assert entry["DTSTART"].dt == datetime(2026, 3, 12, 6, 0, tzinfo=UTC)  # 14:00 Shanghai
    assert entry["DTEND"].dt == datetime(2026, 3, 12, 7, 30, tzinfo=UTC)
    assert str(entry["SUMMARY"]) == "14:00 Meeting: 方案评审会 · " + project.code
    assert str(entry["LOCATION"]) == "3楼会议室" and str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["URL"]).endswith(f"/schedule/{review.id}")
    whole_day = events[f"event-{opening.id}@localhost"]
    assert whole_day["DTSTART"].dt == date(2026, 3, 20)
    assert whole_day["DTEND"].dt == date(2026, 3, 21)
    cancelled = events[f"event-{dropped.id}@localhost"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert f"event-{visit.id}@localhost" not in events  # neither organiser nor attendee
    # the attendee sees what they attend; the outsider only their own visit
    assert set(_feed(app, engineer)) >= {f"event-{review.id}@localhost"}
    assert f"event-{dropped.id}@localhost" not in _feed(app, engineer)
    outsider = _feed(app, people["outsider"])
    assert [u for u in outsider if u.startswith("event-")] == [f"event-{visit.id}@localhost"]
    assert f"event-{visit.id}@localhost" in _feed(app, people["stranger"])
    # the project's feed has all of the project's events, not the visit
    in_project = _feed(app, engineer, project)
    assert {u for u in in_project if u.startswith("event-")} == {
        f"event-{e.id}@localhost" for e in (review, opening, dropped)}
    # off the team, the engineer's feed loses the project's events
    project.members = [m for m in project.members if m.user_id != engineer.id]
    _db.session.flush()
    assert not [u for u in _feed(app, engineer) if u.startswith("event-")]


@time_machine.travel(TODAY, tick=False)
def test_calendar_page_shows_events_on_their_local_day(app, db, login_as, people, project):
    seller, engineer = people["seller"], people["engineer"]
    # 00:30 on the 13th in Shanghai is still the 12th in UTC
    late = services.create_event(seller, meeting(title="夜间割接", start=datetime(2026, 3, 13, 0, 30),
                                                 end=datetime(2026, 3, 13, 2, 0)), project)
    review = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    html = login_as(engineer).get("/calendar/").get_data(as_text=True)
    cell = _cell(html, "2026-03-12")
    assert f'data-kind="event" data-id="{review.id}"' in cell
    assert f'href="/schedule/{review.id}"' in cell and "14:00" in cell
    assert "夜间割接" not in html  # the engineer does not attend it
    html = login_as(engineer).get(f"/calendar/?project_id={project.id}").get_data(
        as_text=True)
    assert f'data-id="{late.id}"' in _cell(html, "2026-03-13")
    assert html.count(f'data-kind="event" data-id="{review.id}"') == 1  # not twice
    assert login_as(people["outsider"]).get(f"/calendar/?project_id={project.id}"
                                            ).status_code == 403
    assert "方案评审会" not in login_as(people["outsider"]).get("/calendar/").get_data(
        as_text=True)


@time_machine.travel(TODAY, tick=False)
def test_calendar_page_query_count_does_not_grow_with_events(app, db, login_as, people,
                                                             project):
    seller, engineer = people["seller"], people["engineer"]
    client = login_as(seller)
    url = f"/calendar/?project_id={project.id}"
    services.create_event(seller, meeting(user_ids=[engineer.id]), project)

    def count():
        client.get(url)
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = count()
    for day in range(14, 20):
        services.create_event(seller, meeting(start=datetime(2026, 3, day, 9),
                                              end=datetime(2026, 3, day, 10),
                                              user_ids=[engineer.id]), project)
    assert count() == few


def test_event_ics_download(app, db, login_as, people, project, contact):
    seller = people["seller"]
    event = services.create_event(seller, meeting(user_ids=[people["engineer"].id],
                                                  contact_ids=[contact.id]), project)
    response = login_as(people["engineer"]).get(f"/schedule/{event.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    [entry] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(entry["UID"]) == f"event-{event.id}@localhost"  # as in the feeds
    assert entry["DTSTART"].dt == datetime(2026, 3, 12, 6, 0, tzinfo=UTC)
    assert str(entry["ORGANIZER"]) == "mailto:seller@example.com"
    assert {str(a) for a in entry["ATTENDEE"]} == {"mailto:zhao@example.com",
                                                   "mailto:liu@example.gov.cn"}
    assert login_as(people["outsider"]).get(f"/schedule/{event.id}.ics").status_code == 403
    assert _db.session.scalar(select(ScheduleEvent.sequence).where(
        ScheduleEvent.id == event.id)) == 0


def test_calendar_page_offers_a_new_event(app, db, login_as, people, project):
    html = login_as(people["engineer"]).get(f"/calendar/?project_id={project.id}").get_data(
        as_text=True)
    assert f'href="/schedule/new?project_id={project.id}"' in html
    assert 'href="/schedule/new"' in login_as(people["outsider"]).get("/calendar/").get_data(
        as_text=True)
    project.status = "won"  # read-only for its team: no button on its calendar
    _db.session.commit()
    html = login_as(people["engineer"]).get(f"/calendar/?project_id={project.id}").get_data(
        as_text=True)
    assert "/schedule/new" not in html


@time_machine.travel(TODAY, tick=False)
def test_a_days_events_are_in_time_order(app, db, login_as, people, project):
    seller = people["seller"]
    late = services.create_event(seller, meeting(title="下午会", start=datetime(2026, 3, 12, 16),
                                                 end=datetime(2026, 3, 12, 17)), project)
    early = services.create_event(seller, meeting(title="早会", start=datetime(2026, 3, 12, 9),
                                                  end=datetime(2026, 3, 12, 10)), project)
    cell = _cell(login_as(seller).get("/calendar/").get_data(as_text=True), "2026-03-12")
    assert cell.index(f'data-id="{early.id}"') < cell.index(f'data-id="{late.id}"')
