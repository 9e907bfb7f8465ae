"""Tasks in the app calendar and the iCalendar feed: standalone and project tasks of
their assignee, never a task of a project the assignee can no longer see."""
from datetime import timedelta

import pytest

from sicrm.extensions import db
from sicrm.forum.tasks import services
from sicrm.workflow.calendar import items
from sicrm.workflow.calendar.services import create_feed
from tests.forum.task_world import TODAY, build

DUE = TODAY + timedelta(days=3)


@pytest.fixture
def world(db):
    world = build()
    world["project_task"] = services.create_task(
        world["pm"], title="机房验收准备", assignee=world["engineer"], due_date=DUE,
        project=world["project"], milestone=None, today=TODAY)
    world["solo_task"] = services.create_task(
        world["engineer"], title="更新个人证书", due_date=DUE, today=TODAY)
    db.session.commit()
    return world


def _tasks(user):
    return {item.title: item for item in items.user_tasks(user, TODAY, TODAY + timedelta(30))}


def test_standalone_and_project_tasks_show_for_their_assignee(world):
    found = _tasks(world["engineer"])
    assert set(found) == {"机房验收准备", "更新个人证书"}
    assert found["机房验收准备"].project_code == world["project"].code
    assert found["更新个人证书"].project_id is None and found["更新个人证书"].start == DUE
    services.set_status(world["engineer"], world["project_task"], "done")
    db.session.commit()
    assert _tasks(world["engineer"])["机房验收准备"].status == "done"


def test_a_task_of_a_project_i_cannot_see_never_shows(world, login_as):
    world["project"].members = [m for m in world["project"].members
                                if m.user_id != world["engineer"].id]
    db.session.commit()
    assert set(_tasks(world["engineer"])) == {"更新个人证书"}
    feed = create_feed(world["engineer"])
    db.session.commit()
    ics = login_as(world["outsider"]).get(f"/calendar/feed/{feed.token}.ics").text
    assert "更新个人证书" in ics and "机房验收准备" not in ics
    page = login_as(world["engineer"]).get(f"/calendar/?day={DUE.isoformat()}").text
    assert "更新个人证书" in page and "机房验收准备" not in page
    assert "机房验收准备" not in login_as(world["outsider"]).get(
        f"/calendar/?day={DUE.isoformat()}").text
