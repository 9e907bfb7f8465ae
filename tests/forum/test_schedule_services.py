"""Schedule events: the rules (title, end after start, attendees who may see the
project, who may create, change and cancel), times stored in UTC from the local
zone, and the attendees' notifications on create, change, removal and cancel."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import AuditLog, Notification
from sicrm.extensions import db as _db
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule import queries, services, times
from sicrm.forum.schedule.models import ScheduleEvent
from tests.forum.schedule_world import contact, customer, meeting, people, project  # noqa: F401


def _notes(user):
    return _db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                               .order_by(Notification.id)).all()


def _count_events() -> int:
    return _db.session.scalar(select(func.count(ScheduleEvent.id)))


def test_a_project_meeting_is_stored_in_utc_and_invites_its_attendees(
        app, db, people, project, contact):
    seller, engineer = people["seller"], people["engineer"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id],
                                                  contact_ids=[contact.id]), project)
    assert (event.start_dt, event.end_dt) == (datetime(2026, 3, 12, 6, 0),
                                             datetime(2026, 3, 12, 7, 30))
    assert event.organizer == seller and event.status == "scheduled"
    assert event.organization == project.customer  # a project's event is with its customer
    assert [a.user for a in event.attendees if a.user] == [engineer]
    assert [a.contact for a in event.attendees if a.contact] == [contact]
    [note] = _notes(engineer)
    assert note.kind == "schedule_invited" and note.url == f"/schedule/{event.id}"
    assert note.params["when"] == "2026-03-12 14:00–15:30"
    assert note.params["organizer"] == "王销售" and note.params["place"] == " @ 3楼会议室"
    assert _notes(seller) == []  # the organiser is not told of their own event
    assert times.describe(event.start_dt, event.end_dt, False) == "2026-03-12 14:00–15:30"


def test_aware_input_in_another_zone_is_converted(app, db, people, project):
    from zoneinfo import ZoneInfo
    start = datetime(2026, 3, 12, 7, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # 14:00 Shanghai
    event = services.create_event(people["seller"], meeting(
        start=start, end=start.replace(hour=8)), project)
    assert event.start_dt == datetime(2026, 3, 12, 6, 0)


def test_all_day_event_spans_local_midnights(app, db, people, project):
    event = services.create_event(people["seller"], meeting(
        title="投标开标", kind="bid_opening", all_day=True, start=datetime(2026, 3, 20, 9),
        end=datetime(2026, 3, 21, 0)), project)
    # local midnight of the 20th to local midnight after the 21st, in UTC
    assert (event.start_dt, event.end_dt) == (datetime(2026, 3, 19, 16, 0),
                                             datetime(2026, 3, 21, 16, 0))
    assert times.local_days(event.start_dt, event.end_dt) == (
        datetime(2026, 3, 20).date(), datetime(2026, 3, 21).date())
    assert times.describe(event.start_dt, event.end_dt, True) == "2026-03-20 – 2026-03-21"


@pytest.mark.parametrize("fields, field, message", [
    ({"title": "  "}, "title", "Please give the event a title."),
    ({"end": datetime(2026, 3, 12, 13, 0)}, "end", "The end must be after the start."),
    ({"end": datetime(2026, 3, 12, 14, 0)}, "end", "The end must be after the start."),
    ({"all_day": True, "end": datetime(2026, 3, 11, 23, 0)}, "end",
     "The end must be after the start."),
    ({"end": None}, "start", "Please give the start and the end."),
    ({"kind": "party"}, "kind", "Please choose what kind of event this is."),
    ({"end": datetime(2026, 5, 1)}, "end", "An event may last at most 31 days."),
    ({"place": "楼" * 201}, "place", "Please use at most 200 characters."),
])
def test_bad_input_is_refused_and_changes_nothing(app, db, people, project, fields, field,
                                                  message):
    with pytest.raises(ServiceError) as error:
        services.create_event(people["seller"], meeting(**fields), project)
    assert error.value.field == field and str(error.value.message) == message
    assert _count_events() == 0


def test_attendees_who_cannot_see_the_project_are_refused_by_name(app, db, people, project):
    with pytest.raises(ServiceError) as error:
        services.create_event(people["seller"], meeting(user_ids=[
            people["engineer"].id, people["outsider"].id, people["stranger"].id]), project)
    assert error.value.field == "user_ids"
    assert str(error.value.message) == ("These users may not see the project and cannot "
                                        "attend: 外人乙、外人甲.")
    people["engineer"].active = False
    with pytest.raises(ServiceError, match="disabled"):
        services.create_event(people["seller"], meeting(user_ids=[people["engineer"].id]),
                              project)
    with pytest.raises(ServiceError, match="not a user"):
        services.create_event(people["seller"], meeting(user_ids=[99999]), project)
    with pytest.raises(ServiceError, match="not a known contact"):
        services.create_event(people["seller"], meeting(contact_ids=[99999]), project)
    assert _count_events() == 0 and _db.session.scalar(select(func.count(Notification.id))) == 0


def test_without_a_project_anyone_may_attend(app, db, people, customer):
    event = services.create_event(people["outsider"], meeting(
        kind="visit", title="拜访刘科长", organization_id=customer.id,
        user_ids=[people["stranger"].id]))
    assert event.project is None and event.organization == customer
    assert [n.kind for n in _notes(people["stranger"])] == ["schedule_invited"]


def test_only_who_may_edit_the_project_schedules_its_events(app, db, people, project):
    for who in ("outsider", "stranger"):
        with pytest.raises(ServiceError, match="may not schedule"):
            services.create_event(people[who], meeting(), project)
    project.status = "won"  # a closed project is read-only for its team
    with pytest.raises(ServiceError):
        services.create_event(people["engineer"], meeting(), project)
    assert services.create_event(people["admin"], meeting(), project).id
    people["outsider"].active = False
    with pytest.raises(ServiceError):
        services.create_event(people["outsider"], meeting())


def test_moving_an_event_tells_its_attendees_and_the_new_and_removed_ones(
        app, db, people, project):
    seller, engineer, manager = people["seller"], people["engineer"], people["manager"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    services.update_event(seller, event, meeting(title="方案评审会（改）",
                                                 user_ids=[engineer.id, manager.id]))
    assert event.sequence == 0  # same time and place: nothing to tell the attendee
    assert [n.kind for n in _notes(engineer)] == ["schedule_invited"]
    assert [n.kind for n in _notes(manager)] == ["schedule_invited"]
    services.update_event(seller, event, meeting(start=datetime(2026, 3, 13, 9, 0),
                                                 end=datetime(2026, 3, 13, 10, 0),
                                                 user_ids=[engineer.id]))
    assert event.start_dt == datetime(2026, 3, 13, 1, 0) and event.sequence == 1
    changed = _notes(engineer)[-1]
    assert changed.kind == "schedule_changed"
    assert changed.params["when"] == "2026-03-13 09:00–10:00"
    assert [n.kind for n in _notes(manager)] == ["schedule_invited", "schedule_removed"]
    with pytest.raises(ServiceError, match="may not see the project"):
        services.update_event(seller, event, meeting(user_ids=[people["outsider"].id]))


def test_cancelling_keeps_the_event_and_tells_the_attendees(app, db, people, project):
    seller, engineer = people["seller"], people["engineer"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    with pytest.raises(ServiceError):
        services.cancel_event(people["outsider"], event)
    services.cancel_event(seller, event, "客户临时出差")
    assert event.status == "cancelled" and event.cancel_reason == "客户临时出差"
    assert _count_events() == 1
    note = _notes(engineer)[-1]
    assert note.kind == "schedule_cancelled" and note.params["reason"] == " 客户临时出差"
    with pytest.raises(ServiceError, match="already cancelled"):
        services.cancel_event(seller, event)
    with pytest.raises(ServiceError, match="cancelled event cannot be changed"):
        services.update_event(seller, event, meeting())


def test_who_may_see_and_change_an_event(app, db, people, project, customer):
    seller, engineer, manager = people["seller"], people["engineer"], people["manager"]
    on_project = services.create_event(seller, meeting(), project)
    visit = services.create_event(seller, meeting(kind="visit", organization_id=customer.id,
                                                  user_ids=[people["stranger"].id]))
    expected_view = {
        # project event: exactly those who see the project
        "seller": (True, True), "engineer": (True, False), "manager": (True, True),
        "admin": (True, True), "outsider": (False, False), "stranger": (False, True),
    }
    for name, (project_view, visit_view) in expected_view.items():
        user = people[name]
        assert SP.can_view(user, on_project) is project_view, name
        assert SP.can_view(user, visit) is visit_view, name
        visible = set(_db.session.scalars(select(ScheduleEvent.id).where(
            SP.visible_filter(user))))
        assert visible == {e.id for e, seen in ((on_project, project_view),
                                                (visit, visit_view)) if seen}, name
    assert SP.can_edit(seller, on_project) and SP.can_edit(manager, on_project)
    assert not SP.can_edit(engineer, on_project)  # on the team, but not its organiser
    assert not SP.can_edit(people["stranger"], visit)  # an attendee only
    assert SP.can_edit(seller, visit) and SP.can_edit(people["admin"], visit)


def test_my_schedule_lists_upcoming_events_i_organise_or_attend(app, db, people, project):
    seller, engineer = people["seller"], people["engineer"]
    past = services.create_event(seller, meeting(title="上周会"), project)
    soon = services.create_event(seller, meeting(title="下周会", user_ids=[engineer.id],
                                                 start=datetime(2026, 3, 20, 9),
                                                 end=datetime(2026, 3, 20, 10)), project)
    now = datetime(2026, 3, 15)
    assert _db.session.scalars(queries.my_events(engineer, now=now)).all() == [soon]
    assert _db.session.scalars(queries.my_events(seller, now=now)).all() == [soon]
    assert _db.session.scalars(queries.my_events(seller, past=True, now=now)).all() == [past]
    assert _db.session.scalars(queries.my_events(people["manager"], now=now)).all() == []
    # taken off the team, the engineer no longer sees the project's events
    project.members = [m for m in project.members if m.user_id != engineer.id]
    _db.session.flush()
    assert _db.session.scalars(queries.my_events(engineer, now=now)).all() == []


def test_the_organiser_hears_when_a_manager_moves_or_cancels_their_event(
        app, db, people, project):
    seller, manager, engineer = people["seller"], people["manager"], people["engineer"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id]), project)
    services.update_event(manager, event, meeting(start=datetime(2026, 3, 12, 15),
                                                  end=datetime(2026, 3, 12, 16),
                                                  user_ids=[engineer.id]))
    services.cancel_event(manager, event)
    assert [n.kind for n in _notes(seller)] == ["schedule_changed", "schedule_cancelled"]
    assert [n.kind for n in _notes(engineer)] == ["schedule_invited", "schedule_changed",
                                                  "schedule_cancelled"]
    assert _notes(manager) == []


def test_attendees_answer_and_a_new_time_asks_them_again(app, db, people, project):
    seller, engineer, manager = people["seller"], people["engineer"], people["manager"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id, manager.id]),
                                  project)
    services.respond(engineer, event, "accepted")
    services.respond(manager, event, "declined", "同时段有评审会")
    assert {a.user.username: a.response for a in event.attendees} == {
        "engineer": "accepted", "manager": "declined"}
    [declined] = _notes(seller)
    assert declined.kind == "schedule_declined" and declined.params["name"] == "李经理"
    assert declined.params["reason"] == " 同时段有评审会"
    services.respond(manager, event, "declined")  # the same answer again: no new note
    assert len(_notes(seller)) == 1
    for who, answer, message in ((people["outsider"], "accepted", "Only an attendee"),
                                 (seller, "accepted", "Only an attendee"),
                                 (engineer, "pending", "Please answer"),
                                 (engineer, "maybe", "Please answer")):
        with pytest.raises(ServiceError, match=message):
            services.respond(who, event, answer)
    services.update_event(seller, event, meeting(start=datetime(2026, 3, 13, 14),
                                                 end=datetime(2026, 3, 13, 15),
                                                 user_ids=[engineer.id, manager.id]))
    assert {a.response for a in event.attendees} == {"pending"}
    services.cancel_event(seller, event)
    with pytest.raises(ServiceError, match="cancelled"):
        services.respond(engineer, event, "accepted")


def test_busy_attendees_are_found_without_telling_with_what(app, db, people, project,
                                                            customer):
    seller, engineer, manager = people["seller"], people["engineer"], people["manager"]
    review = services.create_event(seller, meeting(user_ids=[engineer.id, manager.id]),
                                   project)  # 14:00–15:30
    assert queries.busy_user_ids(review) == set()
    visit = services.create_event(people["outsider"], meeting(
        kind="visit", start=datetime(2026, 3, 12, 15), end=datetime(2026, 3, 12, 17),
        organization_id=customer.id, user_ids=[engineer.id]))
    services.create_event(manager, meeting(start=datetime(2026, 3, 12, 15, 30),
                                           end=datetime(2026, 3, 12, 16)))  # touches only
    assert queries.busy_user_ids(review) == {engineer.id}
    assert queries.busy_user_ids(visit) == {engineer.id}
    services.respond(engineer, visit, "declined")
    assert queries.busy_user_ids(review) == set()
    services.cancel_event(people["outsider"], visit)
    assert queries.busy_user_ids(visit) == set()


def test_changes_are_in_the_audit_log_with_their_actor(app, db, people, project):
    seller, manager = people["seller"], people["manager"]
    event = services.create_event(seller, meeting(), project)
    services.cancel_event(manager, event, "改期")
    _db.session.flush()
    rows = _db.session.execute(select(AuditLog.action, AuditLog.actor_id).where(
        AuditLog.object_type == "ScheduleEvent", AuditLog.object_id == event.id)
        .order_by(AuditLog.id)).all()
    assert rows == [("create", seller.id), ("update", manager.id)]
