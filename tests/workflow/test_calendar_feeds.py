"""iCalendar feeds: made, remade (old revoked), revoked; the public URL is read with
the token only, parses with `icalendar`, and shows only what its user may see now."""
from datetime import date, datetime

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone, Task
from sicrm.projects.services import lifecycle
from sicrm.workflow.calendar import services
from sicrm.workflow.models import CalendarFeed
from sicrm.workflow.services import reviews
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import PRESALES, make_project, make_version

TODAY = date(2026, 3, 11)


@pytest.fixture
def people(db):
    dept = make_department("销售部")
    manager = make_user("manager", roles=[R.DEPT_MANAGER, R.SALES], department=dept)
    dept.head = manager
    return {
        "manager": manager,
        "seller": make_user("seller", roles=[R.SALES], department=dept, full_name="王销售"),
        "outsider": make_user("outsider", roles=[R.SALES], full_name="外人"),
    }


@pytest.fixture
def project(people):
    stages = [dict(stage) for stage in PRESALES["stages"]]
    stages[1] = {**stages[1], "documents": []}  # the gate needs no document here
    return make_project(people["seller"], start=date(2026, 3, 2), name="某局数据中心",
                        customer=make_org("某局"), version=make_version({"stages": stages}))


def _parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.data)


def _events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_create_remake_and_revoke(db, people, project):
    seller = people["seller"]
    mine = services.create_feed(seller)
    assert len(mine.token) >= 43
    again = services.create_feed(seller)
    assert mine.revoked_dt is not None and again.revoked_dt is None
    of_project = services.create_feed(seller, project)
    assert [f.id for f in services.active_feeds(seller)] == [again.id, of_project.id]
    with pytest.raises(ServiceError):
        services.create_feed(people["outsider"], project)
    with pytest.raises(ServiceError):
        services.revoke_feed(people["outsider"], again)
    services.revoke_feed(seller, again)
    with pytest.raises(ServiceError):
        services.revoke_feed(seller, again)
    assert services.find_feed(again.token) is None
    assert services.find_feed(of_project.token) == of_project


@time_machine.travel(TODAY, tick=False)
def test_my_feed_has_milestones_reviews_and_tasks(app, db, people, project):
    seller, manager = people["seller"], people["manager"]
    seller.locale, manager.locale = "en", "zh_CN"
    visit = _db.session.scalar(select(Milestone).where(Milestone.key == "first_visit"))
    demo = _db.session.scalar(select(Milestone).where(Milestone.key == "demo"))
    demo.owner_id = seller.id
    # now in the gate stage; the lead stage's open milestone is cancelled with it
    lifecycle.finish_stage(seller, project, on=date(2026, 3, 6))
    assert visit.status == "cancelled"
    review = reviews.submit(seller, project, checked=[0])
    task = _db.session.scalar(select(Task).where(Task.key == "visit"))
    feed = services.create_feed(seller)
    manager_feed = services.create_feed(manager)
    client = app.test_client()  # nobody logged in: the token is enough
    calendar = _parse(client.get(f"/calendar/feed/{feed.token}.ics"))
    assert str(calendar["VERSION"]) == "2.0" and "sicrm" in str(calendar["PRODID"])
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert "王销售" in str(calendar["X-WR-CALNAME"])
    events = _events(calendar)
    event = events[f"milestone-{demo.id}@localhost"]
    assert event["DTSTART"].dt == demo.planned_date and not isinstance(event["DTSTART"].dt,
                                                                       datetime)
    assert (event["DTEND"].dt - event["DTSTART"].dt).days == 1
    assert str(event["SUMMARY"]).startswith("Milestone: 演示")  # the owner's language
    assert "DTSTAMP" in event and str(event["STATUS"]) == "CONFIRMED"
    assert str(events[f"milestone-{visit.id}@localhost"]["STATUS"]) == "CANCELLED"
    assert f"task-{task.id}@localhost" in events
    assert f"review-{review.id}@localhost" not in events  # the seller is no reviewer
    raw = client.get(f"/calendar/feed/{feed.token}.ics").data
    assert b"DTSTART;VALUE=DATE:" in raw
    manager_events = _events(_parse(client.get(f"/calendar/feed/{manager_feed.token}.ics")))
    summary = str(manager_events[f"review-{review.id}@localhost"]["SUMMARY"])
    assert "立项" in summary and "Approval" not in summary  # the manager reads Chinese
    assert f"milestone-{demo.id}@localhost" not in manager_events


def test_project_feed_has_milestones_and_stages(app, db, people, project):
    feed = services.create_feed(people["seller"], project)
    events = _events(_parse(app.test_client().get(f"/calendar/feed/{feed.token}.ics")))
    stages = [e for uid, e in events.items() if uid.startswith("stage-")]
    assert len(stages) == len(project.stages)
    lead = events[f"stage-{project.stages[0].id}@localhost"]
    assert lead["DTSTART"].dt == date(2026, 3, 2) and lead["DTEND"].dt == date(2026, 3, 7)
    assert len([u for u in events if u.startswith("milestone-")]) == 2


def test_wrong_revoked_or_dead_tokens_get_404_and_leak_nothing(app, db, people, project):
    seller = people["seller"]
    client = app.test_client()
    feed = services.create_feed(seller)
    project_feed = services.create_feed(seller, project)
    assert client.get(f"/calendar/feed/{feed.token}.ics").status_code == 200
    for token in ("nope", feed.token[:-1] + ("A" if feed.token[-1] != "A" else "B"), "x" * 80):
        response = client.get(f"/calendar/feed/{token}.ics")
        assert response.status_code == 404
        assert b"BEGIN:VCALENDAR" not in response.data and "某局".encode() not in response.data
    services.revoke_feed(seller, feed)
    response = client.get(f"/calendar/feed/{feed.token}.ics")
    assert response.status_code == 404 and "首次拜访".encode() not in response.data
    # losing access to the project ends its feed: the seller leaves the team
    project.members.clear()
    _db.session.flush()
    response = client.get(f"/calendar/feed/{project_feed.token}.ics")
    assert response.status_code == 404 and "某局".encode() not in response.data
    # an inactive user's feeds are dead
    other = services.create_feed(people["manager"])
    people["manager"].active = False
    assert client.get(f"/calendar/feed/{other.token}.ics").status_code == 404


def test_my_feed_drops_projects_i_no_longer_see(app, db, people, project):
    seller = people["seller"]
    feed = services.create_feed(seller)
    client = app.test_client()
    assert "首次拜访" in client.get(f"/calendar/feed/{feed.token}.ics").get_data(as_text=True)
    project.members.clear()
    _db.session.flush()
    body = client.get(f"/calendar/feed/{feed.token}.ics").get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in body and "首次拜访" not in body


def test_feed_pages(login_as, db, people, project):
    seller = people["seller"]
    client = login_as(seller)
    assert client.post("/calendar/feeds/new", data={}).status_code == 302
    assert client.post("/calendar/feeds/new", data={"project_id": str(project.id)}
                       ).status_code == 302
    html = client.get("/calendar/feeds/").get_data(as_text=True)
    feeds = services.active_feeds(seller)
    assert len(feeds) == 2 and all(f"/calendar/feed/{f.token}.ics" in html for f in feeds)
    outsider = login_as(people["outsider"])
    before = _db.session.scalar(select(func.count(CalendarFeed.id)))
    assert outsider.post("/calendar/feeds/new", data={"project_id": str(project.id)}
                         ).status_code == 403
    assert outsider.post(f"/calendar/feeds/{feeds[0].id}/revoke").status_code == 403
    assert _db.session.scalar(select(func.count(CalendarFeed.id))) == before
    assert client.post(f"/calendar/feeds/{feeds[0].id}/revoke").status_code == 302
    _db.session.refresh(feeds[0])
    assert feeds[0].revoked_dt is not None
