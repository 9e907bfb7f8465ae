"""Milestone pages: my milestones (buckets, scopes, visibility, query guard), the
per-project list with its status filter, and the add / edit / cancel / reopen forms."""
from datetime import date

import pytest
import time_machine
from sqlalchemy import func, select

from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone, ProjectEvent
from sicrm.projects.services import milestones as services
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries

TODAY = date(2026, 3, 11)  # Wednesday


@pytest.fixture
def project(db, people):
    return make_project(people["seller"], start=date(2026, 3, 2), pm=people["pm"],
                        name="某局数据中心")


def _section(html, key):
    return html.split(f'id="milestones-{key}"')[1].split('id="milestones-')[0]


def _milestone(key):
    return _db.session.scalar(select(Milestone).where(Milestone.key == key))


@time_machine.travel(TODAY, tick=False)
def test_my_milestones_buckets_and_scopes(login_as, people, project):
    # first_visit (seller) Mar 5 → overdue; demo (presales role → PM) Mar 24 → later
    extra = services.add_milestone(people["pm"], project, project.stages[2], name="本周样机",
                                   planned_date=date(2026, 3, 13), owner=people["seller"])
    far = services.add_milestone(people["pm"], project, project.stages[4], name="很久以后",
                                 planned_date=date(2026, 6, 1), owner=people["seller"])
    hidden = make_project(people["outsider"], customer=make_org("别人的客户"), name="别人的项目")
    theirs = hidden.stages[0].milestones[0]
    theirs.owner_id = people["seller"].id  # owned, but the project is not visible
    other = make_project(people["outsider"], name="不相干")
    other.stages[0].milestones[0].owner_id = people["manager"].id
    client = login_as(people["seller"])
    html = client.get("/projects/milestones").get_data(as_text=True)
    overdue, week = _section(html, "overdue"), _section(html, "week")
    assert "首次拜访" in overdue and "本周样机" in week and "本周样机" not in overdue
    assert "演示" not in html  # the PM's, not the seller's, and seller does not manage it
    assert far.name not in html and "别人的项目" not in html
    pm = login_as(people["pm"])
    managed = pm.get("/projects/milestones?scope=managed").get_data(as_text=True)
    assert "首次拜访" in managed and "演示" in managed and extra.name in managed
    mine = pm.get("/projects/milestones?scope=mine").get_data(as_text=True)
    assert "演示" in mine and "首次拜访" not in mine


def test_my_milestones_query_count_does_not_grow(login_as, people):
    client = login_as(people["pm"])

    def queries():
        client.get("/projects/milestones")
        with count_queries(_db.engine) as counter:
            assert client.get("/projects/milestones").status_code == 200
        return counter.count

    make_project(people["seller"], pm=people["pm"], start=date.today())
    few = queries()
    for n in range(4):
        make_project(people["seller"], pm=people["pm"], start=date.today(),
                     customer=make_org(f"客户{n}"))
    assert queries() == few


def test_project_list_filters_by_status(login_as, people, project):
    services.cancel_milestone(people["pm"], _milestone("demo"), "客户不需要演示")
    client = login_as(people["seller"])
    html = client.get(f"/projects/{project.id}/milestones").get_data(as_text=True)
    assert "首次拜访" in html and "演示" in html and "客户不需要演示" in html
    html = client.get(f"/projects/{project.id}/milestones?status=cancelled").get_data(
        as_text=True)
    assert "演示" in html and "首次拜访" not in html
    html = client.get(f"/projects/{project.id}/milestones?status=open").get_data(as_text=True)
    assert "首次拜访" in html and "客户不需要演示" not in html


def test_project_list_query_count_does_not_grow(login_as, people, project):
    client = login_as(people["seller"])

    def queries():
        client.get(f"/projects/{project.id}/milestones")
        with count_queries(_db.engine) as counter:
            assert client.get(f"/projects/{project.id}/milestones").status_code == 200
        return counter.count

    few = queries()
    for n in range(5):
        services.add_milestone(people["pm"], project, project.stages[2], name=f"里程碑{n}",
                               planned_date=date(2026, 3, 17), owner=people["seller"])
    services.cancel_milestone(people["pm"], _milestone("demo"), "不要了")
    assert queries() == few


def test_add_edit_cancel_reopen_through_the_pages(login_as, people, project):
    client = login_as(people["seller"])
    url = f"/projects/{project.id}/milestones"
    form = {"stage_id": str(project.stages[2].id), "name": "样机到货",
            "planned_date": "2026-03-14", "owner_id": str(people["pm"].id), "notes": ""}
    response = client.post(f"{url}/new", data=form)  # a Saturday: refused, nothing added
    assert response.status_code == 200 and "not a working day" in response.get_data(as_text=True)
    assert _db.session.scalar(select(func.count(Milestone.id)).where(
        Milestone.name == "样机到货")) == 0
    response = client.post(f"{url}/new", data={**form, "planned_date": "2026-03-17"})
    assert response.status_code == 302
    added = _db.session.scalar(select(Milestone).where(Milestone.name == "样机到货"))
    assert added.planned_date == date(2026, 3, 17) and added.owner_id == people["pm"].id
    response = client.post(f"{url}/{added.id}/edit",
                           data={"name": "样机到货并验收", "planned_date": "2026-03-18",
                                 "owner_id": str(people["outsider"].id), "notes": ""})
    assert response.status_code == 200  # the outsider is no choice: refused
    response = client.post(f"{url}/{added.id}/edit",
                           data={"name": "样机到货并验收", "planned_date": "2026-03-18",
                                 "owner_id": str(people["seller"].id), "notes": "两台"})
    assert response.status_code == 302
    _db.session.refresh(added)
    assert (added.name, added.planned_date, added.owner_id) == ("样机到货并验收",
                                                                date(2026, 3, 18),
                                                                people["seller"].id)
    # the seller edits but may not cancel; the PM may
    assert client.post(f"{url}/{added.id}/cancel", data={"reason": "x"}).status_code == 403
    pm = login_as(people["pm"])
    response = pm.post(f"{url}/{added.id}/cancel", data={"reason": ""})
    assert response.status_code == 200
    _db.session.refresh(added)
    assert added.status == "open"
    assert pm.post(f"{url}/{added.id}/cancel", data={"reason": "不再需要"}).status_code == 302
    _db.session.refresh(added)
    assert added.status == "cancelled"
    assert pm.post(f"{url}/{added.id}/reopen").status_code == 302
    _db.session.refresh(added)
    assert added.status == "open"
    kinds = _db.session.scalars(select(ProjectEvent.kind).where(
        ProjectEvent.kind.like("milestone_%")).order_by(ProjectEvent.id)).all()
    assert kinds == ["milestone_added", "milestone_edited", "milestone_cancelled",
                     "milestone_reopened"]


def test_an_engineer_outside_the_team_sees_no_list(login_as, people, project):
    assert login_as(people["engineer"]).get(
        f"/projects/{project.id}/milestones").status_code == 403
