"""Schedule pages: create from the form (datetime-local, the local zone), refusals
shown on the form and changing nothing, edit, cancel, the event page, my schedule and
the project's schedule (tab fragment) with fixed query counts, the organisation
section."""
from __future__ import annotations

from datetime import datetime

import time_machine
from sqlalchemy import func, select

from sicrm.core.models import Notification
from sicrm.extensions import db as _db
from sicrm.forum.schedule import services
from sicrm.forum.schedule.models import ScheduleEvent
from tests.fixtures.factories import make_contact, make_org
from tests.fixtures.queries import count_queries
from tests.forum.schedule_world import contact, customer, meeting, people, project  # noqa: F401

NOW = datetime(2026, 3, 11, 2, 0)  # 10:00 in Shanghai
FORM = {"kind": "meeting", "title": "需求澄清会", "start": "2026-03-12T14:00",
        "end": "2026-03-12T15:00", "place": "客户现场"}


def _events():
    return _db.session.scalars(select(ScheduleEvent).order_by(ScheduleEvent.id)).all()


@time_machine.travel(NOW, tick=False)
def test_create_a_project_event_from_the_form(login_as, people, project, contact):
    client = login_as(people["seller"])
    page = client.get(f"/schedule/new?project_id={project.id}").get_data(as_text=True)
    assert 'type="datetime-local"' in page and "赵工" in page and "刘科长" in page
    assert f'<option selected value="{project.customer_id}"' in page  # its customer
    response = client.post(f"/schedule/new?project_id={project.id}", data={
        **FORM, "user_ids": [str(people["engineer"].id)], "contact_ids": [str(contact.id)],
        "organization_id": str(project.customer_id)})
    [event] = _events()
    assert response.status_code == 302 and response.location == f"/schedule/{event.id}"
    assert event.start_dt == datetime(2026, 3, 12, 6, 0) and event.project_id == project.id
    assert _db.session.scalar(select(Notification.kind).where(
        Notification.user_id == people["engineer"].id)) == "schedule_invited"
    html = client.get(f"/schedule/{event.id}").get_data(as_text=True)
    assert "2026-03-12 14:00–15:00" in html and "刘科长" in html and "赵工" in html
    assert "External contacts are not notified" in html and 'id="event-edit"' in html
    # the engineer sees it, without the edit button
    html = login_as(people["engineer"]).get(f"/schedule/{event.id}").get_data(as_text=True)
    assert "需求澄清会" in html and 'id="event-edit"' not in html


@time_machine.travel(NOW, tick=False)
def test_bad_input_is_shown_on_the_form_and_saves_nothing(login_as, people, project):
    client = login_as(people["seller"])
    url = f"/schedule/new?project_id={project.id}"
    html = client.post(url, data={**FORM, "end": "2026-03-12T13:00"}).get_data(as_text=True)
    assert "The end must be after the start." in html
    html = client.post(url, data={**FORM, "user_ids": [str(people["outsider"].id)]}
                       ).get_data(as_text=True)
    assert "may not see the project and cannot attend: 外人甲" in html
    html = client.post(url, data={**FORM, "start": "next tuesday"}).get_data(as_text=True)
    assert "is-invalid" in html
    html = client.post(url, data={**FORM, "title": ""}).get_data(as_text=True)
    assert "This field is required." in html
    assert _events() == []
    # an outsider may not even open the project's form
    assert login_as(people["outsider"]).get(url).status_code == 403
    assert login_as(people["outsider"]).post(url, data=FORM).status_code == 403
    assert _events() == []


@time_machine.travel(NOW, tick=False)
def test_edit_and_cancel(login_as, people, project):
    seller, engineer = people["seller"], people["engineer"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    _db.session.commit()
    client = login_as(seller)
    page = client.get(f"/schedule/{event.id}/edit").get_data(as_text=True)
    assert 'value="2026-03-12T14:00"' in page and 'value="2026-03-12T15:30"' in page
    response = client.post(f"/schedule/{event.id}/edit", data={
        **FORM, "start": "2026-03-12T16:00", "end": "2026-03-12T17:00",
        "user_ids": [str(engineer.id)]})
    assert response.status_code == 302
    _db.session.refresh(event)
    assert event.start_dt == datetime(2026, 3, 12, 8, 0) and event.sequence == 1
    kinds = _db.session.scalars(select(Notification.kind).where(
        Notification.user_id == engineer.id).order_by(Notification.id)).all()
    assert kinds == ["schedule_invited", "schedule_changed"]
    assert login_as(engineer).post(f"/schedule/{event.id}/cancel").status_code == 403
    assert client.post(f"/schedule/{event.id}/cancel", data={"reason": "客户改期"}
                       ).status_code == 302
    _db.session.refresh(event)
    assert event.status == "cancelled"
    html = client.get(f"/schedule/{event.id}").get_data(as_text=True)
    assert 'id="event-cancelled"' in html and "客户改期" in html and 'id="event-edit"' not in html
    assert client.get(f"/schedule/{event.id}/edit").status_code == 403


def _guard(client, url, add_more) -> None:
    client.get(url)
    with count_queries(_db.engine) as before:
        assert client.get(url).status_code == 200
    add_more()
    _db.session.commit()
    client.get(url)
    with count_queries(_db.engine) as after:
        assert client.get(url).status_code == 200
    assert after.count <= before.count, after.statements[before.count:]


@time_machine.travel(NOW, tick=False)
def test_my_schedule_and_project_schedule_pages(login_as, people, project, contact,
                                                customer):
    seller, engineer = people["seller"], people["engineer"]
    services.create_event(seller, meeting(user_ids=[engineer.id], contact_ids=[contact.id]),
                          project)
    visit = services.create_event(people["outsider"], meeting(
        title="拜访刘科长", kind="visit", organization_id=customer.id))
    _db.session.commit()
    html = login_as(engineer).get("/schedule/").get_data(as_text=True)
    assert "方案评审会" in html and "拜访刘科长" not in html
    assert "No events" in login_as(people["stranger"]).get("/schedule/").get_data(as_text=True)
    fragment = login_as(engineer).get(f"/schedule/projects/{project.id}?partial=1"
                                      ).get_data(as_text=True)
    assert "方案评审会" in fragment and "<html" not in fragment
    assert 'id="project-event-new"' in fragment  # the engineer may edit the project
    assert login_as(people["outsider"]).get(f"/schedule/projects/{project.id}"
                                            ).status_code == 403
    page = login_as(engineer).get(f"/projects/{project.id}").get_data(as_text=True)
    assert f'data-fragment="/schedule/projects/{project.id}?partial=1"' in page
    # the organisation page shows the visit to who may see it
    assert "拜访刘科长" in login_as(people["outsider"]).get(
        f"/organizations/{customer.id}").get_data(as_text=True)
    assert "拜访刘科长" not in login_as(engineer).get(
        f"/organizations/{customer.id}").get_data(as_text=True)
    assert visit.id

    def more():
        for day in (13, 16, 17):
            services.create_event(seller, meeting(
                start=datetime(2026, 3, day, 9), end=datetime(2026, 3, day, 10),
                user_ids=[engineer.id, people["manager"].id], contact_ids=[contact.id]),
                project)

    _guard(login_as(engineer), "/schedule/", more)
    _guard(login_as(engineer), f"/schedule/projects/{project.id}?partial=1", more)
    _guard(login_as(people["outsider"]), f"/organizations/{customer.id}",
           lambda: services.create_event(people["outsider"], meeting(
               kind="visit", organization_id=customer.id)))
    assert _db.session.scalar(select(func.count(ScheduleEvent.id))) == 9


@time_machine.travel(NOW, tick=False)
def test_home_page_widget_lists_my_events_of_the_week(login_as, people, project):
    seller, engineer = people["seller"], people["engineer"]
    services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    services.create_event(seller, meeting(title="下月会", start=datetime(2026, 4, 20, 9),
                                          end=datetime(2026, 4, 20, 10),
                                          user_ids=[engineer.id]), project)
    dropped = services.create_event(seller, meeting(title="取消的会", user_ids=[engineer.id]),
                                    project)
    services.cancel_event(seller, dropped)
    _db.session.commit()
    html = login_as(engineer).get("/").get_data(as_text=True)
    assert 'id="widget-my-events"' in html and "方案评审会" in html
    assert "下月会" not in html and "取消的会" not in html
    assert 'id="widget-my-events"' not in login_as(people["outsider"]).get("/").get_data(
        as_text=True)


@time_machine.travel(NOW, tick=False)
def test_answer_from_the_event_page_whose_queries_do_not_grow(login_as, people, project,
                                                              contact, customer):
    seller, engineer = people["seller"], people["engineer"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id],
                                                  contact_ids=[contact.id]), project)
    _db.session.commit()
    client = login_as(engineer)
    assert 'id="event-respond-form"' in client.get(f"/schedule/{event.id}").get_data(
        as_text=True)
    assert 'id="event-respond-form"' not in login_as(seller).get(
        f"/schedule/{event.id}").get_data(as_text=True)
    assert client.post(f"/schedule/{event.id}/respond", data={
        "response": "tentative", "note": "看客户时间"}).status_code == 302
    html = client.get(f"/schedule/{event.id}").get_data(as_text=True)
    assert 'data-response="tentative"' in html and "Maybe" in html
    assert client.post(f"/schedule/{event.id}/respond", data={"response": "bogus"}
                       ).status_code == 302
    _db.session.expire_all()
    assert _db.session.get(ScheduleEvent, event.id).attendees[0].response == "tentative"

    def more():
        ev = _db.session.get(ScheduleEvent, event.id)
        new = services.EventData(title=ev.title, start=datetime(2026, 3, 12, 14),
                                 end=datetime(2026, 3, 12, 15, 30), place=ev.place,
                                 user_ids=[engineer.id, people["manager"].id,
                                           people["admin"].id],
                                 contact_ids=[contact.id, *[
                                     c.id for c in (make_contact(customer, name="甲"),
                                                    make_contact(make_org("另一家"),
                                                                 name="乙"))]])
        services.update_event(seller, ev, new)

    _guard(client, f"/schedule/{event.id}", more)


@time_machine.travel(NOW, tick=False)
def test_pages_render_in_chinese(login_as, people, project, contact):
    seller = people["seller"]
    seller.locale = "zh_CN"
    event = services.create_event(seller, meeting(user_ids=[people["engineer"].id],
                                                  contact_ids=[contact.id], all_day=True),
                                  project)
    _db.session.commit()
    client = login_as(seller)
    for url in ("/schedule/", "/schedule/?past=1", f"/schedule/{event.id}",
                f"/schedule/{event.id}/edit", "/schedule/new",
                f"/schedule/projects/{project.id}", f"/projects/{project.id}",
                "/calendar/?day=2026-03-12"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="zh' in response.get_data(as_text=True), url


def test_navigation_links_to_my_schedule(login_as, people):
    html = login_as(people["engineer"]).get("/schedule/").get_data(as_text=True)
    assert 'id="nav-my-schedule"' in html and 'href="/schedule/"' in html
